"""The committee's review desk: one admin view per item in review (the resource as the public
will see it, what changed since the published version, the checklist and both actions), and
the published resources past their review date, per network, confirmed or sent back.

The actions are Wagtail's: the forms are the task's (`get_form_for_action`) and a valid form is
handed to Wagtail's own workflow action view, which calls the task's `on_action`.
"""

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin.views.pages.workflow import PreviewRevisionForTaskView, WorkflowActionView
from wagtail.log_actions import log
from wagtail.models import TaskState

from resources.models import ResourcePage
from resources.models.pages import next_review_date

from . import dashboard, notifications
from . import status as review_status

logger = logging.getLogger("amapartage.moderation")

CONFIRMED = review_status.CONFIRMED
SENT_BACK = review_status.UPDATE_REQUESTED
ACTIONS = ("approve", "reject")


def _require_reviewer(user):
    if not dashboard.is_reviewer(user):
        raise PermissionDenied(_("Seul le comité de lecture a accès à cette page."))


def _resource(page_id):
    return get_object_or_404(ResourcePage, pk=page_id).specific


def _current_task_state(page):
    return (
        TaskState.objects.filter(
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
            status=TaskState.STATUS_IN_PROGRESS,
        )
        .select_related("workflow_state__requested_by", "revision")
        .order_by("-started_at")
        .first()
    )


def changed_fields(page, revision):
    """[(field label, comparison)] between the published version and the revision in review,
    through the same comparisons as Wagtail's revisions compare view."""
    if not page.live or page.live_revision_id is None or page.live_revision_id == revision.pk:
        return None  # never published: everything is new
    before = page.live_revision.as_object()
    after = revision.as_object()
    panel = page.get_edit_handler().get_bound_panel(instance=page, form=None)
    changes = []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(before, after)
        if comparison.has_changed():
            changes.append(comparison)
    return changes


def review(request, page_id):
    _require_reviewer(request.user)
    page = _resource(page_id)
    task_state = _current_task_state(page)
    if task_state is None:
        messages.warning(
            request,
            _("« %(title)s » n'attend plus de relecture.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_home")
    task = task_state.task.specific
    if not task.get_actions(page, request.user):
        raise PermissionDenied(_("Cette relecture ne vous est pas ouverte."))

    forms_by_action = {
        action: task.get_form_for_action(action)(auto_id=f"{action}_%s") for action in ACTIONS
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            messages.error(request, _("Action de relecture inconnue."))
            status = 400
        else:
            form = task.get_form_for_action(action)(request.POST, auto_id=f"{action}_%s")
            forms_by_action[action] = form
            if form.is_valid():
                # Wagtail's own endpoint does the action (permission checked again there).
                response = WorkflowActionView.as_view()(
                    request, page_id=page.pk, action_name=action, task_state_id=task_state.pk
                )
                task_state.refresh_from_db()
                if task_state.status != TaskState.STATUS_IN_PROGRESS:
                    done = (
                        _("« %(title)s » est approuvée.")
                        if action == "approve"
                        else _("Les modifications demandées sont envoyées pour « %(title)s ».")
                    )
                    messages.success(request, done % {"title": page.get_admin_display_title()})
                # Back to the queue, wherever Wagtail's view meant to go (the editor).
                return redirect("wagtailadmin_home") if response.status_code == 302 else response
            status = 400

    revision = task_state.revision
    changes = changed_fields(page, revision)
    context = {
        "page_title": _("Relire « %(title)s »") % {"title": revision.as_object().title},
        "header_icon": "tasks",
        "page": page,
        "revision": revision,
        "task_state": task_state,
        "requested_by": task_state.workflow_state.requested_by,
        "approve_form": forms_by_action["approve"],
        "reject_form": forms_by_action["reject"],
        "changes": changes,
        "compare_url": (
            reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", revision.pk])
            if changes is not None
            else ""
        ),
        "preview_url": reverse("moderation_review_preview", args=[page.pk, task.pk]),
        "history_url": reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "next_url": reverse("wagtailadmin_home"),
    }
    return TemplateResponse(request, "moderation/admin/review.html", context, status=status)


def review_preview(request, page_id, task_id):
    """Wagtail's preview of the revision in review, allowed in the review view's frame."""
    _require_reviewer(request.user)
    response = PreviewRevisionForTaskView.as_view()(request, page_id=page_id, task_id=task_id)
    # The public pages refuse any frame (the preview is rendered through the public page's
    # middleware, CSP included); this admin preview is framed by the review view, same origin.
    response["X-Frame-Options"] = "SAMEORIGIN"
    for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
        if header in response:
            response[header] = response[header].replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
    return response


# -- keeping the library fresh ------------------------------------------------------------


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Ce qu'il faut revoir (envoyé aux contributeur·rices du réseau)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy(
                "Expliquez ce qu'il faut revoir : ce message est envoyé au réseau."
            )
        },
    )


def overdue_resources():
    return (
        ResourcePage.objects.live()
        .filter(review_date__lte=timezone.localdate())
        .select_related("network")
        .order_by("network__name", "review_date", "pk")
    )


def freshness(request, form=None, form_page_id=None, status=200):
    _require_reviewer(request.user)
    pages = list(overdue_resources())
    sent_back = review_status.open_update_requests(p.pk for p in pages)
    groups = {}
    for page in pages:
        rows = groups.setdefault(page.network.name if page.network else "", [])
        rows.append(
            {
                "page": page,
                "sent_back": sent_back.get(page.pk),
                "form": form if page.pk == form_page_id else SendBackForm(auto_id=f"p{page.pk}_%s"),
            }
        )
    context = {
        "page_title": _("Ressources à revoir"),
        "header_icon": "date",
        "groups": [(name or _("(sans réseau)"), rows) for name, rows in sorted(groups.items())],
        "count": len(pages),
        # A refused « send back »: said at the top of the page, linked to its form.
        "form": form if form is not None and form.errors else None,
        "form_page_id": form_page_id if form is not None and form.errors else None,
    }
    return TemplateResponse(request, "moderation/admin/freshness.html", context, status=status)


def _write_review_date(page, review_date, reviewed_at):
    """On the page row and in its live and latest revisions, so that the next publication
    (which copies a revision over the row) keeps it."""
    type(page).objects.filter(pk=page.pk).update(
        review_date=review_date, last_reviewed_at=reviewed_at
    )
    for revision in {r for r in (page.live_revision, page.get_latest_revision()) if r}:
        revision.content["review_date"] = review_date.isoformat()
        revision.content["last_reviewed_at"] = reviewed_at.isoformat()
        revision.save(update_fields=["content"])


@require_POST
def confirm_still_right(request, page_id):
    _require_reviewer(request.user)
    page = _resource(page_id)
    if not page.live:
        messages.error(request, _("Cette ressource n'est pas publiée."))
        return redirect("moderation_freshness")
    review_date = next_review_date()
    with transaction.atomic():
        _write_review_date(page, review_date, timezone.now().replace(microsecond=0))
        log(
            instance=page,
            action=CONFIRMED,
            user=request.user,
            data={"review_date": review_date.isoformat()},
        )
    messages.success(
        request,
        _("« %(title)s » est confirmée ; prochaine relecture le %(date)s.")
        % {"title": page.title, "date": review_date.strftime("%d/%m/%Y")},
    )
    return redirect("moderation_freshness")


def network_contributors(network):
    if network is None:
        return []
    return list(
        get_user_model()
        .objects.filter(is_active=True, network_memberships__network=network)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@require_POST
def send_back_to_network(request, page_id):
    _require_reviewer(request.user)
    page = _resource(page_id)
    form = SendBackForm(request.POST, auto_id=f"p{page.pk}_%s")
    if not form.is_valid():
        return freshness(request, form=form, form_page_id=page.pk, status=400)
    recipients = network_contributors(page.network)
    if not recipients:
        form.add_error(
            None,
            _(
                "Personne n'écrit pour le réseau de cette ressource : rattachez un compte au "
                "réseau (Paramètres > Membres des réseaux) ou confirmez-la vous-même."
            ),
        )
        return freshness(request, form=form, form_page_id=page.pk, status=400)
    reason = form.cleaned_data["reason"]
    with transaction.atomic():
        log(instance=page, action=SENT_BACK, user=request.user, data={"reason": reason})
        context = notifications.page_context(page)
        context.update({"comment": reason, "reviewer": request.user})
        notifications.send("review_due", context, [u.email for u in recipients])
    messages.success(
        request,
        _("« %(title)s » est renvoyée au réseau pour mise à jour (%(network)s).")
        % {"title": page.title, "network": page.network},
    )
    return redirect("moderation_freshness")


def urls():
    return [
        path("relecture/<int:page_id>/", review, name="moderation_review"),
        path(
            "relecture/<int:page_id>/apercu/<int:task_id>/",
            review_preview,
            name="moderation_review_preview",
        ),
        path("relecture/a-revoir/", freshness, name="moderation_freshness"),
        path(
            "relecture/a-revoir/<int:page_id>/confirmer/",
            confirm_still_right,
            name="moderation_confirm_still_right",
        ),
        path(
            "relecture/a-revoir/<int:page_id>/renvoyer/",
            send_back_to_network,
            name="moderation_send_back",
        ),
    ]
