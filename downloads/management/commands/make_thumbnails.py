"""python manage.py make_thumbnails: first-page thumbnails for PDF documents lacking one."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from downloads import thumbnails
from resources.models import ResourceDocument


class Command(BaseCommand):
    help = _("Crée les vignettes (première page) des documents PDF qui n'en ont pas.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help=_("refaire aussi les vignettes à jour")
        )

    def handle(self, force=False, **options):
        made = kept = failed = 0
        documents = ResourceDocument.objects.select_related("thumbnail").order_by("pk")
        for document in documents.iterator(chunk_size=100):
            if document.file_extension.lower() != "pdf":
                continue
            outcome = thumbnails.update_thumbnail(document, force=force)
            if outcome == "made":
                made += 1
            elif outcome == "kept":
                kept += 1
            else:
                failed += 1
                self.stderr.write(
                    _("Document %(pk)s (%(title)s) : %(reason)s")
                    % {"pk": document.pk, "title": document.title, "reason": outcome}
                )
        self.stdout.write(
            _("Vignettes : %(made)s créée(s), %(kept)s déjà à jour, %(failed)s en échec.")
            % {"made": made, "kept": kept, "failed": failed}
        )
