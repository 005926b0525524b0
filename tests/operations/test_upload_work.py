"""Uploads cannot take a worker down: text extraction and thumbnails leave the request (a
task of Wagtail's queue, within a small budget when run inline), and a request that dies
leaves no file behind."""

import io
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

import pytest

from moderation.models import Proposal
from resources import background
from resources.models import GuidePage, ResourceDocument, ResourceDownload, ResourceIndexPage
from search import backends
from search.backends.base import SearchQuery
from tests.conftest import minimal_pdf
from tests.moderation.test_proposals import form_data


def hostile_pdf():
    """A small PDF whose one page holds a ~19 MB content stream of text operators, Flate
    compressed very well: cheap to send, slow to parse and to render."""
    content = b"BT /F1 12 Tf 72 720 Td (AMAP solidaire) Tj ET\n" * 420_000
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    assert len(content) > 18_000_000
    return bytes(out)


def stored_files():
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    return {p for root in roots for p in Path(root).rglob("*") if p.is_file()}


def row_files():
    return {Path(d.file.path) for d in ResourceDocument.objects.all()}


@pytest.fixture
def production_like(settings):
    """Parse in child processes, as outside the tests."""
    settings.TEXT_EXTRACTION_ISOLATED = True
    settings.THUMBNAILS_ISOLATED = True
    cache.clear()
    yield settings
    cache.clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hostile_pdf_five_times_in_one_proposal_answers_fast(client, production_like):
    data = hostile_pdf()
    files = [SimpleUploadedFile(f"piege-{n}.pdf", data, "application/pdf") for n in range(5)]
    before = stored_files()
    started = time.monotonic()
    response = client.post("/proposer/", form_data(files=files))
    elapsed = time.monotonic() - started
    assert response.status_code == 302, response.content.decode()[:2000]
    assert elapsed < 10, f"{elapsed:.1f} s: the request waited for the parsers"
    proposal = Proposal.objects.get()
    ids = ResourceDownload.objects.filter(page=proposal.page).values_list("document", flat=True)
    documents = list(ResourceDocument.objects.filter(pk__in=ids))
    assert len(documents) == 5
    # Out of time within the request's budget: the text waits for a task or the command.
    assert any(d.text_pending for d in documents)
    assert all(d.extraction_error == "" for d in documents)
    # Every file on disk belongs to a row: no orphans.
    assert stored_files() - before == row_files()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_request_dying_mid_proposal_leaves_no_file_and_no_row(client, monkeypatch, settings):
    # gunicorn's sync worker aborts a request past its timeout with SystemExit, which no
    # `except Exception` cleanup sees: simulated here at the last step of the proposal.
    def die(*args, **kwargs):
        raise SystemExit(1)

    monkeypatch.setattr("moderation.notifications.send", die)
    cache.clear()
    before = stored_files()
    documents, proposals = ResourceDocument.objects.count(), Proposal.objects.count()
    files = [
        SimpleUploadedFile("fiche.pdf", minimal_pdf("Paniers"), "application/pdf"),
        SimpleUploadedFile("annexe.pdf", minimal_pdf("Annexe"), "application/pdf"),
    ]
    with pytest.raises(SystemExit):
        client.post("/proposer/", form_data(files=files))
    assert stored_files() == before
    assert ResourceDocument.objects.count() == documents
    assert Proposal.objects.count() == proposals
    assert not GuidePage.objects.filter(title=form_data()["title"]).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_files_of_a_rolled_back_transaction_are_deleted_those_committed_kept():
    with background.file_guard():
        with pytest.raises(RuntimeError), transaction.atomic():
            lost = default_storage.save("documents/perdu.txt", ContentFile(b"x"))
            raise RuntimeError("échec en cours de requête")
        with transaction.atomic():
            kept = default_storage.save("documents/garde.txt", ContentFile(b"y"))
        assert default_storage.exists(lost), "deleted only when the request ends"
    assert not default_storage.exists(lost)
    assert default_storage.exists(kept)


@pytest.mark.django_db
def test_pending_text_is_filled_by_the_command_and_reaches_the_search(
    django_capture_on_commit_callbacks,
):
    index = ResourceIndexPage.objects.get()
    page = GuidePage(title="Le jardin", slug="jardin", summary="Un résumé.")
    index.add_child(instance=page)
    document = ResourceDocument(title="Notice")
    document.file.save("notice.pdf", ContentFile(minimal_pdf("lombricompostage")), save=False)
    with django_capture_on_commit_callbacks(execute=True), background.request_budget(0):
        document.save()  # no time left in this request: the text stays pending
        page.downloads = [ResourceDownload(document=document)]
        page.save_revision().publish()
    document.refresh_from_db()
    assert document.text_pending and document.extracted_text == ""
    found = backends.embedded_backend().search
    assert found(SearchQuery(text="lombricompostage")).total == 0
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("extract_texts", stdout=out)
    assert "1 document(s)" in out.getvalue()
    document.refresh_from_db()
    assert not document.text_pending and "lombricompostage" in document.extracted_text
    assert found(SearchQuery(text="lombricompostage")).total == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_a_worker_the_request_only_enqueues(settings):
    # Production's database backend: saving a document writes a task row, parses nothing.
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    document = ResourceDocument(title="Notice")
    document.file.save("notice.pdf", ContentFile(minimal_pdf("compost")), save=False)
    with transaction.atomic():
        document.save()
    document.refresh_from_db()
    assert document.text_pending
    assert DBTaskResult.objects.filter(task_path__endswith="extract_document_text").exists()
    call_command("db_worker", batch=True, verbosity=0)
    document.refresh_from_db()
    assert not document.text_pending and "compost" in document.extracted_text
