"""python manage.py import_resources FILE.jsonl [--dry-run] (../shared/import-format.md)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from resources import importing


class Command(BaseCommand):
    help = _("Importe des ressources depuis un fichier JSON Lines (format d'import, version 1).")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("le fichier .jsonl à importer"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("vérifie tout le fichier sans rien écrire")
        )

    def handle(self, path, dry_run=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(_("Fichier introuvable : %(path)s") % {"path": path})
        base_dir = source.resolve().parent
        importer = importing.Importer()
        counts = dict.fromkeys(
            (importing.CREATED, importing.UPDATED, importing.UNCHANGED, importing.REJECTED), 0
        )

        with importing.batch():  # search brings its index up to date once, at the end
            self.import_lines(source, path, base_dir, importer, counts, dry_run)

        self.finish(counts, dry_run)
        if counts[importing.REJECTED]:
            sys.exit(1)

    def import_lines(self, source, path, base_dir, importer, counts, dry_run):
        seen = {}
        for number, line in importing.read_lines(source):
            try:
                if line is None:
                    raise importing.LineError(_("la ligne n'est pas encodée en UTF-8"))
                spec = importing.validate(line, number, base_dir)
                if spec.source_id in seen:
                    raise importing.LineError(
                        _("l'id « %(id)s » figure déjà ligne %(line)s de ce fichier")
                        % {"id": spec.source_id, "line": seen[spec.source_id]}
                    )
                seen[spec.source_id] = number
                outcome = importer.apply(spec, dry_run=dry_run)
            except importing.LineError as exc:
                outcome = importing.REJECTED
                self.stderr.write(f"{path}:{number}: {exc}")
            except Exception as exc:
                outcome = importing.REJECTED
                self.stderr.write(
                    f"{path}:{number}: "
                    + _("erreur inattendue, rien n'a été écrit pour cette ligne (%(error)s)")
                    % {"error": exc}
                )
            counts[outcome] += 1

    def finish(self, counts, dry_run):
        created, updated = counts[importing.CREATED], counts[importing.UPDATED]
        unchanged, rejected = counts[importing.UNCHANGED], counts[importing.REJECTED]
        if dry_run:
            self.stdout.write(_("Vérification seule (--dry-run) : rien n'a été écrit."))
        self.stdout.write(
            _("%(c)s créée(s), %(u)s mise(s) à jour, %(n)s inchangée(s), %(r)s rejetée(s).")
            % {"c": created, "u": updated, "n": unchanged, "r": rejected}
        )
        # The contract's machine-readable count, always the last line.
        self.stdout.write(
            f"{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected"
        )
