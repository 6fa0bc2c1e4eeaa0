import datetime
import time

import pytest
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.utils import translation

from bodies.cadence import rhythm_rule, rule_words
from meetings.cadence import MAX_HORIZON_DAYS, occurrences
from bodies.models import CadencePhase, validate_rrule

D = datetime.date


def phase(rrule, starts_on=None, ends_on=None):
    return CadencePhase(rrule=rrule, starts_on=starts_on, ends_on=ends_on)


def test_every_fourteen_days_counts_from_the_anchor():
    dates = occurrences([phase("FREQ=WEEKLY;INTERVAL=2")], anchor=D(2023, 2, 1), start=D(2023, 2, 1), end=D(2023, 3, 1))
    assert dates == [D(2023, 2, 1), D(2023, 2, 15), D(2023, 3, 1)]


def test_a_start_phase_without_end_keeps_its_rhythm_until_one_is_set():
    phases = [phase("FREQ=MONTHLY"), phase("FREQ=MONTHLY;INTERVAL=2")]
    dates = occurrences(phases, anchor=D(2023, 2, 1), start=D(2026, 11, 2), end=D(2027, 2, 28))
    assert dates == [D(2026, 12, 1), D(2027, 1, 1), D(2027, 2, 1)]


def test_the_next_phase_takes_over_the_day_after_the_start_phase_ends():
    phases = [phase("FREQ=MONTHLY", ends_on=D(2023, 6, 30)), phase("FREQ=MONTHLY;INTERVAL=2")]
    dates = occurrences(phases, anchor=D(2023, 2, 1), start=D(2023, 5, 1), end=D(2023, 12, 31))
    assert dates == [D(2023, 5, 1), D(2023, 6, 1), D(2023, 7, 1), D(2023, 9, 1), D(2023, 11, 1)]


def test_a_phase_ends_the_day_before_the_next_one_starts():
    phases = [phase("FREQ=WEEKLY"), phase("FREQ=MONTHLY", starts_on=D(2024, 3, 4))]
    dates = occurrences(phases, anchor=D(2024, 2, 5), start=D(2024, 2, 1), end=D(2024, 4, 30))
    assert dates == [D(2024, 2, 5), D(2024, 2, 12), D(2024, 2, 19), D(2024, 2, 26), D(2024, 3, 4), D(2024, 4, 4)]


# --- the rhythm picker's rules and every rule in words (rhythm_rule, rule_words) ---


def test_the_picker_makes_every_two_weeks_on_tuesday():
    assert rhythm_rule(kind="weekly", weekday="TU", interval=2) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"


def test_the_picker_makes_the_second_thursday_every_three_months():
    assert rhythm_rule(kind="monthly", weekday="TH", ordinal=2, interval=3) == "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH"


def test_the_picker_makes_twice_a_year_in_the_given_months_in_order():
    rule = rhythm_rule(kind="yearly", weekday="WE", ordinal=1, months=[10, 3])
    assert rule == "FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE"


def test_twice_a_year_counts_the_weekday_within_each_month():
    dates = occurrences(
        [phase("FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE")], anchor=D(2027, 1, 1), start=D(2027, 1, 1), end=D(2027, 12, 31)
    )
    assert dates == [D(2027, 3, 3), D(2027, 10, 6)]


def test_the_last_friday_of_the_month_is_a_rule_the_check_allows():
    rule = rhythm_rule(kind="monthly", weekday="FR", ordinal=-1)
    validate_rrule(rule)
    dates = occurrences([phase(rule)], anchor=D(2027, 1, 1), start=D(2027, 1, 1), end=D(2027, 2, 28))
    assert dates == [D(2027, 1, 29), D(2027, 2, 26)]


@pytest.mark.parametrize(
    "choice",
    [
        {"kind": "weekly", "weekday": "XX"},
        {"kind": "monthly", "weekday": "TU", "ordinal": 7},
        {"kind": "yearly", "weekday": "TU", "ordinal": 1, "months": []},
        {"kind": "yearly", "weekday": "TU", "ordinal": 1, "months": [13]},
        {"kind": "daily", "weekday": "TU"},
    ],
)
def test_the_picker_refuses_a_choice_outside_its_options(choice):
    with pytest.raises(ValueError):
        rhythm_rule(**choice)


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=WEEKLY;BYDAY=TU", "elke week op dinsdag"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "om de 2 weken op dinsdag"),
        ("FREQ=MONTHLY;BYDAY=2TH", "elke maand op de tweede donderdag"),
        ("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=2", "elke maand op de tweede donderdag"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR", "om de 2 maanden op de laatste vrijdag"),
        ("FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE", "2 keer per jaar, in maart en oktober, op de eerste woensdag"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "elke maand op dag 15 van de maand"),
        ("FREQ=MONTHLY", "elke maand"),
    ],
)
def test_a_rule_reads_in_dutch_words(rule, words):
    with translation.override("nl"):
        assert rule_words(rule) == words


def test_the_hour_follows_the_rhythm_in_words():
    with translation.override("nl"):
        assert rule_words("FREQ=WEEKLY;BYDAY=MO", at=datetime.time(9, 30)) == "elke week op maandag om 09:30"


def test_a_rule_that_is_no_meeting_rhythm_is_shown_as_stored():
    assert rule_words("FREQ=SECONDLY") == "FREQ=SECONDLY"


def test_a_phase_without_label_is_named_by_its_rhythm_in_words():
    with translation.override("nl"):
        assert str(phase("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")) == "om de 2 weken op dinsdag"


# --- what a meeting rhythm may be (bodies.cadence.rule_problem, models.validate_rrule) ---

REFUSED_RULES = {
    "every second": "FREQ=SECONDLY",
    "every minute": "FREQ=MINUTELY",
    "every hour": "FREQ=HOURLY",
    "a huge count": "FREQ=WEEKLY;COUNT=1000000",
    "a count beyond the limit": "FREQ=WEEKLY;COUNT=1001",
    "a huge interval": "FREQ=DAILY;INTERVAL=100000000",
    "a monthly interval beyond two years": "FREQ=MONTHLY;INTERVAL=25",
    "a yearly interval beyond two years": "FREQ=YEARLY;INTERVAL=3",
    "hours within a day": "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16",
    "a dense day and month-day combination with hours": (
        "FREQ=MONTHLY;BYMONTHDAY=" + ",".join(str(day) for day in range(1, 32))
        + ";BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=" + ",".join(str(hour) for hour in range(24))
    ),
    "minutes": "FREQ=WEEKLY;BYMINUTE=0,30",
    "seconds": "FREQ=WEEKLY;BYSECOND=1",
    "a set position that never exists": "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=40",
    "a day that never exists": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "a month the interval never reaches": "FREQ=MONTHLY;INTERVAL=12;BYMONTH=6",
    "week numbers": "FREQ=YEARLY;BYWEEKNO=20",
}


@pytest.mark.parametrize("rule", REFUSED_RULES.values(), ids=REFUSED_RULES.keys())
def test_a_rule_that_is_no_meeting_rhythm_is_refused_naming_what_is_allowed(rule):
    with pytest.raises(ValidationError) as excinfo:
        validate_rrule(rule)
    message = excinfo.value.messages[0]
    assert message.startswith("Deze herhalingsregel is geen vergaderritme: ")
    assert "Toegelaten: FREQ=DAILY, WEEKLY, MONTHLY of YEARLY; INTERVAL tot 730 (DAILY)" in message
    assert "COUNT tot 1000" in message


def test_a_rule_that_cannot_be_read_says_so_and_what_is_allowed():
    with pytest.raises(ValidationError) as excinfo:
        validate_rrule("FREQ=SOMETIMES")
    assert excinfo.value.messages[0].startswith("Onleesbare herhalingsregel: FREQ=SOMETIMES. Toegelaten: FREQ=DAILY")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;INTERVAL=2",
        "FREQ=MONTHLY;INTERVAL=6",
        "FREQ=MONTHLY;BYDAY=1TH",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=MONTHLY;BYMONTH=1,2,3,4,5,6,9,10,11,12;BYDAY=2WE",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=WEEKLY;COUNT=1000;WKST=MO",
        "FREQ=WEEKLY;UNTIL=20250630",
        "FREQ=DAILY;INTERVAL=730",
        "freq=weekly;byday=tu",
    ],
)
def test_a_meeting_rhythm_is_accepted(rule):
    validate_rrule(rule)


def test_the_densest_rule_of_whole_days_gives_one_date_a_day():
    every_day = "FREQ=MONTHLY;BYMONTHDAY=" + ",".join(str(day) for day in range(1, 32)) + ";BYDAY=MO,TU,WE,TH,FR,SA,SU"
    validate_rrule(every_day)
    dates = occurrences([phase(every_day)], anchor=D(2024, 1, 1), start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert len(dates) == 366


# --- every expansion is bounded, whatever is stored ------------------------------------


@pytest.mark.parametrize(
    "rule",
    ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;COUNT=99999999", "x" * 100_000],
)
def test_a_stored_rule_that_is_no_meeting_rhythm_gives_no_dates_quickly_and_is_logged(rule, caplog):
    began = time.perf_counter()
    dates = occurrences([phase(rule)], anchor=D(2023, 2, 1), start=D(2026, 1, 1), end=D(2027, 12, 31))
    assert time.perf_counter() - began < 0.5
    assert dates == []
    assert "skipped: its rule is" in caplog.text


def test_the_good_phases_of_a_cadence_still_count_next_to_a_bad_one():
    phases = [phase("FREQ=SECONDLY", ends_on=D(2026, 1, 31)), phase("FREQ=MONTHLY")]
    dates = occurrences(phases, anchor=D(2026, 1, 1), start=D(2026, 1, 1), end=D(2026, 3, 31))
    assert dates == [D(2026, 2, 1), D(2026, 3, 1)]


def test_a_rule_that_stops_matching_in_the_window_costs_no_search_to_the_year_9999():
    # June is never a month "every 12 months from February": dateutil alone searches
    # 8000 years (seconds) before it gives up.
    rule = "FREQ=MONTHLY;INTERVAL=12;BYMONTH=2,6"
    began = time.perf_counter()
    dates = occurrences([phase(rule)], anchor=D(2023, 2, 1), start=D(2026, 3, 1), end=D(2026, 12, 31))
    assert time.perf_counter() - began < 1
    assert dates == []


def test_an_expansion_stops_at_the_horizon_whatever_the_caller_asks():
    dates = occurrences([phase("FREQ=DAILY")], anchor=D(2026, 1, 1), start=D(2026, 1, 1), end=D(2126, 1, 1))
    assert len(dates) == MAX_HORIZON_DAYS + 1
    assert dates[-1] == D(2026, 1, 1) + datetime.timedelta(days=MAX_HORIZON_DAYS)


def test_a_phase_gives_at_most_its_cap_of_dates(monkeypatch, caplog):
    monkeypatch.setattr("meetings.cadence.MAX_DATES_PER_PHASE", 10)
    dates = occurrences([phase("FREQ=DAILY")], anchor=D(2026, 1, 1), start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert dates == [D(2026, 1, day) for day in range(1, 11)]
    assert "cut short" in caplog.text


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
        "FREQ=DAILY;INTERVAL=9",
        "FREQ=MONTHLY;INTERVAL=5;COUNT=40",
        "FREQ=WEEKLY;UNTIL=20270315",
    ],
)
def test_the_bounded_expansion_gives_the_dates_dateutil_gives(rule):
    anchor, start, end = D(2023, 2, 1), D(2026, 1, 1), D(2028, 12, 31)
    expected = [
        moment.date()
        for moment in rrulestr(rule, dtstart=datetime.datetime(2023, 2, 1)).between(
            datetime.datetime(2026, 1, 1), datetime.datetime(2028, 12, 31), inc=True
        )
    ]
    assert occurrences([phase(rule)], anchor=anchor, start=start, end=end) == expected
    assert expected
