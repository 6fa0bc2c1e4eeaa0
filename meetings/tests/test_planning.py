"""The planner's arithmetic: cadence dates from phases and what a Belgian holiday does to them."""

import datetime
from types import SimpleNamespace

import pytest

from meetings.cadence import cadence_anchor
from bodies.models import HolidayRule
from meetings import planning

D = datetime.date
HOLIDAYS = planning.belgian_holidays(D(2026, 1, 1), D(2027, 12, 31))


def phase(rrule, starts_on=None, ends_on=None):
    return SimpleNamespace(rrule=rrule, starts_on=starts_on, ends_on=ends_on)


def plan(phases, *, rule=HolidayRule.NEXT_WORKING_DAY, start=D(2026, 11, 1), end=D(2026, 12, 31), **kwargs):
    anchor = kwargs.pop("anchor", D(2026, 1, 7))
    return [
        (item.cadence_date, item.date)
        for item in planning.planned_dates(phases, anchor=anchor, start=start, end=end, rule=rule, holidays=HOLIDAYS, **kwargs)
    ]


def test_the_belgian_holidays_include_armistice_and_christmas():
    assert D(2026, 11, 11) in HOLIDAYS
    assert D(2026, 12, 25) in HOLIDAYS
    assert D(2026, 11, 12) not in HOLIDAYS


def test_a_weekly_cadence_gives_every_wednesday_and_moves_armistice_day_to_thursday():
    dates = plan([phase("FREQ=WEEKLY;BYDAY=WE")], end=D(2026, 11, 30))
    assert dates == [
        (D(2026, 11, 4), D(2026, 11, 4)),
        (D(2026, 11, 11), D(2026, 11, 12)),
        (D(2026, 11, 18), D(2026, 11, 18)),
        (D(2026, 11, 25), D(2026, 11, 25)),
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (HolidayRule.NEXT_WORKING_DAY, D(2026, 11, 12)),
        (HolidayRule.PREVIOUS_WORKING_DAY, D(2026, 11, 10)),
        (HolidayRule.KEEP, D(2026, 11, 11)),
        (HolidayRule.SKIP, None),
    ],
)
def test_each_holiday_rule_on_armistice_day(rule, expected):
    dates = dict(plan([phase("FREQ=WEEKLY;BYDAY=WE")], rule=rule, start=D(2026, 11, 9), end=D(2026, 11, 13)))
    assert dates.get(D(2026, 11, 11)) == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # Christmas is a Friday: the next working day is Monday, the previous Thursday.
        (HolidayRule.NEXT_WORKING_DAY, D(2026, 12, 28)),
        (HolidayRule.PREVIOUS_WORKING_DAY, D(2026, 12, 24)),
        (HolidayRule.KEEP, D(2026, 12, 25)),
        (HolidayRule.SKIP, None),
    ],
)
def test_each_holiday_rule_on_christmas_skips_the_weekend(rule, expected):
    dates = dict(plan([phase("FREQ=WEEKLY;BYDAY=FR")], rule=rule, start=D(2026, 12, 21), end=D(2026, 12, 31)))
    assert dates.get(D(2026, 12, 25)) == expected


def test_a_shift_crosses_into_the_next_year_over_new_years_day():
    # 1 January 2027 is a Friday: the meeting goes to Monday 4 January.
    dates = dict(plan([phase("FREQ=WEEKLY;BYDAY=FR")], start=D(2026, 12, 30), end=D(2027, 1, 2)))
    assert dates == {D(2027, 1, 1): D(2027, 1, 4)}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (HolidayRule.NEXT_WORKING_DAY, D(2026, 11, 16)),
        (HolidayRule.PREVIOUS_WORKING_DAY, D(2026, 11, 13)),
        (HolidayRule.KEEP, D(2026, 11, 16)),
        (HolidayRule.SKIP, D(2026, 11, 16)),
    ],
)
def test_a_cadence_date_on_a_weekend_moves_to_a_working_day_whatever_the_holiday_rule(rule, expected):
    # Saturday 14 November: keeping or skipping is for holidays, not weekends.
    dates = plan([phase("FREQ=MONTHLY;BYMONTHDAY=14")], rule=rule, start=D(2026, 11, 1), end=D(2026, 11, 30))
    assert dates == [(D(2026, 11, 14), expected)]


def test_a_monthly_rule_from_the_first_never_gives_new_years_day_or_a_saturday():
    # 1 January 2027 is a holiday (Friday), 1 May 2027 a Saturday and a holiday.
    dates = dict(plan([phase("FREQ=MONTHLY")], anchor=D(2026, 1, 1), start=D(2026, 12, 1), end=D(2027, 5, 31)))
    assert dates[D(2027, 1, 1)] == D(2027, 1, 4)
    assert dates[D(2027, 5, 1)] == D(2027, 5, 3)
    assert all(day.weekday() < 5 and day not in HOLIDAYS for day in dates.values())


def test_a_daily_rule_does_not_stack_its_weekend_on_monday():
    dates = plan([phase("FREQ=DAILY")], start=D(2026, 11, 13), end=D(2026, 11, 16))
    assert dates == [(D(2026, 11, 13), D(2026, 11, 13)), (D(2026, 11, 14), D(2026, 11, 16))]


def test_phases_follow_each_other_monthly_then_every_two_months():
    phases = [
        phase("FREQ=MONTHLY;BYMONTHDAY=3", starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31)),
        phase("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=3"),
    ]
    dates = [cadence for cadence, _ in plan(phases, start=D(2026, 10, 1), end=D(2027, 6, 30))]
    assert dates == [D(2026, 10, 3), D(2026, 11, 3), D(2026, 12, 3), D(2027, 1, 3), D(2027, 3, 3), D(2027, 5, 3)]


def test_an_every_two_weeks_rule_keeps_its_weeks_whatever_day_the_planner_runs():
    phases = [phase("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")]
    anchor = cadence_anchor(active_from=None, phases=phases)
    monday = [c for c, _ in plan(phases, anchor=anchor, start=D(2026, 11, 2), end=D(2026, 12, 31))]
    thursday = [c for c, _ in plan(phases, anchor=anchor, start=D(2026, 11, 5), end=D(2026, 12, 31))]
    assert set(thursday) <= set(monday)
    assert all((b - a).days == 14 for a, b in zip(monday, monday[1:]))


def test_the_body_active_period_bounds_the_dates():
    phases = [phase("FREQ=WEEKLY;BYDAY=MO")]
    dates = [c for c, _ in plan(phases, active_from=D(2026, 11, 10), active_until=D(2026, 11, 30))]
    assert dates == [D(2026, 11, 16), D(2026, 11, 23), D(2026, 11, 30)]


def test_a_meeting_shifted_to_before_today_is_left_out():
    # Wednesday 11 November is today; the previous working day is yesterday.
    dates = plan([phase("FREQ=WEEKLY;BYDAY=WE")], rule=HolidayRule.PREVIOUS_WORKING_DAY, start=D(2026, 11, 11), end=D(2026, 11, 20))
    assert dates == [(D(2026, 11, 18), D(2026, 11, 18))]


def test_no_phases_no_dates():
    assert plan([]) == []


def test_missing_leaves_out_cadence_dates_that_have_a_meeting():
    planned = [planning.PlannedDate(D(2026, 11, 11), D(2026, 11, 12)), planning.PlannedDate(D(2026, 11, 18), D(2026, 11, 18))]
    assert planning.missing(planned, {D(2026, 11, 11)}) == [planned[1]]
