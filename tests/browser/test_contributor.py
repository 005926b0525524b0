"""Contributors in a real browser: « Mes ressources » on the admin home and the review status
at the top of the edit form; a volunteer corrects a proposal sent back through the private link
of the decision e-mail."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.models import WorkflowState

import pytest

from moderation.models import Proposal
from moderation.roles import CONTRIBUTORS, MODERATORS
from resources.models import GuidePage, Network
from tests.browser.conftest import WCAG_TAGS, check_axe, screenshot
from tests.conftest import minimal_pdf, png_bytes
from tests.moderation.conftest import make_resource, make_user
from tests.moderation.test_proposals import form_data
from tests.moderation.test_workflow import act, submit

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMMENT = "Le nom du paysan est à retirer.\nAjoutez la date de la distribution."


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def log_in(page, live_server, user):
    """The browser gets the session of a real login (Django's test client), not a mock."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def check_axe_within(page, axe_source, selector, label):
    """WCAG 2.1 A/AA rules of axe-core on our part of an admin page (Wagtail's own markup
    around it is Wagtail's to test)."""
    assert page.locator(selector).count() == 1, selector
    page.evaluate(axe_source)
    result = page.evaluate(
        "async ([sel, tags]) => await axe.run(document.querySelector(sel),"
        " {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    violations = [f"{v['id']}: {v['help']}" for v in result["violations"]]
    assert not violations, f"{label}: " + "\n".join(violations)


def test_contributor_sees_the_comment_on_the_dashboard_and_at_the_top_of_the_form(
    page, live_server, axe_source
):
    network = Network.objects.create(name="Réseau AMAP Île-de-France", slug="idf")
    contributor = make_user("contributeur", CONTRIBUTORS, [network], first_name="Sacha")
    moderator = make_user("moderatrice", MODERATORS, first_name="Dominique")
    resource = make_resource("Fiche à relire", network=network)
    client = Client()
    submit(client, contributor, resource, network, title="Fiche à relire")
    assert act(client, moderator, resource, "reject", {"comment": COMMENT}).status_code == 302
    make_resource("Fiche publiée", network=network, live=True)

    log_in(page, live_server, contributor)
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    panel = page.locator("#moderation-my-resources-section, [id^='moderation-my-resources']")
    assert panel.first.is_visible()
    sent_back = page.locator('[data-section="sent_back"]')
    assert sent_back.is_visible()
    assert "Le nom du paysan est à retirer." in sent_back.inner_text()
    assert "Ajoutez la date de la distribution." in sent_back.inner_text()
    assert "Fiche publiée" in page.locator('[data-section="published"]').inner_text()
    check_axe_within(page, axe_source, "#moderation-my-resources-content", "Mes ressources")
    screenshot(page, "admin-mes-ressources")

    # One click from the dashboard to the form, where the comment comes first.
    sent_back.get_by_role("link", name="Fiche à relire").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{resource.pk}/edit/"))
    status = page.locator('[data-review-status="sent_back"]')
    assert status.is_visible()
    assert "Modifications demandées" in status.inner_text()
    assert "Ajoutez la date de la distribution." in status.inner_text()
    status_top = status.bounding_box()["y"]
    assert status_top < page.locator("#id_title").bounding_box()["y"]
    body = page.locator("body").inner_text()
    english = [line for line in body.splitlines() if " ago" in line]
    assert not english, f"English durations in the editor: {english}"
    # naturaltime says « maintenant » within the same second, « il y a … » after:
    # both are French, and which one shows depends on how fast the machine is.
    since = status.locator("time").inner_text()
    assert re.fullmatch(r"maintenant|il y a .+", since), since
    check_axe_within(page, axe_source, '[data-review-status="sent_back"]', "statut de relecture")
    screenshot(page, "admin-modifications-demandees")


def test_volunteer_corrects_a_proposal_through_the_private_link(page, live_server, axe_source):
    make_user("moderatrice", MODERATORS, first_name="Dominique")
    client = Client()
    files = [
        SimpleUploadedFile("fiche.pdf", minimal_pdf("Paniers solidaires")),
        SimpleUploadedFile("affiche.png", png_bytes()),
    ]
    assert client.post("/proposer/", {**form_data(), "files": files}).status_code == 302
    proposal_page = GuidePage.objects.get()
    moderator = proposal_page.get_workflow().tasks.first().specific.groups.get().user_set.get()
    mail.outbox.clear()
    act(client, moderator, proposal_page, "reject", {"comment": COMMENT})
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/proposer/corriger/\S+/", message.body).group(0)
    url = live_server.url + urlsplit(link).path

    page.goto(url)
    assert "Le nom du paysan est à retirer." in page.locator("blockquote").inner_text()
    title = page.locator('[name="title"]')
    assert title.input_value() == "Organiser une distribution solidaire"
    keep = page.locator('[name="keep"]')
    assert keep.count() == 2 and all(keep.nth(n).is_checked() for n in range(2))
    check_axe(page, axe_source, "correction d'une proposition")
    screenshot(page, "proposition-a-corriger")

    title.fill("Organiser une distribution solidaire, le jeudi")
    keep.nth(1).uncheck()
    page.locator('[name="files"]').set_input_files(
        [{"name": "calendrier.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf("Jeudi")}]
    )
    page.get_by_role("button", name="Renvoyer la proposition au comité").click()
    page.wait_for_load_state()
    assert "votre proposition corrigée est renvoyée au comité" in page.content()

    latest = GuidePage.objects.get().get_latest_revision_as_object()
    assert latest.title == "Organiser une distribution solidaire, le jeudi"
    names = [d.document.filename for d in latest.downloads.all()]
    assert len(names) == 2 and names[0].startswith("fiche") and names[1].startswith("calendrier")
    state = WorkflowState.objects.for_instance(proposal_page).order_by("-pk").first()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Proposal.objects.get().decision == ""

    # The same link, once more: a French page, nothing changed.
    response = page.goto(url)
    assert response.status == 410
    assert "Ce lien a déjà servi" in page.content()
    assert GuidePage.objects.get().get_latest_revision_as_object().title.endswith("le jeudi")


def test_an_update_asked_by_the_committee_reaches_the_network(page, live_server, axe_source):
    """The committee's freshness desk in a real browser: a published resource past its review
    date is sent back to its network with a reason; the network's contributor finds it on the
    admin home and at the top of its form, reason in full."""
    import datetime

    from django.utils import timezone

    network = Network.objects.create(name="Réseau AMAP Île-de-France", slug="idf")
    contributor = make_user("contributeur", CONTRIBUTORS, [network], first_name="Sacha")
    moderator = make_user("moderatrice", MODERATORS, first_name="Dominique")
    resource = make_resource("Fiche des tarifs", network=network, live=True)
    GuidePage.objects.filter(pk=resource.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    reason = "Les tarifs de 2021 ne sont plus justes."

    log_in(page, live_server, moderator)
    page.goto(live_server.url + reverse("moderation_freshness"))
    page.get_by_label("Ce qu'il faut revoir").fill(reason)
    page.get_by_role("button", name="Renvoyer au réseau").click()
    page.wait_for_url(re.compile(r"/admin/relecture/a-revoir/$"))
    assert "est renvoyée au réseau" in page.locator("body").inner_text()
    assert len(mail.outbox) == 1 and reason in mail.outbox[0].body

    page.context.clear_cookies()
    log_in(page, live_server, contributor)
    page.goto(live_server.url + reverse("wagtailadmin_home"))
    asked = page.locator('[data-section="update_asked"]')
    assert "Mises à jour demandées par le comité (1)" in asked.inner_text()
    assert reason in asked.inner_text()
    check_axe_within(page, axe_source, "#moderation-my-resources-content", "Mes ressources")
    asked.get_by_role("link", name="Fiche des tarifs").click()
    page.wait_for_url(re.compile(rf"/admin/pages/{resource.pk}/edit/"))
    status = page.locator('[data-review-status="update_asked"]')
    assert "Mise à jour demandée" in status.inner_text() and reason in status.inner_text()
    check_axe_within(page, axe_source, '[data-review-status="update_asked"]', "mise à jour")
    screenshot(page, "admin-mise-a-jour-demandee")
