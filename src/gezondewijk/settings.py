"""Project wiring. Everything a deployment changes comes from the environment."""

import ipaddress
import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gezondewijk.web import basemap

# Lets admin and form classes be written with type parameters, e.g. ModelAdmin[Wijk].
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("GEZONDEWIJK_HOME", PACKAGE_DIR.parent.parent))
VAR_DIR = BASE_DIR / "var"


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("GEZONDEWIJK_DEBUG")
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("GEZONDEWIJK_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
# Production: debug pages off and a real secret key. Only then do the HTTPS-only defaults below
# apply, so `make run` and the tests keep working over plain http on 127.0.0.1.
PRODUCTION = not DEBUG and SECRET_KEY != DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("GEZONDEWIJK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "gezondewijk.people.admin_site.GezondeWijkAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "gezondewijk.privacy",
    "gezondewijk.places",
    "gezondewijk.people",
    "gezondewijk.indicators",
    "gezondewijk.network",
    "gezondewijk.checks",
    "gezondewijk.demo",
    "gezondewijk.web",
    "gezondewijk.dashboard",
    "gezondewijk.cycle",
    "gezondewijk.initiatives",
    "gezondewijk.projectbank",
    "gezondewijk.pioneers",
    "gezondewijk.plein",
    "gezondewijk.couplings",
    "gezondewijk.referrals",
    "gezondewijk.finance",
    "gezondewijk.backups",
    "gezondewijk.regionsetup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "gezondewijk.api_text.RefuseNulInApiPaths",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gezondewijk.web.unavailable.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the refusal page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gezondewijk.urls"
WSGI_APPLICATION = "gezondewijk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gezondewijk.web.navigation.menu",
                "gezondewijk.demo.context_processors.demo",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL (or another server).
# Connections are kept for a minute between requests; each request first checks that its kept
# connection still works, so after a database restart the site reconnects by itself instead
# of failing once on every stale connection (`make load` restarts PostgreSQL to show this).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'gezondewijk.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the dev server read while an import writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a log-in while its username and address are locked out (see AXES_*).
    "gezondewijk.web.auth_backends.RateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
    "gezondewijk.people.auth_backends.PolicyBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it to exist
# Uploaded files (draaiboek materials); served only through views that check the policy.
MEDIA_ROOT = Path(os.environ.get("GEZONDEWIJK_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# One cache that all worker processes of the server share: a folder on this machine (a
# deployment on several machines points GEZONDEWIJK_CACHE_DIR at shared storage or swaps in
# Redis). Results derived from the data (dashboard panels, the benchmark) are kept until the
# next write, and for at most FRESHNESS_SECONDS (gezondewijk/freshness.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("GEZONDEWIJK_CACHE_DIR", str(VAR_DIR / "cache")),
        # The file cache counts its files at every write and, over this, drops a third; each
        # data generation leaves its entries behind, so a small bound keeps writes cheap.
        "OPTIONS": {"MAX_ENTRIES": 2_000},
    }
}
# A session is read from that cache, and written through to the database: one query less on
# every request of a logged-in user.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
FRESHNESS_SECONDS = int(os.environ.get("GEZONDEWIJK_FRESHNESS_SECONDS", "60"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# -- Web security ---------------------------------------------------------------------------
# HTTPS-only behaviour: on by default in production, off in development; each part can be set
# on its own (e.g. GEZONDEWIJK_HTTPS=0 for a load test over http on 127.0.0.1).
HTTPS = _env_flag("GEZONDEWIJK_HTTPS", default=PRODUCTION)
SECURE_SSL_REDIRECT = _env_flag("GEZONDEWIJK_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("GEZONDEWIJK_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("GEZONDEWIJK_HSTS_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = _env_flag("GEZONDEWIJK_HSTS_PRELOAD", default=HTTPS)
# Behind a proxy that ends TLS, Django learns the original scheme from this header, and log-in
# rate limiting the client's address from X-Forwarded-For (web/client_address.py).
GEZONDEWIJK_BEHIND_PROXY = _env_flag("GEZONDEWIJK_BEHIND_PROXY")
if GEZONDEWIJK_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("GEZONDEWIJK_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
SESSION_COOKIE_SECURE = _env_flag("GEZONDEWIJK_SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Pages hand the token to htmx in the markup; no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# The base map under every map: a Leaflet tile URL template ({z}/{x}/{y}, optionally {s}) and
# its attribution. An empty GEZONDEWIJK_MAP_TILES turns the base map off (areas are drawn on a
# plain background, with their names); the Content Security Policy allows exactly this host.
GEZONDEWIJK_MAP_TILES = os.environ.get("GEZONDEWIJK_MAP_TILES", basemap.PDOK_TILES).strip()
GEZONDEWIJK_MAP_ATTRIBUTION = os.environ.get(
    "GEZONDEWIJK_MAP_ATTRIBUTION", basemap.PDOK_ATTRIBUTION
)
try:
    basemap.tile_source(GEZONDEWIJK_MAP_TILES)
except ValueError as _error:
    raise ImproperlyConfigured(f"GEZONDEWIJK_MAP_TILES: {_error}") from _error

# Content Security Policy (django-csp): only this site's own files, no inline scripts or
# styles, no eval. Data for charts and maps travels as <script type="application/json">
# (json_script), which is data, not script. Libraries that style elements from JavaScript
# (Leaflet, Chart.js, Cytoscape) do so through the CSSOM, which the policy allows.
_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Leaflet's and Swagger's small icons are data: URLs.
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Map tiles are images from the configured tile host, and from nowhere else.
CONTENT_SECURITY_POLICY = basemap.policy_with_tiles(_CONTENT_SECURITY_POLICY, GEZONDEWIJK_MAP_TILES)

# Log-in rate limiting (django-axes): after this many failed log-ins for the same username from
# the same address, that combination is refused for the cool-off period.
AXES_FAILURE_LIMIT = int(os.environ.get("GEZONDEWIJK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GEZONDEWIJK_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Successful log-ins are not logged: only failures are kept, and only as long as they count.
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_CALLABLE = "gezondewijk.web.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "gezondewijk.web.client_address.client_address"

# Webhooks go to public internet addresses only (couplings/outbound.py); a region whose own
# systems sit on a private network lists those networks here, comma-separated CIDRs.
GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
for _network in os.environ.get("GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS", "").split(","):
    if not _network.strip():
        continue
    try:
        GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS.append(
            ipaddress.ip_network(_network.strip(), strict=False)
        )
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"GEZONDEWIJK_WEBHOOK_ALLOWED_NETWORKS: {_network.strip()!r} is not a network "
            f"such as 10.20.0.0/16 ({_error})"
        ) from _error

# Privacy: aggregates over fewer than this many residents are suppressed.
PRIVACY_MIN_CELL_SIZE = int(os.environ.get("GEZONDEWIJK_PRIVACY_K", "10"))

NINJA_PAGINATION_PER_PAGE = 100

# The reach map: a buurt counts as reached when an activity took place at a strategic location
# within this distance of its centre.
GEZONDEWIJK_WALKING_DISTANCE_M = int(os.environ.get("GEZONDEWIJK_WALKING_DISTANCE_M", "500"))

# Introductions and other notices go out by e-mail; without a mail server they are printed.
EMAIL_BACKEND = os.environ.get(
    "GEZONDEWIJK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("GEZONDEWIJK_FROM_EMAIL", "noreply@gezondewijk.nl")

# Background work (imports, recomputations) goes through Django's Tasks API. The database
# backend is the embedded default: `gezondewijk db_worker` runs the tasks; a region that
# outgrows one machine points this at a real queue without changing the tasks themselves.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("GEZONDEWIJK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GEZONDEWIJK_LOG_LEVEL", "WARNING")},
}

# CBS's OData API, for `import-cbs --odata TABLE`; a region's own mirror may stand in for it.
GEZONDEWIJK_CBS_ODATA_URL = os.environ.get(
    "GEZONDEWIJK_CBS_ODATA_URL", "https://opendata.cbs.nl/ODataApi/odata"
).rstrip("/")
