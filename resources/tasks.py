"""Tasks of Wagtail's queue for the library's files (see resources.background)."""

from django_tasks import task

from resources import background
from resources.models import ResourceDocument

EXTRACTED_FIELDS = ["extracted_text", "extraction_error", "extracted_from_hash", "page_count"]


def fill_text(document, budget=None):
    """Extract the text of one document and save it (the search index follows through the
    document's post_save signal). Returns "done", "current" or "pending"."""
    if not document.text_pending:
        return "current"
    if not document.extract_text(budget=budget):
        return "pending"
    retitled = document.take_title_from_file()
    document.save(update_fields=EXTRACTED_FIELDS + (["title"] if retitled else []))
    return "done"


@task()
def extract_document_text(document_id):
    document = ResourceDocument.objects.filter(pk=document_id).first()
    if document is None or not document.file:
        return "gone"
    if not document.file.storage.exists(document.file.name):
        # Moved meanwhile (made public or private): the save that moved it enqueued again.
        return "moved"
    return fill_text(document, budget=background.remaining())
