"""Turning a cadence's phases into meeting dates."""

import datetime
from collections.abc import Sequence

from dateutil.rrule import rrulestr

ONE_DAY = datetime.timedelta(days=1)

# When neither the body nor its first phase says when the rhythm began, count from a
# fixed Monday: the anchor must not move from one day's run to the next, or an
# "every 2 weeks" rule would fall in other weeks tomorrow than today.
FALLBACK_ANCHOR = datetime.date(2023, 1, 2)


def cadence_anchor(*, active_from: datetime.date | None, phases: Sequence) -> datetime.date:
    """The first day of the rhythm: the body's start, else its first phase's start, else a fixed day.

    The one rule for the planner (meetings.planning) and the body sheet's next dates.
    """
    if active_from:
        return active_from
    if phases and phases[0].starts_on:
        return phases[0].starts_on
    return FALLBACK_ANCHOR


def phase_windows(phases: Sequence, *, anchor: datetime.date) -> list[tuple[object, datetime.date, datetime.date | None]]:
    """Each phase with the first and last day it applies (None: open-ended).

    A phase without a start begins the day after the previous one ends (the first
    phase at `anchor`); a phase without an end runs until the next phase starts.
    A phase that can never start (its predecessor never ends) is left out.
    """
    windows = []
    previous_end: datetime.date | None = anchor - ONE_DAY
    for index, phase in enumerate(phases):
        if phase.starts_on:
            begin = phase.starts_on
        elif previous_end is not None:
            begin = previous_end + ONE_DAY
        else:
            continue
        following = phases[index + 1] if index + 1 < len(phases) else None
        if phase.ends_on:
            end = phase.ends_on
        elif following is not None and following.starts_on:
            end = following.starts_on - ONE_DAY
        else:
            end = None
        if end is None or end >= begin:
            windows.append((phase, begin, end))
        previous_end = end
    return windows


def occurrences(
    phases: Sequence, *, anchor: datetime.date, start: datetime.date, end: datetime.date
) -> list[datetime.date]:
    """The dates from `start` to `end` (inclusive) on which the cadence falls."""
    dates: set[datetime.date] = set()
    for phase, begin, finish in phase_windows(phases, anchor=anchor):
        low = max(begin, start)
        high = min(finish, end) if finish else end
        if low > high:
            continue
        rule = rrulestr(phase.rrule, dtstart=datetime.datetime.combine(begin, datetime.time()))
        for moment in rule.between(
            datetime.datetime.combine(low, datetime.time()),
            datetime.datetime.combine(high, datetime.time()),
            inc=True,
        ):
            dates.add(moment.date())
    return sorted(dates)
