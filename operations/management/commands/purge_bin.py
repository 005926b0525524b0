"""python manage.py purge_bin: delete for good what has been in the bin for 30 days."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from operations import recycle_bin


class Command(BaseCommand):
    help = _("Efface définitivement ce qui est dans la corbeille depuis plus de 30 jours.")

    def handle(self, **options):
        count = recycle_bin.purge_expired()
        self.stdout.write(_("%(count)s élément(s) effacé(s) définitivement.") % {"count": count})
