"""python manage.py search_reconcile: bring the indexes back in line with the database.

Applies the queued changes, then compares every public resource's version with what each
index holds, and fixes the differences. Cheap enough to run from cron every few minutes
(and after an Elasticsearch outage).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from search import indexing


class Command(BaseCommand):
    help = _("Remet les index de recherche en accord avec la base de données.")

    def handle(self, **options):
        report = indexing.reconcile()
        failed = []
        for name, result in report.items():
            if isinstance(result, Exception):
                failed.append(name)
                self.stderr.write(
                    _("%(backend)s : injoignable (%(error)s), les changements restent en attente.")
                    % {"backend": name, "error": result}
                )
                continue
            updated, deleted = result
            self.stdout.write(
                _("%(backend)s : %(updated)s ressource(s) mise(s) à jour, %(deleted)s retirée(s).")
                % {"backend": name, "updated": updated, "deleted": deleted}
            )
        if failed:
            raise CommandError(
                _("Réconciliation incomplète : %(names)s.") % {"names": ", ".join(failed)}
            )
