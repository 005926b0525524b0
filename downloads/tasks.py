"""Thumbnails as a task of Wagtail's queue (see resources.background)."""

from django_tasks import task

from downloads import thumbnails
from resources import background
from resources.models import ResourceDocument


@task()
def update_document_thumbnail(document_id):
    document = ResourceDocument.objects.filter(pk=document_id).select_related("thumbnail").first()
    # The file may have moved meanwhile (made public or private by moderation): the save
    # that moved it scheduled its own thumbnail.
    if document is None or not document.file.storage.exists(document.file.name):
        return "gone"
    budget = background.remaining()
    if budget is not None and budget < 0.5:
        return "pending"  # left for `manage.py make_thumbnails`
    return thumbnails.update_thumbnail(document, budget=budget)
