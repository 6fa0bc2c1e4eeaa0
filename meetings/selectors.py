"""Reads for the meeting pages: the meetings of a body, and one meeting with all it holds.

Each read declares what it loads, so a page costs the same queries for one
meeting, member or decision as for fifty (the tests pin the counts).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from bodies.models import Body, Membership, Person
from decisions.models import Decision, Vote
from decisions.selectors import body_holds_decide_mandate

from .models import AgendaItem, Attendance, Meeting


@dataclass
class BodyMeetings:
    upcoming: list[Meeting]
    past: list[Meeting]


def body_meetings(body: Body, today: datetime.date) -> BodyMeetings:
    """A body's meetings from today on (soonest first) and before today (latest first).

    Queries: one, meetings with their counts of agenda items and decisions.
    """
    meetings = list(
        Meeting.objects.filter(body=body)
        .annotate(
            agenda_count=Count("agenda_items", distinct=True),
            decision_count=Count("decisions", distinct=True),
        )
        # Meta.ordering is dropped from aggregating queries: say it again.
        .order_by("date", "start_time", "pk")
    )
    for meeting in meetings:
        meeting.body = body
    return BodyMeetings(
        upcoming=[meeting for meeting in meetings if meeting.date >= today],
        past=[meeting for meeting in reversed(meetings) if meeting.date < today],
    )


def meeting_for_network(network, pk: int) -> Meeting:
    """A meeting of this network, or 404 (another network's id never leaks)."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk, body__network=network)
    meeting.body.network = network
    return meeting


@dataclass
class MemberLine:
    """A member of the body on the meeting date, with their attendance."""

    person: Person
    roles: list[str]
    has_voting_right: bool
    attendance: Attendance | None = None

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


def member_lines(meeting: Meeting) -> list[MemberLine]:
    """The body's members on the meeting date, one line per person, with their attendance.

    Queries: memberships with person and role; attendance.
    """
    lines: dict[int, MemberLine] = {}
    memberships = (
        Membership.objects.current_on(meeting.date)
        .filter(body=meeting.body)
        .select_related("person", "seat__role")
        .order_by("person__name", "seat__position", "pk")
    )
    for membership in memberships:
        line = lines.get(membership.person_id)
        if line is None:
            line = lines[membership.person_id] = MemberLine(
                person=membership.person, roles=[], has_voting_right=False
            )
        line.roles.append(membership.seat.role.name)
        line.has_voting_right = line.has_voting_right or membership.has_voting_right
    for attendance in meeting.attendances.all():
        if attendance.person_id in lines:
            lines[attendance.person_id].attendance = attendance
    return list(lines.values())


@dataclass
class DecisionLine:
    decision: Decision
    votes_cast: int
    my_vote: Vote | None
    may_vote: bool


@dataclass
class MeetingPage:
    members: list[MemberLine]
    agenda: list[AgendaItem]
    decisions: list[DecisionLine]
    person: Person | None
    holds_decide_mandate: bool
    decided_items: set[int] = field(default_factory=set)


def meeting_page(meeting: Meeting, user) -> MeetingPage:
    """Everything the meeting page shows, for one user.

    Queries: the user's person in the network; the body's members on the date;
    attendance; agenda items with the decision each escalated one comes from;
    decisions with their mandate, holder and escalation; their votes; whether the
    body holds a decide mandate at all.
    """
    network = meeting.body.network
    person = Person.objects.filter(network=network, user=user).first() if user.is_authenticated else None

    lines = {line.person.pk: line for line in member_lines(meeting)}

    agenda = list(
        meeting.agenda_items.select_related("escalated_decision__meeting__body__network").order_by("position", "pk")
    )

    decisions = list(
        meeting.decisions.select_related(
            "mandate", "mandate_holder", "agenda_item", "escalated_to__meeting__body__network"
        )
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.order_by()))
        .order_by("created_at", "pk")
    )
    mine = lines.get(person.pk) if person else None
    may_vote_here = bool(mine and mine.has_voting_right and mine.status == Attendance.Status.PRESENT)
    decision_lines = []
    for decision in decisions:
        decision.meeting = meeting
        votes = list(decision.votes.all())
        my_vote = next((vote for vote in votes if person and vote.person_id == person.pk), None)
        decision_lines.append(
            DecisionLine(
                decision=decision,
                votes_cast=len(votes),
                my_vote=my_vote,
                may_vote=decision.is_open and may_vote_here and my_vote is None,
            )
        )
    return MeetingPage(
        members=list(lines.values()),
        agenda=agenda,
        decisions=decision_lines,
        person=person,
        holds_decide_mandate=body_holds_decide_mandate(meeting.body),
        decided_items={decision.agenda_item_id for decision in decisions if decision.agenda_item_id},
    )
