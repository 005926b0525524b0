"""Text extraction from attached documents (PDF, ODT, DOCX), for search.

Parsing a file someone uploaded is the riskiest thing the site does: a hostile PDF can loop
or eat memory, a DOCX can be a zip bomb. So extraction runs in a child process with a wall
clock timeout and CPU and memory limits; whatever goes wrong there, the caller gets empty
text and a reason, never a stalled worker.

Run as `python -m resources.extraction PATH` it prints a JSON object; it imports nothing
from Django so the child starts fast.
"""

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

MAX_TEXT_CHARS = 2_000_000
MAX_PDF_PAGES = 2_000
# Zip-based formats: refuse to parse what unpacks to more than this, or compresses too well.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
TIMEOUT_SECONDS = 30
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024

EXTRACTABLE = {"pdf", "odt", "docx"}


@dataclass
class Extracted:
    text: str = ""
    page_count: int | None = None
    title: str = ""
    error: str = ""
    # Not done for want of time in this request (resources.background): try again later.
    pending: bool = False


class UnsafeArchive(ValueError):
    pass


def check_zip(path):
    """Refuse zip bombs before any parser opens them."""
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos) or 1
        if unpacked > MAX_UNPACKED_BYTES:
            raise UnsafeArchive(f"décompressé, le fichier ferait {unpacked // 1_000_000} Mo")
        if len(infos) > 10_000 or unpacked / packed > MAX_COMPRESSION_RATIO:
            raise UnsafeArchive("taux de compression anormal (archive piégée ?)")


def _pdf(path):
    from pypdf import PdfReader

    reader = PdfReader(path)
    pages = len(reader.pages)
    title = str((reader.metadata or {}).get("/Title") or "")
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return "\n".join(parts), pages, title


def _odt(path):
    check_zip(path)
    from odf import teletype
    from odf.dc import Title
    from odf.opendocument import load

    doc = load(str(path))
    # Headings and paragraphs in document order (getElementsByType would group them by type).
    parts = []

    def walk(node):
        for child in node.childNodes:
            if getattr(child, "qname", None) and child.qname[1] in {"h", "p"}:
                parts.append(teletype.extractText(child))
            else:
                walk(child)

    walk(doc.text)
    titles = doc.meta.getElementsByType(Title)
    title = teletype.extractText(titles[0]) if titles else ""
    return "\n".join(parts), None, title


def _docx(path):
    check_zip(path)
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts), None, doc.core_properties.title or ""


PARSERS = {"pdf": _pdf, "odt": _odt, "docx": _docx}


def extract_in_process(path, extension):
    text, pages, title = PARSERS[extension](path)
    text = text.replace("\x00", " ")
    return Extracted(text=text[:MAX_TEXT_CHARS], page_count=pages, title=title.strip()[:255])


def _limit_child():  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (TIMEOUT_SECONDS, TIMEOUT_SECONDS + 1))


def _isolated():
    from django.conf import settings

    return settings.TEXT_EXTRACTION_ISOLATED


def extract(path, extension=None, budget=None):
    """Extract the text of a document at `path`, safely. Never raises.

    `budget` (seconds) caps the time allowed on top of the usual limit; when it is what
    stops the extraction, the result is `pending` rather than an error."""
    path = Path(path)
    extension = (extension or path.suffix.lstrip(".")).lower()
    if extension not in EXTRACTABLE:
        return Extracted()
    if budget is not None and budget < 0.5:
        return Extracted(pending=True)
    if not _isolated():
        return _safe_in_process(path, extension)
    timeout = TIMEOUT_SECONDS if budget is None else min(TIMEOUT_SECONDS, budget)
    try:
        completed = subprocess.run(  # noqa: S603 - fixed interpreter and module, path as argument
            [sys.executable, "-m", "resources.extraction", str(path), extension],
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_child if os.name == "posix" else None,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
    except subprocess.TimeoutExpired:
        if timeout < TIMEOUT_SECONDS:
            return Extracted(pending=True)
        return Extracted(error=f"extraction interrompue après {TIMEOUT_SECONDS} s")
    if completed.returncode != 0:
        return Extracted(error="le fichier n'a pas pu être lu (fichier abîmé ou trop lourd)")
    try:
        data = json.loads(completed.stdout)
    except ValueError:
        return Extracted(error="le fichier n'a pas pu être lu")
    return Extracted(
        text=data.get("text", ""),
        page_count=data.get("page_count"),
        title=data.get("title", ""),
        error=data.get("error", ""),
    )


def _safe_in_process(path, extension):
    try:
        return extract_in_process(path, extension)
    except UnsafeArchive as exc:
        return Extracted(error=str(exc))
    except Exception as exc:
        return Extracted(error=f"le fichier n'a pas pu être lu ({type(exc).__name__})")


def _main(argv):  # pragma: no cover - exercised through extract()
    result = _safe_in_process(argv[1], argv[2])
    json.dump(
        {
            "text": result.text,
            "page_count": result.page_count,
            "title": result.title,
            "error": result.error,
        },
        sys.stdout,
        ensure_ascii=False,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv))
