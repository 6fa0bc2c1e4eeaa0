from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = _("Adviezen en opdrachten")

    def ready(self):
        from . import receivers  # noqa: F401  (answers meetings.signals)
