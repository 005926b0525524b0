"""Files of resources that are not published stay private.

A file is private while its collection is private (has a view restriction, as « Fichiers en
relecture » has); its bytes then sit on the private side of the media storage
(resources.storage), out of reach of any web server serving /media/. Every new image and
document starts in « Fichiers en relecture ». Publishing a page makes the files it uses public;
unpublishing it makes them private again unless another published page still uses them.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    ReferenceIndex,
)
from wagtail.permissions import policy_registry
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger("amapartage.moderation")

PENDING_COLLECTION_NAME = "Fichiers en relecture"


def pending_collection():
    """The collection new files start in; created (private) if an administrator removed it."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PENDING_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=PENDING_COLLECTION_NAME)
    if not collection.get_view_restrictions().exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def collection_is_private(collection_id):
    if collection_id is None:
        return False
    return CollectionViewRestriction.objects.filter(
        collection__in=Collection.objects.get(pk=collection_id).get_ancestors(inclusive=True)
    ).exists()


def public_collection():
    return Collection.get_first_root_node()


def user_may_see_private_files(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def private_collection_ids():
    """Ids of the collections whose files are private: restricted ones and their descendants."""
    restricted = Collection.objects.filter(view_restrictions__isnull=False).distinct()
    ids = set()
    for collection in restricted:
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def user_may_choose(user, instance):
    """Whether the user may see (choose, download) this image or document, as its model's
    registered permission policy says (apps above narrow « choose » for private files)."""
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_any_permission_for_instance(user, ["choose", "change"], instance)


def ensure_document_access(request, document):
    """Raise Http404 unless the document may be served to this request: a private document
    (of a resource not yet published, or a volunteer's proposal) is only for the editors who
    may choose it, not for every account of the admin. The download counter calls this too,
    so that a refused download is never counted."""
    if not collection_is_private(document.collection_id):
        return
    if not user_may_see_private_files(request.user) or not user_may_choose(request.user, document):
        raise Http404(_("Document introuvable."))


# -- moving files between the public and the private side ---------------------------------


def _storage(fieldfile):
    storage = fieldfile.storage
    return storage if hasattr(storage, "private_name") else None


def _move(instance, to_private):
    """Copy the file to its new side, point the row at it, drop the old copy once committed."""
    storage = _storage(instance.file)
    if storage is None or not instance.file.name:
        return
    old_name = instance.file.name
    if storage.is_private(old_name) == to_private:
        return
    target = storage.private_name(old_name) if to_private else storage.public_name(old_name)
    field = instance._meta.get_field("file")
    with storage.open(old_name) as source:
        new_name = storage.save(target, source, max_length=field.max_length)
    type(instance).objects.filter(pk=instance.pk).update(file=new_name)
    instance.file.name = new_name
    if hasattr(instance, "renditions"):
        # Resized copies sit beside the old original: they are made again where they belong.
        instance.renditions.all().delete()
    transaction.on_commit(lambda: storage.delete(old_name))


def ensure_location(model, pk):
    """Put the file of one image or document on the side its collection says."""
    instance = model.objects.filter(pk=pk).select_related("collection").first()
    if instance is None:
        return
    private = collection_is_private(instance.collection_id)
    try:
        _move(instance, to_private=private)
    except OSError:
        logger.exception("Could not move %s %s to the %s side", model.__name__, pk, private)


def schedule_location(instance):
    private = collection_is_private(instance.collection_id)
    if private:
        # Hiding a file cannot wait: it moves now (the old copy goes once committed).
        ensure_location(type(instance), instance.pk)
    else:
        # Showing one waits for the commit, so that a rolled-back publication shows nothing.
        model, pk = type(instance), instance.pk
        transaction.on_commit(lambda: ensure_location(model, pk))


def set_privacy(instances, private):
    target = pending_collection() if private else public_collection()
    for instance in instances:
        if getattr(instance, "in_bin", False):
            continue  # deleted (resources.recycle_bin): stays private until restored or purged
        if collection_is_private(instance.collection_id) != private:
            instance.collection = target
            instance.save(update_fields=["collection"])


# -- which files a page uses ----------------------------------------------------------------


def _content_type_id(model):
    return ReferenceIndex._get_base_content_type(model).id


def files_of(page):
    """(images, documents) used by this version of the page, document thumbnails included."""
    Image, Document = get_image_model(), get_document_model()
    image_type, document_type = _content_type_id(Image), _content_type_id(Document)
    image_ids, document_ids = set(), set()
    for content_type_id, object_id, *_rest in ReferenceIndex._extract_references_from_object(page):
        if content_type_id == image_type:
            image_ids.add(object_id)
        elif content_type_id == document_type:
            document_ids.add(object_id)
    documents = list(Document.objects.filter(pk__in=document_ids))
    image_ids |= {str(d.thumbnail_id) for d in documents if getattr(d, "thumbnail_id", None)}
    return list(Image.objects.filter(pk__in=image_ids)), documents


def _used_by_other_live_pages(model, ids, page):
    page_type = ReferenceIndex._get_base_content_type(Page)
    sources = ReferenceIndex.objects.filter(
        to_content_type=ReferenceIndex._get_base_content_type(model),
        to_object_id__in=[str(i) for i in ids],
        base_content_type=page_type,
    ).values_list("to_object_id", "object_id")
    live = set(
        Page.objects.filter(pk__in={int(source) for _target, source in sources}, live=True)
        .exclude(pk=page.pk)
        .values_list("pk", flat=True)
    )
    return {int(target) for target, source in sources if int(source) in live}


def on_page_published(sender, instance, **kwargs):
    images, documents = files_of(instance)
    set_privacy(images + documents, private=False)


def on_page_unpublished(sender, instance, **kwargs):
    images, documents = files_of(instance)
    Image, Document = get_image_model(), get_document_model()
    keep_images = _used_by_other_live_pages(Image, [i.pk for i in images], instance)
    keep_documents = _used_by_other_live_pages(Document, [d.pk for d in documents], instance)
    # A thumbnail follows its document.
    keep_images |= {d.thumbnail_id for d in documents if d.pk in keep_documents}
    set_privacy(
        [i for i in images if i.pk not in keep_images]
        + [d for d in documents if d.pk not in keep_documents],
        private=True,
    )


def on_file_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created and not collection_is_private(instance.collection_id):
        # Every new file starts pending, whoever uploads it: a published page makes it public.
        instance.collection = pending_collection()
        type(instance).objects.filter(pk=instance.pk).update(collection=instance.collection)
    schedule_location(instance)
    thumbnail_id = getattr(instance, "thumbnail_id", None)
    if thumbnail_id:
        thumbnail = get_image_model().objects.filter(pk=thumbnail_id).first()
        if thumbnail and collection_is_private(thumbnail.collection_id) != collection_is_private(
            instance.collection_id
        ):
            thumbnail.collection_id = instance.collection_id
            thumbnail.save(update_fields=["collection"])


def connect():
    page_published.connect(on_page_published, dispatch_uid="resources_files_public")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="resources_files_private")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(
            on_file_saved, sender=model, dispatch_uid=f"resources_private_{model.__name__}"
        )
