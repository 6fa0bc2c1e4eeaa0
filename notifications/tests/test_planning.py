"""The planner adds one row per person, kind and occurrence; running it again adds nothing."""

import datetime

import pytest
from django.utils import timezone

from bodies.models import Person
from meetings.tests.factories import MeetingFactory
from meetings.models import ActionItem, Meeting
from notifications.models import Kind, Notification
from notifications.planning import morning_of, plan_due

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rows(kind=None):
    queryset = Notification.objects.all()
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def test_a_meeting_reminder_goes_to_each_member_seven_days_before(meeting, members):
    plan_due(now=at(meeting.date - datetime.timedelta(days=7)))

    reminders = rows(Kind.MEETING_REMINDER)
    assert reminders.count() == len(members)
    assert {row.recipient.user for row in reminders} == set(members)
    assert {row.object_key for row in reminders} == {f"meeting:{meeting.pk}:{meeting.date.isoformat()}:7d"}
    assert {row.due_at for row in reminders} == {morning_of(meeting.date - datetime.timedelta(days=7))}
    assert all(row.meeting == meeting and row.state == Notification.State.PENDING for row in reminders)


def test_the_day_before_brings_the_one_day_reminder_as_a_second_row(meeting, members):
    plan_due(now=at(meeting.date - datetime.timedelta(days=7)))
    plan_due(now=at(meeting.date - datetime.timedelta(days=1)))

    keys = set(rows(Kind.MEETING_REMINDER).values_list("object_key", flat=True))
    assert keys == {f"meeting:{meeting.pk}:{meeting.date.isoformat()}:7d", f"meeting:{meeting.pk}:{meeting.date.isoformat()}:1d"}
    assert rows(Kind.MEETING_REMINDER).count() == 2 * len(members)


def test_no_reminder_before_its_day_nor_on_the_meeting_day_itself(meeting):
    plan_due(now=at(meeting.date - datetime.timedelta(days=8)))
    plan_due(now=at(meeting.date))
    assert not rows(Kind.MEETING_REMINDER).exists()


def test_after_an_outage_only_the_latest_missed_reminder_is_added(meeting, members):
    # The beat was down from 8 days before until 1 day before: one catch-up, not two mails.
    plan_due(now=at(meeting.date - datetime.timedelta(days=1)))
    assert set(rows(Kind.MEETING_REMINDER).values_list("object_key", flat=True)) == {
        f"meeting:{meeting.pk}:{meeting.date.isoformat()}:1d"
    }


def test_a_body_sets_its_own_reminder_days(meeting, beleidsgroep, members):
    beleidsgroep.reminder_days = "3"
    beleidsgroep.save()
    plan_due(now=at(meeting.date - datetime.timedelta(days=7)))
    assert not rows(Kind.MEETING_REMINDER).exists()
    plan_due(now=at(meeting.date - datetime.timedelta(days=3)))
    assert rows(Kind.MEETING_REMINDER).count() == len(members)


def test_running_the_planner_twice_adds_nothing_twice(meeting, members):
    now = at(meeting.date - datetime.timedelta(days=7))
    plan_due(now=now)
    first = sorted(rows().values_list("recipient_id", "kind", "object_key"))
    plan_due(now=now)
    plan_due(now=now + datetime.timedelta(minutes=15))
    assert sorted(rows().values_list("recipient_id", "kind", "object_key")) == first


def test_a_cancelled_meeting_gets_no_reminder(meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    plan_due(now=at(meeting.date - datetime.timedelta(days=7)))
    assert not rows().exists()


def test_only_who_is_a_member_on_the_meeting_date_is_reminded(meeting, voting_member, members):
    membership = Person.objects.get(user=voting_member).memberships.get(body=meeting.body)
    membership.end_date = meeting.date - datetime.timedelta(days=1)
    membership.save()
    plan_due(now=at(meeting.date - datetime.timedelta(days=7)))
    assert voting_member not in {row.recipient.user for row in rows(Kind.MEETING_REMINDER)}
    assert rows(Kind.MEETING_REMINDER).count() == len(members) - 1


def test_the_call_for_items_goes_out_from_its_day_until_the_agenda_deadline(beleidsgroep, members):
    # Beleidsgroep: call for items 14 days before, agenda 7 days before (the defaults).
    meeting = MeetingFactory(body=beleidsgroep, date=timezone.localdate() + datetime.timedelta(days=30))
    plan_due(now=at(meeting.date - datetime.timedelta(days=15)))
    assert not rows(Kind.CALL_FOR_ITEMS).exists()
    plan_due(now=at(meeting.date - datetime.timedelta(days=14)))
    calls = rows(Kind.CALL_FOR_ITEMS)
    assert calls.count() == len(members)
    assert {row.object_key for row in calls} == {f"meeting:{meeting.pk}:call"}
    plan_due(now=at(meeting.date - datetime.timedelta(days=10)))
    assert rows(Kind.CALL_FOR_ITEMS).count() == len(members)


def test_no_call_for_items_once_the_agenda_is_published_or_its_deadline_passed(beleidsgroep, members):
    late = MeetingFactory(body=beleidsgroep, date=timezone.localdate() + datetime.timedelta(days=30))
    published = MeetingFactory(
        body=beleidsgroep, date=late.date + datetime.timedelta(days=20), agenda_published_at=timezone.now()
    )
    plan_due(now=at(late.date - datetime.timedelta(days=7)))
    plan_due(now=at(published.date - datetime.timedelta(days=10)))
    assert not rows(Kind.CALL_FOR_ITEMS).exists()


def test_an_open_action_item_due_today_or_tomorrow_reminds_its_owner(meeting, voting_member, chair):
    today = timezone.localdate()
    owner = Person.objects.get(user=voting_member)
    tomorrow = ActionItem.objects.create(meeting=meeting, title="Offerte opvragen", owner=owner, due_date=today + datetime.timedelta(days=1))
    later = ActionItem.objects.create(meeting=meeting, title="Later", owner=owner, due_date=today + datetime.timedelta(days=2))
    done = ActionItem.objects.create(
        meeting=meeting, title="Klaar", owner=Person.objects.get(user=chair), due_date=today,
        status=ActionItem.Status.DONE, done_at=timezone.now(),
    )  # fmt: skip

    plan_due(now=at(today))

    due = rows(Kind.ACTION_ITEM_DUE)
    assert [(row.action_item, row.recipient, row.object_key) for row in due] == [
        (tomorrow, owner, f"action:{tomorrow.pk}:{tomorrow.due_date.isoformat()}")
    ]
    assert later.notifications.count() == done.notifications.count() == 0


def test_minutes_awaiting_approval_go_to_the_bodys_members(beleidsgroep, members):
    held = MeetingFactory(
        body=beleidsgroep,
        date=timezone.localdate() - datetime.timedelta(days=3),
        minutes_status=Meeting.MinutesStatus.AWAITING_APPROVAL,
    )
    MeetingFactory(body=beleidsgroep, date=timezone.localdate() - datetime.timedelta(days=40))  # a draft
    plan_due(now=at(timezone.localdate()))
    minutes = rows(Kind.MINUTES_AWAITING_APPROVAL)
    assert minutes.count() == len(members)
    assert {row.object_key for row in minutes} == {f"minutes:{held.pk}"}


@pytest.mark.parametrize("meetings", [1, 6])
def test_the_planner_reads_in_a_constant_number_of_queries(
    beleidsgroep, members, meetings, django_assert_max_num_queries
):
    today = timezone.localdate()
    for offset in range(meetings):
        meeting = MeetingFactory(body=beleidsgroep, date=today + datetime.timedelta(days=7 + offset))
        ActionItem.objects.create(meeting=meeting, title="Actie", owner=Person.objects.get(user=members[0]), due_date=today)
        MeetingFactory(
            body=beleidsgroep,
            date=today - datetime.timedelta(days=1 + offset),
            minutes_status=Meeting.MinutesStatus.AWAITING_APPROVAL,
        )
    # Meetings ahead, their members, open action items, minutes awaiting, their
    # members, one insert (inside its savepoint: + 2 on some backends).
    with django_assert_max_num_queries(8):
        plan_due(now=at(today))
    assert rows().exists()
