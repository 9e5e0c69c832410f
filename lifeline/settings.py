"""Django settings, all read from environment variables with safe local defaults.

See docs/configuration.md for every variable.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from lifeline.lib import secret_key
from lifeline.lib.env import (
    ConfigError,
    env_bool,
    env_header,
    env_int,
    env_list,
    env_origins,
    env_str,
)
from lifeline.ops import logs
from lifeline.ops.errors import start_sentry

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("LIFELINE_DATA_DIR", "data")).resolve()

DEBUG = env_bool("DEBUG", False)
# Unset, a key is made on the first run and kept in the data folder (lib/secret_key.py).
# Machines that serve one site together must share one: set SECRET_KEY or SECRET_KEY_FILE.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    try:
        SECRET_KEY = secret_key.load_or_create(DATA_DIR)
    except (OSError, ValueError) as error:
        raise ConfigError(
            f"SECRET_KEY is not set and none could be kept in {DATA_DIR}: {error}"
        ) from error
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "lifeline.accounts",
    "lifeline.cases",
    "django_tasks",
    "django_tasks_db",
    "lifeline.network",
    "lifeline.archive",
    "ninja",
    "lifeline.api",
    "lifeline.actions",
    "lifeline.ops",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First: load balancers' probes skip host checks, HTTPS redirects and sessions.
    "lifeline.ops.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "lifeline.lib.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # lifeline.api.middleware's are Django's, django-otp's and ours, passed by for
    # /api/ requests, which use tokens: no signed-in user or messages there. (Sessions
    # and CSRF cost the API little when unused, and `check --deploy` looks for them.)
    "lifeline.api.middleware.AuthenticationMiddleware",
    "lifeline.api.middleware.OTPMiddleware",
    "lifeline.api.middleware.SecondFactorRequiredMiddleware",
    "lifeline.api.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lifeline.api.middleware.ApiErrorMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lifeline.urls"
WSGI_APPLICATION = "lifeline.wsgi.application"

# The project's templates, pages, widgets and mail alike, all live in lifeline/templates/
# (named <app>/... or emails/...); apps hold none. APP_DIRS finds Django's and the
# installed packages' own (the admin, two-step sign-in).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
# Widgets render through TEMPLATES, so a widget's template in lifeline/templates is
# found (Django's default form renderer looks only in the apps' folders).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def _database(url: str) -> dj_database_url.DBConfig:
    config = dj_database_url.parse(url)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Persistent connections: closing a SQLite connection checkpoints the WAL,
        # which costs more than the request (an insert view fell from about 2,000 to
        # 600 requests a second with Django's default CONN_MAX_AGE=0). IMMEDIATE takes
        # the write lock at BEGIN so concurrent writers wait on busy_timeout instead of
        # failing with "database is locked" on lock upgrade.
        config["CONN_MAX_AGE"] = None
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    else:
        config["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'lifeline.sqlite3'}")
if DATABASE_URL.startswith("sqlite:///") and not DATABASE_URL.endswith(":memory:"):
    Path(DATABASE_URL.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "admin:login"
# django-axes first: it refuses a locked-out account or address before any password check.
AUTHENTICATION_BACKENDS = [
    "lifeline.accounts.backends.ThrottledBackend",
    "lifeline.accounts.backends.ConfirmedBackend",
]

SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lifeline_cache",
        # The archive remembers two entries per search (lifeline/archive/cache.py);
        # Django's default of 300 would drop them almost as fast as they come.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
if env_str("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str("REDIS_URL"),
        }
    }

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# lifeline/static is the project's own folder, not an app's, so the finders need telling.
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise warns on every request when STATIC_ROOT is missing (before collectstatic).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Outgoing mail: notifications, appeals sent from the site, confirmation links.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lifeline <appeals@localhost>")

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# /readyz (lifeline/ops/health.py): a background worker must have been seen within
# this many seconds (0: not checked), and the oldest message due in the outbox may
# have waited this long (0: reported, not checked).
READY_WORKER_SECONDS = env_int("READY_WORKER_SECONDS", 60)
READY_OUTBOX_SECONDS = env_int("READY_OUTBOX_SECONDS", 0)
# /metrics (lifeline/ops/metrics.py) answers only a scraper sending this as a bearer
# token; unset, /metrics is 404.
METRICS_TOKEN = env_str("METRICS_TOKEN")

# Background tasks: the django-tasks backport with its database backend, whose
# workers run as separate processes (`lifeline worker`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# What one imported file may ask of the reader (docs/security.md): its size; the
# time and memory a child process may spend reading a PDF, an HTML page or a large
# text; PDF pages and HTML nesting. A file over a limit is refused with the reason.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 20)
IMPORT_SECONDS = env_int("IMPORT_SECONDS", 30)
IMPORT_MEMORY_MB = env_int("IMPORT_MEMORY_MB", 512)
IMPORT_MAX_PDF_PAGES = env_int("IMPORT_MAX_PDF_PAGES", 200)
IMPORT_MAX_HTML_DEPTH = env_int("IMPORT_MAX_HTML_DEPTH", 1000)

# The archive's search (docs/security.md): how much of each document's text is indexed
# (the rest is kept, not searched), and how long one search may run before it is stopped.
SEARCH_INDEXED_CHARACTERS = env_int("SEARCH_INDEXED_CHARACTERS", 100_000)
SEARCH_TIMEOUT_MS = env_int("SEARCH_TIMEOUT_MS", 5000)

# The public address of the site, for links in mail.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Behind a TLS proxy (docs/configuration.md, "Behind TLS"). Without the proxy's
# header Django takes every request for plain HTTP and refuses HTTPS forms' origin.
SECURE_PROXY_SSL_HEADER = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS", ["/".join(SITE_URL.split("/")[:3])])
# Pages carry no inline script or style (tests/test_security_headers.py): everything
# comes from the site's own static files, and no other site may frame a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site and what it embeds may use: none of these.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Messages per second to one SMTP server, across all workers; 0 = no limit.
EMAIL_RATE_LIMIT = env_int("EMAIL_RATE_LIMIT", 0)
# Notifications: messages a worker task sends over one SMTP connection, how long a
# claimed message may stay `sending` before another worker takes it over, retry
# backoff (first delay, doubling up to the cap) and how many attempts before failing.
NOTIFY_BATCH_SIZE = env_int("NOTIFY_BATCH_SIZE", 200)
# SMTP connections (threads) per worker.
NOTIFY_CONNECTIONS = env_int("NOTIFY_CONNECTIONS", 4)
NOTIFY_LEASE_SECONDS = env_int("NOTIFY_LEASE_SECONDS", 300)
NOTIFY_RETRY_SECONDS = env_int("NOTIFY_RETRY_SECONDS", 60)
NOTIFY_RETRY_MAX_SECONDS = env_int("NOTIFY_RETRY_MAX_SECONDS", 6 * 3600)
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 10)
NOTIFY_MAX_BOUNCES = env_int("NOTIFY_MAX_BOUNCES", 3)

# Accounts (docs/security.md): how long a confirmation or password-reset link
# works, and the window in which an address gets at most one such mail.
SIGNUP_CONFIRM_HOURS = env_int("SIGNUP_CONFIRM_HOURS", 48)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_HOURS", 24) * 3600
ACCOUNT_MAIL_WINDOW_MINUTES = env_int("ACCOUNT_MAIL_WINDOW_MINUTES", 60)
# Sign-ups one client address may post in that window (each may mail a stranger).
SIGNUPS_PER_CLIENT = env_int("SIGNUPS_PER_CLIENT", 5)
# Sign-in throttling (django-axes), members and back office alike: after this many
# failures for one account, or from one client address, sign-in is refused for
# the cool-off time. Behind a reverse proxy set SIGNIN_PROXY_COUNT to the number
# of proxies that append to X-Forwarded-For, or every client looks like one.
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = env_int("SIGNIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Failures are not wiped by a success: axes would wipe every failure from the same
# client address too, so one's own account would reset guesses at another's
# (tests/accounts/test_throttling_reset.py). They lapse after the cool-off time.
AXES_RESET_ON_SUCCESS = False
# No record of every successful sign-in (address, browser): only failures, kept
# for the cool-off time.
AXES_DISABLE_ACCESS_LOG = True
# Lockouts end by themselves after the cool-off; to lift one sooner:
# `lifeline axes_reset_username ADDRESS` or `lifeline axes_reset_ip IP`.
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_CALLABLE = "lifeline.network.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "lifeline.accounts.client.client_ip"
SIGNIN_PROXY_COUNT = env_int("SIGNIN_PROXY_COUNT", 0)
# Second factor (TOTP): anyone may turn it on; with TWO_FACTOR_REQUIRED editors
# and coordinators must (lifeline/accounts/second_factor.py).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = "Lifeline"

# Abuse limits for appeals (docs/security.md); rolling windows, 0 switches one off.
# "I have sent it" (web form and API) per client network address per hour.
APPEAL_RECORDS_PER_CLIENT_PER_HOUR = env_int("APPEAL_RECORDS_PER_CLIENT_PER_HOUR", 60)
# Appeals the site emails for writers: per sender address, client, sender mail domain
# (hour), per official and case, per official (day); confirmation links per address.
APPEAL_EMAILS_PER_ADDRESS_PER_HOUR = env_int("APPEAL_EMAILS_PER_ADDRESS_PER_HOUR", 10)
APPEAL_EMAILS_PER_CLIENT_PER_HOUR = env_int("APPEAL_EMAILS_PER_CLIENT_PER_HOUR", 10)
APPEAL_EMAILS_PER_DOMAIN_PER_HOUR = env_int("APPEAL_EMAILS_PER_DOMAIN_PER_HOUR", 20)
APPEAL_EMAILS_PER_OFFICIAL_PER_CASE_PER_DAY = env_int(
    "APPEAL_EMAILS_PER_OFFICIAL_PER_CASE_PER_DAY", 50
)
APPEAL_EMAILS_PER_OFFICIAL_PER_DAY = env_int("APPEAL_EMAILS_PER_OFFICIAL_PER_DAY", 100)
APPEAL_CONFIRMATIONS_PER_ADDRESS_PER_HOUR = env_int("APPEAL_CONFIRMATIONS_PER_ADDRESS_PER_HOUR", 3)
# Retention of writers' data (lifeline/network/retention.py, docs/security.md): a sent
# or failed appeal email's text and writer's name (days), a sender address of no
# account unused (days), client address hashes kept for the rate limits (hours).
APPEAL_EMAIL_TEXT_KEEP_DAYS = env_int("APPEAL_EMAIL_TEXT_KEEP_DAYS", 30)
SENDER_ADDRESS_KEEP_DAYS = env_int("SENDER_ADDRESS_KEEP_DAYS", 365)
CLIENT_HASH_KEEP_HOURS = env_int("CLIENT_HASH_KEEP_HOURS", 48)
if APPEAL_EMAIL_TEXT_KEEP_DAYS < 0 or SENDER_ADDRESS_KEEP_DAYS < 1:
    raise ConfigError(
        "APPEAL_EMAIL_TEXT_KEEP_DAYS must be 0 or more and SENDER_ADDRESS_KEEP_DAYS 1 or more"
    )
if CLIENT_HASH_KEEP_HOURS < 24:
    # The rate limits look back up to a day; a shorter keep would weaken them.
    raise ConfigError(f"CLIENT_HASH_KEEP_HOURS must be 24 or more, not {CLIENT_HASH_KEEP_HOURS}")
# Mail providers shared by many unrelated people: exempt from the per-domain limit.
APPEAL_EMAIL_SHARED_DOMAINS = env_list(
    "APPEAL_EMAIL_SHARED_DOMAINS",
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.net",
        "gmx.de",
        "web.de",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
    ],
)

# Logs to the console, as text or as one JSON object a line (lifeline/ops/logs.py).
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ConfigError(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = logs.logging_config(LOG_FORMAT, env_str("LOG_LEVEL", "WARNING"))

# Errors (unhandled exceptions, and messages logged at ERROR) to Sentry.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    start_sentry(SENTRY_DSN, environment=env_str("SENTRY_ENVIRONMENT", "production"))
