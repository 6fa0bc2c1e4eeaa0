from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class MfaConfig(AppConfig):
    name = "mfa"
    verbose_name = _("Tweestapsverificatie")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)


class MfaAdminConfig(AdminConfig):
    """Django's admin with a site that admits only sessions verified by a second step."""

    default_site = "mfa.sites.VerifiedAdminSite"
