"""NetworkMembership comes from `moderation` (moderation 0006) with its table
(`moderation_networkmembership`, kept by `db_table`): no row moves. Its content type is
renamed, so that its permissions, and the log entries and groups pointing at them, follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def rename_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="moderation", model="networkmembership")
    if ContentType.objects.filter(app_label="resources", model="networkmembership").exists():
        return  # already there (a database made after the move): nothing to carry over
    old.update(app_label="resources")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="moderation", model="networkmembership").exists():
        ContentType.objects.filter(app_label="resources", model="networkmembership").update(
            app_label="moderation"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("moderation", "0006_networkmembership_moves_to_resources"),
        ("resources", "0006_download_counts_only_in_download_days"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NetworkMembership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="memberships",
                                to="resources.network",
                                verbose_name="réseau",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="network_memberships",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="compte",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "appartenance à un réseau",
                        "verbose_name_plural": "appartenances aux réseaux",
                        "db_table": "moderation_networkmembership",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "network"), name="unique_network_membership"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
    ]
