"""The review workflow through the admin: submit, approve with the checklist, send back with a
reason, scheduled publication and expiry, and the e-mails each step sends."""

import datetime
import json

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupApprovalTask, Workflow, WorkflowState, WorkflowTask

import pytest

from moderation.workflow import CHECKLIST

from .conftest import make_resource
from .test_permissions import guide_data

pytestmark = pytest.mark.django_db

CHECKED = {name: "on" for name, _label in CHECKLIST}


def submit(client, user, page, network, **changes):
    client.force_login(user)
    data = guide_data(network, slug=page.slug, **{"action-submit": "1"})
    data.update(changes)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    return page


def act(client, user, page, action, data):
    client.force_login(user)
    state = page.current_workflow_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk]), data
    )


@pytest.fixture
def submitted(client, contributor, moderator, networks, commit):
    page = make_resource("Fiche à relire", network=networks[0])
    with commit():
        submit(client, contributor, page, networks[0], title="Fiche à relire")
    return page


def test_submission_emails_the_moderators_in_french(submitted, moderator, contributor):
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    message = mail.outbox[0]
    assert message.subject == "[AMAP'artage] À relire : « Fiche à relire »"
    assert "attend la relecture du comité" in message.body
    assert f"/admin/pages/{submitted.pk}/edit/" in message.body
    assert "Soumise par Sacha" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html and "Fiche à relire" in html


def test_moderator_approves_with_checklist_and_comment(
    client, submitted, moderator, contributor, commit
):
    mail.outbox.clear()
    with commit():
        response = act(
            client, moderator, submitted, "approve", {**CHECKED, "comment": "Très utile, merci !"}
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.live and not submitted.workflow_in_progress
    assert submitted.last_reviewed_at is not None
    assert submitted.get_latest_revision_as_object().last_reviewed_at == submitted.last_reviewed_at
    state = submitted.workflow_states.get().task_states.get().specific
    assert state.checklist == {name: True for name, _label in CHECKLIST}

    (message,) = mail.outbox
    assert message.to == [contributor.email]
    assert message.subject == "[AMAP'artage] « Fiche à relire » est publiée"
    assert "Très utile, merci !" in message.body
    assert "Très utile, merci !" in message.alternatives[0][0]
    assert submitted.url in message.body

    client.logout()
    html = client.get(submitted.url).content.decode()
    assert "Relu par le comité le" in html


def test_approval_without_the_checklist_publishes_nothing(client, submitted, moderator):
    response = act(
        client,
        moderator,
        submitted,
        "approve",
        {"licence_checked": "on", "comment": "ok"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted.pk, "approve", submitted.current_workflow_task_state.pk],
        ),
        {"licence_checked": "on"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "Cochez chaque point de la liste de relecture" in json.loads(response.content)["html"]
    submitted.refresh_from_db()
    assert not submitted.live and submitted.workflow_in_progress


def test_approval_from_the_editor_needs_the_checklist_too(client, submitted, moderator, networks):
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[submitted.pk])
    data = guide_data(
        networks[0],
        title="Fiche à relire",
        slug=submitted.slug,
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    data["workflow-action-extra-data"] = json.dumps({"comment": "vite fait"})
    response = client.post(url, data)
    assert response.status_code in (302, 403) and response.get("Location") != url
    submitted.refresh_from_db()
    assert not submitted.live

    data["workflow-action-extra-data"] = json.dumps(
        {**{name: True for name, _label in CHECKLIST}, "comment": "Parfait"}
    )
    assert client.post(url, data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.live and submitted.last_reviewed_at


def test_sending_back_needs_a_reason_that_reaches_the_author(
    client, submitted, moderator, contributor, commit
):
    mail.outbox.clear()
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted.pk, "reject", submitted.current_workflow_task_state.pk],
        ),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[submitted.pk, "reject", submitted.current_workflow_task_state.pk],
        ),
        {"comment": ""},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert "Expliquez ce qu&#x27;il faut modifier" in json.loads(response.content)["html"]
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress and not mail.outbox

    with commit():
        act(client, moderator, submitted, "reject", {"comment": "Le nom du paysan est à retirer."})
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (message,) = mail.outbox
    assert message.to == [contributor.email]
    assert "demande des modifications" in message.subject
    assert "Le nom du paysan est à retirer." in message.body
    assert f"/admin/pages/{submitted.pk}/edit/" in message.body


def test_resubmission_after_changes_notifies_moderators_again(
    client, submitted, moderator, contributor, networks, commit
):
    act(client, moderator, submitted, "reject", {"comment": "Ajoutez une date."})
    mail.outbox.clear()
    with commit():
        client.force_login(contributor)
        data = guide_data(networks[0], title="Fiche à relire", slug=submitted.slug)
        data["action-restart-workflow"] = "1"
        response = client.post(reverse("wagtailadmin_pages:edit", args=[submitted.pk]), data)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[moderator.email]]


def test_scheduled_publication_and_expiry_follow_the_approval(
    client, contributor, moderator, networks, commit
):
    later = timezone.now() + datetime.timedelta(days=3)
    expiry = timezone.now() + datetime.timedelta(days=30)
    page = make_resource("Programmée", network=networks[0])
    submit(
        client,
        contributor,
        page,
        networks[0],
        title="Programmée",
        go_live_at=later.strftime("%Y-%m-%d %H:%M"),
        expire_at=expiry.strftime("%Y-%m-%d %H:%M"),
    )
    mail.outbox.clear()
    with commit():
        act(client, moderator, page, "approve", {**CHECKED, "comment": ""})
    page.refresh_from_db()
    assert not page.live, "approved, but waits for its date"
    revision = page.scheduled_revision
    assert revision is not None and revision.approved_go_live_at is not None
    assert "sera publiée" in mail.outbox[0].subject

    # The date comes: the scheduler publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    with commit():
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.last_reviewed_at is not None
    assert page.expire_at is not None

    # Its expiry comes: unpublished.
    type(page).objects.filter(pk=page.pk).update(expire_at=timezone.now())
    with commit():
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live and page.expired


def test_a_later_step_that_rejects_emails_the_author_again(
    client, contributor, moderator, admin_user, networks, commit
):
    workflow = Workflow.objects.get(name="Relecture éditoriale")
    second = GroupApprovalTask.objects.create(name="Validation du bureau")
    WorkflowTask.objects.create(workflow=workflow, task=second, sort_order=1)
    page = make_resource("Deux étapes", network=networks[0])
    submit(client, contributor, page, networks[0], title="Deux étapes")
    mail.outbox.clear()

    with commit():
        act(client, moderator, page, "approve", {**CHECKED, "comment": "Bon pour moi."})
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress
    first = [m for m in mail.outbox if m.to == [contributor.email]]
    assert len(first) == 1 and "a passé une étape" in first[0].subject
    assert "Bon pour moi." in first[0].body

    mail.outbox.clear()
    with commit():
        act(client, admin_user, page, "reject", {"comment": "Le bureau veut un autre titre."})
    (message,) = [m for m in mail.outbox if m.to == [contributor.email]]
    assert "Le bureau veut un autre titre." in message.body
    page.refresh_from_db()
    assert not page.live


def test_wagtail_own_workflow_emails_are_not_sent(submitted, client, moderator, commit):
    with commit():
        act(client, moderator, submitted, "approve", {**CHECKED, "comment": ""})
    subjects = [m.subject for m in mail.outbox]
    assert all(s.startswith("[AMAP'artage]") for s in subjects), subjects


def test_review_date_survives_later_edits(client, submitted, moderator, contributor, networks):
    act(client, moderator, submitted, "approve", {**CHECKED, "comment": ""})
    submitted.refresh_from_db()
    reviewed = submitted.last_reviewed_at
    submit(client, contributor, submitted, networks[0], title="Fiche revue")
    assert submitted.get_latest_revision_as_object().last_reviewed_at == reviewed
