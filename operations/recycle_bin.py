"""The recycle bin's bookkeeping and actions (what « binned » means: resources.recycle_bin).

Deleting a resource, a document or an image puts it aside for 30 days.

A binned resource is unpublished (so its files go private and it leaves the search index)
and moved under a « Corbeille » page outside the site. A binned document or image moves into
a private « Corbeille » collection, so it cannot be downloaded or shown (its bytes go to the
private side) and a document's text leaves the index.
Restoring puts either back where it was (a resource comes back as a draft, to be published
again through review); `purge_bin` deletes what has waited 30 days.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.actions.move_page import MovePageAction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from operations.models import BIN_DAYS, BinEntry
from resources import recycle_bin
from resources.models import ResourceIndexPage, ResourcePage
from resources.privacy import pending_collection

logger = logging.getLogger("amapartage.operations")


def _file_kind(item):
    return BinEntry.IMAGE if isinstance(item, get_image_model()) else BinEntry.DOCUMENT


@transaction.atomic
def bin_page(page, user=None):
    """Put a resource in the bin instead of deleting it."""
    page = page.specific
    parent = page.get_parent()
    if page.live:
        page.unpublish(user=user, log_action=True)
    # The bin is no place a resource may normally live: the move skips that check, and is
    # logged under the user's name like any move.
    MovePageAction(page, recycle_bin.bin_page_root(), pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    return BinEntry.objects.create(
        kind=BinEntry.PAGE,
        object_id=page.pk,
        title=page.title[:255],
        deleted_by=user,
        original_location_id=parent.pk if parent else None,
    )


def bin_file(item, user=None):
    """Put a document or an image in the bin instead of deleting it."""
    recycle_bin.bin_file(item, user=user)
    return BinEntry.objects.get(kind=_file_kind(item), object_id=item.pk)


def on_file_binned(sender, instance, user=None, original_collection_id=None, **kwargs):
    """Record who deleted what (the admin's delete action says who: resources.recycle_bin.
    BinAction), and where it was, for the bin's page and its restore."""
    BinEntry.objects.create(
        kind=_file_kind(instance),
        object_id=instance.pk,
        title=instance.title[:255],
        deleted_by=user,
        original_location_id=original_collection_id,
    )


def target(entry):
    if entry.kind == BinEntry.PAGE:
        return ResourcePage.objects.filter(pk=entry.object_id).first()
    if entry.kind == BinEntry.IMAGE:
        return get_image_model().objects.filter(pk=entry.object_id).first()
    return get_document_model().objects.filter(pk=entry.object_id).first()


@transaction.atomic
def restore(entry, user=None):
    """Put it back where it was; a resource comes back as a draft."""
    item = target(entry)
    if item is None:
        entry.delete()
        return None
    if entry.kind == BinEntry.PAGE:
        parent = (
            Page.objects.filter(pk=entry.original_location_id).first()
            or ResourceIndexPage.objects.first()
        )
        MovePageAction(item, parent, pos="last-child", user=user).execute(
            skip_permission_checks=True
        )
    else:
        collection = Collection.objects.filter(pk=entry.original_location_id).first()
        if collection is None:
            collection = pending_collection()
        item.collection = collection
        item.save(update_fields=["collection"])
    entry.delete()
    return item


@transaction.atomic
def purge(entry):
    """Delete it for good."""
    item = target(entry)
    entry.delete()
    if item is None:
        return
    if entry.kind == BinEntry.PAGE:
        item.delete()
    else:
        item.delete(permanently=True)


def purge_expired(now=None):
    limit = (now or timezone.now()) - timezone.timedelta(days=BIN_DAYS)
    expired = list(BinEntry.objects.filter(deleted_at__lte=limit))
    for entry in expired:
        purge(entry)
    return len(expired)


def message_binned(title):
    return _(
        "« %(title)s » est dans la corbeille : un·e modérateur·rice peut la restaurer "
        "pendant %(days)s jours."
    ) % {"title": title, "days": BIN_DAYS}
