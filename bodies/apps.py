from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BodiesConfig(AppConfig):
    name = "bodies"
    verbose_name = _("Governance-structuur")

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
