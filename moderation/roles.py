"""The roles: two groups made by a data migration (0002_roles_and_workflow), editable
afterwards in Paramètres > Groupes; administrators are superusers.

This module keeps them attached where the migration could not: to a resource index created
after migrating (`load_demo` on an older tree), and to models of other apps that appear later
(the search app's synonyms).
"""

import logging

from django.apps import apps as global_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from moderation.models import PermissionGrant
from resources.models import ResourceIndexPage

logger = logging.getLogger("amapartage.moderation")

CONTRIBUTORS = "Contributeur·rices"
MODERATORS = "Modérateur·rices"
WORKFLOW_NAME = "Relecture éditoriale"

# Page permissions on the resource index, by group.
PAGE_PERMISSIONS = {
    CONTRIBUTORS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
}
# Models of other apps granted to a group once, when they appear (see grant_late_permissions).
LATE_GRANTS = {
    ("search", "synonymgroup"): (MODERATORS, ["add", "change", "delete", "view"]),
    # The committee keeps the list of themes it asks the networks for (editorial app).
    ("editorial", "wantedtheme"): (MODERATORS, ["add", "change", "delete", "view"]),
}


def attach_to_resource_index(index):
    """Give the roles their page permissions on the index and put it under the workflow."""
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    for group_name, actions in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None or GroupPagePermission.objects.filter(group=group, page=index).exists():
            continue
        for action in actions:
            permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
            GroupPagePermission.objects.create(group=group, page=index, permission=permission)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)


def on_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        attach_to_resource_index(instance)


def grant_late_permissions(sender, using="default", **kwargs):
    """post_migrate: grant, once, the permissions on models that appeared after our migration."""

    for (app_label, model_name), (group_name, actions) in LATE_GRANTS.items():
        key = f"{app_label}.{model_name}:{group_name}"
        try:
            model = global_apps.get_model(app_label, model_name)
        except LookupError:
            continue  # not there yet: granted on the first migrate after it appears
        group = Group.objects.using(using).filter(name=group_name).first()
        if group is None or PermissionGrant.objects.using(using).filter(key=key).exists():
            continue
        content_type = ContentType.objects.db_manager(using).get_for_model(model)
        for action in actions:
            permission, _created = Permission.objects.using(using).get_or_create(
                content_type=content_type,
                codename=f"{action}_{model._meta.model_name}",
                defaults={"name": f"Can {action} {model._meta.verbose_name_raw}"},
            )
            group.permissions.add(permission)
        PermissionGrant.objects.using(using).create(key=key)
        logger.info("Granted %s permissions to %s", key, group_name)


def connect():
    post_save.connect(on_index_saved, sender=ResourceIndexPage, dispatch_uid="moderation_index")
