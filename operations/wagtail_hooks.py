"""The recycle bin in the admin: deleting a resource, a document or an image puts it in the bin, and
moderators restore it or delete it for good from « Corbeille »."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from operations import recycle_bin
from operations.models import BinEntry
from resources.models import ResourcePage
from resources.recycle_bin import BIN_NAME


def can_manage_bin(user):
    return user.is_active and (user.is_superuser or user.has_perm("operations.change_binentry"))


@hooks.register("before_delete_page")
def bin_instead_of_delete(request, page):
    if request.method != "POST" or not isinstance(page.specific, ResourcePage):
        return None
    parent = page.get_parent()
    recycle_bin.bin_page(page, user=request.user)
    messages.success(request, recycle_bin.message_binned(page.title))
    return redirect("wagtailadmin_explore", parent.pk)


@hooks.register("before_bulk_action")
def bin_instead_of_bulk_delete(request, action_type, objects, action_class_instance):
    if action_type != "delete" or request.method != "POST":
        return None
    resources = [o for o in objects if isinstance(getattr(o, "specific", o), ResourcePage)]
    files = [o for o in objects if isinstance(o, (get_document_model(), get_image_model()))]
    if not resources and not files:
        return None
    for page in resources:
        recycle_bin.bin_page(page, user=request.user)
    for item in files:
        recycle_bin.bin_file(item, user=request.user)
    for item in resources + files:
        messages.success(request, recycle_bin.message_binned(item.title))
    return redirect(safe_next(request))


def safe_next(request):
    """The ?next= address if it stays on this site, else the admin's home."""
    target = request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def bin_index(request):
    if not can_manage_bin(request.user):
        raise PermissionDenied
    entries = BinEntry.objects.select_related("deleted_by")
    return TemplateResponse(
        request,
        "operations/bin_index.html",
        {
            "entries": entries,
            "days": recycle_bin.BIN_DAYS,
            "bin_name": BIN_NAME,
        },
    )


@require_POST
def bin_restore(request, entry_id):
    if not can_manage_bin(request.user):
        raise PermissionDenied
    entry = get_object_or_404(BinEntry, pk=entry_id)
    item = recycle_bin.restore(entry, user=request.user)
    if item is not None:
        messages.success(request, _("« %(title)s » est restauré·e.") % {"title": entry.title})
    return redirect("operations_bin")


@require_POST
def bin_purge(request, entry_id):
    if not can_manage_bin(request.user):
        raise PermissionDenied
    entry = get_object_or_404(BinEntry, pk=entry_id)
    recycle_bin.purge(entry)
    messages.success(
        request, _("« %(title)s » est supprimé·e définitivement.") % {"title": entry.title}
    )
    return redirect("operations_bin")


@hooks.register("register_admin_urls")
def register_bin_urls():
    return [
        path("corbeille/", bin_index, name="operations_bin"),
        path("corbeille/<int:entry_id>/restaurer/", bin_restore, name="operations_bin_restore"),
        path("corbeille/<int:entry_id>/supprimer/", bin_purge, name="operations_bin_purge"),
    ]


class BinMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_bin(request.user)


@hooks.register("register_admin_menu_item")
def register_bin_menu_item():
    return BinMenuItem(BIN_NAME, reverse("operations_bin"), icon_name="bin", order=10_000)


@hooks.register("register_permissions")
def bin_permissions():
    return Permission.objects.filter(
        content_type__app_label="operations", codename__in=["view_binentry", "change_binentry"]
    )
