"""Counting downloads as Wagtail serves them, thumbnails as documents change."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.documents.models import document_served

from downloads import counting, thumbnails
from downloads.tasks import update_document_thumbnail
from resources.models import ResourceDocument, ResourceImage


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    # Sent by Wagtail's serve view only after every before_serve_document hook let the
    # download through (the moderation hook refuses unpublished files first): a refused
    # download never gets here. A file missing from storage is not a download either.
    if not instance.file or not instance.file.storage.exists(instance.file.name):
        return
    counting.record_download(request, instance)


@receiver(post_save, sender=ResourceDocument)
def schedule_thumbnail(sender, instance, raw=False, **kwargs):
    if raw:
        return
    needs_pdf = instance.file_extension.lower() == "pdf"
    if (needs_pdf and not thumbnails.is_current(instance)) or (
        not needs_pdf and instance.thumbnail_id
    ):
        pk = instance.pk
        # After the commit: a rolled-back import must not leave an image behind. A task of
        # Wagtail's queue: the worker renders it, never the request (resources.background).
        transaction.on_commit(lambda: update_document_thumbnail.enqueue(pk))


@receiver(post_delete, sender=ResourceDocument)
def delete_thumbnail(sender, instance, **kwargs):
    if instance.thumbnail_id:
        ResourceImage.objects.filter(pk=instance.thumbnail_id).delete()
