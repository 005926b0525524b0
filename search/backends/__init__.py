"""Which backends search uses: the embedded one always; Elasticsearch when
ELASTICSEARCH_URL is set (the embedded one then stays up to date as its fallback)."""

import threading
from pathlib import Path

from django.conf import settings

_lock = threading.Lock()
_backends = {}


def embedded_backend():
    with _lock:
        backend = _backends.get("embedded")
        path = Path(settings.SEARCH_INDEX_DIR)
        if backend is None or backend.root != path:
            # Loaded when first used, like the Elasticsearch client below.
            from search.backends.embedded import EmbeddedBackend

            backend = _backends["embedded"] = EmbeddedBackend(path)
        return backend


def elasticsearch_backend():
    """The Elasticsearch backend, or None when ELASTICSEARCH_URL is not set."""
    url = settings.ELASTICSEARCH_URL
    if not url:
        return None
    with _lock:
        backend = _backends.get("elasticsearch")
        if backend is None or backend.url != url:
            # Only when ELASTICSEARCH_URL is set: the embedded default never loads its client.
            from search.backends.elasticsearch import ElasticsearchBackend

            backend = _backends["elasticsearch"] = ElasticsearchBackend(
                url,
                index_name=settings.ELASTICSEARCH_INDEX,
                timeout=settings.ELASTICSEARCH_TIMEOUT,
            )
        return backend


def all_backends():
    """Every backend the index must be kept in: embedded first."""
    found = [embedded_backend()]
    es = elasticsearch_backend()
    if es is not None:
        found.append(es)
    return found


def primary():
    return elasticsearch_backend() or embedded_backend()


def reset():
    with _lock:
        _backends.clear()
