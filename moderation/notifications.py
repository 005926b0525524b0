"""The workflow's e-mails, in French, plain text and HTML.

Wagtail's own workflow e-mails are switched off (`silence_wagtail_notifications`): they would
reach the same people a second time, with other words and without the moderator's comment on
approval, and never the volunteers who proposed a resource without an account.

Messages are rendered at once and sent after the transaction commits, through the task queue
Wagtail already uses (django-tasks): its default backend runs them immediately, so nothing
waits for a worker.
"""

import logging
from functools import partial
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.admin.signal_handlers import (
    task_submission_email_notifier,
    workflow_approval_email_notifier,
    workflow_rejection_email_notifier,
    workflow_submission_email_notifier,
)
from wagtail.models import AbstractGroupApprovalTask, TaskState, WorkflowState
from wagtail.signals import (
    task_approved,
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from django_tasks import task

from moderation.models import Proposal

logger = logging.getLogger("amapartage.moderation")


@task()
def send_email_task(subject, text, html, to, reply_to=None):
    message = EmailMultiAlternatives(subject, text, to=to, reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    message.send()


def send(template, context, recipients):
    """One message per address (moderators do not see each other's addresses)."""
    recipients = [r for r in dict.fromkeys(recipients) if r]
    if not recipients:
        return
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "propose_url": absolute(reverse("moderation:propose")),
        "contact_email": contact_address(context.get("network")),
        **context,
    }
    with translation.override("fr"):
        subject = " ".join(
            render_to_string(f"moderation/emails/{template}_subject.txt", context).split()
        )
        text = render_to_string(f"moderation/emails/{template}.txt", context).strip() + "\n"
        html = render_to_string(f"moderation/emails/{template}.html", context)
    reply_to = [context["contact_email"]]
    for address in recipients:
        transaction.on_commit(
            partial(send_email_task.enqueue, subject, text, html, [address], reply_to)
        )


def contact_address(network=None):
    """Whom to write to about a resource: its network's address when known, else the site's."""
    return getattr(network, "email", "") or settings.CONTACT_EMAIL


def absolute(url):
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", url or "")


def page_context(page):
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    latest = page.get_latest_revision_as_object()
    return {
        "page": latest,
        "title": latest.title,
        "kind_label": getattr(latest, "kind_label", ""),
        "network": getattr(latest, "network", None),
        "edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        "public_url": absolute(page.get_url()) if page.live else "",
    }


def _wants(user, kind):
    profile = getattr(user, "wagtail_userprofile", None)
    return getattr(profile, f"{kind}_notifications", True) if profile else True


def moderator_addresses(task, exclude=None):
    User = get_user_model()
    users = User.objects.filter(is_active=True, groups__in=task.groups.all()).distinct()
    addresses = [u.email for u in users if u.email and u != exclude and _wants(u, "submitted")]
    if not addresses:
        # Nobody on the committee yet: the administrators must hear of it.
        addresses = [
            u.email
            for u in User.objects.filter(is_active=True, is_superuser=True)
            if u.email and u != exclude
        ]
    return addresses


def send_to_authors(template, context, workflow_state, page, kind, exclude=None):
    """To whoever submitted it (unless they act themselves), and to the volunteer who
    proposed it, who has no account: they get no link into the admin."""

    author = workflow_state.requested_by
    if author and author != exclude and author.is_active and author.email and _wants(author, kind):
        send(template, {**context, "volunteer": False}, [author.email])
    for proposal in Proposal.objects.filter(page_id=page.pk):
        extra = {}
        if template == "rejected":
            # Their private link to correct and resubmit this proposal (moderation.resubmit,
            # which imports this module).
            from moderation import resubmit

            extra = {
                "resubmit_url": resubmit.link_for(proposal, page),
                "resubmit_until": resubmit.expires_on(),
            }
        send(template, {**context, **extra, "volunteer": True}, [proposal.contributor_email])


def record_decision(page, decision):
    Proposal.objects.filter(page_id=page.pk).update(decided_at=timezone.now(), decision=decision)


# -- workflow signals ---------------------------------------------------------------------


def on_task_submitted(sender, instance, user=None, **kwargs):
    task = instance.task.specific
    if not isinstance(task, AbstractGroupApprovalTask):
        return
    page = instance.workflow_state.content_object
    # Submitted again after changes: undecided until the next decision.
    Proposal.objects.filter(page_id=page.pk).update(decided_at=None, decision="")
    context = page_context(page)
    context.update(
        {
            "task": task,
            "submitted_by": user,
            "proposal": Proposal.objects.filter(page_id=page.pk).first(),
            "review_url": context["edit_url"],
        }
    )
    send("submitted", context, moderator_addresses(task, exclude=user))


def on_task_approved(sender, instance, user=None, **kwargs):
    workflow_state = instance.workflow_state
    page = workflow_state.content_object.specific
    page.refresh_from_db()
    finished = workflow_state.status == WorkflowState.STATUS_APPROVED
    scheduled_revision = page.scheduled_revision if finished and not page.live else None
    if finished:
        record_decision(page, "approved")
    context = page_context(page)
    context.update(
        {
            "comment": instance.comment,
            "reviewer": user,
            "task": instance.task,
            "finished": finished,
            "go_live_at": scheduled_revision.approved_go_live_at if scheduled_revision else None,
            "expire_at": page.expire_at,
        }
    )
    send_to_authors("approved", context, workflow_state, page, "approved", exclude=user)


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    page = instance.content_object.specific
    task_state = instance.current_task_state
    record_decision(page, "rejected")
    context = page_context(page)
    context.update({"comment": task_state.comment, "reviewer": user, "task": task_state.task})
    send_to_authors("rejected", context, instance, page, "rejected", exclude=user)


def on_workflow_cancelled(sender, instance, user=None, **kwargs):
    record_decision(instance.content_object, "cancelled")


def _silenced(**kwargs):
    """Stands in for one of Wagtail's workflow e-mails: see the module's docstring."""


def silence_wagtail_notifications():
    # Registered under Wagtail's own dispatch_uids: whichever app's ready() runs first,
    # Wagtail's receiver is removed or never added.
    for signal, sender, uid, receiver in (
        (
            task_submitted,
            TaskState,
            "group_approval_task_submitted_email_notification",
            task_submission_email_notifier,
        ),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
            workflow_submission_email_notifier,
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
            workflow_rejection_email_notifier,
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
            workflow_approval_email_notifier,
        ),
    ):
        signal.disconnect(receiver, sender=sender, dispatch_uid=uid)
        signal.connect(_silenced, sender=sender, dispatch_uid=uid, weak=False)


def connect():
    silence_wagtail_notifications()
    task_submitted.connect(on_task_submitted, dispatch_uid="moderation_task_submitted")
    task_approved.connect(on_task_approved, dispatch_uid="moderation_task_approved")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="moderation_rejected"
    )
    workflow_cancelled.connect(
        on_workflow_cancelled, sender=WorkflowState, dispatch_uid="moderation_cancelled"
    )
