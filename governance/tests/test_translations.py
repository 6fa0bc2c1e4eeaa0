"""Dutch first, English second: both catalogues complete and compiled."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent.parent / "locale"


def po_msgids(path: Path) -> list[str]:
    """The msgids of a .po file, multi-line ones joined, the header left out."""
    msgids, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = [ast.literal_eval(line[len("msgid ") :])]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
        else:
            if current is not None and line.startswith(("msgstr", "msgid_plural")):
                msgids.append("".join(current))
            current = None
    return [msgid for msgid in msgids if msgid]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_message_is_translated_and_compiled(language):
    catalogue = LOCALE / language / "LC_MESSAGES"
    with open(catalogue / "django.mo", "rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    missing = [
        msgid for msgid in po_msgids(catalogue / "django.po") if not translations._catalog.get(msgid) and not any(
            isinstance(key, tuple) and key[0] == msgid for key in translations._catalog
        )
    ]
    assert missing == []
    assert "fuzzy" not in re.findall(r"^#, (.*)$", (catalogue / "django.po").read_text(), re.M)


def test_english_speaks_english():
    with translation.override("en"):
        assert translation.gettext("Samenstelling") == "Composition"
        assert translation.gettext("Een lidmaatschap kan niet eindigen vóór het begint.") == (
            "A membership cannot end before it starts."
        )
        # One Dutch word, two meanings: a body's remit and an assignment it gives.
        assert translation.gettext("Opdracht") == "Remit"
        assert translation.pgettext("assignment", "Opdracht") == "Assignment"


@pytest.mark.django_db
def test_the_login_page_follows_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()
    client.cookies["django_language"] = "nl"
    assert "Wachtwoord vergeten?" in client.get(reverse("login")).content.decode()
