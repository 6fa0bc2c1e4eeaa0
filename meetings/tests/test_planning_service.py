"""The planner makes each cadence date's meeting once, with its history, at constant cost."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from bodies.models import HolidayRule
from bodies.tests.factories import BodyFactory, CadenceFactory, CadencePhaseFactory, NetworkFactory
from meetings.models import Meeting
from meetings.services.meetings import meeting_create
from meetings.services.planning import meetings_plan

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 2)  # a Monday


def body_with_cadence(network=None, *, rrule="FREQ=WEEKLY;BYDAY=WE", rule=HolidayRule.NEXT_WORKING_DAY, **body):
    body.setdefault("active_from", D(2026, 1, 7))
    made = BodyFactory(network=network or NetworkFactory(), holiday_rule=rule, **body)
    cadence = CadenceFactory(
        body=made, start_time=datetime.time(14, 0), duration_minutes=90, location="Genk, Welzijnscampus"
    )
    CadencePhaseFactory(cadence=cadence, rrule=rrule)
    return made


def test_it_makes_the_meetings_of_the_horizon_with_the_cadence_time_length_and_place():
    body = body_with_cadence()

    made = meetings_plan(today=TODAY, horizon_days=30, bodies=[body])

    meetings = list(Meeting.objects.filter(body=body))
    assert made == len(meetings) == 5  # 4, 11 (→ 12), 18, 25 November, 2 December
    armistice = next(meeting for meeting in meetings if meeting.cadence_date == D(2026, 11, 11))
    assert armistice.date == D(2026, 11, 12)
    assert {(m.start_time, m.duration_minutes, m.location) for m in meetings} == {
        (datetime.time(14, 0), 90, "Genk, Welzijnscampus")
    }
    assert {m.status for m in meetings} == {Meeting.Status.PLANNED}


def test_each_meeting_it_makes_has_one_creation_in_its_history():
    body = body_with_cadence()

    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])

    for meeting in Meeting.objects.filter(body=body):
        assert [h.history_type for h in meeting.history.all()] == ["+"]
        assert meeting.history.get().date == meeting.date


@pytest.mark.parametrize(
    ("rule", "dates"),
    [
        (HolidayRule.NEXT_WORKING_DAY, [D(2026, 11, 4), D(2026, 11, 12), D(2026, 11, 18)]),
        (HolidayRule.PREVIOUS_WORKING_DAY, [D(2026, 11, 4), D(2026, 11, 10), D(2026, 11, 18)]),
        (HolidayRule.KEEP, [D(2026, 11, 4), D(2026, 11, 11), D(2026, 11, 18)]),
        (HolidayRule.SKIP, [D(2026, 11, 4), D(2026, 11, 18)]),
    ],
)
def test_armistice_day_follows_the_bodys_holiday_rule(rule, dates):
    body = body_with_cadence(rule=rule)
    meetings_plan(today=TODAY, horizon_days=16, bodies=[body])
    assert list(Meeting.objects.filter(body=body).values_list("date", flat=True)) == dates


def test_a_skipped_holiday_stays_skipped_on_the_next_run():
    body = body_with_cadence(rule=HolidayRule.SKIP)
    meetings_plan(today=TODAY, horizon_days=16, bodies=[body])
    assert meetings_plan(today=TODAY + datetime.timedelta(days=1), horizon_days=16, bodies=[body]) == 0
    assert not Meeting.objects.filter(body=body, cadence_date=D(2026, 11, 11)).exists()


def test_christmas_on_a_friday_moves_to_monday():
    body = body_with_cadence(rrule="FREQ=WEEKLY;BYDAY=FR")
    meetings_plan(today=D(2026, 12, 21), horizon_days=6, bodies=[body])
    assert Meeting.objects.get(body=body, cadence_date=D(2026, 12, 25)).date == D(2026, 12, 28)


def test_running_twice_adds_nothing():
    body = body_with_cadence()
    first = meetings_plan(today=TODAY, horizon_days=60, bodies=[body])

    second = meetings_plan(today=TODAY, horizon_days=60, bodies=[body])

    assert first > 0 and second == 0
    assert Meeting.objects.filter(body=body).count() == first
    assert Meeting.history.filter(body=body).count() == first


def test_the_next_day_only_adds_what_came_into_the_horizon():
    body = body_with_cadence()
    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])

    # Horizon reaches Wednesday 9 December from 9 November on.
    assert meetings_plan(today=D(2026, 11, 9), horizon_days=30, bodies=[body]) == 1


def test_the_database_refuses_a_second_meeting_for_one_cadence_date():
    body = body_with_cadence()
    Meeting.objects.create(body=body, date=D(2026, 11, 4), cadence_date=D(2026, 11, 4))

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(body=body, date=D(2026, 11, 5), cadence_date=D(2026, 11, 4))


def test_meetings_added_by_hand_do_not_block_the_cadence():
    body = body_with_cadence()
    meeting_create(body=body, date=D(2026, 11, 4))

    assert meetings_plan(today=TODAY, horizon_days=2, bodies=[body]) == 1
    assert Meeting.objects.filter(body=body, date=D(2026, 11, 4)).count() == 2


def test_a_moved_meeting_is_not_planned_again_and_keeps_its_history():
    body = body_with_cadence()
    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])
    meeting = Meeting.objects.get(body=body, cadence_date=D(2026, 11, 18))
    meeting.date = D(2026, 11, 20)
    meeting.save()

    assert meetings_plan(today=TODAY, horizon_days=30, bodies=[body]) == 0

    assert not Meeting.objects.filter(body=body, date=D(2026, 11, 18)).exists()
    assert [h.date for h in meeting.history.order_by("history_date")] == [D(2026, 11, 18), D(2026, 11, 20)]


def test_a_cancelled_meeting_is_not_planned_again():
    body = body_with_cadence()
    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])
    Meeting.objects.filter(body=body, cadence_date=D(2026, 11, 18)).update(status=Meeting.Status.CANCELLED)

    assert meetings_plan(today=TODAY, horizon_days=30, bodies=[body]) == 0
    assert Meeting.objects.filter(body=body, cadence_date=D(2026, 11, 18)).get().status == Meeting.Status.CANCELLED


def test_bodies_without_cadence_or_ended_are_left_alone():
    ended = body_with_cadence(active_until=D(2026, 10, 31))
    without = BodyFactory(network=ended.network)

    assert meetings_plan(today=TODAY, horizon_days=30) == 0
    assert not Meeting.objects.filter(body__in=[ended, without]).exists()


def test_it_plans_nothing_for_today_without_being_asked():
    body = body_with_cadence(rrule="FREQ=WEEKLY;BYDAY=MO")  # TODAY is a Monday
    meetings_plan(today=TODAY, horizon_days=7, bodies=[body])
    assert list(Meeting.objects.filter(body=body).values_list("date", flat=True)) == [D(2026, 11, 9)]


def test_asked_for_today_it_plans_today_too():
    body = body_with_cadence(rrule="FREQ=WEEKLY;BYDAY=MO")
    meetings_plan(today=TODAY, horizon_days=7, bodies=[body], include_today=True)
    assert list(Meeting.objects.filter(body=body).values_list("date", flat=True)) == [TODAY, D(2026, 11, 9)]


def test_a_rhythm_without_weekday_never_plans_on_a_weekend():
    body = body_with_cadence(rrule="FREQ=MONTHLY", active_from=D(2026, 8, 1))
    meetings_plan(today=TODAY, horizon_days=100, bodies=[body])
    dates = list(Meeting.objects.filter(body=body).values_list("date", flat=True))
    # 1 December is a Tuesday; 1 January (a holiday) moves to Monday 4, 1 February is a Monday.
    assert dates == [D(2026, 12, 1), D(2027, 1, 4), D(2027, 2, 1)]


def test_a_body_starting_later_gets_meetings_from_its_start():
    body = body_with_cadence(active_from=D(2026, 11, 20))
    meetings_plan(today=TODAY, horizon_days=30, bodies=[body])
    assert list(Meeting.objects.filter(body=body).values_list("date", flat=True)) == [D(2026, 11, 25), D(2026, 12, 2)]


def test_without_bodies_given_it_plans_every_network(network):
    other = body_with_cadence()
    made = meetings_plan(today=TODAY, horizon_days=365)
    assert made == Meeting.objects.count()
    assert Meeting.objects.filter(body=other).exists()
    assert Meeting.objects.filter(body__network=network).values("body").distinct().count() == 4


@pytest.mark.parametrize("count", [2, 10])
def test_planning_costs_the_same_queries_for_2_or_10_bodies(django_assert_num_queries, count):
    network = NetworkFactory()
    bodies = [
        body_with_cadence(network, rrule="FREQ=WEEKLY;BYDAY=WE" if n % 2 else "FREQ=MONTHLY;BYMONTHDAY=3")
        for n in range(count)
    ]
    # SAVEPOINT/RELEASE of the atomic block, bodies, phases, existing cadence dates,
    # insert, the rows inserted, their history.
    with django_assert_num_queries(8):
        assert meetings_plan(today=TODAY, horizon_days=120, bodies=bodies) > 0
    # A second run stops after reading what exists: savepoint, bodies, phases, existing, release.
    with django_assert_num_queries(5):
        assert meetings_plan(today=TODAY, horizon_days=120, bodies=bodies) == 0
