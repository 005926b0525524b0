"""Settings shared by every environment.

Environment variables are read here (and in production.py) only. With none set, the
project runs on the embedded default: a SQLite file in the project folder and the
embedded search backend.
"""

import datetime
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "amapartage"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "home",
    "resources",
    "search",
    "operations",
    "moderation",
    "downloads",
    "editorial",
    "demo",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # After Wagtail, so that its French messages win over Django REST framework's.
    "wagtail.api.v2",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # Its French catalogue translates the admin's « il y a 15 secondes » (naturaltime).
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # Wagtail's task queue kept in the database, run by `manage.py db_worker` in production.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Mends a header of Wagtail's document view (see the class).
    "resources.middleware.DocumentEncodingMiddleware",
    "operations.security.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Anonymous pages from the cache (after authentication: it must know who asks).
    "operations.pagecache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Inline work budget and orphan file cleanup for each request (resources.background).
    "resources.background.UploadSafetyMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "amapartage.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "amapartage.wsgi.application"

# The embedded default is a SQLite file beside manage.py; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the importer or an editor writes; a busy timeout
    # makes concurrent writers wait instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first. Source strings are written in French, the reference language of the
# movement; other languages get their own catalogue in locale/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static_src"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Where the embedded search engine and other local state live.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# Files of resources not yet published: outside MEDIA_ROOT, served by Django to editors only.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))

STORAGES = {
    # FileSystemStorage under MEDIA_ROOT, with a private side under PRIVATE_MEDIA_ROOT.
    "default": {"BACKEND": "resources.storage.MediaStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "AMAP'artage"
# Draftail with an accessible name on RichTextField editors (resources/widgets.py).
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "resources.widgets.LabelledDraftailRichTextArea"},
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# ASCII page addresses (« une-grainotheque-… »), readable once copied into a mail or a citation.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_IMAGE_MODEL = "resources.ResourceImage"
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
# Documents are served through Django so that access can be checked (private collections,
# unpublished resources) and downloads counted.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "png",
    "jpg",
    "jpeg",
    "mp4",
    "webm",
    "txt",
    "csv",
    "epub",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Alt text is required when an image is uploaded or edited (home/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
# Documents are checked by content when uploaded in the admin (resources/forms.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.forms.DocumentForm"
# Only PDF opens in the browser; every other file is downloaded.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# The visitor's address, for everything that counts or limits per address (download
# counts, proposal rate limit, admin login protection). Behind a reverse proxy, the one
# header it overwrites (nginx: X-Real-IP → REAL_IP_HEADER=HTTP_X_REAL_IP); never a header a
# client could forge.
REAL_IP_HEADER = os.environ.get("REAL_IP_HEADER", "REMOTE_ADDR")
RATELIMIT_IP_META_KEY = "operations.client_ip.client_ip"
# At most a few reset e-mails per mailbox an hour, whoever asks (operations.accounts).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "operations.accounts.MailboxLimitedPasswordResetForm"  # noqa: S105

# No avatars fetched from Gravatar by the admin: a third party would learn who uses it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Editorial moderation (moderation/): approval stamps the review date, then publishes.
WAGTAIL_FINISH_WORKFLOW_ACTION = "moderation.workflow.publish_reviewed"
# Months a volunteer's name and e-mail are kept after the decision on their proposal.
# Text extraction and thumbnails run as tasks of Wagtail's queue. The embedded default runs
# them at once, within a total budget per request (seconds); set TASKS_BACKEND=database for
# the worker process (`manage.py db_worker`), as production does.
INLINE_WORK_BUDGET_SECONDS = float(os.environ.get("INLINE_WORK_BUDGET_SECONDS", "4"))
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("TASKS_BACKEND", "") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}
# Parse uploaded files in a child process with time, CPU and memory limits (False only in
# tests: in-process is ten times faster, and the test files are ours).
TEXT_EXTRACTION_ISOLATED = True
THUMBNAILS_ISOLATED = True
PROPOSAL_RETENTION_MONTHS = int(os.environ.get("PROPOSAL_RETENTION_MONTHS", "6"))
# Days the private link of a volunteer's proposal sent back stays valid.
PROPOSAL_RESUBMIT_DAYS = int(os.environ.get("PROPOSAL_RESUBMIT_DAYS", "30"))
# The public proposal form (/proposer/): a form sent faster than a person can fill it is a
# robot's; one older than its max age is refused (its one-use token has expired meanwhile);
# posts per address; attached files, one by one and together.
PROPOSAL_MIN_FILL_SECONDS = 3
PROPOSAL_FORM_MAX_AGE = 6 * 3600
PROPOSAL_RATE_LIMIT = "10/h"
PROPOSAL_MAX_FILES = 5
PROPOSAL_MAX_FILE_SIZE = 20 * 1024 * 1024
PROPOSAL_MAX_TOTAL_SIZE = 50 * 1024 * 1024
# Days between the reading committee's checks that a resource is still up to date.
RESOURCE_REVIEW_INTERVAL_DAYS = 730

# Wagtail's own search stays on its database backend: it serves the admin's searches.
# The public search (search/) has its own engine.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

# Public search (search/): the embedded tantivy index lives here; Elasticsearch is used
# when ELASTICSEARCH_URL is set, with the embedded index kept as its fallback.
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", VAR_DIR / "search"))
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "amapartage-resources")
# Seconds an Elasticsearch query may take before the embedded backend answers instead.
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "1.5"))
# The French thesaurus that bridges words the library lacks (search/thesaurus.py): where
# Debian's mythes-fr puts it; "" switches the bridge off, an absent file too.
SEARCH_THESAURUS = "/usr/share/mythes/thes_fr.dat"
# The French spelling dictionary that tells a real word from a typo (search/dictionary.py):
# where Debian's hunspell-fr puts it (the .aff beside it); "" or an absent file: every word
# the library lacks is taken for a typo, as before.
SEARCH_DICTIONARY = "/usr/share/hunspell/fr_FR.dic"
# Most pages the pages API (/api/v2/pages/) returns at once.
WAGTAILAPI_LIMIT_MAX = 20

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "AMAP'artage <ne-pas-repondre@amapartage.localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Whom people write to: every e-mail names it (or the network's own address) and replies go
# there, never only to the no-reply sender.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@amapartage.localhost")

# Cache: Redis when REDIS_URL is set (shared by every worker: page cache, rate limits, login
# attempts), else each process's memory (the embedded default). A Redis outage degrades to
# no cache instead of errors (django-redis ignores its exceptions, and logs them once a
# minute), and Redis is left alone for 5 s after each failure (operations/cache.py).
REDIS_URL = os.environ.get("REDIS_URL", "")


def _no_retry():
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return Retry(NoBackoff(), 0)


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "operations.cache.FailFastRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "amapartage",
            "FAIL_FAST_SECONDS": 5,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                # No retries with backoff: a cache that is down must cost a refused
                # connection, not a pause on every request.
                "CONNECTION_POOL_KWARGS": {"retry": _no_retry()},
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous visitors' pages are cached this long at most; publishing clears them at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Admin login: an address is locked after 5 failures for 15 minutes, without locking others
# (django-axes, on the client address above).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "operations.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "operations/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Successful logins are not recorded (address and browser of every editor, for nothing);
# failed attempts are deleted by django-axes once their 15-minute cool-off is over.
AXES_DISABLE_ACCESS_LOG = True

# Security headers. The public site gets a strict Content-Security-Policy (no inline code);
# the admin, which needs inline code, gets the same policy as report-only.
VIDEO_FRAME_HOSTS = env_list(
    "VIDEO_FRAME_HOSTS", ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
)
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    # Video players load only after the visitor asks (templates/includes/player.html).
    "frame-src": VIDEO_FRAME_HOSTS,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ADMIN_PATH_PREFIXES,
    "DIRECTIVES": CSP_DIRECTIVES,
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CSP_DIRECTIVES}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_a_minute": {"()": "operations.logfilters.RateLimitFilter", "seconds": 60},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # A logger with no handler at all would fall back to logging's last resort (stderr).
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "amapartage": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Scanners ask for made-up host names all day; ALLOWED_HOSTS answers them a 400.
        "django.security.DisallowedHost": {"handlers": ["discard"], "propagate": False},
        # A Redis outage: logged once a minute with the count held back, not at every call.
        "django_redis.cache": {
            "handlers": ["console"],
            "level": "WARNING",
            "filters": ["once_a_minute"],
            "propagate": False,
        },
    },
}
