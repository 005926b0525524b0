"""python manage.py search_rebuild: index every public resource anew, in every backend."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search import indexing


class Command(BaseCommand):
    help = _(
        "Reconstruit l'index de recherche (moteur embarqué, et Elasticsearch s'il est "
        "configuré). La recherche continue de répondre pendant la reconstruction."
    )

    def handle(self, **options):
        started = time.monotonic()
        counts = indexing.rebuild()
        for name, count in counts.items():
            self.stdout.write(
                _("%(backend)s : %(count)s ressource(s) indexée(s).")
                % {"backend": name, "count": count}
            )
        self.stdout.write(
            _("Terminé en %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        )
