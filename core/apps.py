from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares; imports no app of the project."""

    name = "core"
    verbose_name = _("Gemeenschappelijk")

    def ready(self):
        from django.db.models import fields

        # The empty choice of every select (admin and site): Django 6.1's label has no
        # Dutch translation yet, and Django asks apps to set their own here.
        fields.BLANK_CHOICE_LABEL = _("- Kies een optie -")
