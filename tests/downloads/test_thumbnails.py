"""First-page thumbnails of PDF documents, made after the document is saved."""

import io

from django.core.files.base import ContentFile
from django.core.management import call_command

import pytest
from PIL import Image

from downloads import thumbnails
from resources.models import ResourceDocument, ResourceImage
from tests.conftest import minimal_pdf
from tests.sitedata import make_document

pytestmark = pytest.mark.django_db


def test_a_pdf_gets_a_thumbnail_of_its_first_page(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("Guide", "Bonjour")
    document.refresh_from_db()
    thumb = document.thumbnail
    assert thumb is not None
    assert thumb.filename.startswith("vignette-" + document.file_hash[:12])
    assert thumb.description  # alt text for the card
    with thumb.open_file() as f:
        image = Image.open(io.BytesIO(f.read()))
    assert image.format == "JPEG"
    assert image.width <= thumbnails.MAX_WIDTH and image.height <= thumbnails.MAX_HEIGHT
    # A letter page: taller than wide, and not blank (text was drawn).
    assert image.height > image.width
    assert image.convert("L").getextrema()[0] < 128
    # The document belongs to no published resource yet: its first page stays private too.
    assert thumb.collection.name == "Fichiers en relecture"
    assert thumb.file.url.startswith("/fichiers-prives/")


def test_a_new_file_gets_a_new_thumbnail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("Guide", "Premier")
    first = ResourceDocument.objects.get(pk=document.pk).thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument.objects.get(pk=document.pk)
        document.file.save("nouveau.pdf", ContentFile(minimal_pdf("Second")), save=False)
        document.file_hash = ""
        document.save()
    document.refresh_from_db()
    assert document.thumbnail_id != first.pk
    assert not ResourceImage.objects.filter(pk=first.pk).exists()  # the old one is gone
    assert thumbnails.is_current(document)


def test_a_broken_pdf_gets_no_thumbnail_and_no_error(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument(title="Abîmé")
        document.file.save("abime.pdf", ContentFile(b"%PDF-1.4\n garbage"), save=False)
        document.save()
    document.refresh_from_db()
    assert document.thumbnail is None
    assert not ResourceImage.objects.exists()


def test_other_files_get_none(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = ResourceDocument(title="Tableur")
        document.file.save("t.csv", ContentFile(b"a;b\n"), save=False)
        document.save()
    assert ResourceDocument.objects.get(pk=document.pk).thumbnail is None


def test_nothing_is_made_before_the_commit(django_capture_on_commit_callbacks):
    # A rolled-back import must leave no image behind: the work waits for the commit.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_document("Guide", "Bonjour")
    assert callbacks
    assert not ResourceImage.objects.exists()


def test_deleting_a_document_deletes_its_thumbnail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document("Guide", "Bonjour")
    thumb_id = ResourceDocument.objects.get(pk=document.pk).thumbnail_id
    ResourceDocument.objects.get(pk=document.pk).delete(permanently=True)  # the bin's purge
    assert not ResourceImage.objects.filter(pk=thumb_id).exists()


def test_command_makes_missing_thumbnails():
    # Documents saved without the commit callbacks running stand for documents imported
    # before the thumbnailer existed.
    documents = [make_document(f"Doc {n}", f"Texte {n}", f"doc-{n}.pdf") for n in range(2)]
    assert all(ResourceDocument.objects.get(pk=d.pk).thumbnail is None for d in documents)
    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    assert "2 créée(s), 0 déjà à jour, 0 en échec" in out.getvalue()
    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    assert "0 créée(s), 2 déjà à jour" in out.getvalue()


def test_rendering_is_bounded(tmp_path, monkeypatch, settings):
    # The child process is killed past its time limit; the caller just gets a reason.
    settings.THUMBNAILS_ISOLATED = True
    monkeypatch.setattr(thumbnails, "TIMEOUT_SECONDS", 0.001)
    path = tmp_path / "t.pdf"
    path.write_bytes(minimal_pdf("x"))
    data, reason = thumbnails.render_first_page(path)
    assert data is None
    assert "interrompu" in reason
