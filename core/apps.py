from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares; imports no app of the project."""

    name = "core"
    verbose_name = _("Gemeenschappelijk")
