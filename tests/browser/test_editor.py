"""The page editor in a real browser, as the reading committee uses it (issue 12)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from moderation.roles import MODERATORS
from tests.sitedata import build_site

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "mot-de-passe-de-test"


def test_moderator_sees_the_resource_in_the_preview_panel(page, live_server):
    guide = build_site()["guide"]
    moderator = get_user_model().objects.create_user(
        "moderatrice", "moderatrice@exemple.org", PASSWORD
    )
    moderator.groups.add(Group.objects.get(name=MODERATORS))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "moderatrice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{guide.pk}/edit/")
    page.click('[data-side-panel-toggle="preview"]')
    frame = page.frame_locator("#w-preview-iframe")
    # The preview is the public page's template: the resource's summary, inside the frame.
    frame.get_by_text(guide.summary).first.wait_for(state="visible", timeout=20_000)
    assert frame.locator("h1").first.inner_text().strip() == guide.title
