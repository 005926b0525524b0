"""The admin home's panels. Moderators: what waits for review, and for how long; which
published resources are past their review date. Contributors: « Mes ressources », where each
of their resources stands."""

from django.db.models import Q, Sum
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from downloads.models import DownloadDay
from resources.models import ResourcePage, get_resource_index
from resources.permissions import user_network_ids

from . import status as statuses
from .models import EditorialReviewTask, Proposal

LIMIT = 50


def is_reviewer(user):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    return EditorialReviewTask.objects.filter(active=True, groups__user=user).exists()


class ReviewQueuePanel(Component):
    name = "moderation_review_queue"
    template_name = "moderation/admin/review_queue_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        now = timezone.now()
        states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "workflow_state__requested_by", "task")
            .order_by("started_at")
        )
        page_ids = [int(s.workflow_state.object_id) for s in states[:LIMIT]]
        pages = ResourcePage.objects.in_bulk(page_ids)
        proposals = {
            p.page_id: p for p in Proposal.objects.filter(page_id__in=page_ids).order_by("pk")
        }
        queue = []
        for state in states[:LIMIT]:
            page = pages.get(int(state.workflow_state.object_id))
            if page is None:
                continue
            queue.append(
                {
                    "page": page,
                    "state": state,
                    "waited": now - state.started_at,
                    "requested_by": state.workflow_state.requested_by,
                    "proposal": proposals.get(page.pk),
                }
            )
        overdue = (
            ResourcePage.objects.live()
            .filter(Q(review_date__lte=timezone.localdate()))
            .order_by("review_date")
        )
        return {
            "queue": queue,
            "queue_count": states.count(),
            "overdue": overdue[:LIMIT],
            "overdue_count": overdue.count(),
            "limit": LIMIT,
        }


def own_resources(user):
    """The resources of the user's networks, and those they created."""

    if not user.is_active:
        return ResourcePage.objects.none()
    return ResourcePage.objects.filter(
        Q(network_id__in=user_network_ids(user)) | Q(owner=user)
    ).distinct()


def has_own_resources(user):
    return user.is_active and (bool(user_network_ids(user)) or own_resources(user).exists())


class MyResourcesPanel(Component):
    """A contributor's resources by state: sent back (with the comment), drafts, waiting for
    review (and for how long), published (downloads this month, review date)."""

    name = "moderation_my_resources"
    template_name = "moderation/admin/my_resources_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        pages = list(
            own_resources(request.user)
            .select_related("network")
            .order_by("-latest_revision_created_at", "-pk")
        )
        found = statuses.statuses(pages)
        groups = {code: [] for code in statuses.LABELS}
        for page in pages:
            groups[found[page.pk].code].append({"page": page, "status": found[page.pk]})
        groups[statuses.IN_REVIEW].sort(key=lambda item: item["status"].since or timezone.now())
        groups[statuses.PUBLISHED].sort(
            key=lambda item: (item["page"].review_date is None, item["page"].review_date)
        )
        today = timezone.localdate()
        shown_published = groups[statuses.PUBLISHED][:LIMIT]
        downloads = dict(
            DownloadDay.objects.filter(
                resource_id__in=[item["page"].pk for item in shown_published],
                day__gte=today.replace(day=1),
                day__lte=today,
            )
            .values_list("resource_id")
            .annotate(total=Sum("count"))
        )
        for item in shown_published:
            item["downloads_this_month"] = downloads.get(item["page"].pk, 0)
        sections = [
            {
                "code": code,
                "title": statuses.SECTION_TITLES[code],
                "items": groups[code][:LIMIT],
                "count": len(groups[code]),
            }
            for code in (
                statuses.SENT_BACK,
                statuses.UPDATE_ASKED,
                statuses.DRAFT,
                statuses.IN_REVIEW,
                statuses.PUBLISHED,
            )
        ]
        return {
            "sections": sections,
            "statuses": statuses,
            "total": len(pages),
            "limit": LIMIT,
            "today": today,
            "index": get_resource_index(),
        }
