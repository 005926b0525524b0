"""The roles (groups and their permissions), the private collection for pending files, and the
« Relecture éditoriale » workflow on the resource index, replacing Wagtail's default ones.

Groups stay editable afterwards (Paramètres > Groupes); this runs once.
"""

from django.db import migrations

CONTRIBUTORS = "Contributeur·rices"
MODERATORS = "Modérateur·rices"
WORKFLOW_NAME = "Relecture éditoriale"
TASK_NAME = "Relecture par le comité"
PENDING_COLLECTION = "Fichiers en relecture"

PAGE_PERMISSIONS = {
    CONTRIBUTORS: ["add", "change"],
    MODERATORS: ["add", "change", "publish", "lock", "unlock"],
}
# (collection: "root" or "pending") -> actions, for images and documents alike.
COLLECTION_PERMISSIONS = {
    CONTRIBUTORS: {"root": ["choose"], "pending": ["add", "change", "delete"]},
    MODERATORS: {"root": ["add", "change", "delete", "choose"]},
}
MODEL_PERMISSIONS = {
    CONTRIBUTORS: [("wagtailadmin", "admin", ["access"])],
    MODERATORS: [
        ("wagtailadmin", "admin", ["access"]),
        ("resources", "theme", ["add", "change", "delete", "view"]),
        ("resources", "network", ["add", "change", "delete", "view"]),
    ],
}
BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )[0]


def add_child_collection(Collection, parent, name):
    existing = Collection.objects.filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name
    ).first()
    if existing:
        return existing
    last = (
        Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-4:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = BASE36[digit] + step
    collection = Collection.objects.create(
        name=name, path=parent.path + step.rjust(4, "0"), depth=parent.depth + 1, numchild=0
    )
    parent.numchild += 1
    parent.save(update_fields=["numchild"])
    return collection


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Collection = apps.get_model("wagtailcore.Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    ResourceIndexPage = apps.get_model("resources.ResourceIndexPage")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}

    for name, grants in MODEL_PERMISSIONS.items():
        for app_label, model, actions in grants:
            for action in actions:
                groups[name].permissions.add(
                    permission(apps, app_label, model, f"{action}_{model}")
                )

    index = ResourceIndexPage.objects.order_by("path").first()
    if index is not None:
        for name, actions in PAGE_PERMISSIONS.items():
            for action in actions:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page_id=index.pk,
                    permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
                )

    root = Collection.objects.filter(depth=1).order_by("path").first()
    pending = add_child_collection(Collection, root, PENDING_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=pending).exists():
        CollectionViewRestriction.objects.create(collection=pending, restriction_type="login")
    collections = {"root": root, "pending": pending}
    for name, places in COLLECTION_PERMISSIONS.items():
        for place, actions in places.items():
            for action in actions:
                for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name],
                        collection=collections[place],
                        permission=permission(apps, app_label, model, f"{action}_{model}"),
                    )


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    EditorialReviewTask = apps.get_model("moderation.EditorialReviewTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    WorkflowState = apps.get_model("wagtailcore.WorkflowState")
    ResourceIndexPage = apps.get_model("resources.ResourceIndexPage")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="moderation", model="editorialreviewtask"
    )
    task = EditorialReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = EditorialReviewTask.objects.create(
            name=TASK_NAME, content_type=task_type, active=True, require_checklist=True
        )
    task.groups.add(Group.objects.get(name=MODERATORS))
    workflow, created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if created:
        WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)
    index = ResourceIndexPage.objects.order_by("path").first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})

    # Wagtail's default "Moderators approval" (whole site, English group names) gives way,
    # unless something is already waiting in it.
    default = Workflow.objects.filter(name="Moderators approval").first()
    if (
        default is not None
        and not WorkflowState.objects.filter(
            workflow=default, status__in=["in_progress", "needs_changes"]
        ).exists()
    ):
        WorkflowPage.objects.filter(workflow=default).delete()
        default.active = False
        default.save(update_fields=["active"])
    for name in ("Editors", "Moderators"):
        Group.objects.filter(name=name, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("resources", "0003_create_resource_index"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(create_workflow, migrations.RunPython.noop),
    ]
