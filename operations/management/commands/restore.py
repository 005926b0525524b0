"""python manage.py restore ARCHIVE [--force]: bring a backup back, after checking it whole."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations import backup


class Command(BaseCommand):
    help = _("Restaure une sauvegarde (base de données et fichiers), après l'avoir vérifiée.")

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("l'archive .tar.gz écrite par « backup »"))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("remplacer une base ou un dossier de médias qui ne sont pas vides"),
        )

    def handle(self, archive, force=False, **options):
        try:
            manifest = backup.restore(archive, force=force)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Sauvegarde du %(date)s restaurée : %(rows)s lignes, %(files)s "
                "fichiers, index de recherche reconstruit."
            )
            % {
                "date": manifest["created_at"][:16].replace("T", " "),
                "rows": sum(manifest["models"].values()),
                "files": len(manifest["files"]),
            }
        )
