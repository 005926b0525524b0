"""The committee's review desk: the queue once on the dashboard, one view per item (preview,
changes, checklist, both actions through Wagtail's workflow endpoint), and the published
resources past their review date, confirmed or sent back to their network."""

import datetime

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageLogEntry, TaskState

import pytest

from moderation import review
from moderation.workflow import CHECKLIST
from resources.models import ResourcePage

from .conftest import make_resource
from .test_workflow import CHECKED, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client, contributor, moderator, networks, commit):
    page = make_resource("Fiche à relire", network=networks[0])
    with commit():
        submit(client, contributor, page, networks[0], title="Fiche à relire")
    mail.outbox.clear()
    return page


@pytest.fixture
def changed(client, contributor, networks, commit):
    """A published resource whose new version (another title, same summary) awaits review."""
    page = make_resource("Fiche publiée", network=networks[0], live=True)
    with commit():
        submit(client, contributor, page, networks[0], title="Fiche publiée, mise à jour")
    mail.outbox.clear()
    return page


def review_url(page):
    return reverse("moderation_review", args=[page.pk])


def test_the_dashboard_shows_the_queue_once_linking_to_the_review_view(submitted, moderator):
    client = Client()  # not the contributor's, whose « submitted » message is still pending
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count("Fiche à relire") == 1
    assert "Relecture : ressources en attente" in html
    # Wagtail's own « awaiting your review » panel is gone.
    assert "Awaiting your review" not in html and "En attente de votre relecture" not in html
    assert f'href="{review_url(submitted)}"' in html


def test_the_review_view_shows_preview_changes_checklist_and_both_actions(
    client, changed, moderator
):
    client.force_login(moderator)
    response = client.get(review_url(changed))
    assert response.status_code == 200
    html = response.content.decode()
    state = changed.current_workflow_task_state
    preview_url = reverse("moderation_review_preview", args=[changed.pk, state.task_id])
    assert f'src="{preview_url}"' in html
    assert "Ce qui a changé depuis la version publiée" in html
    assert "<li>Titre</li>" in html
    assert "<li>Réseau</li>" not in html, "the network did not change"
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[changed.pk, "live", state.revision_id]
    )
    assert compare in html
    for _name, label in CHECKLIST:
        assert str(label).replace("'", "&#x27;") in html
    assert 'value="approve"' in html and 'value="reject"' in html

    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview["Content-Security-Policy"]
    assert "Fiche publiée, mise à jour" in preview.content.decode()


def test_a_first_publication_says_everything_is_new(client, submitted, moderator):
    client.force_login(moderator)
    html = client.get(review_url(submitted)).content.decode()
    assert "Première publication" in html


def test_approving_from_the_review_view_publishes_through_wagtail(
    client, submitted, moderator, contributor, commit
):
    client.force_login(moderator)
    with commit():
        response = client.post(
            review_url(submitted), {"action": "approve", **CHECKED, "comment": "Merci !"}
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    submitted.refresh_from_db()
    assert submitted.live and not submitted.workflow_in_progress
    state = submitted.workflow_states.get().task_states.get().specific
    assert state.checklist == {name: True for name, _label in CHECKLIST}
    assert state.comment == "Merci !"
    assert [m.to for m in mail.outbox] == [[contributor.email]]


def test_approving_without_the_checklist_is_refused_and_changes_nothing(
    client, submitted, moderator
):
    client.force_login(moderator)
    data = {"action": "approve", **CHECKED}
    del data["licence_checked"]
    response = client.post(review_url(submitted), data)
    assert response.status_code == 400
    assert "Cochez chaque point de la liste de relecture" in response.content.decode()
    # Nothing ticked: the message is said once by the form (and once in the summary at the
    # top of the page), not once per box.
    html = client.post(review_url(submitted), {"action": "approve"}).content.decode()
    assert html.count("Cochez chaque point de la liste de relecture") == 2
    submitted.refresh_from_db()
    assert not submitted.live and submitted.workflow_in_progress
    assert submitted.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert mail.outbox == []


def test_sending_back_needs_a_reason_then_reaches_the_author(
    client, submitted, moderator, contributor, commit
):
    client.force_login(moderator)
    response = client.post(review_url(submitted), {"action": "reject", "comment": "  "})
    assert response.status_code == 400
    assert "Expliquez ce qu&#x27;il faut modifier" in response.content.decode()
    # Said first on the page (not only beside the form, below the preview), linked to it.
    html = response.content.decode()
    top = html.index("data-review-errors")
    assert top < html.index("review-preview") and "Expliquez" in html[top : top + 600]
    assert 'href="#review-reject"' in html
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress and mail.outbox == []

    with commit():
        response = client.post(
            review_url(submitted), {"action": "reject", "comment": "La licence manque."}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.workflow_in_progress and not submitted.live
    (message,) = mail.outbox
    assert message.to == [contributor.email] and "La licence manque." in message.body


def test_an_unknown_action_is_refused(client, submitted, moderator):
    client.force_login(moderator)
    response = client.post(review_url(submitted), {"action": "publish", **CHECKED})
    assert response.status_code == 400
    assert "Action de relecture inconnue" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress and not submitted.live


def test_contributors_cannot_open_or_use_the_review_view(client, submitted, contributor):
    client.force_login(contributor)
    state = submitted.current_workflow_task_state
    preview = reverse("moderation_review_preview", args=[submitted.pk, state.task_id])
    for response in (
        client.get(review_url(submitted)),
        client.post(review_url(submitted), {"action": "approve", **CHECKED}),
        client.get(preview),
    ):
        # Wagtail's admin answers a refusal with its home page and a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress and not submitted.live


def test_an_item_no_longer_in_review_sends_back_to_the_dashboard(client, networks, moderator):
    page = make_resource("Brouillon", network=networks[0])
    client.force_login(moderator)
    response = client.get(review_url(page), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "n&#x27;attend plus de relecture" in response.content.decode()


# -- keeping the library fresh ------------------------------------------------------------


@pytest.fixture
def stale(networks):
    page = make_resource("Fiche ancienne", network=networks[0], live=True)
    ResourcePage.objects.filter(pk=page.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    page.refresh_from_db()
    return page


def test_overdue_resources_are_listed_per_network(client, stale, networks, moderator):
    other = make_resource("Fiche bretonne", network=networks[1], live=True)
    ResourcePage.objects.filter(pk=other.pk).update(
        review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    make_resource("Fiche à jour", network=networks[0], live=True)
    client.force_login(moderator)
    html = client.get(reverse("moderation_freshness")).content.decode()
    assert "Réseau AMAP Île-de-France (1)" in html and "Réseau des AMAP de Bretagne (1)" in html
    assert "Fiche ancienne" in html and "Fiche bretonne" in html
    assert "Fiche à jour" not in html


def test_still_right_writes_a_new_review_date_and_logs_it(client, stale, moderator, settings):
    settings.RESOURCE_REVIEW_INTERVAL_DAYS = 365
    client.force_login(moderator)
    response = client.post(reverse("moderation_confirm_still_right", args=[stale.pk]))
    assert response.status_code == 302
    stale.refresh_from_db()
    expected = timezone.localdate() + datetime.timedelta(days=365)
    assert stale.review_date == expected
    assert stale.last_reviewed_at is not None
    # A later publication of the latest revision keeps it.
    assert stale.get_latest_revision_as_object().review_date == expected
    entry = PageLogEntry.objects.get(page=stale, action=review.CONFIRMED)
    assert entry.user == moderator and entry.data == {"review_date": expected.isoformat()}
    html = client.get(reverse("moderation_freshness")).content.decode()
    assert reverse("moderation_confirm_still_right", args=[stale.pk]) not in html
    history = client.get(reverse("wagtailadmin_pages:history", args=[stale.pk])).content.decode()
    assert "Relue par le comité : toujours juste" in history


def test_send_back_emails_the_network_contributors_with_the_reason(
    client, stale, moderator, contributor, other_contributor, commit
):
    client.force_login(moderator)
    with commit():
        response = client.post(
            reverse("moderation_send_back", args=[stale.pk]),
            {"reason": "Les tarifs de 2021 ne sont plus justes."},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [contributor.email], "only the resource's network"
    assert message.subject == "[AMAP'artage] À revoir : « Fiche ancienne »"
    assert "Les tarifs de 2021 ne sont plus justes." in message.body
    assert f"/admin/pages/{stale.pk}/edit/" in message.body
    entry = PageLogEntry.objects.get(page=stale, action=review.SENT_BACK)
    assert entry.data == {"reason": "Les tarifs de 2021 ne sont plus justes."}
    html = client.get(reverse("moderation_freshness")).content.decode()
    assert "Renvoyée au réseau le" in html
    stale.refresh_from_db()
    assert stale.live, "it stays online meanwhile"


def test_send_back_without_reason_is_refused_and_changes_nothing(
    client, stale, moderator, contributor, commit
):
    client.force_login(moderator)
    review_date = stale.review_date
    with commit():
        response = client.post(reverse("moderation_send_back", args=[stale.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Expliquez ce qu&#x27;il faut revoir" in response.content.decode()
    html = response.content.decode()
    top = html.index("data-freshness-errors")
    assert top < html.index('<h2 id="network-') and f'href="#p{stale.pk}_reason"' in html
    assert f'id="p{stale.pk}_reason"' in html
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(page=stale, action=review.SENT_BACK).exists()
    stale.refresh_from_db()
    assert stale.review_date == review_date


def test_send_back_to_a_network_without_anyone_is_refused(client, networks, moderator, commit):
    page = make_resource("Fiche orpheline", network=networks[1], live=True)
    ResourcePage.objects.filter(pk=page.pk).update(review_date=timezone.localdate())
    client.force_login(moderator)
    with commit():
        response = client.post(
            reverse("moderation_send_back", args=[page.pk]), {"reason": "À revoir."}
        )
    assert response.status_code == 400
    assert "Personne n&#x27;écrit pour le réseau" in response.content.decode()
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(page=page, action=review.SENT_BACK).exists()


def test_freshness_actions_are_for_moderators_only(client, stale, contributor, commit):
    client.force_login(contributor)
    review_date = stale.review_date
    home = reverse("wagtailadmin_home")
    with commit():
        responses = [
            client.get(reverse("moderation_freshness")),
            client.post(reverse("moderation_confirm_still_right", args=[stale.pk])),
            client.post(
                reverse("moderation_send_back", args=[stale.pk]), {"reason": "Je renvoie."}
            ),
        ]
    # Wagtail's admin answers a refusal with its home page and a message.
    assert [(r.status_code, r["Location"]) for r in responses] == [(302, home)] * 3
    assert "Désolé, vous n&#x27;avez pas les autorisations" in client.get(home).content.decode()
    stale.refresh_from_db()
    assert stale.review_date == review_date
    assert not PageLogEntry.objects.filter(
        page=stale, action__in=[review.CONFIRMED, review.SENT_BACK]
    ).exists()
    assert mail.outbox == []
    # Anonymous visitors are sent to the login page.
    client.logout()
    response = client.post(reverse("moderation_confirm_still_right", args=[stale.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize(
    ("days", "renewed"),
    [(-3, True), (0, True), (40, False)],
    ids=["overdue", "due-today", "chosen-for-later"],
)
def test_approving_an_update_renews_a_review_date_that_is_due(
    client, networks, contributor, moderator, settings, commit, days, renewed
):
    """Sent back to its network because it was due, corrected, approved again: the committee
    has just read it, so it leaves the overdue list. A date still to come is kept."""
    settings.RESOURCE_REVIEW_INTERVAL_DAYS = 365
    page = make_resource("Fiche ancienne", network=networks[0], live=True)
    due = timezone.localdate() + datetime.timedelta(days=days)
    ResourcePage.objects.filter(pk=page.pk).update(review_date=due)
    with commit():  # the edit form carries the date it shows
        submit(
            client,
            contributor,
            page,
            networks[0],
            title="Fiche ancienne, mise à jour",
            review_date=due.isoformat(),
        )
    client.force_login(moderator)
    state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
        {**CHECKED, "comment": ""},
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Fiche ancienne, mise à jour" and page.live
    expected = timezone.localdate() + datetime.timedelta(days=365) if renewed else due
    assert page.review_date == expected
    assert page.get_latest_revision_as_object().review_date == expected
    html = client.get(reverse("moderation_freshness")).content.decode()
    assert reverse("moderation_confirm_still_right", args=[page.pk]) not in html
