"""The search service's architecture: what it loads and what it never does."""

import ast
import os
import subprocess
import sys
from pathlib import Path

from django.http import QueryDict

import pytest

from resources.models import GuidePage, ResourceIndexPage
from search import backends, indexing, service
from search.models import IndexQueue

ROOT = Path(__file__).resolve().parents[2]

NO_ELASTICSEARCH = """
import sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from search import service
outcome = service.search(service.SearchParams(q="compost"))
service.autocomplete("comp")
assert outcome.backend == "embedded", outcome.backend
loaded = sorted(m for m in sys.modules if m == "elasticsearch" or m.startswith("elasticsearch."))
print("LOADED", loaded)
"""


def test_elasticsearch_client_not_imported_without_url(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ELASTICSEARCH_URL", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="amapartage.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        VAR_DIR=str(tmp_path / "var"),
    )
    done = subprocess.run(
        [sys.executable, "-c", NO_ELASTICSEARCH],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "LOADED []" in done.stdout, done.stdout


@pytest.mark.django_db
def test_a_search_never_writes_the_index(django_capture_on_commit_callbacks, client):
    """Publishing drains the outbox after its commit; a visitor's search, the API and
    autocomplete only read, even with changes waiting in the outbox."""
    index = ResourceIndexPage.objects.get()
    page = GuidePage(title="Le compostage partagé", slug="compost", summary="Un bac commun.")
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    embedded = backends.embedded_backend()
    assert set(embedded.indexed_versions()) == {page.pk}
    before = embedded.indexed_versions()
    folder = embedded._current_folder()
    files_before = sorted(p.name for p in folder.iterdir())

    # A change waiting in the outbox (its commit's drain did not run).
    page.title = "Le lombricompostage partagé"
    page.save_revision().publish()
    assert IndexQueue.objects.filter(page_id=page.pk).exists()
    queued = list(IndexQueue.objects.values_list("pk", "enqueued_at"))

    assert search_ids("compostage") == {page.pk}
    assert client.get("/recherche/", {"q": "lombricompostage"}).status_code == 200
    assert client.get("/api/v1/search/", {"q": "compostage"}).status_code == 200
    assert client.get("/recherche/suggestions/", {"q": "lombri"}).status_code == 200

    assert list(IndexQueue.objects.values_list("pk", "enqueued_at")) == queued
    assert embedded.indexed_versions() == before
    assert search_ids("lombricompostage") == set(), "the index still holds the old title"
    assert sorted(p.name for p in folder.iterdir()) == files_before

    indexing.drain()  # what the publication's commit (or search_reconcile) does
    assert search_ids("lombricompostage") == {page.pk}
    assert not IndexQueue.objects.exists()


def search_ids(text):
    data = QueryDict(mutable=True)
    data["q"] = text
    return {page.pk for page, _s in service.search(service.parse_params(data)).results}


def imported_modules(path):
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_backends_import_nothing_from_each_other():
    backends_dir = ROOT / "search" / "backends"
    embedded = imported_modules(backends_dir / "embedded.py")
    assert not [m for m in embedded if "elasticsearch" in m]
    for path in (backends_dir / "elasticsearch").glob("*.py"):
        assert not [m for m in imported_modules(path) if "embedded" in m], path
    # The neutral document knows no engine.
    documents = imported_modules(ROOT / "search" / "documents.py")
    assert not [m for m in documents if "elasticsearch" in m or "tantivy" in m]
