"""One date format per kind of place, in the reader's language.

- in a sentence, a heading or a fact (dt/dd): the long date, "14 december 2026";
- a meeting's own day, where the weekday matters (its title, the meeting list, the next meetings):
  "maandag 14 december 2026";
- in a table, a list's line of detail or a badge: the short date, "14 dec 2026";
- a moment (published, changed): "14 december 2026, 09:30".

Numbers only ("14-12-2026") are for form fields, never for reading. The templates use
the filters of core/templatetags/dates.py (built in, no {% load %} needed); Python
that writes a message uses these functions.
"""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

LONG = "j F Y"
WEEKDAY = "l j F Y"
SHORT = "j N Y"
MOMENT = "j F Y, H:i"


def _format(value, fmt: str) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


def long_date(value) -> str:
    return _format(value, LONG)


def weekday_date(value) -> str:
    return _format(value, WEEKDAY)


def short_date(value) -> str:
    return _format(value, SHORT)


def moment(value) -> str:
    return _format(value, MOMENT)
