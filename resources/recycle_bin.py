"""What « in the bin » means for the library's content, defined once.

A deleted document or image waits in the private « Corbeille » collection (so it can be neither
downloaded nor shown), a deleted resource under the « Corbeille » page outside every site. The
bin's bookkeeping (who deleted what, restoring, purging after 30 days) belongs to `operations`,
which listens to `file_binned`.
"""

from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext_lazy

from wagtail.actions import DeleteAction
from wagtail.log_actions import log
from wagtail.models import Collection, CollectionViewRestriction, Page

# The one name of the bin: the admin menu, its page title, the page and collection it uses.
BIN_NAME = gettext_lazy("Corbeille")
BIN_SLUG = "corbeille"

# Sent when a document or an image goes to the bin, before it moves there:
# sender (the model), instance, user (who deleted it; None when the caller does not say, as
# a plain `delete()` or Wagtail's multiple uploader), original_collection_id.
file_binned = Signal()


def bin_page_root():
    """The page under which binned resources wait: outside every site, so never served."""
    root = Page.get_first_root_node()
    existing = root.get_children().filter(slug=BIN_SLUG).first()
    if existing is not None:
        return existing
    container = Page(title=str(BIN_NAME), slug=BIN_SLUG, live=False)
    root.add_child(instance=container)
    return container


def bin_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=str(BIN_NAME)).first()
    if collection is None:
        collection = root.add_child(name=str(BIN_NAME))
    if not collection.get_view_restrictions().exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def is_bin_collection(collection):
    return collection is not None and collection.depth == 2 and collection.name == str(BIN_NAME)


def is_binned(item):
    """A document or an image is binned while it sits in the bin's collection."""
    return is_bin_collection(item.collection)


@transaction.atomic
def bin_file(item, user=None):
    """Put a document or an image in the bin instead of deleting it."""
    file_binned.send(
        sender=type(item), instance=item, user=user, original_collection_id=item.collection_id
    )
    item.collection = bin_collection()
    item.save(update_fields=["collection"])


class BinAction(DeleteAction):
    """Wagtail's « delete » of a document or an image (its admin views run this action,
    registered in resources.wagtail_hooks): logged as before, then binned under the name of
    whoever asked. Deleting it again from the bin deletes it for good."""

    def _delete(self):
        with transaction.atomic():
            if self.log_action:
                log(instance=self.instance, action=self.log_action, user=self.user, deleted=True)
            if is_binned(self.instance):
                return self.instance.delete()
            bin_file(self.instance, user=self.user)
            return 0, {}
