import json
import shutil
from pathlib import Path

from django.core.management import call_command

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_PDF = SHARED / "examples" / "files" / "livret-accueil-nouveaux-adherents.pdf"


def minimal_pdf(text="Bonjour", title=None):
    """A real one-page PDF with `text`, written by hand so tests need no PDF library."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objects.append(b"<< /Title (" + title.encode("latin-1") + b") >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if title:
        trailer += b" /Info %d 0 R" % len(objects)
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def png_bytes(width=40, height=30, color=(40, 120, 60)):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def resource_line(**overrides):
    """A valid import line; keyword arguments replace or (value None) remove keys."""
    data = {
        "id": "test-ressource",
        "type": "guide",
        "title": "Accueillir les nouveaux adhérents",
        "summary": "Quelques gestes simples pour bien accueillir.",
        "body": "Premier paragraphe.\n\n## Un titre\n\n- un\n- deux",
        "themes": ["vie-associative"],
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


class ImportRun:
    def __init__(self, exit_code, stdout, stderr):
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    @property
    def summary(self):
        return self.stdout.strip().splitlines()[-1]


@pytest.fixture
def import_file(tmp_path):
    """Write lines (dicts or raw strings) to a .jsonl file and run the import command."""

    def run(lines, *, dry_run=False, name="import.jsonl"):
        path = tmp_path / name
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(
                    (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                )
        return run_import(path, dry_run=dry_run)

    run.folder = tmp_path
    return run


def run_import(path, dry_run=False):
    from io import StringIO

    stdout, stderr = StringIO(), StringIO()
    args = [str(path)] + (["--dry-run"] if dry_run else [])
    try:
        call_command("import_resources", *args, stdout=stdout, stderr=stderr)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return ImportRun(code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(autouse=True)
def fresh_search_state(request, settings, tmp_path):
    """Each test gets its own empty search index and fresh search caches.

    The database is rolled back after every test; an index written during a test would
    outlive it. Test classes that build one index for all their tests set
    `search_index_per_class = True` and manage their own folder.
    """
    from search import backends

    if not getattr(request.cls, "search_index_per_class", False):
        settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    reset_search_state()
    yield
    backends.reset()


def reset_search_state():
    from search import backends, service, synonyms

    backends.reset()
    synonyms.invalidate()
    service.forget_labels()


@pytest.fixture
def sample_folder(tmp_path):
    """A copy of ../shared/examples, so tests never depend on writing beside the contract."""
    if not SHARED.exists():
        pytest.skip(f"le dossier partagé {SHARED} est absent")
    target = tmp_path / "examples"
    shutil.copytree(SHARED / "examples", target)
    return target
