import json

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import dashboard, privacy, review
from .models import NetworkMembership


@hooks.register("before_serve_document", order=-10)
def refuse_private_documents(document, request):
    # Runs before any other hook (the download counter's included): a refused file is a 404.
    privacy.ensure_document_access(request, document)


def _refuse_forged_actions(request, page, perms):
    """Refuse, rather than quietly save as a draft, what the action menu never offers."""
    if request.method != "POST":
        return
    if request.POST.get("action-publish") and not perms:
        raise PermissionDenied(_("Vous n'avez pas le droit de publier cette ressource."))
    if request.POST.get("action-workflow-action") and page is not None:
        task = page.current_workflow_task
        name = request.POST.get("workflow-action-name")
        actions = [a[0] for a in task.get_actions(page, request.user)] if task else []
        if name not in actions:
            raise PermissionDenied(_("Cette action de relecture ne vous est pas ouverte."))
        try:
            extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
        except ValueError:
            extra = None
        form_class = task.get_form_for_action(name)
        if not isinstance(extra, dict) or (form_class and not form_class(data=extra).is_valid()):
            raise PermissionDenied(
                _("La relecture est incomplète : remplissez le formulaire de l'action.")
            )


@hooks.register("before_edit_page")
def refuse_forged_edit_actions(request, page):
    _refuse_forged_actions(request, page, page.permissions_for_user(request.user).can_publish())


@hooks.register("before_create_page")
def refuse_forged_create_actions(request, parent_page, page_class):
    perms = parent_page.permissions_for_user(request.user).can_publish_subpage()
    _refuse_forged_actions(request, None, perms)


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    if dashboard.is_reviewer(request.user):
        # Ours replaces Wagtail's « awaiting your review » panel: the queue is shown once.
        panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
        panels.insert(0, dashboard.ReviewQueuePanel())


@hooks.register("register_admin_urls")
def register_review_urls():
    return review.urls()


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_action(
        review.CONFIRMED, _("Relue : toujours juste"), _("Relue par le comité : toujours juste")
    )

    @actions.register_action(review.SENT_BACK)
    class SentBackToNetwork(LogFormatter):
        label = _("Renvoyée au réseau pour relecture")

        def format_message(self, log_entry):
            return _("Renvoyée au réseau pour relecture : %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }


class NetworkMembershipViewSet(SnippetViewSet):
    model = NetworkMembership
    icon = "group"
    menu_label = _("Membres des réseaux")
    add_to_settings_menu = True
    list_display = ["user", "network"]
    list_filter = ["network"]
    ordering = ["network__name", "user__username"]


register_snippet(NetworkMembershipViewSet)
