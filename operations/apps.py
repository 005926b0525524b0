from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the library: backups and restores, and other tools for its administrators."""

    name = "operations"
    verbose_name = _("Exploitation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from operations import pagecache, recycle_bin
        from resources.recycle_bin import file_binned

        pagecache.connect()
        file_binned.connect(recycle_bin.on_file_binned, dispatch_uid="operations_bin_entry")
