"""The index follows the library: publish, unpublish, delete, privacy, attachments, renames,
imports; rebuild keeps answering; reconcile repairs; a busy index never blocks publishing."""

import datetime
import json
import threading
from io import StringIO

from django.core.management import call_command
from django.http import QueryDict

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from downloads.models import DownloadDay
from resources.models import GuidePage, ResourceDocument, ResourceIndexPage, Theme
from search import backends, indexing, service
from search.backends import embedded as embedded_module
from search.models import IndexQueue
from tests.conftest import minimal_pdf, resource_line, run_import

pytestmark = pytest.mark.django_db


def search_ids(text="", **filters):
    data = QueryDict(mutable=True)
    data["q"] = text
    for key, value in filters.items():
        data[key] = value
    return {page.pk for page, _s in service.search(service.parse_params(data)).results}


def index_ids():
    return set(backends.embedded_backend().indexed_versions())


@pytest.fixture
def guide(django_capture_on_commit_callbacks):
    index = ResourceIndexPage.objects.get()
    page = GuidePage(title="Le compostage partagé", slug="compost", summary="Un bac commun.")
    index.add_child(instance=page)
    page.themes = [Theme.objects.get(slug="territoires")]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_publish_makes_it_findable_after_commit(guide):
    assert index_ids() == {guide.pk}, "indexed by the on-commit drain, not by a search"
    assert search_ids("compostage") == {guide.pk}


def test_unpublish_and_delete_remove_it(guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guide.unpublish()
    assert search_ids("compostage") == set()
    with django_capture_on_commit_callbacks(execute=True):
        guide.save_revision().publish()
    assert search_ids("compostage") == {guide.pk}
    with django_capture_on_commit_callbacks(execute=True):
        guide.delete()
    assert index_ids() == set()


def test_privacy_restriction_hides_it(guide, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=guide, restriction_type="login")
    assert search_ids("compostage") == set()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert search_ids("compostage") == {guide.pk}


def test_attachment_text_follows_the_document_and_its_collection(
    guide, django_capture_on_commit_callbacks, tmp_path
):
    from django.core.files.base import ContentFile

    from resources.models import ResourceDownload

    document = ResourceDocument(title="Notice")
    document.file.save("notice.pdf", ContentFile(minimal_pdf("lombricompostage")), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
        guide.downloads = [ResourceDownload(document=document)]
        guide.save_revision().publish()
    assert search_ids("lombricompostage") == {guide.pk}

    hidden = Collection.get_first_root_node().add_child(name="Interne")
    with django_capture_on_commit_callbacks(execute=True):
        CollectionViewRestriction.objects.create(collection=hidden, restriction_type="login")
        document.collection = hidden
        document.save()
    assert search_ids("lombricompostage") == set()
    assert search_ids("compostage") == {guide.pk}


def test_theme_rename_reaches_the_index(guide, django_capture_on_commit_callbacks):
    theme = Theme.objects.get(slug="territoires")
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Ancrage territorial"
        theme.save()
    assert search_ids("ancrage") == {guide.pk}


def test_imported_resources_are_findable_when_the_command_ends(tmp_path):
    path = tmp_path / "lot.jsonl"
    path.write_text(
        json.dumps(resource_line(id="a", title="Vermicompostage en ville")) + "\n", encoding="utf-8"
    )
    run = run_import(path)
    assert run.exit_code == 0
    assert len(index_ids()) == 1
    assert not IndexQueue.objects.exists()


def test_busy_index_never_blocks_publishing(guide, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr(embedded_module, "LOCK_WAIT_SECONDS", 0.2)
    backend = backends.embedded_backend()
    # Another process holding the writer lock: a real tantivy writer on the same index.
    holder = backend._index().writer(15_000_000, 1)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            guide.title = "Le compostage partagé, deuxième édition"
            guide.save_revision().publish()
        assert GuidePage.objects.get(pk=guide.pk).title.endswith("deuxième édition")
        assert IndexQueue.objects.filter(page_id=guide.pk, backend="embedded").exists()
    finally:
        holder.rollback()
        del holder
    indexing.drain()
    assert not IndexQueue.objects.exists()
    assert search_ids("deuxième édition") == {guide.pk}


def test_reconcile_repairs_a_lost_or_stale_index(guide):
    other = GuidePage(title="Un second guide", slug="second", summary="Rien.")
    ResourceIndexPage.objects.get().add_child(instance=other)
    other.themes = [Theme.objects.get(slug="territoires")]
    other.save_revision().publish()  # on-commit callbacks not run: the index missed it
    backend = backends.embedded_backend()
    backend.delete_documents([guide.pk])
    DownloadDay.objects.create(resource_id=guide.pk, day=datetime.date(2026, 11, 1), count=12)
    IndexQueue.objects.all().delete()  # the queue lost too

    out = StringIO()
    call_command("search_reconcile", stdout=out)
    assert "embedded : 2 ressource(s) mise(s) à jour, 0 retirée(s)." in out.getvalue()
    assert index_ids() == {guide.pk, other.pk}
    data = QueryDict("sort=downloads")
    first, _snippet = service.search(service.parse_params(data)).results[0]
    assert first.pk == guide.pk


def test_rebuild_command_and_searches_during_a_rebuild(guide):
    from search.backends.base import SearchQuery
    from search.documents import build_documents

    backend = backends.embedded_backend()
    documents = list(build_documents()) * 1  # built in this thread: the test database is here
    many = []
    for n in range(3000):
        copy = documents[0].__class__(**{**documents[0].__dict__, "id": 10_000 + n})
        many.append(copy)
    errors, counts = [], []

    def rebuild():
        try:
            backend.rebuild(documents + many)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=rebuild)
    thread.start()
    while thread.is_alive():
        counts.append(backend.search(SearchQuery(text="compostage", facets=False)).total)
    thread.join()
    assert not errors
    assert counts and min(counts) >= 1, "search answered from the old index meanwhile"
    assert backend.search(SearchQuery(text="compostage")).total == 3001

    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "embedded : 1 ressource(s) indexée(s)." in out.getvalue()
    assert index_ids() == {guide.pk}


def test_empty_index_is_filled_on_first_search(guide):
    backends.embedded_backend().rebuild(())
    backends.reset()  # a new process: the service checks the index again
    assert search_ids("compostage") == {guide.pk}
