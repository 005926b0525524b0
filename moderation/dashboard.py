"""The moderators' panel on the admin home: what waits for review, and for how long; which
published resources are past their review date."""

from django.db.models import Q
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

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
        from resources.models import ResourcePage

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
