import contextlib

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# An obvious, non-secret key: never used in production, which refuses to start without one.
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-amapartage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F403
