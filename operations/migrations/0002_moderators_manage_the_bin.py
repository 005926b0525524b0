"""The reading committee manages the recycle bin (restore, delete for good)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Modérateur·rices"


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; this one needs them now.
    app_config = apps.get_app_config("operations")
    app_config.models_module = True  # what create_permissions checks on a real app config
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=MODERATORS).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="operations",
            codename__in=["view_binentry", "change_binentry", "delete_binentry"],
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("operations", "0001_recycle_bin"),
        ("moderation", "0002_roles_and_workflow"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
