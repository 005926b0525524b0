"""Admin forms for the library's files: what comes in is checked by content, not by name."""

from django.core.exceptions import ValidationError

from wagtail.documents.forms import BaseDocumentForm

from resources import filechecks


class DocumentForm(BaseDocumentForm):
    """Every document form of the admin (upload, edit, multiple upload, chooser): an HTML page
    renamed `.pdf`, an empty or oversized file is refused with a French message, and nothing
    is stored."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            problem = filechecks.check_document(upload, upload.name)
            if problem:
                raise ValidationError(problem, code="bad_document")
            upload.seek(0)
        return upload
