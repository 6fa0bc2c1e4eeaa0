"""Production: everything secret or site-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False

# --- Where the site lives (issue 10, point 13) ----------------------------------
# No localhost defaults here: a server started without them stops at once instead of
# answering 400 to everyone or mailing links to 127.0.0.1.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
SITE_URL = env_str("SITE_URL")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} is not a URL (https://governance.example.org).")
# --- end of where the site lives --------------------------------------------------

# --- HTTPS (issue 10, point 9) ------------------------------------------------------
# TLS ends at the proxy in front of gunicorn (README, Production), which says so in
# X-Forwarded-Proto. Django redirects plain HTTP and sends HSTS unless the proxy
# already does and SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS=0 turn it off here.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Health probes from the machine itself speak plain HTTP to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# --- end of HTTPS -------------------------------------------------------------------

# gunicorn listens on 127.0.0.1 behind one TLS proxy (README): login throttling takes
# the client's address from the X-Forwarded-For that proxy appends.
AXES_TRUSTED_PROXY_COUNT = env_int("AXES_TRUSTED_PROXY_COUNT", 1)
