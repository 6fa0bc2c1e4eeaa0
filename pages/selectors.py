"""Reads for the pages that combine apps: the network home, a body's sheet, the people.

Each read declares what it loads, so that a page costs the same number of queries
for one body or for fifty (the tests pin the counts).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from meetings.cadence import phase_windows
from bodies.models import Body, Cadence, CadencePhase, Mandate, Membership, Network, Office, Organization, Person, Seat
from bodies.sittings import Sitting, seating, sittings
from meetings.models import Attendance, Meeting
from referrals.models import Advice, Assignment
from referrals.services.assignments import working_group_steerers


# What a member line of the body sheet shows besides the seat.
MEMBER_DETAILS = ("person", "organization", "substitute_for__person")


def _cadence_of(body: Body) -> Cadence | None:
    # A reverse one-to-one loaded with select_related raises when the row is missing.
    return getattr(body, "cadence", None)


# Network home ------------------------------------------------------------------------


@dataclass
class BodyOverview:
    """One line of the network home: a body with its counts and next meetings."""

    body: Body
    task_count: int
    member_count: int
    next_dates: list[datetime.date]
    working_groups: list["BodyOverview"] = field(default_factory=list)
    has_cadence: bool = False

    def rows(self, depth: int = 0, parent: Body | None = None):
        """This body and the working groups below it, each as (overview, depth, steering body)."""
        yield self, depth, parent
        for group in self.working_groups:
            yield from group.rows(depth + 1, self.body)


def network_overview(network: Network, today: datetime.date) -> list[BodyOverview]:
    """The network's active bodies in order, each working group under the body that steers it.

    Queries: bodies with their cadence and task count, their next planned meetings,
    current memberships, seats filled by another body.
    """
    bodies = list(
        network.bodies.active_on(today)
        .select_related("cadence")
        .annotate(task_count=Count("tasks"))
        # Meta.ordering is dropped from aggregating queries: say it again.
        .order_by("position", "name")
    )
    members = _member_ids_by_body(network, today)
    next_dates = planned_dates_by_body([body.pk for body in bodies], today)

    overviews = {}
    for body in bodies:
        overviews[body.pk] = BodyOverview(
            body=body,
            task_count=body.task_count,
            member_count=len(members[body.pk]),
            next_dates=next_dates[body.pk],
            has_cadence=_cadence_of(body) is not None,
        )
    top = []
    for body in bodies:
        parent = overviews.get(body.parent_id)
        if parent is not None:
            parent.working_groups.append(overviews[body.pk])
        else:
            # A working group whose steering body is no longer active still shows.
            top.append(overviews[body.pk])
    return top


# How many next meetings a sheet and the network home show per body.
NEXT_DATES_SHOWN = 3


def planned_dates_by_body(body_ids: list[int], today: datetime.date) -> dict[int, list[datetime.date]]:
    """The dates of each body's next planned meetings from `today` on (one query, at most
    NEXT_DATES_SHOWN a body): the meetings themselves, moved or added by hand included,
    cancelled ones left out, never a date the planner did not make.
    """
    ranked = (
        Meeting.objects.upcoming(today)
        .filter(body_id__in=body_ids)
        .annotate(rank=Window(RowNumber(), partition_by=F("body_id"), order_by=[F("date"), F("start_time"), F("pk")]))
        .filter(rank__lte=NEXT_DATES_SHOWN)
        .values_list("body_id", "date")
    )
    dates = defaultdict(list)
    for body_id, day in ranked:
        dates[body_id].append(day)
    return dates


def _member_ids_by_body(network: Network, today: datetime.date) -> dict[int, set[int]]:
    """The people sitting in each body today, counting those who sit ex officio."""
    members = defaultdict(set)
    for sitting in sittings(today, network=network):
        members[sitting.body_id].add(sitting.person_id)
    return members


# Body sheet --------------------------------------------------------------------------


@dataclass
class SeatLine:
    """A seat of the body and who fills it today."""

    seat: Seat
    members: list[Membership]
    ex_officio: list[Membership]

    @property
    def vacancies(self) -> int | None:
        """Places still open; None where the seed fixes no number or another body fills the seat."""
        if self.seat.filled_by_body_id or self.seat.count is None:
            return None
        return max(self.seat.count - len(self.members), 0)


@dataclass
class MandateLine:
    mandate: Mandate
    is_valid: bool
    is_past: bool


@dataclass
class PhaseLine:
    phase: CadencePhase
    begins: datetime.date | None
    ends: datetime.date | None
    starts: bool


@dataclass
class BodySheet:
    """Everything the body sheet ("fiche") shows."""

    body: Body
    tasks: list
    seats: list[SeatLine]
    mandates: list[MandateLine]
    cadence: Cadence | None
    phases: list[PhaseLine]
    next_dates: list[datetime.date]
    working_groups: list[Body]
    mandates_towards: list[Mandate]
    mandates_delegated: list[Mandate]
    seats_elsewhere: list[Seat]
    advice_received_open: list = field(default_factory=list)
    advice_given: list = field(default_factory=list)
    assignments_received_open: list = field(default_factory=list)
    assignments_given_open: list = field(default_factory=list)
    # What the body's valid mandates let it do from this sheet (the buttons).
    can_advise: bool = False
    can_assign: bool = False
    can_start_working_group: bool = False

    @property
    def vacancy_count(self) -> int:
        return sum(line.vacancies or 0 for line in self.seats)

    @property
    def officers(self) -> list[Membership]:
        """Today's chair and secretary, chair first (the sheet names them above the seats)."""
        members = [member for line in self.seats for member in line.members if member.office]
        order = list(Office.values)
        return sorted(members, key=lambda member: order.index(member.office))


# The sheet shows the latest advice a body gave; the register has the rest.
ADVICE_GIVEN_SHOWN = 10


def body_sheet_queryset():
    """How the body sheet loads its body (with the permission helper)."""
    return Body.objects.select_related("cadence", "parent").prefetch_related("cadence__phases")


def body_sheet_data(body: Body, today: datetime.date) -> BodySheet:
    """The body's remit, composition today, powers, rhythm, relations, advice and assignments.

    Expects a body loaded with `body_sheet_queryset()`. Queries: tasks; seats with
    role and filling body; who sits on them today, ex officio too (bodies.sittings:
    seats filled by another body, memberships); mandates with the
    delegating body; their targets; working groups; mandates towards the body;
    mandates it delegated; seats it fills elsewhere; open advice received; latest
    advice given; open assignments received or given.
    """
    tasks = list(body.tasks.all())
    seats = list(body.seats.select_related("role", "filled_by_body"))
    direct, ex_officio = defaultdict(list), defaultdict(list)
    for sitting in sittings(today, body_ids=[body.pk], related=MEMBER_DETAILS):
        (ex_officio if sitting.is_ex_officio else direct)[sitting.seat.pk].append(sitting.membership)
    seat_lines = [SeatLine(seat=seat, members=direct[seat.pk], ex_officio=ex_officio[seat.pk]) for seat in seats]

    mandates = [
        MandateLine(
            mandate=mandate,
            is_valid=mandate.is_valid,
            is_past=bool(mandate.valid_until and mandate.valid_until < today),
        )
        for mandate in body.mandates.with_is_valid(today).select_related("delegated_by").prefetch_related("targets")
    ]
    valid = [line.mandate for line in mandates if line.is_valid]

    def has_targets(kind: str) -> bool:
        return any(mandate.kind == kind and mandate.targets.all() for mandate in valid)

    assignments_open = list(
        Assignment.objects.open()
        .filter(Q(to_body=body) | Q(from_body=body))
        .select_related("from_body", "to_body", "working_group")
        .order_by("due_date", "pk")
    )

    cadence = _cadence_of(body)
    phases = []
    if cadence is not None:
        cadence.body = body
        all_phases = list(cadence.phases.all())
        anchor = body.active_from or (all_phases[0].starts_on if all_phases else None) or today
        windows = {phase.pk: (begin, end) for phase, begin, end in phase_windows(all_phases, anchor=anchor)}
        for phase in all_phases:
            begin, end = windows.get(phase.pk, (None, None))
            phases.append(PhaseLine(phase=phase, begins=begin, ends=end, starts=phase.pk in windows))
    # A body without a rhythm may still have meetings added by hand.
    next_dates = planned_dates_by_body([body.pk], today)[body.pk]

    return BodySheet(
        body=body,
        tasks=tasks,
        seats=seat_lines,
        mandates=mandates,
        cadence=cadence,
        phases=phases,
        next_dates=next_dates,
        working_groups=list(body.working_groups.all()),
        mandates_towards=list(
            Mandate.objects.valid_on(today)
            .filter(targets=body)
            .exclude(body=body)
            .select_related("body")
            .order_by("body__position", "body__name", "position", "id")
        ),
        mandates_delegated=list(
            Mandate.objects.filter(delegated_by=body)
            .select_related("body")
            .order_by("body__position", "body__name", "position", "id")
        ),
        seats_elsewhere=list(body.seats_held_elsewhere.select_related("body", "role")),
        advice_received_open=list(
            Advice.objects.open().filter(to_body=body).select_related("from_body").order_by("given_on", "pk")
        ),
        advice_given=list(
            Advice.objects.filter(from_body=body).select_related("to_body").order_by("-given_on", "-pk")[
                :ADVICE_GIVEN_SHOWN
            ]
        ),
        assignments_received_open=[item for item in assignments_open if item.to_body_id == body.pk],
        assignments_given_open=[item for item in assignments_open if item.from_body_id == body.pk],
        can_advise=has_targets(Mandate.Kind.ADVISE),
        can_assign=has_targets(Mandate.Kind.ASSIGN),
        can_start_working_group=bool(working_group_steerers(body, valid)),
    )


# People ------------------------------------------------------------------------------


@dataclass
class SeatHeld:
    """One seat a person holds or held: their own membership, or a seat their body fills elsewhere."""

    sitting: Sitting
    is_current: bool

    @property
    def membership(self) -> Membership:
        return self.sitting.membership

    @property
    def body(self) -> Body:
        return self.sitting.seat.body

    @property
    def role(self) -> str:
        return self.sitting.seat.role.display_name

    @property
    def has_voting_right(self) -> bool:
        return self.sitting.has_voting_right

    @property
    def office(self) -> str:
        # An office stays in the person's own body (README, "Ex-officio members").
        return "" if self.sitting.is_ex_officio else self.membership.get_office_display()

    @property
    def through(self) -> Body | None:
        """The body whose membership seats them here ex officio."""
        return self.membership.body if self.sitting.is_ex_officio else None


@dataclass
class PersonLine:
    """A person of the list with the organisations they sit for and their seats today."""

    person: Person
    organizations: list[Organization]
    seats: list[SeatHeld]


# What a seat line shows besides the seat and its role.
SEAT_DETAILS = ("seat__body", "body", "organization")


def people_of(
    network: Network,
    today: datetime.date,
    *,
    q: str = "",
    organization: Organization | None = None,
    body: Body | None = None,
) -> QuerySet[Person]:
    """The network's people by name: named like `q`, sitting today for `organization`, sitting today in `body`.

    Sitting in a body counts ex officio too (bodies.sittings.seating).
    """
    people = Person.objects.filter(network=network)
    if q:
        people = people.filter(name__icontains=q)
    if organization is not None:
        people = people.filter(
            Exists(Membership.objects.current_on(today).filter(person=OuterRef("pk"), organization=organization))
        )
    if body is not None:
        sits = Membership.objects.current_on(today).filter(seating(body), person=OuterRef("pk"))
        people = people.filter(Exists(sits))
    return people.order_by("name", "pk")


def _held(sitting: Sitting, network: Network, today: datetime.date) -> SeatHeld:
    # Their links name the network, already loaded.
    sitting.seat.body.network = sitting.membership.body.network = network
    return SeatHeld(sitting=sitting, is_current=sitting.membership.is_current_on(today))


def _seat_order(line: SeatHeld):
    return (line.body.position, line.body.name, line.sitting.seat.position, line.membership.pk)


def people_lines(network: Network, people: list[Person], today: datetime.date) -> list[PersonLine]:
    """The list's lines for one page of people: their seats today, ex officio too (two queries)."""
    seats = defaultdict(list)
    ids = [person.pk for person in people]
    for sitting in sittings(today, network=network, people=Q(person_id__in=ids), related=SEAT_DETAILS):
        seats[sitting.person_id].append(_held(sitting, network, today))
    lines = []
    for person in people:
        held = sorted(seats[person.pk], key=_seat_order)
        organizations = {}
        for line in held:
            if line.membership.organization is not None:
                organizations.setdefault(line.membership.organization.pk, line.membership.organization)
        lines.append(
            PersonLine(
                person=person,
                organizations=sorted(organizations.values(), key=lambda org: org.name),
                seats=held,
            )
        )
    return lines


@dataclass
class AttendanceRate:
    """How often a person came, themselves or through a substitute, to the meetings they were expected at."""

    came: int
    expected: int
    # Meetings they were expected at whose attendance nobody recorded: left out of the rate.
    unrecorded: int

    @property
    def percentage(self) -> int | None:
        return round(100 * self.came / self.expected) if self.expected else None


# The period a person's page counts attendance over.
ATTENDANCE_MONTHS = 12


def attendance_rate(network: Network, person: Person, today: datetime.date) -> AttendanceRate:
    """The person's attendance over the last ATTENDANCE_MONTHS months up to `today` (one query).

    Expected at: the held meetings of bodies they sat in on the meeting's date, ex officio
    included (Meeting.objects.of_member). A meeting without any recorded attendance tells
    nothing about them and is counted apart.
    """
    return _attendance(network, today, expected_of={"person": person}, came=Q(person=person))


# Attendance rows of the meeting being counted (an outer reference in _attendance).
_RECORDED = Attendance.objects.filter(meeting=OuterRef("pk")).exclude(status="")


def _attendance(network: Network, today: datetime.date, *, expected_of: dict, came: Q) -> AttendanceRate:
    """The rate over the held meetings of the last ATTENDANCE_MONTHS months that the memberships
    `expected_of` names were expected at, `came` picking the attendance rows that count (one query)."""
    since = today - relativedelta(months=ATTENDANCE_MONTHS)
    present = _RECORDED.filter(came, status__in=[Attendance.Status.PRESENT, Attendance.Status.SUBSTITUTED])
    counts = (
        Meeting.objects.of_network(network)
        .filter(date__gt=since, date__lte=today)
        .exclude(status=Meeting.Status.CANCELLED)
        .of_member(**expected_of)
        .annotate(is_recorded=Exists(_RECORDED), has_come=Exists(present))
        .aggregate(
            expected=Count("pk", filter=Q(is_recorded=True)),
            came=Count("pk", filter=Q(has_come=True)),
            unrecorded=Count("pk", filter=Q(is_recorded=False)),
        )
    )
    return AttendanceRate(came=counts["came"], expected=counts["expected"], unrecorded=counts["unrecorded"])


@dataclass
class PersonPage:
    person: Person
    organizations: list[Organization]
    current: list[SeatHeld]
    past: list[SeatHeld]
    attendance: AttendanceRate


def person_page(network: Network, person: Person, today: datetime.date) -> PersonPage:
    """Every seat the person holds or held, ex officio too, and their attendance.

    Queries: seats filled by another body; every membership of the person with seat,
    role, body and organisation (bodies.sittings over all dates); the attendance count.
    """
    held = [
        _held(sitting, network, today)
        # Every sitting there ever was or will be: the whole calendar as the period.
        for sitting in sittings(
            datetime.date.min, datetime.date.max, network=network, people=Q(person=person), related=SEAT_DETAILS
        )
    ]
    current = sorted((line for line in held if line.is_current), key=_seat_order)
    past = sorted(
        (line for line in held if not line.is_current),
        key=lambda line: (-line.membership.start_date.toordinal(), *_seat_order(line)),
    )
    organizations = {}
    for line in current:
        if line.membership.organization is not None:
            organizations.setdefault(line.membership.organization.pk, line.membership.organization)
    return PersonPage(
        person=person,
        organizations=sorted(organizations.values(), key=lambda org: org.name),
        current=current,
        past=past,
        attendance=attendance_rate(network, person, today),
    )


# Organisations ------------------------------------------------------------------------


@dataclass
class Representative:
    """Who sits for the organisation in one body today, and on which seat."""

    person: Person
    seat: SeatHeld


@dataclass
class BodyRepresentatives:
    body: Body
    representatives: list[Representative]


@dataclass
class OrganizationPage:
    organization: Organization
    bodies: list[BodyRepresentatives]
    # The network's active bodies in which nobody sits for the organisation today. A
    # seat names no organisation (bodies.models.Seat): where it should sit is not known.
    without: list[Body]
    attendance: AttendanceRate


def organization_attendance_rate(network: Network, organization: Organization, today: datetime.date) -> AttendanceRate:
    """How often the organisation was there over the last ATTENDANCE_MONTHS months up to `today` (one query).

    Expected at: the held meetings of bodies in which somebody sat for it on the meeting's
    date (a membership representing it, ex officio included; a substitute's membership
    too). It came when one of them was present or sent a substitute. A meeting without
    any recorded attendance tells nothing and is counted apart.
    """
    # A row counts when its person sat for the organisation in that body on that day.
    sat_for_it = Membership.objects.current_on(OuterRef(OuterRef("date"))).filter(
        seating(OuterRef(OuterRef("body"))), organization=organization, person=OuterRef("person")
    )
    return _attendance(network, today, expected_of={"organization": organization}, came=Q(Exists(sat_for_it)))


def organization_page(network: Network, organization: Organization, today: datetime.date) -> OrganizationPage:
    """Who sits for the organisation today per body, the bodies it has nobody in, its attendance.

    Queries: seats filled by another body and the memberships representing it today with
    person, seat, role, body (bodies.sittings); the network's active bodies; the attendance count.
    """
    by_body: dict[int, list[Representative]] = defaultdict(list)
    bodies: dict[int, Body] = {}
    for sitting in sittings(
        today, network=network, people=Q(organization=organization), related=(*SEAT_DETAILS, "person")
    ):
        held = _held(sitting, network, today)
        bodies[held.body.pk] = held.body
        by_body[held.body.pk].append(Representative(person=sitting.membership.person, seat=held))
    lines = [
        BodyRepresentatives(
            body=body,
            representatives=sorted(
                by_body[body.pk],
                key=lambda line: (line.person.name, line.seat.sitting.seat.position, line.seat.membership.pk),
            ),
        )
        for body in sorted(bodies.values(), key=lambda body: (body.position, body.name, body.pk))
    ]
    without = [body for body in network.bodies.active_on(today).order_by("position", "name") if body.pk not in bodies]
    for body in without:
        body.network = network
    return OrganizationPage(
        organization=organization,
        bodies=lines,
        without=without,
        attendance=organization_attendance_rate(network, organization, today),
    )
