"""Reads for the meeting pages: the meetings of a body, and one meeting with all it holds.

Each read declares what it loads, so a page costs the same queries for one
meeting, member or decision as for fifty (the tests pin the counts).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from bodies.models import Body, Membership, Person
from bodies.sittings import sittings
from projects.models import Project

from ..models import ActionItem, AgendaItem, Attendance, Decision, Meeting, MinutesApproval, Vote
from .decisions import body_holds_decide_mandate


@dataclass
class BodyMeetings:
    upcoming: list[Meeting]
    past: list[Meeting]


def body_meetings(body: Body, today: datetime.date) -> BodyMeetings:
    """A body's meetings from today on (soonest first) and before today (latest first).

    Queries: one, meetings with their counts of agenda items and decisions. Only
    items on the agenda count: not proposals still waiting, merged or declined.
    """
    meetings = list(
        Meeting.objects.filter(body=body)
        .annotate(
            agenda_count=Count(
                "agenda_items", filter=Q(agenda_items__status=AgendaItem.Status.ACCEPTED), distinct=True
            ),
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


@dataclass
class MemberLine:
    """A member of the body on the meeting date, with their attendance."""

    person: Person
    roles: list[str]
    has_voting_right: bool
    attendance: Attendance | None = None
    # The organisations the member sits for: their colleagues are offered first as substitute.
    organization_ids: set[int] = field(default_factory=set)

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""

    @property
    def reply(self) -> str:
        return self.attendance.reply if self.attendance else ""

    @property
    def substitute_id(self) -> int | None:
        return self.attendance.substitute_id if self.attendance else None


def member_lines(meeting: Meeting) -> list[MemberLine]:
    """The body's members on the meeting date, one line per person, with their attendance.

    Ex-officio members included (bodies.sittings). Queries: seats filled by another
    body; memberships with person and role; attendance.
    """
    lines: dict[int, MemberLine] = {}
    rows = sorted(
        sittings(meeting.date, body_ids=[meeting.body_id], related=("person",)),
        key=lambda sitting: (sitting.membership.person.name, sitting.seat.position, sitting.membership.pk),
    )
    for sitting in rows:
        line = lines.get(sitting.person_id)
        if line is None:
            line = lines[sitting.person_id] = MemberLine(
                person=sitting.membership.person, roles=[], has_voting_right=False
            )
        if sitting.seat.role.display_name not in line.roles:
            line.roles.append(sitting.seat.role.display_name)
        line.has_voting_right = line.has_voting_right or sitting.has_voting_right
        if sitting.membership.organization_id:
            line.organization_ids.add(sitting.membership.organization_id)
    for attendance in meeting.attendances.select_related("substitute"):
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
    # The line of the user, when they are invited; their earlier open actions and the body's.
    mine: MemberLine | None = None
    open_actions: list[ActionItem] = field(default_factory=list)
    previous: Meeting | None = None
    approval: MinutesApproval | None = None

    @property
    def may_reply(self) -> bool:
        return self.mine is not None

    @property
    def previous_minutes_item(self) -> AgendaItem | None:
        """The agenda item on which this meeting approves the previous meeting's minutes, if on the agenda."""
        if self.previous is None:
            return None
        return next((item for item in self.agenda if item.minutes_of_id == self.previous.pk), None)


def meeting_page(meeting: Meeting, user) -> MeetingPage:
    """Everything the meeting page shows, for one user.

    Queries: the user's person in the network; the body's members on the date;
    attendance with substitutes; agenda items with the decision each escalated one
    comes from, and their action items with owners; decisions with their mandate,
    holder and escalation; their votes; the decisions taken on the items they were
    escalated to (only if any was); whether the body holds a decide mandate at
    all; the body's open action items from earlier meetings; the previous meeting;
    once the minutes are approved, the approval with who was present (two).
    """
    network = meeting.body.network
    person = Person.objects.of_login(user, network)

    lines = {line.person.pk: line for line in member_lines(meeting)}

    agenda = list(
        meeting.agenda_items.on_agenda()
        .select_related("escalated_decision__meeting__body__network", "project", "minutes_of")
        .prefetch_related(Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")))
        .order_by("position", "pk")
    )

    decisions = list(
        meeting.decisions.select_related(
            "mandate", "mandate_holder", "agenda_item", "escalated_to__meeting__body__network"
        )
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.order_by()),
            # What became of an escalated one (Decision.follow_up); no query without escalations.
            Prefetch("escalated_to__decisions", queryset=Decision.objects.order_by()),
        )
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
        mine=mine,
        open_actions=open_action_items(meeting.body, before=meeting),
        previous=previous_meeting(meeting),
        approval=minutes_approval(meeting),
    )


def _order_key(meeting: Meeting):
    return (meeting.date, meeting.start_time or datetime.time.min, meeting.pk)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The body's meeting just before this one (not cancelled): its minutes are approved in this one.

    Queries: one.
    """
    earlier = (
        Meeting.objects.filter(body_id=meeting.body_id, date__lte=meeting.date)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date")[:20]
    )
    before = [other for other in earlier if _order_key(other) < _order_key(meeting)]
    found = max(before, key=_order_key, default=None)
    if found is not None:
        found.body = meeting.body
    return found


def open_action_items(body: Body, *, before: Meeting | None = None) -> list[ActionItem]:
    """The body's action items not yet done, oldest due first: they return on every agenda until done.

    With `before`, only those agreed in meetings held before that meeting. Queries: one.
    """
    actions = ActionItem.objects.open().filter(meeting__body=body)
    if before is not None:
        actions = actions.filter(
            Q(meeting__date__lt=before.date) | Q(meeting__date=before.date, meeting__pk__lt=before.pk)
        )
    actions = list(actions.select_related("owner", "meeting", "agenda_item").order_by("due_date", "pk"))
    for action in actions:
        action.meeting.body = body
    return actions


def minutes_approval(meeting: Meeting) -> MinutesApproval | None:
    """How the meeting's minutes were approved: the later meeting, its agenda item, who was present.

    Queries: none before approval, two after (the approval, the people present).
    """
    if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
        return None
    approval = (
        MinutesApproval.objects.filter(minutes_of=meeting)
        .select_related("agenda_item__meeting")
        .prefetch_related(Prefetch("present", queryset=Person.objects.order_by("name", "pk")))
        .first()
    )
    if approval is not None:
        approval.agenda_item.meeting.body = meeting.body
        approval.minutes_of = meeting
    return approval


@dataclass
class MinutesPage:
    agenda: list[AgendaItem]
    decisions_by_item: dict[int, list[Decision]]
    other_decisions: list[Decision]
    next_meeting: Meeting | None
    approval: MinutesApproval | None = None


def minutes_page(meeting: Meeting) -> MinutesPage:
    """The minutes: each agenda item with what was said, decided and agreed to do.

    Queries: agenda items with their action items and owners; decisions; the next meeting;
    once approved, the approval and who was present.
    """
    agenda = list(
        meeting.agenda_items.on_agenda()
        .select_related("project")
        .prefetch_related(Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")))
        .order_by("position", "pk")
    )
    by_item: dict[int, list[Decision]] = {}
    others = []
    for decision in meeting.decisions.order_by("created_at", "pk"):
        decision.meeting = meeting
        if decision.agenda_item_id:
            by_item.setdefault(decision.agenda_item_id, []).append(decision)
        else:
            others.append(decision)
    for item in agenda:
        item.recorded_decisions = by_item.get(item.pk, [])
    following = (
        Meeting.objects.filter(body_id=meeting.body_id, date__gte=meeting.date)
        .exclude(pk=meeting.pk)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date")[:20]
    )
    after = [other for other in following if _order_key(other) > _order_key(meeting)]
    nxt = min(after, key=_order_key, default=None)
    if nxt is not None:
        nxt.body = meeting.body
    return MinutesPage(
        agenda=agenda,
        decisions_by_item=by_item,
        other_decisions=others,
        next_meeting=nxt,
        approval=minutes_approval(meeting),
    )


def network_people(network) -> list[Person]:
    """Everyone of the network, by name: the substitutes and action owners to choose from. Queries: one."""
    return list(Person.objects.filter(network=network).only("pk", "name").order_by("name", "pk"))


def organizations_of_people(network, day: datetime.date) -> dict[int, set[int]]:
    """Person id → the organisations they sit for in any body of the network on `day`. Queries: one."""
    organizations: dict[int, set[int]] = {}
    rows = (
        Membership.objects.current_on(day)
        .filter(body__network=network, organization__isnull=False)
        .values_list("person_id", "organization_id")
        .distinct()
        .order_by()
    )
    for person_id, organization_id in rows:
        organizations.setdefault(person_id, set()).add(organization_id)
    return organizations


@dataclass
class MyMembership:
    body: Body
    roles: list[str]
    has_voting_right: bool
    offices: list[str]


@dataclass
class MyMeeting:
    meeting: Meeting
    attendance: Attendance | None

    @property
    def reply(self) -> str:
        return self.attendance.reply if self.attendance else ""


@dataclass
class MyOverview:
    person: Person | None
    memberships: list[MyMembership]
    meetings: list[MyMeeting]
    actions: list[ActionItem]
    projects: list[Project]


def my_overview(network, user, today: datetime.date, *, limit: int = 20) -> MyOverview:
    """Mijn overzicht: the user's bodies and roles today, their upcoming meetings, open actions and projects.

    Ex officio included (bodies.sittings). Queries: the person; seats filled by another
    body; their memberships today with body and role; their upcoming meetings (of
    bodies they sit in on the meeting date); their replies to
    those; their open action items with meeting and body; the active projects they lead.
    """
    person = Person.objects.of_login(user, network)
    if person is None:
        return MyOverview(person=None, memberships=[], meetings=[], actions=[], projects=[])
    by_body: dict[int, MyMembership] = {}
    rows = sorted(
        sittings(today, network=network, people=Q(person=person), related=("seat__body",)),
        key=lambda sitting: (sitting.seat.body.position, sitting.seat.body.name, sitting.seat.position),
    )
    for sitting in rows:
        body = sitting.seat.body
        body.network = network
        mine = by_body.get(body.pk)
        if mine is None:
            mine = by_body[body.pk] = MyMembership(body=body, roles=[], has_voting_right=False, offices=[])
        if sitting.seat.role.display_name not in mine.roles:
            mine.roles.append(sitting.seat.role.display_name)
        mine.has_voting_right = mine.has_voting_right or sitting.has_voting_right
        if sitting.membership.office and not sitting.is_ex_officio:
            mine.offices.append(sitting.membership.get_office_display())
    meetings = list(
        Meeting.objects.upcoming(today)
        .filter(body__network=network)
        .of_member(person=person)
        .select_related("body")
        .distinct()[:limit]
    )
    attendances = {
        attendance.meeting_id: attendance
        for attendance in Attendance.objects.filter(person=person, meeting__in=[m.pk for m in meetings])
    }
    for meeting in meetings:
        meeting.body.network = network
    actions = list(
        ActionItem.objects.open()
        .filter(owner=person)
        .select_related("meeting__body", "agenda_item")
        .order_by("due_date", "pk")
    )
    for action in actions:
        action.meeting.body.network = network
    projects = list(Project.objects.active().filter(lead=person).select_related("body").order_by("title", "pk"))
    return MyOverview(
        person=person,
        memberships=list(by_body.values()),
        meetings=[MyMeeting(meeting=meeting, attendance=attendances.get(meeting.pk)) for meeting in meetings],
        actions=actions,
        projects=projects,
    )
