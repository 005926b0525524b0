from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Recherche")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import indexing, synonyms
        from search.models import SynonymGroup

        indexing.connect()
        from django.db.models.signals import post_delete, post_save

        post_save.connect(synonyms.invalidate, sender=SynonymGroup, dispatch_uid="synonyms_save")
        post_delete.connect(
            synonyms.invalidate, sender=SynonymGroup, dispatch_uid="synonyms_delete"
        )
