"""Is this file what its name says? Checked by content, for every way a file comes in
(import, admin upload, public proposal form).

Each check returns None when the file is acceptable, else a French sentence saying what
is wrong, fit to show to the person who sent it.
"""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

import filetype
from PIL import Image, UnidentifiedImageError

from resources.sizes import french_size

# Zip-based office formats: the member that proves what the archive is.
OFFICE_OPEN_XML = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPEN_DOCUMENT = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "epub": "application/epub+zip",
}
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP"}
FORMAT_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument (ODT)",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "mp4": "MP4",
}


def _head(fileobj, size=8192):
    position = fileobj.tell()
    data = fileobj.read(size)
    fileobj.seek(position)
    return data


def describe_content(fileobj):
    """A short name for what the bytes really are, for error messages."""
    head = _head(fileobj)
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension.upper()
    stripped = head.lstrip().lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or b"<script" in stripped[:1024]:
        return "HTML"
    if stripped.startswith((b"<svg", b"<?xml")):
        return "XML/SVG"
    return _("inconnu")


def _zip_member_check(fileobj, extension):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if extension in OFFICE_OPEN_XML:
                prefix = OFFICE_OPEN_XML[extension]
                return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
            if "mimetype" not in names:
                return False
            return (
                archive.read("mimetype").strip().decode("ascii", "replace")
                == OPEN_DOCUMENT[extension]
            )
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        fileobj.seek(0)


def content_matches_extension(fileobj, extension):
    extension = extension.lower()
    fileobj.seek(0)
    head = _head(fileobj)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OFFICE_OPEN_XML or extension in OPEN_DOCUMENT:
        return head.startswith(b"PK\x03\x04") and _zip_member_check(fileobj, extension)
    if extension in IMAGE_FORMATS:
        return _image_format(fileobj) == IMAGE_FORMATS[extension]
    if extension in {"txt", "csv"}:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # A multi-byte character may be cut at the end of the sample.
            try:
                head[:-4].decode("utf-8")
            except UnicodeDecodeError:
                return False
        return b"\x00" not in head
    kind = filetype.guess(head)
    return kind is not None and kind.extension == extension


def _image_format(fileobj):
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            return image.format
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None
    finally:
        fileobj.seek(0)


def file_size(fileobj):
    position = fileobj.tell()
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def check_document(fileobj, filename, allowed_extensions=None, max_size=None):
    """None if `fileobj` may be offered for download under `filename`, else the reason."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    allowed = allowed_extensions or settings.WAGTAILDOCS_EXTENSIONS
    max_size = max_size or settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if extension not in allowed:
        return _("« %(name)s » : extension « %(ext)s » non acceptée (acceptées : %(allowed)s).") % {
            "name": filename,
            "ext": extension or _("aucune"),
            "allowed": ", ".join(allowed),
        }
    size = file_size(fileobj)
    if size == 0:
        return _("« %(name)s » est vide.") % {"name": filename}
    if size > max_size:
        return _("« %(name)s » pèse %(size)s, la limite est de %(max)s.") % {
            "name": filename,
            "size": french_size(size),
            "max": french_size(max_size),
        }
    if extension in IMAGE_FORMATS:
        # Too many pixels first: Pillow will not even say what such a file is.
        problem = pixel_problem(fileobj, filename)
        if problem:
            return problem
    if not content_matches_extension(fileobj, extension):
        return _(
            "« %(name)s » ne contient pas un fichier %(expected)s (contenu reconnu : %(found)s)."
        ) % {
            "name": filename,
            "expected": FORMAT_NAMES.get(extension, extension.upper()),
            "found": describe_content(fileobj),
        }
    if extension in OFFICE_OPEN_XML and has_macros(fileobj):
        return _(
            "« %(name)s » contient des macros, qui peuvent cacher un programme : nous ne les "
            "acceptons pas. Enregistrez le document au format %(format)s sans macros, puis "
            "envoyez-le à nouveau."
        ) % {"name": filename, "format": FORMAT_NAMES.get(extension, extension.upper())}
    fileobj.seek(0)
    if extension in IMAGE_FORMATS:
        return check_image(fileobj, filename)
    return None


MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")


def has_macros(fileobj):
    """True if an Office Open XML file carries macros (a `.docm` renamed `.docx`): a VBA
    part, or a macro-enabled main part declared in [Content_Types].xml."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = [name.lower() for name in archive.namelist()]
            if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
                return True
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > 1024 * 1024:
                return True  # no honest content types list is that long
            types = archive.read(info).lower()
            return b"macroenabled" in types or b"vbaproject" in types
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        fileobj.seek(0)


def check_image(fileobj, filename, allowed=("png", "jpg", "jpeg"), max_size=None, max_pixels=None):
    """None if `fileobj` is a sound PNG or JPEG image within the limits, else the reason."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    max_size = max_size or settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    max_pixels = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if extension not in allowed:
        return _("« %(name)s » : seules les images %(allowed)s sont acceptées.") % {
            "name": filename,
            "allowed": ", ".join(a.upper() for a in allowed),
        }
    size = file_size(fileobj)
    if size == 0:
        return _("« %(name)s » est vide.") % {"name": filename}
    if size > max_size:
        return _("« %(name)s » pèse %(size)s, la limite est de %(max)s.") % {
            "name": filename,
            "size": french_size(size),
            "max": french_size(max_size),
        }
    problem = pixel_problem(fileobj, filename, max_pixels)
    if problem:
        return problem
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            found = image.format
            if found != IMAGE_FORMATS.get(extension):
                return _(
                    "« %(name)s » n'est pas une image %(ext)s (contenu reconnu : %(found)s)."
                ) % {"name": filename, "ext": extension.upper(), "found": found}
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        return _("« %(name)s » n'est pas une image lisible (contenu reconnu : %(found)s).") % {
            "name": filename,
            "found": describe_content(fileobj),
        }
    finally:
        fileobj.seek(0)
    return None


def pixel_problem(fileobj, filename, max_pixels=None):
    """The reason an image has too many pixels, or None. Width × height × frames (animated
    WebP, PNG and GIF): read from the header and the container, no frame is decoded."""
    max_pixels = max_pixels or settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    fileobj.seek(0)
    try:
        with Image.open(fileobj) as image:
            width, height = image.size
            frames = max(1, int(getattr(image, "n_frames", 1) or 1))
    except Image.DecompressionBombError:
        return _("« %(name)s » est une image trop grande (%(max)s millions de pixels au plus).") % {
            "name": filename,
            "max": max_pixels // 1_000_000,
        }
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None  # not an image: the content checks say so
    finally:
        fileobj.seek(0)
    if frames > 1 and width * height * frames > max_pixels:
        return _(
            "« %(name)s » est une image animée de %(frames)s images de %(w)s × %(h)s pixels : "
            "c'est trop grand (%(max)s millions de pixels au plus, toutes les images comptées)."
        ) % {
            "name": filename,
            "frames": frames,
            "w": width,
            "h": height,
            "max": max_pixels // 1_000_000,
        }
    if width * height > max_pixels:
        return _(
            "« %(name)s » mesure %(w)s × %(h)s pixels : c'est trop grand "
            "(%(max)s millions de pixels au plus)."
        ) % {"name": filename, "w": width, "h": height, "max": max_pixels // 1_000_000}
    return None
