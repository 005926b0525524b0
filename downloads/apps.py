from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DownloadsConfig(AppConfig):
    name = "downloads"
    verbose_name = _("Téléchargements")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from downloads import signals  # noqa: F401
