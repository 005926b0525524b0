"""Work on uploaded files that must not hold a request: text extraction and thumbnails.

Both run as tasks of Wagtail's task queue (django-tasks). In production the database
backend keeps them for the worker process (`manage.py db_worker`, deploy/systemd/); the
embedded default runs them at once, inside the request, but then they share a small total
budget per request (`INLINE_WORK_BUDGET_SECONDS`): past it, a document keeps its text
pending and its thumbnail missing, and `manage.py process_documents` (or the next task)
fills them later.

A request also never leaves orphan files behind: a file written inside a transaction that
never commits (an error mid-request, a failed form) is deleted when the request ends.
"""

import contextlib
import logging
import threading
import time

from django.conf import settings
from django.db import transaction

logger = logging.getLogger("amapartage.uploads")

_state = threading.local()


def budget_seconds():
    return settings.INLINE_WORK_BUDGET_SECONDS


def runs_inline():
    """True when tasks run at once in the process that enqueues them (the embedded default),
    False when a worker process takes them (production's database backend)."""
    from django_tasks import task_backends
    from django_tasks.backends.immediate import ImmediateBackend

    return isinstance(task_backends["default"], ImmediateBackend)


def remaining():
    """Seconds left for inline work in this request, or None outside a request (a worker,
    a management command: the extraction's own limits apply)."""
    deadline = getattr(_state, "deadline", None)
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


@contextlib.contextmanager
def request_budget(seconds=None):
    previous = getattr(_state, "deadline", None)
    _state.deadline = time.monotonic() + (budget_seconds() if seconds is None else seconds)
    try:
        yield
    finally:
        _state.deadline = previous


# -- files written by a transaction that never commits ---------------------------------------


def track_written_file(storage, name):
    """Called by the media storage for each file it writes. Inside a transaction, the file is
    kept only if the transaction commits; otherwise the request's end deletes it."""
    written = getattr(_state, "written", None)
    if written is None or not transaction.get_connection().in_atomic_block:
        return
    key = (id(storage), name)
    written[key] = (storage, name)
    transaction.on_commit(lambda: written.pop(key, None))


@contextlib.contextmanager
def file_guard():
    previous = getattr(_state, "written", None)
    _state.written = written = {}
    try:
        yield
    finally:
        _state.written = previous
        # Still inside a transaction (a test's wrapper): its fate is unknown, keep the files.
        if written and not transaction.get_connection().in_atomic_block:
            for storage, name in list(written.values()):
                logger.warning("Fichier d'une transaction annulée supprimé : %s", name)
                with contextlib.suppress(OSError):
                    storage.delete(name)


class UploadSafetyMiddleware:
    """Each request gets its inline work budget and its orphan file guard."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with file_guard(), request_budget():
            return self.get_response(request)
