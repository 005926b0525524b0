from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Ressources")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: privacy reads the image and document models when it connects.
        from resources import privacy

        privacy.connect()
