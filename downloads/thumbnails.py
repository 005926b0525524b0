"""First-page thumbnails of PDF downloads, shown on cards and beside download links.

Rendering a PDF someone uploaded is parsing untrusted input, so it runs like text
extraction (resources/extraction.py): in a child process with a time limit and CPU and
memory limits. Whatever goes wrong, the document simply has no thumbnail.

Run as `python -m downloads.thumbnails PATH` it writes a JPEG on stdout; it imports nothing
from Django so the child starts fast.
"""

import logging
import math
import os
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 30
MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024
# Cards show the thumbnail at most ~320 CSS px wide: 600 px covers 2x screens.
MAX_WIDTH = 600
MAX_HEIGHT = 900
# The thumbnail's file name carries the hash of the PDF it was rendered from.
NAME_PREFIX = "vignette-"

logger = logging.getLogger("amapartage.thumbnails")


def render_in_process(path):
    import io

    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        if len(pdf) == 0:
            raise ValueError("document sans page")
        page = pdf[0]
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            raise ValueError("page de taille nulle")
        scale = min(MAX_WIDTH / width, MAX_HEIGHT / height)
        image = page.render(scale=scale).to_pil().convert("RGB")
        page.close()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def _limit_child():  # pragma: no cover - runs in the child process
    import resource

    seconds = max(1, math.ceil(TIMEOUT_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def _isolated():
    from django.conf import settings

    return settings.THUMBNAILS_ISOLATED


def render_first_page(path, budget=None):
    """(JPEG bytes, "") or (None, reason). Never raises. `budget` (seconds) caps the time."""
    if not _isolated():
        try:
            return render_in_process(str(path)), ""
        except Exception as exc:
            return None, f"la première page n'a pas pu être rendue ({type(exc).__name__})"
    timeout = TIMEOUT_SECONDS if budget is None else min(TIMEOUT_SECONDS, budget)
    try:
        completed = subprocess.run(  # noqa: S603 - fixed interpreter and module, path as argument
            [sys.executable, "-m", "downloads.thumbnails", str(path)],
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limit_child if os.name == "posix" else None,
            cwd=Path(__file__).resolve().parent.parent,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"rendu interrompu après {timeout:g} s"
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"rendu impossible ({type(exc).__name__})"
    if completed.returncode != 0 or not completed.stdout.startswith(b"\xff\xd8"):
        return None, "la première page n'a pas pu être rendue (fichier abîmé ou trop lourd)"
    return completed.stdout, ""


def is_current(document):
    thumbnail = document.thumbnail
    return bool(
        thumbnail
        and document.file_hash
        and os.path.basename(thumbnail.file.name).startswith(NAME_PREFIX + document.file_hash[:12])
    )


def thumbnail_collection():
    """Thumbnails live in a collection of their own, out of the editors' way."""
    from django.utils.translation import gettext as _

    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    name = _("Vignettes des documents")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(instance=Collection(name=name))


def update_thumbnail(document, force=False, budget=None):
    """Make (or drop) the thumbnail of one document. Returns "made", "kept", "dropped",
    "none" or an error reason. `budget`: seconds the rendering may take at most."""
    # Here, not at the top: the child process runs this module without Django set up.
    from django.core.files.base import ContentFile

    from resources.models import ResourceDocument, ResourceImage
    from resources.privacy import collection_is_private

    old = document.thumbnail
    if document.file_extension.lower() != "pdf" or not document.file:
        if old is None:
            return "none"
        ResourceDocument.objects.filter(pk=document.pk).update(thumbnail=None)
        old.delete(permanently=True)  # a rendering, not an editor's image: no bin
        return "dropped"
    if is_current(document) and not force:
        return "kept"
    try:
        path = document.file.path
    except NotImplementedError:
        path = None
    if path is None or not os.path.exists(path):
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            with document.open_file() as f:
                for chunk in iter(lambda: f.read(1024 * 1024), b""):
                    tmp.write(chunk)
            tmp.flush()
            data, error = render_first_page(tmp.name, budget)
    else:
        data, error = render_first_page(path, budget)
    if data is None:
        logger.warning("Vignette du document %s : %s", document.pk, error)
        return error
    image = ResourceImage(
        title=f"Vignette : {document.title}"[:255],
        description=f"Première page de « {document.title} »"[:255],
        collection=thumbnail_collection(),
    )
    image.file.save(f"{NAME_PREFIX}{document.file_hash[:12]}.jpg", ContentFile(data), save=False)
    ResourceImage._meta.get_field("file").update_dimension_fields(image, force=True)
    image._set_image_file_metadata()
    image.save()  # every new file starts private (moderation), like any upload
    if not collection_is_private(document.collection_id):
        # The first page of a public document is public too.
        image.collection = thumbnail_collection()
        image.save(update_fields=["collection"])
    ResourceDocument.objects.filter(pk=document.pk).update(thumbnail=image)
    document.thumbnail = image
    if old is not None:
        old.delete(permanently=True)
    return "made"


def _main(argv):  # pragma: no cover - exercised through render_first_page()
    try:
        data = render_in_process(argv[1])
    except Exception as exc:
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    sys.stdout.buffer.write(data)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv))
