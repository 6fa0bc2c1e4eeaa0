from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that combine apps: home, network home, body sheet, Mijn overzicht, coordination."""

    name = "pages"
    verbose_name = _("Pagina’s")
