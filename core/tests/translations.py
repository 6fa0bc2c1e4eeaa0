"""Reading a page or a value in English before the English catalogue has the new messages.

The catalogues are completed after merging (governance/tests/test_translations.py keeps
them complete); a test that a text goes through gettext gives the English it expects.
"""

import contextlib

from django.utils import translation
from django.utils.translation import trans_real


@contextlib.contextmanager
def english(entries: dict[str, str] | None = None):
    """English active, with `entries` (msgid → English) added to its catalogue meanwhile."""
    entries = entries or {}
    with translation.override("en"):
        catalogue = trans_real.translation("en")._catalog._catalogs[0]
        saved = {msgid: catalogue[msgid] for msgid in entries if msgid in catalogue}
        catalogue.update(entries)
        try:
            yield
        finally:
            for msgid in entries:
                catalogue.pop(msgid, None)
            catalogue.update(saved)
