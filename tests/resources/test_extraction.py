"""Text extraction is bounded: broken or hostile files give an error, never a stalled worker."""

import io
import zipfile

from resources import extraction
from tests.conftest import minimal_pdf


def test_pdf_text_title_and_pages(tmp_path):
    path = tmp_path / "fiche.pdf"
    path.write_bytes(minimal_pdf("Paniers solidaires", title="Fiche paniers"))
    result = extraction.extract(path)
    assert "Paniers solidaires" in result.text
    assert result.title == "Fiche paniers"
    assert result.page_count == 1
    assert result.error == ""


def test_broken_pdf_gives_an_error_not_an_exception(tmp_path):
    path = tmp_path / "casse.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 100)
    result = extraction.extract(path)
    assert result.text == ""
    assert result.error


def test_zip_bomb_is_not_unpacked(tmp_path):
    path = tmp_path / "bombe.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (20 * 1024 * 1024))
    path.write_bytes(buffer.getvalue())
    result = extraction.extract(path)
    assert result.text == ""
    assert "compression" in result.error


def test_other_formats_are_not_parsed(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG")
    assert extraction.extract(path) == extraction.Extracted()


def test_child_process_stops_at_the_request_budget(tmp_path, settings):
    # The limits of the child process, as outside the tests.
    from tests.operations.test_upload_work import hostile_pdf

    settings.TEXT_EXTRACTION_ISOLATED = True
    path = tmp_path / "piege.pdf"
    path.write_bytes(hostile_pdf())
    result = extraction.extract(path, budget=1)
    assert result.pending and result.text == "" and result.error == ""
    assert extraction.extract(path, budget=0).pending


def test_child_process_reads_a_sound_pdf(tmp_path, settings):
    settings.TEXT_EXTRACTION_ISOLATED = True
    path = tmp_path / "fiche.pdf"
    path.write_bytes(minimal_pdf("Paniers solidaires"))
    assert "Paniers solidaires" in extraction.extract(path).text


def test_tests_extract_in_process(tmp_path, settings, monkeypatch):
    # Test settings: no child process per document (ten times faster).
    from downloads import thumbnails

    assert settings.TEXT_EXTRACTION_ISOLATED is False
    assert settings.THUMBNAILS_ISOLATED is False

    def no_child(*args, **kwargs):
        raise AssertionError("a child process was started")

    monkeypatch.setattr("subprocess.run", no_child)
    path = tmp_path / "fiche.pdf"
    path.write_bytes(minimal_pdf("Paniers solidaires"))
    assert "Paniers solidaires" in extraction.extract(path).text
    data, reason = thumbnails.render_first_page(path)
    assert data.startswith(b"\xff\xd8") and reason == ""
