"""Settings shared by every environment.

This is the only module that reads the process environment (see the table in
README.md). It is secure by default: DEBUG is off, there is no fallback secret
key and hosts must be listed. ``dev`` and ``test`` relax what they must;
``production`` refuses to start without a secret key.
"""

import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

CMS_PORT = env_int("CMS_PORT", 8000)
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://127.0.0.1:3000").rstrip("/")
# Shared secret the CMS sends to the frontend's purge endpoint.
FRONTEND_PURGE_SECRET = os.environ.get("FRONTEND_PURGE_SECRET", "")

INSTALLED_APPS = [
    # This site: its root page, image model and furniture.
    "home",
    # Plugins.
    "news",
    "news.wires",
    "directory",
    # Shared platform the plugins build on (cms/: one app per capability).
    "cms.delivery",
    "cms.publishing",
    "cms.webhooks",
    "cms.preview",
    "cms.countries",
    "cms.search",
    "cms.operations",
    # Background tasks: django-tasks with its database backend (TASKS below).
    "django_tasks",
    "django_tasks_db",
    "wagtail.api.v2",
    "wagtail.api.v3",
    # Translation workflow (docs/i18n.md): "Translate this page", sync, out-of-date markers;
    # its locales app is Wagtail's locale admin with its synchronisation options.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Not "wagtail.contrib.frontend_cache": its app only connects handlers that purge a
    # page's own URL; cms.delivery.invalidation purges every dependent URL through its backends.
    "wagtail_modeladmin",
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
    "rest_framework",
    # For its export_openapi_schema command (`make openapi`).
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    "cms.operations.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "cms.delivery.response_cache.APIResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Input no API view can answer (NUL bytes, 64-bit overflows, oversize or deep bodies).
    "cms.delivery.input_guard.APIInputGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a sign-in that django-axes refused into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite: wait for writers instead of failing with "database is locked",
    # and take the write lock up front so concurrent writers queue cleanly.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
# No JIT compilation and no parallel workers by default: both pay off for long analytical
# queries, not for a web app's short ones, which they slowed whenever a misestimated plan
# crossed jit_above_cost or launched workers for a hundred rows (docs/performance.md).
postgres_options = (
    f"-c jit=off -c max_parallel_workers_per_gather={env_int('DB_PARALLEL_WORKERS', 0)}"
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", postgres_options)
# Optional read replica (cms.delivery.replica): anonymous public API reads go there once it has
# replayed the last publication; everything else stays on DATABASE_URL.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["replica"]["CONN_MAX_AGE"] = 0
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("options", postgres_options)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.delivery.replica.routing.ReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("cms.delivery.response_cache.APIResponseCacheMiddleware") + 1,
        "cms.delivery.replica.middleware.ReplicaReadMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "herald"),
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Elasticsearch/OpenSearch when SEARCH_URL is set (docs/deployment.md), else the database.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
            "URLS": [SEARCH_URL],
            # modelsearch names each index <prefix><app>_<model> (it ignores an "INDEX" key).
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX", "herald") + "_",
        }
    }
else:
    # PostgreSQL: Wagtail's backend reading pages' full text from the API's search table
    # (cms.search.backend); SQLite: Wagtail's own (FTS5).
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "cms.search.backend"
            if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
            else "wagtail.search.backends.database",
            "AUTO_UPDATE": True,
        }
    }

# Outgoing mail: an SMTP URL (smtp://, smtp+tls://, smtps://), else files in VAR_DIR/mail.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _email.hostname or "localhost"
    EMAIL_PORT = _email.port or 25
    EMAIL_HOST_USER = unquote(_email.username or "")
    EMAIL_HOST_PASSWORD = unquote(_email.password or "")
    EMAIL_USE_TLS = _email.scheme == "smtp+tls"
    EMAIL_USE_SSL = _email.scheme == "smtps"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# Seconds an SMTP connection may block: a stalled mail server fails one send (retried by
# the next run) instead of holding the newsletter batch for ever.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# A mail provider through django-anymail (docs/furniture.md, "Bounces and complaints"):
# its backend sends, and its tracking webhooks (/anymail/<provider>/tracking/) report
# bounces and complaints, which suppress the subscriber (home/newsletter/bounces.py).
# Every ANYMAIL_<NAME> variable (e.g. ANYMAIL_POSTMARK_SERVER_TOKEN, ANYMAIL_WEBHOOK_SECRET)
# becomes ANYMAIL["<NAME>"].
ANYMAIL_PROVIDER = os.environ.get("ANYMAIL_PROVIDER", "")
if ANYMAIL_PROVIDER:
    EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_PROVIDER}.EmailBackend"
    ANYMAIL = {
        name.removeprefix("ANYMAIL_"): value
        for name, value in os.environ.items()
        if name.startswith("ANYMAIL_") and name != "ANYMAIL_PROVIDER"
    }
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Latin American Herald Tribune <headlines@laht.example>"
)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = VAR_DIR / "media"
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible media through django-storages (pip install ".[s3]").
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None

# Content in English (default, unprefixed public paths) and Spanish (under /es/): each page,
# snippet and furniture item that readers see has one version per locale (docs/i18n.md).
# The admin's language is each user's own choice among these (account settings).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Caracas")
USE_I18N = True
USE_TZ = True

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one address, that account or address is refused, even with the right
# password, until the cool-off has passed. API bearer tokens are not sign-ins: a wrong one is
# always a plain 401. The address is the reader's behind TRUSTED_PROXIES, as elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.delivery.client_ip.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin_login_locked.html"

WAGTAIL_SITE_NAME = "Latin American Herald Tribune"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{CMS_PORT}")
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "webp", "bmp": "png"}
# Documents are streamed by Wagtail's own view, which checks collection privacy (a password
# or login restriction); their media URLs are not served by Django outside development.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no editor's e-mail hash goes to a third party
WAGTAILEMBEDS_RESPONSIVE_HTML = True

WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", f"http://127.0.0.1:{CMS_PORT}")
WAGTAILAPI_LIMIT_MAX = env_int("WAGTAILAPI_LIMIT_MAX", 50)
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_SEARCH_ENABLED = True
# Cache-Control max-age (seconds) for anonymous public API reads.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 60)
# Seconds the CMS keeps a rendered anonymous /api/v2/ response in its cache
# (cms.delivery.response_cache);
# publishing invalidates it at once. 0 turns the response cache off. Off by default without
# REDIS_URL: a process-local cache would not see invalidations made by other processes (the
# scheduler's publications, other workers).
API_RESPONSE_CACHE_SECONDS = env_int("API_RESPONSE_CACHE_SECONDS", 3600 if REDIS_URL else 0)
# Seconds a listing's total_count (a COUNT of every matching page) is kept in the cache, under
# the same generation as the response cache; 0 counts every time. Off by default without
# REDIS_URL for the same reason. A reader counts at most API_COUNT_EXACT_THRESHOLD + 1 pages:
# a larger listing gives its last exact count, labelled an estimate, while the worker counts.
API_COUNT_CACHE_SECONDS = env_int("API_COUNT_CACHE_SECONDS", 3600 if REDIS_URL else 0)
API_COUNT_EXACT_THRESHOLD = env_int("API_COUNT_EXACT_THRESHOLD", 1000)
# Search (cms.search, docs/api.md "Search"): scores halve every N days; below M matches
# (PostgreSQL's estimate) the total is exact, above it an estimate, as are the facets.
SEARCH_HALF_LIFE_DAYS = env_int("SEARCH_HALF_LIFE_DAYS", 90)
SEARCH_EXACT_THRESHOLD = env_int("SEARCH_EXACT_THRESHOLD", 10000)
SEARCH_FACET_SAMPLE = env_int("SEARCH_FACET_SAMPLE", 1000)
SEARCH_ESTIMATE_SECONDS = env_int("SEARCH_ESTIMATE_SECONDS", 3600)
SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
# Anonymous public reads of page types with ``api_document = True`` (stories) answered from
# each page's stored representation, dropped whenever something it shows changes
# (cms.delivery.documents, docs/performance.md).
API_DOCUMENTS = env_bool("API_DOCUMENTS", True)
# Documents are rendered by a job in the worker (every N seconds, for at most M seconds a run) and
# by ``manage.py render_api_documents``, never by readers; the pages endpoint renders them.
API_DOCUMENTS_RENDER_EVERY = env_int("API_DOCUMENTS_RENDER_EVERY", 5)
API_DOCUMENTS_RENDER_SECONDS = env_int("API_DOCUMENTS_RENDER_SECONDS", 1)
API_DOCUMENTS_RENDERER = "cms.delivery.api.render_documents"
# Documents carry a digest of the code that renders them: every module of cms, home, news and
# directory but migrations, commands and demo content (cms.delivery.documents.versioning).

# Headless preview (cms.preview.models): seconds a preview link stays valid.
PREVIEW_TOKEN_MAX_AGE = env_int("PREVIEW_TOKEN_MAX_AGE", 900)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# Markets: an HTTP JSON provider imported every MARKETS_IMPORT_EVERY seconds when set.
MARKETS_PROVIDER_URL = os.environ.get("MARKETS_PROVIDER_URL", "")
MARKETS_PROVIDER_TIMEOUT = 10
MARKETS_IMPORT_EVERY = env_int("MARKETS_IMPORT_EVERY", 900)
# A quote older than this many seconds is flagged stale by /api/v3/markets/.
MARKETS_STALE_AFTER = env_int("MARKETS_STALE_AFTER", 86400)
# Most viewed: counters in Redis when REDIS_URL is set (flushed to the database), else in the DB.
MOST_VIEWED_BACKEND = "redis" if REDIS_URL else "db"
MOST_VIEWED_REDIS_URL = REDIS_URL
MOST_VIEWED_REDIS_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "herald") + ":views"
MOST_VIEWED_FLUSH_EVERY = env_int("MOST_VIEWED_FLUSH_EVERY", 60)
MOST_VIEWED_RETENTION_DAYS = 35
# Rankings are cached only in a shared cache: in a process-local one, an unpublication by the
# scheduler would not drop them (the invalidation bumps the other process's generation).
MOST_VIEWED_CACHE_SECONDS = API_CACHE_SECONDS if REDIS_URL else 0
MOST_VIEWED_PAGE_TYPES = ["news.ArticlePage"]
# Newsletter. The reader's IP is the last X-Forwarded-For entry when the request comes
# from one of TRUSTED_PROXIES (the frontend), else the connecting address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
NEWSLETTER_SEND_AT = os.environ.get("NEWSLETTER_SEND_AT", "06:30")
NEWSLETTER_CONFIRM_MAX_AGE = 72 * 3600
NEWSLETTER_RATE_LIMIT_PER_IP = (env_int("NEWSLETTER_RATE_LIMIT_PER_IP", 10), 3600)
NEWSLETTER_RATE_LIMIT_PER_ADDRESS = (3, 3600)
NEWSLETTER_BATCH_SIZE = 200
NEWSLETTER_MAX_ATTEMPTS = 3
NEWSLETTER_TOP_STORIES = 5
NEWSLETTER_LATEST_STORIES = 10

# Seconds between scheduler ticks (also wakes up early for the next go-live or expiry).
SCHEDULER_INTERVAL = float(os.environ.get("SCHEDULER_INTERVAL") or 5)
# Outgoing webhooks: per-request timeout, first retry delay (doubles each attempt), attempts.
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 5)
WEBHOOK_RETRY_BASE = env_int("WEBHOOK_RETRY_BASE", 30)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_RETENTION_DAYS = 30
# Key prefix of the CMS's own API response cache (cms.delivery.generation.api_cache_key).
API_CACHE_PREFIX = "herald-api"
# Purges go to the frontend's POST /_purge (cms.delivery.frontend_cache, bearer
# FRONTEND_PURGE_SECRET).
WAGTAILFRONTENDCACHE = {
    "frontend": {
        "BACKEND": "cms.delivery.frontend_cache.FrontendPurgeBackend",
        "LOCATION": FRONTEND_URL + "/_purge",
        "HOSTNAMES": [urlsplit(FRONTEND_URL).netloc],
        "TIMEOUT": 3,
    }
}
# Varnish in front of the frontend (frontend/varnish/default.vcl), e.g.
# http://127.0.0.1:6081: purged with the same URLs, after the frontend (dict order).
VARNISH_URL = os.environ.get("VARNISH_URL", "").rstrip("/")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "cms.delivery.varnish.VarnishPurgeBackend",
        "LOCATION": VARNISH_URL,
        "HOSTNAMES": [urlsplit(FRONTEND_URL).netloc],
        "TIMEOUT": 3,
    }

# /metrics answers a bearer METRICS_TOKEN or a connecting address in METRICS_ALLOWED_IPS;
# with neither, nobody.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
# prometheus-client's multiprocess mode: the same directory for every process of a host (the
# library reads the variable itself; cms.operations.views reads this setting).
PROMETHEUS_MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
# /readyz fails when the scheduler's last tick or the worker's last task is older (seconds).
READY_SCHEDULER_MAX_AGE = env_int("READY_SCHEDULER_MAX_AGE", 60)
READY_WORKER_MAX_AGE = env_int("READY_WORKER_MAX_AGE", 600)

# Background work (the scheduler's jobs, webhook deliveries, newsletter batches and Wagtail's
# own tasks) is queued in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The wire desk (docs/wires.md): the watched folder (<WIRE_INBOX>/<agency>/), the
# credentials of polled feeds as JSON, {"feed name": "Bearer …" or "user:password"}, and the
# private networks or hosts feeds may be fetched from (comma-separated; default none).
WIRE_INBOX = os.environ.get("WIRE_INBOX", str(VAR_DIR / "wires"))
WIRE_FEED_CREDENTIALS = json.loads(os.environ.get("WIRE_FEED_CREDENTIALS") or "{}")
WIRE_FEED_ALLOWED_PRIVATE = env_list("WIRE_FEED_ALLOWED_PRIVATE")

# LOG_FORMAT=json: one JSON object per line (time, level, logger, message, request_id…).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cms.operations.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Lockouts are warnings; each failed attempt and its start-up banner are not news.
        "axes": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}
