"""The recycle bin: deleting a resource, a document or an image puts it aside for 30 days.

A binned resource is unpublished (so its files go private and it leaves the search index)
and moved under a « Corbeille » page outside the site. A binned document or image moves into
a private « Corbeille » collection, so it cannot be downloaded or shown (its bytes go to the
private side) and a document's text leaves the index.
Restoring puts either back where it was (a resource comes back as a draft, to be published
again through review); `purge_bin` deletes what has waited 30 days.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.actions.move_page import MovePageAction
from wagtail.models import Collection, CollectionViewRestriction, ModelLogEntry, Page

from operations.models import BIN_DAYS, BinEntry

logger = logging.getLogger("amapartage.operations")

BIN_TITLE = "Corbeille"


def bin_page_root():
    """The page under which binned resources wait: outside every site, so never served."""
    root = Page.get_first_root_node()
    existing = root.get_children().filter(slug="corbeille").first()
    if existing is not None:
        return existing
    container = Page(title=BIN_TITLE, slug="corbeille", live=False)
    root.add_child(instance=container)
    return container


def bin_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=BIN_TITLE).first()
    if collection is None:
        collection = root.add_child(name=BIN_TITLE)
    if not collection.get_view_restrictions().exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def _file_kind(item):
    from resources.models import ResourceImage

    return BinEntry.IMAGE if isinstance(item, ResourceImage) else BinEntry.DOCUMENT


def is_binned_file(item):
    return BinEntry.objects.filter(kind=_file_kind(item), object_id=item.pk).exists()


is_binned_document = is_binned_file


@transaction.atomic
def bin_page(page, user=None):
    """Put a resource in the bin instead of deleting it."""
    page = page.specific
    parent = page.get_parent()
    if page.live:
        page.unpublish(user=user, log_action=True)
    # The bin is no place a resource may normally live: the move skips that check, and is
    # logged under the user's name like any move.
    MovePageAction(page, bin_page_root(), pos="last-child", user=user).execute(
        skip_permission_checks=True
    )
    return BinEntry.objects.create(
        kind=BinEntry.PAGE,
        object_id=page.pk,
        title=page.title[:255],
        deleted_by=user,
        original_location_id=parent.pk if parent else None,
    )


@transaction.atomic
def bin_file(item, user=None):
    """Put a document or an image in the bin instead of deleting it."""
    if user is None:  # the admin's delete view logs who deletes before deleting
        entry = (
            ModelLogEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(item, for_concrete_model=False),
                object_id=str(item.pk),
                action="wagtail.delete",
            )
            .order_by("-timestamp")
            .first()
        )
        user = entry.user if entry else None
    entry = BinEntry.objects.create(
        kind=_file_kind(item),
        object_id=item.pk,
        title=item.title[:255],
        deleted_by=user,
        original_location_id=item.collection_id,
    )
    item.collection = bin_collection()
    item.save(update_fields=["collection"])
    return entry


bin_document = bin_file


def target(entry):
    from resources.models import ResourceDocument, ResourceImage, ResourcePage

    if entry.kind == BinEntry.PAGE:
        return ResourcePage.objects.filter(pk=entry.object_id).first()
    if entry.kind == BinEntry.IMAGE:
        return ResourceImage.objects.filter(pk=entry.object_id).first()
    return ResourceDocument.objects.filter(pk=entry.object_id).first()


@transaction.atomic
def restore(entry, user=None):
    """Put it back where it was; a resource comes back as a draft."""
    from resources.models import ResourceIndexPage

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
            from moderation.privacy import pending_collection

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
