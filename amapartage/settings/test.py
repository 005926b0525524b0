import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Each test run writes its files in a throw-away folder, never in the project's media/.
# The folder is made when the settings are imported, so each pytest-xdist worker (its own
# process) has its own; it is removed when that process ends.
_TMP = Path(tempfile.mkdtemp(prefix="amapartage-test-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private-media"
VAR_DIR = _TMP / "var"
SEARCH_INDEX_DIR = VAR_DIR / "search"
STORAGES = {
    "default": {"BACKEND": "resources.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Extract text and render thumbnails in-process: ten times faster. The tests of the child
# process limits set these back to True.
TEXT_EXTRACTION_ISOLATED = False
THUMBNAILS_ISOLATED = False
