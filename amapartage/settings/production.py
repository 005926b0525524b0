"""Production: everything comes from the environment; refuses to start without a secret."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY doit être défini en production.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS doit être défini en production.")
# Behind nginx on a Unix socket the connection has no address: without the header nginx
# overwrites, every visitor would look the same (rate limit, login lockout). Say it
# explicitly, REMOTE_ADDR included (gunicorn on TCP with no proxy in front).
if not os.environ.get("REAL_IP_HEADER"):
    raise ImproperlyConfigured(
        "REAL_IP_HEADER doit être défini en production (HTTP_X_REAL_IP derrière le nginx de "
        "deploy/nginx, REMOTE_ADDR sans proxy)."
    )

# Static files: hashed names (a changed file gets a new address) served by WhiteNoise with
# a one-year, immutable cache; compressed copies (gzip, Brotli if installed) made once at
# collectstatic. Run `manage.py collectstatic` at each deployment.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")  # fmt: skip
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "home.staticstorage.MinifiedManifestStaticFilesStorage"},
}

# Text extraction and thumbnails wait in the database for the worker process
# (`manage.py db_worker`, deploy/systemd/amapartage-worker.service), never in a request.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
    }
}

# HTTPS everywhere: nginx terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [f"https://{host}" for host in ALLOWED_HOSTS if host[0] != "."]
)
CONTENT_SECURITY_POLICY["DIRECTIVES"] = {  # noqa: F405
    **CSP_DIRECTIVES,  # noqa: F405
    "upgrade-insecure-requests": True,
}
