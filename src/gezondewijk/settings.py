"""Project wiring. Everything a deployment changes comes from the environment."""

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

# Lets admin and form classes be written with type parameters, e.g. ModelAdmin[Wijk].
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("GEZONDEWIJK_HOME", PACKAGE_DIR.parent.parent))
VAR_DIR = BASE_DIR / "var"


def _env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("GEZONDEWIJK_DEBUG")
SECRET_KEY = os.environ.get(
    "GEZONDEWIJK_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
)
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

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
