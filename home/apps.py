from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Accueil et pages du site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: models and the page cache's signals need the app registry ready.
        from home.models import SiteLinks
        from operations import pagecache

        pagecache.clear_when_settings_saved(SiteLinks)
