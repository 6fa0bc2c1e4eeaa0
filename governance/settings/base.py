"""Settings shared by every environment; dev, prod and test override only what differs."""

import json
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / ".var"

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "guardian",
    "simple_history",
    "django_htmx",
    "bodies",
    "meetings",
    "decisions",
    "projects",
    "notifications",
    "calendars",
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
    "django_htmx.middleware.HtmxMiddleware",
    # Records the acting user on every historical row.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "governance.urls"
WSGI_APPLICATION = "governance.wsgi.application"
ASGI_APPLICATION = "governance.asgi.application"

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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# No anonymous user row: anonymous visitors have no object permissions at all.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# Password policy (issue 10, point 10): Django's checks with our Dutch messages, at
# least 12 characters, and Django's list of common passwords merged with Dutch ones
# (governance/passwords, made by bin/make-common-passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "governance.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "governance.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "governance.passwords.CommonPasswordValidator"},
    {"NAME": "governance.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap and htmx come from the npm registry at install time (package.json).
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "media/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(VAR_DIR / "media"))
# Agenda attachments (meetings.services.agenda): kept under MEDIA_ROOT, served only
# by a view that checks who may see the meeting, always as a download.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Allowed extensions and the type each is served as; the content is checked too.
ATTACHMENT_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail: SMTP from the environment; development prints mails to the console.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailer(default_backend: str) -> dict:
    backend = env_str("EMAIL_BACKEND", default_backend)
    if backend != SMTP_BACKEND:
        return {"BACKEND": backend}
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        },
    }


MAILERS = {"default": mailer(SMTP_BACKEND)}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "governance@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the site is reached from outside: the links in mails are made absolute with it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# How many due notifications one claim takes (notifications.sending).
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 20)

# Celery: Redis wherever REDIS_URL is set, otherwise an embedded broker on the
# local filesystem so that `make run` needs nothing but Python.
REDIS_URL = env_str("REDIS_URL", "")
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # A task not acknowledged within visibility_timeout (its worker died) is delivered
    # again. CELERY_BROKER_TRANSPORT_OPTIONS (JSON) adds or overrides options, e.g. a
    # short timeout and a key prefix in the real-worker tests.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 3600,
        **json.loads(env_str("CELERY_BROKER_TRANSPORT_OPTIONS", "{}")),
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    # A file cache is shared by the web server and the worker processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
CELERY_IMPORTS = ["governance.tasks"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Lets /healthz tell whether a worker is taking tasks.
    "worker-heartbeat": {
        "task": "governance.tasks.record_worker_heartbeat",
        "schedule": 60.0,
    },
    # A membership that ended yesterday or starts today changes who may do what
    # without any save: run shortly after midnight in CELERY_TIMEZONE (Brussels).
    "sync-access": {
        "task": "bodies.tasks.sync_access",
        "schedule": crontab(hour=0, minute=5),
    },
    # Notifications (notifications.tasks): rows for what is due every quarter of an
    # hour, sending every minute. Both may run twice or at once without a double mail;
    # an old send beat is dropped rather than run late after an outage.
    "plan-notifications": {
        "task": "notifications.tasks.plan_notifications",
        "schedule": 15 * 60.0,
    },
    "send-notifications": {
        "task": "notifications.tasks.send_due_notifications",
        "schedule": 60.0,
        "options": {"expires": 120},
    },
    # Keeps every body's meetings planned MEETING_PLANNING_HORIZON_DAYS ahead;
    # idempotent, so a beat that fires twice makes nothing twice.
    "plan-meetings": {
        "task": "meetings.tasks.plan_meetings",
        "schedule": crontab(hour=1, minute=10),
    },
}
# How far ahead the daily planner makes meetings from the cadences (days).
MEETING_PLANNING_HORIZON_DAYS = env_int("MEETING_PLANNING_HORIZON_DAYS", 120)
# A worker that has not beaten for this long counts as down in /healthz.
WORKER_HEARTBEAT_MAX_AGE = env_int("WORKER_HEARTBEAT_MAX_AGE", 180)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
