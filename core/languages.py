"""The language a login chose, kept for what answers without its browser (the calendar feeds)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import LanguagePreference


def _known(language: str | None) -> str | None:
    code = (language or "").split("-")[0].lower()
    return code if code in {code for code, _name in settings.LANGUAGES} else None


@transaction.atomic
def language_preference_set(*, user, language: str) -> LanguagePreference:
    """Remember `language` as the login's choice (one row per login, replaced on a new choice)."""
    code = _known(language)
    if code is None:
        raise ValidationError(_("Deze taal kent de site niet."))
    preference, _created = LanguagePreference.objects.update_or_create(user=user, defaults={"language": code})
    return preference


def language_of(user) -> str:
    """The login's chosen language, else the site's own.

    Costs one query, none when the login came with select_related("language_preference").
    """
    try:
        code = user.language_preference.language
    except LanguagePreference.DoesNotExist:
        code = None
    return _known(code) or settings.LANGUAGE_CODE
