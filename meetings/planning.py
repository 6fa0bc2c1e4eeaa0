"""Which meetings a cadence asks for, and on which day they fall: pure functions, no database.

A cadence gives *cadence dates* (meetings.cadence.occurrences). On a Belgian public
holiday the body's holiday rule decides: shift to the next or previous working day
(skipping weekends and holidays), skip that meeting, or keep the date. A meeting is
never planned on a weekend: a cadence date on a Saturday or Sunday (a rule without a
weekday, such as FREQ=MONTHLY from the 1st) moves to the next working day, or to the
previous one for a body that shifts backwards. The planner
(meetings.services.planning) stores the cadence date with the meeting, so a moved or
cancelled meeting is never planned again.
"""

import datetime
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

import holidays as holidays_lib

from .cadence import occurrences
from bodies.models import HolidayRule

ONE_DAY = datetime.timedelta(days=1)

# A shift never goes further than this: even Christmas plus a weekend needs only four.
MAX_SHIFT_DAYS = 14


@dataclass(frozen=True)
class PlannedDate:
    cadence_date: datetime.date
    date: datetime.date


def belgian_holidays(start: datetime.date, end: datetime.date) -> Container[datetime.date]:
    """Belgian public holidays of the years around `start`..`end` (shifts may cross a new year)."""
    return holidays_lib.country_holidays("BE", years=range(start.year - 1, end.year + 2))


def is_working_day(day: datetime.date, holidays: Container[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def adjust_for_holiday(day: datetime.date, rule: str, holidays: Container[datetime.date]) -> datetime.date | None:
    """The day the meeting of cadence date `day` falls on; None when the rule skips it.

    A weekend always moves, whatever the rule (keeping or skipping is for holidays):
    a rhythm that lands on a Saturday meant the nearest working day, not no meeting.
    """
    step = -ONE_DAY if rule == HolidayRule.PREVIOUS_WORKING_DAY else ONE_DAY
    if day.weekday() < 5:
        if day not in holidays or rule == HolidayRule.KEEP:
            return day
        if rule == HolidayRule.SKIP:
            return None
    candidate = day
    for _ in range(MAX_SHIFT_DAYS):
        candidate += step
        if is_working_day(candidate, holidays):
            return candidate
    return None


def planned_dates(
    phases: Sequence,
    *,
    anchor: datetime.date,
    start: datetime.date,
    end: datetime.date,
    rule: str,
    holidays: Container[datetime.date],
    active_from: datetime.date | None = None,
    active_until: datetime.date | None = None,
) -> list[PlannedDate]:
    """The meetings from cadence dates `start`..`end` (inclusive), within the body's active period.

    A meeting shifted to a day before `start` (a cadence date today, moved to the
    previous working day) would lie in the past: it is left out, and so is one shifted
    onto a day that already has one of these meetings (a daily rule's weekend).
    """
    low = max(start, active_from) if active_from else start
    high = min(end, active_until) if active_until else end
    if not phases or low > high:
        return []
    result, taken = [], set()
    for cadence_date in occurrences(phases, anchor=anchor, start=low, end=high):
        day = adjust_for_holiday(cadence_date, rule, holidays)
        if day is None or day < start or day in taken:
            continue
        taken.add(day)
        result.append(PlannedDate(cadence_date=cadence_date, date=day))
    return result


def missing(planned: Iterable[PlannedDate], existing: Container[datetime.date]) -> list[PlannedDate]:
    """The planned dates whose cadence date has no meeting yet (moved or cancelled ones count as made)."""
    return [item for item in planned if item.cadence_date not in existing]
