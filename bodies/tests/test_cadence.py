import datetime

import pytest

from bodies.cadence import occurrences
from bodies.models import CadencePhase
from bodies.tests.factories import BodyFactory, CadenceFactory, CadencePhaseFactory

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


@pytest.mark.django_db
def test_a_cadence_gives_its_next_three_dates():
    body = BodyFactory(active_from=D(2023, 2, 1))
    cadence = CadenceFactory(body=body)
    CadencePhaseFactory(cadence=cadence, rrule="FREQ=MONTHLY;INTERVAL=6")
    assert cadence.next_dates(D(2026, 11, 23)) == [D(2027, 2, 1), D(2027, 8, 1), D(2028, 2, 1)]
