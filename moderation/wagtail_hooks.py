import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import WorkflowMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from resources.models import NetworkMembership, ResourcePage

from . import dashboard, personal_data, review, views, workflow
from .panels import ReviewStatusPanel


@hooks.register("register_personal_data")
def proposals_personal_data():
    return personal_data.PROPOSALS


@hooks.register("resource_edit_top_panels")
def review_status_panel():
    # First in every resource's edit form (resources.models.pages.ResourcePage).
    return [ReviewStatusPanel()]


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


@hooks.register("register_log_actions")
def register_admin_publication(actions):
    actions.register_action(
        workflow.ADMIN_PUBLISH,
        _("Publication par un·e administrateur·rice, sans relecture"),
        _("Publiée par un·e administrateur·rice, sans relecture du comité"),
    )


@hooks.register("construct_page_action_menu")
def one_label_per_review_action(menu_items, request, context):
    # Wagtail appends « et Publier » to the last step's approval, whose label already says it.
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem) and item.name == "approve":
            item.label = _("Approuver et publier")


@hooks.register("after_edit_page")
def say_the_approval_published(request, page):
    """The editor's approval ends with Wagtail's « a été mise à jour »: say what happened."""
    if request.POST.get("workflow-action-name") != "approve" or page.workflow_in_progress:
        return
    page.refresh_from_db(fields=["live", "go_live_at", "has_unpublished_changes"])
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued and queued[-1].level == messages.SUCCESS:
        queued.pop()
    title = page.get_admin_display_title()
    if page.live and not page.has_unpublished_changes:
        text = _("La ressource « %(title)s » a été publiée.") % {"title": title}
    else:
        text = _("La ressource « %(title)s » a été approuvée : elle sera publiée le %(date)s.") % {
            "title": title,
            "date": date_format(localtime(page.go_live_at), "DATETIME_FORMAT")
            if page.go_live_at
            else "",
        }
    messages.success(request, text)


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("guide/", views.contributor_guide, name="moderation_contributor_guide")]


@hooks.register("register_help_menu_item")
def register_contributor_guide():
    return MenuItem(
        _("Guide de la contribution"),
        reverse("moderation_contributor_guide"),
        icon_name="help",
        order=100,
        name="contributor-guide",
    )


@hooks.register("construct_help_menu")
def french_help_only(request, menu_items):
    # Wagtail's own entries link to English guides and release notes.
    menu_items[:] = [item for item in menu_items if item.name == "contributor-guide"]


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    if dashboard.is_reviewer(request.user):
        # Ours replaces Wagtail's « awaiting your review » panel: the queue is shown once.
        panels[:] = [p for p in panels if getattr(p, "name", "") != "workflow_objects_to_moderate"]
        panels.insert(0, dashboard.ReviewQueuePanel())
    elif dashboard.has_own_resources(request.user):
        # Ours replaces Wagtail's « your pages in a workflow » panel, whose columns (language,
        # privacy) say nothing here: « Mes ressources » shows each state with the comment.
        panels[:] = [
            p for p in panels if getattr(p, "name", "") != "user_objects_in_workflow_moderation"
        ]
        panels.insert(0, dashboard.MyResourcesPanel())


SUBMIT_ACTIONS = ("action-submit", "action-restart-workflow")


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def back_to_my_resources_after_submitting(request, page):
    """A contributor who has just sent a resource to the committee lands on the admin home,
    where « Mes ressources » shows it waiting, rather than on the explorer of every network's
    pages (Wagtail's default); an explicit « next » address still wins."""
    if not isinstance(page, ResourcePage) or dashboard.is_reviewer(request.user):
        return None
    if not any(action in request.POST for action in SUBMIT_ACTIONS) or request.GET.get("next"):
        return None
    return redirect("wagtailadmin_home")


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
    # Its admin keeps the address it had before the model moved down to resources.
    url_prefix = "snippets/moderation/networkmembership"
    admin_url_namespace = "wagtailsnippets_moderation_networkmembership"
    icon = "group"
    menu_label = _("Membres des réseaux")
    add_to_settings_menu = True
    list_display = ["user", "network"]
    list_filter = ["network"]
    ordering = ["network__name", "user__username"]


register_snippet(NetworkMembershipViewSet)
