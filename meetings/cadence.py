"""Turning a cadence's phases into meeting dates, bounded whatever the database holds.

A stored rule is expanded only after bodies.cadence.rule_problem allows it, within a
horizon and a number of dates per phase, so a row written past the validation can slow
nothing down. The planner (meetings.services.planning) and the body sheet's phases
(pages) read their dates from here.
"""

import datetime
import logging
from collections.abc import Sequence

from bodies.cadence import MAX_RULE_LENGTH, parse_rule, rule_problem

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)

# Every expansion stops at these, whatever the caller asks.
MAX_HORIZON_DAYS = 3 * 366
MAX_DATES_PER_PHASE = MAX_HORIZON_DAYS + 1
# Dates a phase may run through before the asked window starts (a rhythm anchored
# decades back); beyond it the phase is cut short and logged.
MAX_DATES_SCANNED = 20_000

# The Gregorian calendar repeats every 400 years, weekdays included (146097 days, a
# whole number of weeks). dateutil gives up on a rule only at the year 9999, so a rule
# is expanded moved as many 400-year cycles forward as fit: a rule that stops matching
# after the window then costs at most 400 years of dateutil's search, not 8000.
CYCLE_YEARS = 400
LAST_YEAR = 9999


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
    """The dates from `start` to `end` (inclusive) on which the cadence falls.

    Bounded whatever the phases hold: `end` lies at most MAX_HORIZON_DAYS after `start`,
    a phase gives at most MAX_DATES_PER_PHASE dates, and a rule that is not a meeting
    rhythm (`rule_problem`, e.g. a row written past the validation) is skipped and logged.
    """
    end = min(end, start + datetime.timedelta(days=MAX_HORIZON_DAYS))
    dates: set[datetime.date] = set()
    for phase, begin, finish in phase_windows(phases, anchor=anchor):
        low = max(begin, start)
        high = min(finish, end) if finish else end
        if low > high:
            continue
        text = str(phase.rrule or "").strip()
        problem = rule_problem(text[: MAX_RULE_LENGTH + 1])
        if problem is not None:
            logger.warning(
                "Cadence phase %s skipped: its rule is %s: %r", getattr(phase, "pk", None), problem, text[:100]
            )
            continue
        dates.update(_phase_dates(phase, text, begin=begin, low=low, high=high))
    return sorted(dates)


def _shift(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year + years)


def _phase_dates(phase, text: str, *, begin: datetime.date, low: datetime.date, high: datetime.date) -> list:
    years = (LAST_YEAR - high.year) // CYCLE_YEARS * CYCLE_YEARS
    rule = parse_rule(text, dtstart=datetime.datetime.combine(_shift(begin, years), datetime.time()))
    until = rule._until
    if until is not None:
        # An UNTIL past the moved window ends nothing inside it.
        rule = rule.replace(until=until.replace(year=until.year + years) if until.year + years <= LAST_YEAR else None)
    dates = []
    for scanned, moment in enumerate(rule):
        day = _shift(moment.date(), -years)
        if day > high:
            break
        if day >= low:
            dates.append(day)
            if len(dates) >= MAX_DATES_PER_PHASE:
                logger.warning("Cadence phase %s cut short at %s dates", getattr(phase, "pk", None), len(dates))
                break
        if scanned >= MAX_DATES_SCANNED:
            logger.warning("Cadence phase %s cut short after %s dates before %s", getattr(phase, "pk", None), scanned, low)
            break
    return dates
