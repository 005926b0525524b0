"""Where a resource stands in the review, as its contributors see it: draft, waiting for the
committee (since when), sent back (with the committee's comment in full), published, and
published but due for an update the committee asked its network for (with the reason)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page, PageLogEntry, WorkflowState

DRAFT = "draft"
IN_REVIEW = "in_review"
SENT_BACK = "sent_back"
UPDATE_ASKED = "update_asked"
PUBLISHED = "published"
LABELS = {
    DRAFT: _("Brouillon"),
    IN_REVIEW: _("En attente de relecture"),
    SENT_BACK: _("Modifications demandées"),
    UPDATE_ASKED: _("Mise à jour demandée"),
    PUBLISHED: _("Publiée"),
}
# The contributor's dashboard, one section a state.
SECTION_TITLES = {
    DRAFT: _("Brouillons"),
    IN_REVIEW: _("En attente de relecture"),
    SENT_BACK: _("Modifications demandées"),
    UPDATE_ASKED: _("Mises à jour demandées par le comité"),
    PUBLISHED: _("Publiées"),
}
# Page history actions of the committee's freshness review (moderation.review): a published
# resource « still right », or sent back to its network for an update, with the reason. A
# request stays open until the resource is confirmed or published again.
CONFIRMED = "moderation.review_confirmed"
UPDATE_REQUESTED = "moderation.sent_back_to_network"
ANSWERS = (CONFIRMED, "wagtail.publish")


@dataclass
class Status:
    code: str
    since: datetime | None = None  # sent to the committee, sent back, or published
    comment: str = ""  # the committee's words when it sent the resource back
    reviewer: object = None  # who sent it back
    unpublished_changes: bool = False  # published, with a newer draft

    @property
    def label(self):
        return LABELS[self.code]


def current_workflow_states(pages):
    """{page id: its workflow state in progress or sent back}, in two queries."""
    ids = [str(p.pk) for p in pages]
    if not ids:
        return {}
    states = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=ids,
        )
        .select_related("current_task_state", "current_task_state__finished_by")
    )
    return {int(s.object_id): s for s in states}


def open_update_requests(page_ids):
    """{page id: its latest « sent back to the network » log entry}, for the pages where no
    confirmation or publication has followed it."""
    entries = {}
    for entry in (
        PageLogEntry.objects.filter(
            page_id__in=list(page_ids), action__in=(UPDATE_REQUESTED, *ANSWERS)
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    ):
        entries[entry.page_id] = entry if entry.action == UPDATE_REQUESTED else None
    return {pk: entry for pk, entry in entries.items() if entry}


def status_of(page, workflow_state=None, update_request=None):
    if workflow_state is not None:
        task_state = workflow_state.current_task_state
        if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES and task_state:
            return Status(
                SENT_BACK,
                since=task_state.finished_at,
                comment=task_state.comment,
                reviewer=task_state.finished_by,
            )
        if workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
            return Status(IN_REVIEW, since=task_state.started_at if task_state else None)
    if page.live and update_request is not None:
        return Status(
            UPDATE_ASKED,
            since=update_request.timestamp,
            comment=update_request.data.get("reason", ""),
            reviewer=update_request.user,
            unpublished_changes=page.has_unpublished_changes,
        )
    if page.live:
        return Status(
            PUBLISHED,
            since=page.first_published_at,
            unpublished_changes=page.has_unpublished_changes,
        )
    return Status(DRAFT, since=page.latest_revision_created_at)


def statuses(pages):
    states = current_workflow_states(pages)
    requests = open_update_requests(p.pk for p in pages if p.live)
    return {page.pk: status_of(page, states.get(page.pk), requests.get(page.pk)) for page in pages}
