"""Reads for the coordinator about the planning: which meetings are late against their body's deadlines."""

import datetime
from dataclasses import dataclass

from django.conf import settings

from bodies.models import Body

from ..models import Meeting

# Body.call_for_items_days is at most this many days (its validator): no meeting
# further ahead can be late yet.
LONGEST_DEADLINE_DAYS = Body._meta.get_field("call_for_items_days").validators[-1].limit_value


@dataclass
class LateMeeting:
    meeting: Meeting
    call_for_items_from: datetime.date  # the call for items opened on this day (it runs until the agenda is out)
    agenda_by: datetime.date  # the agenda is published by this day at the latest
    agenda_late: bool  # that day has passed


def late_meetings(network, today: datetime.date) -> list[LateMeeting]:
    """Upcoming planned meetings without a published agenda whose call for items has
    opened (date - call_for_items_days before today) or whose agenda is overdue
    (date - agenda_days before today), soonest first.

    Queries: one, the meetings of the next LONGEST_DEADLINE_DAYS days with their body.
    """
    meetings = (
        Meeting.objects.of_network(network)
        .filter(
            status=Meeting.Status.PLANNED,
            agenda_published_at__isnull=True,
            date__range=(today, today + datetime.timedelta(days=LONGEST_DEADLINE_DAYS)),
        )
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )
    late = []
    for meeting in meetings:
        meeting.body.network = network
        body = meeting.body
        line = LateMeeting(
            meeting=meeting,
            call_for_items_from=meeting.date - datetime.timedelta(days=body.call_for_items_days),
            agenda_by=meeting.date - datetime.timedelta(days=body.agenda_days),
            agenda_late=meeting.date - datetime.timedelta(days=body.agenda_days) < today,
        )
        if line.call_for_items_from < today:
            late.append(line)
    return late


@dataclass
class StackedDay:
    date: datetime.date
    meetings: list[Meeting]  # planned meetings of two or more bodies that day, by hour


def stacked_days(network, today: datetime.date) -> list[StackedDay]:
    """Days from today to the planning horizon on which planned meetings of two or more
    bodies fall, soonest first: people who sit in both (the Kernteam sits in most) cannot
    prepare or attend both well, so the coordinator moves one.

    Queries: one, the planned meetings up to the horizon with their body.
    """
    meetings = (
        Meeting.objects.of_network(network)
        .filter(
            status=Meeting.Status.PLANNED,
            date__range=(today, today + datetime.timedelta(days=settings.MEETING_PLANNING_HORIZON_DAYS)),
        )
        .select_related("body")
        .order_by("date", "start_time", "pk")
    )
    by_day: dict[datetime.date, list[Meeting]] = {}
    for meeting in meetings:
        meeting.body.network = network
        by_day.setdefault(meeting.date, []).append(meeting)
    return [
        StackedDay(date=day, meetings=same_day)
        for day, same_day in by_day.items()
        if len({meeting.body_id for meeting in same_day}) > 1
    ]
