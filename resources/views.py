"""The private side of media storage, served by Django (resources.storage).

Files of resources not yet published live outside MEDIA_ROOT; this view hands them to editors
only, so that a contributor previewing a draft sees its images and documents.
"""

import mimetypes
from pathlib import Path

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from resources.privacy import user_may_see_private_files
from resources.storage import MediaStorage


def _private_regular_file(name):
    """The regular file `name` designates under the private root, or None: folders, missing
    files, `..` and symlinks leading out of the root are all refused the same way."""
    root = Path(default_storage.private.location).resolve()
    inner = MediaStorage.public_name(name)
    if not inner or "\x00" in inner or ".." in inner.replace("\\", "/").split("/"):
        return None
    try:
        path = (root / inner).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, a bad name
        return None
    if not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def private_file(request, name):
    """Files of resources not yet published, for editors only; anyone else gets a 404."""
    if not user_may_see_private_files(request.user):
        raise Http404
    path = _private_regular_file(name)
    if path is None:
        raise Http404
    content_type, _encoding = mimetypes.guess_type(path.name)
    response = FileResponse(
        path.open("rb"), content_type=content_type or "application/octet-stream"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
