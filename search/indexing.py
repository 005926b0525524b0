"""Keeping the indexes in step with the library.

Every change that can alter what search shows (publish, unpublish, delete, move, privacy,
attachments, vocabulary renames) enqueues the pages concerned in `IndexQueue`, in the same
transaction as the change. After the transaction commits, the queue is drained into every
backend. If a backend is down, its rows stay queued: publishing never fails because of
search, and the next drain (at the next change) or `search_reconcile` catches up. A search
never drains: answering a visitor does not write the index.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from wagtail.models import CollectionViewRestriction, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from operations import backup
from resources import importing
from resources.models import (
    Audience,
    Licence,
    Network,
    ResourceDocument,
    ResourceDownload,
    ResourcePage,
    Theme,
)
from search import backends
from search.backends.base import BackendUnavailable
from search.documents import build_documents, expected_versions
from search.models import IndexQueue

logger = logging.getLogger("amapartage.search")

BATCH = 200
_draining = threading.local()
_deferred = threading.local()


def backend_names():
    return [backend.name for backend in backends.all_backends()]


def enqueue(page_ids, drain_after_commit=True):
    """Mark pages for reindexing, in the caller's transaction."""
    page_ids = {int(pk) for pk in page_ids if pk}
    if not page_ids:
        return
    now = timezone.now()
    rows = [
        IndexQueue(page_id=pk, backend=name, enqueued_at=now)
        for pk in page_ids
        for name in backend_names()
    ]
    IndexQueue.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["page_id", "backend"],
        update_fields=["enqueued_at"],
    )
    if drain_after_commit and not getattr(_deferred, "depth", 0):
        transaction.on_commit(drain_quietly)


@contextmanager
def deferred():
    """Queue changes without draining after each commit, then drain once at the end: for
    imports, where one index commit per line would cost more than the import itself."""
    on_batch_started(None)
    completed = False
    try:
        yield
        completed = True
    finally:
        on_batch_finished(None, completed=completed)


def on_batch_started(sender, **kwargs):
    _deferred.depth = getattr(_deferred, "depth", 0) + 1


def on_batch_finished(sender, completed=True, **kwargs):
    _deferred.depth -= 1
    if completed and not _deferred.depth:
        drain_quietly()


def pending():
    return IndexQueue.objects.filter(backend__in=backend_names()).exists()


def drain_quietly():
    """Drain, never raising: called after the commits that enqueue changes."""
    try:
        drain()
    except Exception:  # search must never break publishing or a page view
        logger.exception("Mise à jour de l'index de recherche impossible")


def drain(max_rounds=1000):
    """Apply the queue to every backend; returns how many entries were applied."""
    if getattr(_draining, "active", False):
        return 0
    _draining.active = True
    applied = 0
    try:
        for backend in backends.all_backends():
            for _round in range(max_rounds):
                rows = list(
                    IndexQueue.objects.filter(backend=backend.name).order_by("enqueued_at", "pk")[
                        :BATCH
                    ]
                )
                if not rows:
                    break
                if not _apply(backend, rows):
                    break
                applied += len(rows)
    finally:
        _draining.active = False
    return applied


def _apply(backend, rows):
    # A backend known to be down keeps its rows without costing a database round: its
    # outage was logged when it happened, and reconcile catches up when it is back.
    if getattr(backend, "is_down", lambda: False)():
        return False
    ids = {row.page_id for row in rows}
    try:
        documents = list(build_documents(ids))
        backend.index_documents(documents)
        backend.delete_documents(ids - {d.id for d in documents})
    except BackendUnavailable as exc:
        _failed(backend, rows, exc)
        return False
    except Exception as exc:  # an engine's client error: keep the rows, report, go on
        _failed(backend, rows, exc)
        return False
    # Rows re-enqueued while we worked keep their newer timestamp and stay queued.
    done = Q()
    for row in rows:
        done |= Q(pk=row.pk, enqueued_at=row.enqueued_at)
    IndexQueue.objects.filter(done).delete()
    return True


def _failed(backend, rows, exc):
    logger.error(
        "Index « %s » indisponible, %s page(s) en attente : %s", backend.name, len(rows), exc
    )
    IndexQueue.objects.filter(pk__in=[r.pk for r in rows]).update(attempts=F("attempts") + 1)


def rebuild(backend_list=None):
    """Index everything anew in each backend; searches go on answering meanwhile."""
    counts = {}
    for backend in backend_list or backends.all_backends():
        counts[backend.name] = backend.rebuild(build_documents())
    # Whatever changed during the rebuild is queued, or shows in the versions.
    reconcile(backend_list)
    return counts


def reconcile(backend_list=None):
    """Bring indexes back in line with the database.

    Returns {backend: (updated, deleted)}, or {backend: exception} for a backend that
    could not be reached (the others are still reconciled).
    """
    drain()
    expected = expected_versions()
    report = {}
    for backend in backend_list or backends.all_backends():
        try:
            actual = backend.indexed_versions()
            stale = [pk for pk, version in expected.items() if actual.get(pk) != version]
            extra = [pk for pk in actual if pk not in expected]
            for start in range(0, len(stale), 500):
                backend.index_documents(build_documents(stale[start : start + 500]))
            backend.delete_documents(extra)
        except Exception as exc:  # one engine down must not stop the others
            logger.error("Réconciliation de « %s » impossible : %s", backend.name, exc)
            report[backend.name] = exc
            continue
        IndexQueue.objects.filter(backend=backend.name).delete()
        report[backend.name] = (len(stale), len(extra))
    return report


# -- what changes the index -----------------------------------------------------------------


def resource_ids_under(page):
    return list(
        ResourcePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )


def on_page_change(sender, instance, **kwargs):
    if isinstance(instance, ResourcePage):
        enqueue([instance.pk])
    else:  # an ancestor moved, was unpublished or deleted: its resources may follow
        enqueue(resource_ids_under(instance))


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, ResourcePage):
        enqueue([instance.pk])


def on_view_restriction(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: a restore rebuilds the index
        return
    enqueue(resource_ids_under(instance.page))


def on_document_change(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: a restore rebuilds the index
        return
    enqueue(ResourceDownload.objects.filter(document=instance).values_list("page_id", flat=True))


def on_collection_restriction(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: a restore rebuilds the index
        return
    collections = instance.collection.get_descendants(inclusive=True)
    enqueue(
        ResourceDownload.objects.filter(document__collection__in=collections).values_list(
            "page_id", flat=True
        )
    )


# Which pages a vocabulary entry is attached to, by model name.
VOCABULARY_LOOKUPS = {
    "theme": "themes",
    "audience": "audiences",
    "network": "network",
    "licence": "licence",
}


def on_vocabulary_change(sender, instance, **kwargs):
    if kwargs.get("raw"):  # fixtures being loaded: a restore rebuilds the index
        return
    lookup = VOCABULARY_LOOKUPS[sender._meta.model_name]
    enqueue(ResourcePage.objects.filter(**{lookup: instance}).values_list("pk", flat=True))


def on_restored(sender, **kwargs):
    rebuild()


def connect():
    importing.batch_started.connect(on_batch_started, dispatch_uid="search_batch_started")
    importing.batch_finished.connect(on_batch_finished, dispatch_uid="search_batch_finished")
    backup.restored.connect(on_restored, dispatch_uid="search_restored")
    page_published.connect(on_page_change, dispatch_uid="search_published")
    page_unpublished.connect(on_page_change, dispatch_uid="search_unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="search_moved")
    page_slug_changed.connect(on_page_change, dispatch_uid="search_slug")
    post_delete.connect(on_page_deleted, dispatch_uid="search_deleted")
    post_save.connect(
        on_view_restriction, sender=PageViewRestriction, dispatch_uid="search_restrict_save"
    )
    post_delete.connect(
        on_view_restriction, sender=PageViewRestriction, dispatch_uid="search_restrict_delete"
    )
    post_save.connect(
        on_collection_restriction,
        sender=CollectionViewRestriction,
        dispatch_uid="search_collection_save",
    )
    post_delete.connect(
        on_collection_restriction,
        sender=CollectionViewRestriction,
        dispatch_uid="search_collection_delete",
    )
    post_save.connect(on_document_change, sender=ResourceDocument, dispatch_uid="search_doc")
    pre_delete.connect(
        on_document_change, sender=ResourceDocument, dispatch_uid="search_doc_delete"
    )
    for model in (Theme, Network, Audience, Licence):
        post_save.connect(
            on_vocabulary_change, sender=model, dispatch_uid=f"search_vocab_{model.__name__}"
        )
