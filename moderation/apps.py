from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "moderation"
    verbose_name = _("Modération éditoriale")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from moderation import media_permissions, notifications, roles, workflow

        media_permissions.register()
        notifications.connect()
        roles.connect()
        workflow.connect()
        post_migrate.connect(roles.grant_late_permissions, sender=self)
