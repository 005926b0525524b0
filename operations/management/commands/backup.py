"""python manage.py backup [DESTINATION]: one archive with the database and the media."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from operations import backup


class Command(BaseCommand):
    help = _("Sauvegarde la base de données et les fichiers dans une seule archive.")

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            default=str(settings.BASE_DIR / "sauvegardes"),
            help=_("dossier (ou nom de fichier .tar.gz) où écrire l'archive"),
        )

    def handle(self, destination, **options):
        try:
            path, manifest = backup.create(destination)
        except OSError as exc:
            raise CommandError(_("Sauvegarde impossible : %(error)s") % {"error": exc}) from exc
        rows = sum(manifest["models"].values())
        self.stdout.write(
            _("Sauvegarde écrite : %(path)s (%(size)s, %(rows)s lignes, %(files)s fichiers).")
            % {
                "path": path,
                "size": filesizeformat(path.stat().st_size),
                "rows": rows,
                "files": len(manifest["files"]),
            }
        )
