from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo content and `load_demo`: on top of every other app, since it fills them all."""

    name = "demo"
    verbose_name = _("Démonstration")
    default_auto_field = "django.db.models.BigAutoField"
