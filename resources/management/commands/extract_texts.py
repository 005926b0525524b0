"""python manage.py extract_texts: extract the text of documents still pending.

A document's text is pending when the request that stored it ran out of its inline budget
(resources.background), or when the task worker has not reached it yet.
"""

from django.core.management.base import BaseCommand
from django.db.models import F
from django.utils.translation import gettext as _

from resources.models import ResourceDocument
from resources.tasks import fill_text


class Command(BaseCommand):
    help = _("Extrait le texte des documents qui l'attendent encore (pour la recherche).")

    def handle(self, **options):
        done = 0
        pending = ResourceDocument.objects.exclude(file="").exclude(
            extracted_from_hash=F("file_hash")
        )
        for document in pending.order_by("pk").iterator(chunk_size=100):
            if fill_text(document) == "done":
                done += 1
                if document.extraction_error:
                    self.stderr.write(
                        _("Document %(pk)s (%(title)s) : %(reason)s")
                        % {
                            "pk": document.pk,
                            "title": document.title,
                            "reason": document.extraction_error,
                        }
                    )
        self.stdout.write(_("Textes extraits : %(done)s document(s).") % {"done": done})
