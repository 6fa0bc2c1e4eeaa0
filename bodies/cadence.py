"""What a meeting rhythm's rule may be, the one check of it, and the rule in words.

A rule is a recurrence rule (RFC 5545) of whole days: dateutil expands it, but an
unbounded or never-matching rule makes dateutil run for seconds (FREQ=SECONDLY, or
FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30, which it searches up to the year 9999). So
`rule_problem` allows only what a meeting rhythm needs. The rhythm is part of a body's
structure (its sheet names it); turning it into dates is the meetings app's
(meetings.cadence), which expands a rule only after this check.
"""

import datetime
import functools
from collections.abc import Sequence

from dateutil.rrule import rrulestr
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# What a meeting rhythm may use. The hour of a meeting is the cadence's start time, so
# BYHOUR, BYMINUTE and BYSECOND (and the sub-daily frequencies) have no use here; BYWEEKNO,
# BYYEARDAY and BYEASTER are left out because no rhythm needs them.
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
PARTS = frozenset({"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS"})
# An interval keeps the rhythm coming back at least every two years.
MAX_INTERVALS = {"DAILY": 730, "WEEKLY": 104, "MONTHLY": 24, "YEARLY": 2}
MAX_COUNT = 1000
MAX_RULE_LENGTH = 500
# At most one date a day, and a first date within two years from any start.
MAX_DATES_PER_YEAR = 366
PROBE_YEARS = 2
PROBE_START = datetime.datetime(9995, 1, 1)


class RuleProblem(ValueError):
    """Why a rule is not a meeting rhythm: `unreadable` (no RFC 5545 rule) or `not_allowed`."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def _parts(text: str) -> dict[str, str]:
    if (
        not text
        or len(text) > MAX_RULE_LENGTH
        or text.upper().startswith(("DTSTART", "RRULE:"))
        or any(char in text for char in "\r\n")
    ):
        raise RuleProblem("unreadable")
    parts = {}
    for item in filter(str.strip, text.upper().split(";")):
        key, sign, value = item.strip().partition("=")
        if not sign or not key or key in parts:
            raise RuleProblem("unreadable")
        parts[key.strip()] = value.strip()
    return parts


# Parts of RFC 5545 that are readable but not allowed here.
OTHER_PARTS = frozenset({"BYHOUR", "BYMINUTE", "BYSECOND", "BYWEEKNO", "BYYEARDAY", "BYEASTER"})
OTHER_FREQUENCIES = ("HOURLY", "MINUTELY", "SECONDLY")


def _number(parts: dict[str, str], key: str, high: int) -> None:
    value = parts.get(key)
    if value is None:
        return
    if not (value.isascii() and value.isdigit()):
        raise RuleProblem("unreadable")
    # Compared as text first: a number of a million digits is refused, not converted.
    if len(value) > len(str(high)) or not 1 <= int(value) <= high:
        raise RuleProblem("not_allowed")


def parse_rule(text: str, *, dtstart: datetime.datetime):
    """The dateutil rule for `text` from `dtstart`, or RuleProblem; the quick checks only, no expansion."""
    parts = _parts((text or "").strip())
    freq = parts.get("FREQ")
    if freq not in FREQUENCIES:
        raise RuleProblem("not_allowed" if freq in OTHER_FREQUENCIES else "unreadable")
    extra = parts.keys() - PARTS
    if extra:
        raise RuleProblem("not_allowed" if extra <= OTHER_PARTS else "unreadable")
    _number(parts, "INTERVAL", MAX_INTERVALS[freq])
    _number(parts, "COUNT", MAX_COUNT)
    try:
        return rrulestr((text or "").strip(), dtstart=dtstart)
    except (ValueError, TypeError, OverflowError):
        raise RuleProblem("unreadable") from None


@functools.lru_cache(maxsize=512)
def rule_problem(text: str) -> str | None:
    """None for a rule a meeting rhythm may have, else "unreadable" or "not_allowed".

    Besides its parts, a rule must give at most MAX_DATES_PER_YEAR dates in a year and at
    first date within PROBE_YEARS years, from starts on every weekday and in every month. The
    probe runs near the year 9999, where dateutil's search for a rule that never matches
    ends within a few years: it stays cheap for any rule the parts allow.
    """
    try:
        rule = parse_rule(text, dtstart=PROBE_START)
    except RuleProblem as problem:
        return problem.kind
    # COUNT and UNTIL only end a rhythm; the probe is about its density.
    rule = rule.replace(count=None, until=None)
    if len(rule.between(PROBE_START, PROBE_START + datetime.timedelta(days=365), inc=True)) > MAX_DATES_PER_YEAR:
        return "not_allowed"
    for step in range(13):
        # 31 days apart: thirteen starts, on every weekday and in every month.
        begin = PROBE_START + datetime.timedelta(days=31 * step)
        first = rule.replace(dtstart=begin).after(begin, inc=True)
        if first is None or first > begin + datetime.timedelta(days=365 * PROBE_YEARS):
            return "not_allowed"
    return None


# A rhythm in words ---------------------------------------------------------------------

RULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# The picker's "which weekday of the month": first to fourth, or the last one.
ORDINALS = (1, 2, 3, 4, -1)


def _ordinal(number: int) -> str:
    names = {
        1: _("eerste"),
        2: _("tweede"),
        3: _("derde"),
        4: _("vierde"),
        5: _("vijfde"),
        -1: _("laatste"),
        -2: _("voorlaatste"),
    }
    return names.get(number, str(number))


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s en %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def rule_words(rule: str, *, at: datetime.time | None = None) -> str:
    """A stored rule in the reader's words, the one way a rhythm is shown on a page.

    FREQ=WEEKLY;INTERVAL=2;BYDAY=TU → "om de 2 weken op dinsdag"; FREQ=MONTHLY;BYDAY=2TH
    (or BYDAY=TH;BYSETPOS=2) → "elke maand op de tweede donderdag";
    FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE → "2 keer per jaar, in maart en oktober, op de
    eerste woensdag". With `at`, the hour follows ("om 19:30"). A rule that is no meeting
    rhythm (`rule_problem`) is shown as it is stored.
    """
    text = (rule or "").strip()
    if rule_problem(text[: MAX_RULE_LENGTH + 1]) is not None:
        return text
    parts = _parts(text)
    interval = int(parts.get("INTERVAL", "1"))
    freq = parts["FREQ"]
    months = [int(month) for month in filter(None, parts.get("BYMONTH", "").split(","))]
    positions = [int(item) for item in filter(None, parts.get("BYSETPOS", "").split(","))]

    if freq == "YEARLY" and months and interval == 1:
        count = len(months)
        words = [ngettext("%(n)s keer per jaar", "%(n)s keer per jaar", count) % {"n": count}]
    else:
        every = {
            "DAILY": (_("elke dag"), _("om de %(n)s dagen")),
            "WEEKLY": (_("elke week"), _("om de %(n)s weken")),
            "MONTHLY": (_("elke maand"), _("om de %(n)s maanden")),
            "YEARLY": (_("elk jaar"), _("om de %(n)s jaar")),
        }[freq]
        words = [every[0] if interval == 1 else every[1] % {"n": interval}]
    if months:
        words.append(_("in %(months)s") % {"months": _join([str(MONTHS[month]) for month in months])})

    days = []
    items = [item.strip() for item in parts.get("BYDAY", "").split(",") if item.strip()]
    for item in items:
        number, name = item[:-2], str(WEEKDAYS[RULE_DAYS.index(item[-2:])])
        if not number and len(items) == 1 and len(positions) == 1:
            # BYDAY=TH;BYSETPOS=2 says the same as BYDAY=2TH.
            number, positions = str(positions[0]), []
        days.append(
            _("de %(ordinal)s %(day)s") % {"ordinal": _ordinal(int(number)), "day": name} if number else name
        )
    if days:
        words.append(_("op %(days)s") % {"days": _join(days)})
    if parts.get("BYMONTHDAY"):
        words.append(_("op dag %(days)s van de maand") % {"days": _join(parts["BYMONTHDAY"].split(","))})
    if positions:
        words.append(
            _("telkens de %(positions)s daarvan") % {"positions": _join([_ordinal(number) for number in positions])}
        )
    if at is not None:
        words.append(_("om %(hour)s") % {"hour": at.strftime("%H:%M")})
    return ", ".join(words) if freq == "YEARLY" and months and interval == 1 else " ".join(words)


def rhythm_rule(
    *, kind: str, weekday: str, interval: int = 1, ordinal: int | None = None, months: Sequence[int] = ()
) -> str:
    """The stored rule for the rhythm picker's choice.

    `weekly`: every `interval` weeks on `weekday`; `monthly`: the `ordinal` weekday every
    `interval` months; `yearly`: the `ordinal` weekday of each of `months` (as many
    times a year as months). The nth weekday is written BYDAY=2TH: in a yearly rule with
    BYMONTH it counts within each month, where BYSETPOS would count within the year.
    """
    if weekday not in RULE_DAYS:
        raise ValueError(weekday)
    if kind == "weekly":
        parts = ["FREQ=WEEKLY", f"BYDAY={weekday}"]
    elif kind in ("monthly", "yearly"):
        if ordinal not in ORDINALS:
            raise ValueError(ordinal)
        parts = ["FREQ=MONTHLY" if kind == "monthly" else "FREQ=YEARLY", f"BYDAY={ordinal}{weekday}"]
        if kind == "yearly":
            if not months or any(not 1 <= month <= 12 for month in months):
                raise ValueError(months)
            parts.insert(1, "BYMONTH=" + ",".join(str(month) for month in sorted(set(months))))
    else:
        raise ValueError(kind)
    if kind != "yearly" and interval != 1:
        parts.insert(1, f"INTERVAL={interval}")
    return ";".join(parts)
