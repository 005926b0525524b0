from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial life of the library: reads resources, moderation and downloads; nothing
    depends on it."""

    name = "editorial"
    verbose_name = _("Vie de la bibliothèque")
    default_auto_field = "django.db.models.BigAutoField"
