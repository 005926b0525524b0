"""The reading committee's path in a real browser: log in, the dashboard's queue, the review
view (framed preview, checklist), approval, back to the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.moderation.conftest import PASSWORD, make_resource, make_user

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_moderator_reviews_from_the_dashboard(page, live_server):
    from moderation.roles import CONTRIBUTORS, MODERATORS
    from resources.models import Network

    network = Network.objects.create(name="Réseau AMAP Île-de-France", slug="idf")
    author = make_user("contributeur", CONTRIBUTORS, [network])
    make_user("moderatrice", MODERATORS, first_name="Dominique")
    resource = make_resource("Guide des distributions", network=network)
    resource.get_workflow().start(resource, author)

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "moderatrice")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    queue = page.locator("#moderation-queue-content, [id^=moderation-queue]").first
    queue.get_by_role("link", name="Guide des distributions").click()
    page.wait_for_url(f"**/admin/relecture/{resource.pk}/")
    expect(page.get_by_text("Première publication")).to_be_visible()
    # The preview is framed (the admin preview allows its own origin only).
    frame = page.frame_locator("iframe[title='Aperçu de la ressource']")
    expect(frame.get_by_role("heading", name="Guide des distributions").first).to_be_visible()

    for box in page.locator("form:has(input[value=approve]) input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Approuver et publier").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_text("« Guide des distributions » est approuvée.")).to_be_visible()
    expect(page.get_by_text("Aucune ressource n'attend de relecture.")).to_be_visible()
    resource.refresh_from_db()
    assert resource.live
