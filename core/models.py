from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A create form's one-time key, claimed by its first submit (core.submissions).

    The key is unique in the database: a second submit of the same form, even at the
    same moment, cannot claim it again and is sent where the first one led.
    """

    key = models.UUIDField(_("sleutel"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_submissions", verbose_name=_("gebruiker")
    )
    # Pruned by age (core.tasks.prune_form_submissions).
    submitted_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)
    result_url = models.CharField(_("resultaat"), max_length=500)

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")

    def __str__(self) -> str:
        return f"{self.key} → {self.result_url}"


class LanguagePreference(models.Model):
    """The language a login chose with the site's language switch.

    The site itself reads the choice from the browser's cookie; what answers without
    a browser session (the calendar feeds) speaks the language stored here. Without
    a row, the site's own language (Dutch).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="language_preference",
        verbose_name=_("gebruiker"),
    )
    language = models.CharField(_("taal"), max_length=10, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("taalkeuze")
        verbose_name_plural = _("taalkeuzes")

    def __str__(self) -> str:
        return f"{self.user} → {self.language}"
