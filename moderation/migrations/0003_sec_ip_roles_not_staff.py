"""Contributors and moderators lose is_staff: Wagtail's admin does not need it, and with it
they reached the Django admin's index. Administrators (superusers) keep it."""

from django.db import migrations

ROLE_GROUPS = ["Contributeur·rices", "Modérateur·rices"]


def roles_not_staff(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.filter(is_superuser=False, is_staff=True, groups__name__in=ROLE_GROUPS).update(
        is_staff=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(roles_not_staff, migrations.RunPython.noop)]
