"""Settings shared by every environment; dev, prod and test override only what differs."""

import json
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / ".var"

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Two-step verification (django-otp), one block; see "Two-step verification" below.
MFA_APPS = ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static", "mfa.apps.MfaConfig"]

INSTALLED_APPS = [
    "mfa.apps.MfaAdminConfig",  # django.contrib.admin with the verified site (MFA block)
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
    "core",
    "bodies",
    "projects",
    "meetings",
    "referrals",
    "notifications",
    "calendars",
    "pages",
    # No models any more: kept for its migrations, which the moves of its models start from.
    "decisions",
    *MFA_APPS,
]

# Right after authentication: request.user.is_verified(), then the second step
# for everyone who has not taken it yet (mfa.middleware).
MFA_MIDDLEWARE = ["django_otp.middleware.OTPMiddleware", "mfa.middleware.SecondStepMiddleware"]

MIDDLEWARE = [
    # Headers (issue 10, point 9): the CSP, Permissions-Policy, and no-store for signed-in
    # users. Outermost, so that they are on every answer, also the 400 that
    # SecurityMiddleware gives for a host outside ALLOWED_HOSTS.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "governance.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    *MFA_MIDDLEWARE,
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records the acting user on every historical row.
    "simple_history.middleware.HistoryRequestMiddleware",
]

# --- Security headers (issue 10, point 9) -----------------------------------------
# No inline script or style anywhere: every script and style sheet is a static file.
# The nonce is for the few inline blocks Django's own admin writes ({% csp_nonce_attr %}).
# Bootstrap's CSS draws its icons (select arrow, check marks, menu button) as data: images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the site never uses, denied to it and to anything it would embed
# (governance.middleware.SecurityHeadersMiddleware).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
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
        "usb",
    )
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# --- end of security headers ------------------------------------------------------

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
                "django.template.context_processors.csp",
            ],
            # One date format per kind of place, in every template (core/dates.py).
            "builtins": ["core.templatetags.dates"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` runs a web server and a Celery worker on one file: readers never block
    # the writer (WAL), a writer waits up to 20 s for another instead of failing with
    # "database is locked" (timeout), and a transaction takes the write lock when it
    # begins (IMMEDIATE), so two writers queue instead of one failing half-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
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
# Reset mails one login gets per hour at most, however often its address is typed in.
PASSWORD_RESET_MAILS_PER_HOUR = 3
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
# Changes to a published agenda are gathered: one "agenda gewijzigd" mail once the
# agenda was left alone this many minutes (or when who runs the body announces them).
AGENDA_CHANGES_QUIET_MINUTES = env_int("AGENDA_CHANGES_QUIET_MINUTES", 10)
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

# Sessions (governance/sessions.py): signed out after SESSION_IDLE_TIMEOUT seconds
# without a request and SESSION_ABSOLUTE_LIFETIME seconds after signing in, whichever
# comes first; the login page then says which.
INSTALLED_APPS += ["governance"]  # its ready() stamps the login time
MIDDLEWARE += ["governance.sessions.SessionTimeoutMiddleware"]  # after auth, messages and htmx
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 30 * 60)
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_ABSOLUTE_LIFETIME", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME

# Login throttling (django-axes, governance/throttling.py): failures count per username
# AND address, so an attacker who guesses one person's password locks out only
# himself; that person still signs in from anywhere else. The lock lifts after the
# cool-off, or when an admin deletes the attempts (Beheer > Axes > toegangspogingen).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]  # last, as axes asks
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# The login page again, in the site's layout, with when to try again (status 429).
AXES_LOCKOUT_CALLABLE = "governance.throttling.lockout_response"
# Behind nginx or Caddy every request comes from the proxy: the client's address is
# then the one the nearest trusted proxy appended to X-Forwarded-For (prod: 1 proxy).
AXES_CLIENT_IP_CALLABLE = "governance.throttling.client_ip"
AXES_TRUSTED_PROXY_COUNT = env_int("AXES_TRUSTED_PROXY_COUNT", 0)
# A person who mistyped and then signed in starts again from zero. Successful logins
# stay in axes' access log (who, when, from where).
AXES_RESET_ON_SUCCESS = True
# No banner on stdout at every start (`check --deploy` prints nothing).
AXES_VERBOSE = False

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
    # Announces the agenda changes that have been quiet AGENDA_CHANGES_QUIET_MINUTES.
    "announce-agenda-changes": {
        "task": "meetings.tasks.announce_agenda_changes",
        "schedule": 60.0,
        "options": {"expires": 120},
    },
    # Keeps every body's meetings planned MEETING_PLANNING_HORIZON_DAYS ahead;
    # idempotent, so a beat that fires twice makes nothing twice.
    "plan-meetings": {
        "task": "meetings.tasks.plan_meetings",
        "schedule": crontab(hour=1, minute=10),
    },
    # The create forms' one-time keys (core.submissions) are kept a week.
    "prune-form-submissions": {
        "task": "core.tasks.prune_old_form_submissions",
        "schedule": crontab(hour=3, minute=20),
    },
}
# The largest file import_governance reads (bytes), checked before parsing; a real
# network's export is a few tens of kilobytes.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 2 * 1024 * 1024)
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

# Two-step verification (mfa app, django-otp): a TOTP authenticator app plus one-time
# recovery codes. Superusers and staff must use it, the admin only admits verified
# sessions, and Network.require_mfa_for_coordinators makes it required for a network's
# coordinators. The issuer is the name the authenticator app shows next to the code.
OTP_TOTP_ISSUER = env_str("MFA_ISSUER", "Netwerkbestuur")
# How many recovery codes one enrolment (or renewal) hands out.
MFA_RECOVERY_CODES = 10
# Wrong codes are throttled by django-otp per device: after n failures in a row the
# next try is refused for 2**(n-1) seconds (factor 1, the library's default).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
