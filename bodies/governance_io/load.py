"""The import: a checked file (schema.py) written into the database in one transaction.

Each object is validated like a form would (full_clean) before it is saved, and
names in the file are looked up among what the file made; the first problem stops
the import with its place in the file, and nothing is written.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Body,
    BodyTask,
    Cadence,
    CadencePhase,
    Mandate,
    Membership,
    Network,
    Organization,
    Person,
    Role,
    Seat,
)
from ..services import history_date_back
from ..signals import access_sync_deferred
from .schema import (
    BodySpec,
    CadenceSpec,
    GovernanceFile,
    GovernanceImportError,
    MandateSpec,
    MemberSpec,
    SeatSpec,
    read,
)


def _fail(place: str, message: str):
    raise GovernanceImportError(f"{place}: {message}")


def _join(place: str, key: str) -> str:
    if not key:
        return place
    return f"{place}.{key}" if place else key


# Model field -> key in the file, to name the place of a validation error. An empty
# key means the object itself (a task is just its text).
_KEYS = {
    Role: {"is_coordinator": "coordinator"},
    Mandate: {"is_unlimited": "unlimited"},
    BodyTask: {"text": "", "body": ""},
    Seat: {"has_voting_right": "voting", "is_ad_hoc": "ad_hoc", "filled_by_body": "via", "body": ""},
    Membership: {
        "seat": "role",
        "body": "role",
        "has_voting_right": "voting",
        "start_date": "start",
        "end_date": "end",
        "is_ad_hoc": "ad_hoc",
    },
    Cadence: {"body": ""},
    CadencePhase: {"starts_on": "from", "ends_on": "until", "cadence": ""},
}


def _save(obj: models.Model, place: str) -> models.Model:
    """full_clean() then save, or fail naming the place of each problem."""
    try:
        obj.full_clean()
    except ValidationError as error:
        keys = _KEYS.get(type(obj), {})
        problems = []
        for field, messages in error.message_dict.items():
            key = "" if field in (NON_FIELD_ERRORS, "network") else keys.get(field, field)
            problems.append(f"{_join(place, key)}: {' '.join(messages)}")
        raise GovernanceImportError("; ".join(problems)) from None
    obj.save()
    return obj


def _lookup(names: dict, name: str, place: str, message: str):
    try:
        return names[name]
    except KeyError:
        _fail(place, message % {"name": name})


@transaction.atomic
def import_network(data) -> Network:
    """Create the network described by `data` (a parsed governance-export/1 file) and all under it.

    Raises GovernanceImportError, and writes nothing, if anything in the file is wrong.
    """
    spec = read(data)
    written_since = timezone.now()
    with access_sync_deferred():
        network = _import(spec)
    # The file's own dates say since when the structure ran; its history says so too.
    own_dates = [item.active_from for item in spec.bodies] + [
        member.start for item in spec.bodies for member in item.members
    ]
    own_dates = [day for day in own_dates if day is not None]
    if own_dates:
        history_date_back(written_since=written_since, to=min(own_dates))
    return network


def _import(spec: GovernanceFile) -> Network:
    slug = spec.network.slug
    if Network.objects.filter(slug=slug).exists():
        _fail("network.slug", _("het netwerk \"%(slug)s\" bestaat al") % {"slug": slug})
    network = _save(Network(**spec.network.model_dump()), "network")

    organizations = {
        item.name: _save(Organization(network=network, name=item.name), f"organizations[{index}]")
        for index, item in enumerate(spec.organizations)
    }
    roles = {
        item.name: _save(Role(
                network=network, name=item.name, description=item.description, is_coordinator=item.coordinator
            ), f"roles[{index}]")
        for index, item in enumerate(spec.roles)
    }
    people = {
        item.name: _save(Person(network=network, name=item.name, email=item.email), f"people[{index}]")
        for index, item in enumerate(spec.people)
    }
    bodies = _create_bodies(network, spec.bodies)

    for index, item in enumerate(spec.bodies):
        place = f"bodies[{index}]"
        body = bodies[item.name]
        for position, text in enumerate(item.tasks):
            _save(BodyTask(body=body, text=text, position=position), f"{place}.tasks[{position}]")
        _create_mandates(body, item.mandates, place, bodies=bodies)
        seats = _create_seats(body, item.seats, place, roles=roles, bodies=bodies)
        _create_members(body, item.members, place, seats=seats, people=people, organizations=organizations)
        if item.cadence is not None:
            _create_cadence(body, item.cadence, f"{place}.cadence")
    return network


def _unknown_body() -> str:
    return _("onbekend orgaan \"%(name)s\"")


def _create_mandates(body: Body, specs: list[MandateSpec], place: str, *, bodies: dict[str, Body]) -> None:
    for position, spec in enumerate(specs):
        where = f"{place}.mandates[{position}]"
        delegated_by = spec.delegated_by
        mandate = _save(
            Mandate(
                body=body,
                text=spec.text,
                kind=spec.kind,
                domains=spec.domains,
                limit_eur=spec.limit_eur,
                is_unlimited=spec.unlimited,
                delegated_by=None
                if delegated_by is None
                else _lookup(bodies, delegated_by, f"{where}.delegated_by", _unknown_body()),
                valid_from=spec.valid_from,
                valid_until=spec.valid_until,
                position=position,
            ),
            where,
        )
        targets = [
            _lookup(bodies, name, f"{where}.targets[{number}]", _unknown_body())
            for number, name in enumerate(spec.targets)
        ]
        if targets:
            mandate.targets.set(targets)


def _create_seats(body: Body, specs: list[SeatSpec], place: str, *, roles, bodies) -> dict[str, Seat]:
    """The body's seats, by role name (a body has one seat per role)."""
    seats = {}
    for position, spec in enumerate(specs):
        where = f"{place}.seats[{position}]"
        role = _lookup(roles, spec.role, f"{where}.role", _("onbekende rol \"%(name)s\""))
        if role.name in seats:
            _fail(f"{where}.role", _("dit orgaan heeft al een zetel voor \"%(name)s\"") % {"name": role.name})
        via = spec.via
        seats[role.name] = _save(
            Seat(
                body=body,
                role=role,
                count=spec.count,
                has_voting_right=spec.voting,
                is_ad_hoc=spec.ad_hoc,
                filled_by_body=None if via is None else _lookup(bodies, via, f"{where}.via", _unknown_body()),
                position=position,
            ),
            where,
        )
    return seats


def _create_cadence(body: Body, spec: CadenceSpec, place: str) -> None:
    cadence = _save(
        Cadence(
            body=body,
            description=spec.description,
            start_time=spec.start_time,
            duration_minutes=spec.duration_minutes,
            location=spec.location,
        ),
        place,
    )
    for position, phase in enumerate(spec.phases):
        _save(
            CadencePhase(
                cadence=cadence,
                label=phase.label,
                rrule=phase.rrule,
                starts_on=phase.from_,
                ends_on=phase.until,
                position=position,
            ),
            f"{place}.phases[{position}]",
        )


def _create_bodies(network: Network, specs: list[BodySpec]) -> dict[str, Body]:
    """Create the bodies, each working group after the body that steers it."""
    names = {spec.name for spec in specs}
    for index, spec in enumerate(specs):
        if spec.parent is not None and spec.parent not in names:
            _fail(f"bodies[{index}].parent", _unknown_body() % {"name": spec.parent})

    bodies: dict[str, Body] = {}
    waiting = list(enumerate(specs))
    while waiting:
        ready = [(index, spec) for index, spec in waiting if spec.parent is None or spec.parent in bodies]
        if not ready:
            index, spec = waiting[0]
            _fail(
                f"bodies[{index}].parent",
                _("orgaan \"%(name)s\" stuurt zichzelf (onrechtstreeks) aan") % {"name": spec.name},
            )
        for index, spec in ready:
            parent = spec.parent
            bodies[spec.name] = _save(
                Body(
                    network=network,
                    name=spec.name,
                    slug=spec.slug,
                    kind=spec.kind,
                    parent=bodies[parent] if parent is not None else None,
                    description=spec.description,
                    quorum_percent=spec.quorum_percent,
                    majority_rule=spec.majority_rule,
                    holiday_rule=spec.holiday_rule,
                    call_for_items_days=spec.call_for_items_days,
                    agenda_days=spec.agenda_days,
                    reminder_days=",".join(str(day) for day in spec.reminder_days),
                    position=index,
                    active_from=spec.active_from,
                    active_until=spec.active_until,
                ),
                f"bodies[{index}]",
            )
        waiting = [item for item in waiting if item[1].name not in bodies]
    return bodies


def _create_members(body: Body, specs: list[MemberSpec], place: str, *, seats, people, organizations) -> None:
    """Create the memberships of a body; substitutes are linked once everyone exists."""
    created = []
    for index, spec in enumerate(specs):
        where = f"{place}.members[{index}]"
        seat = _lookup(
            seats, spec.role, f"{where}.role", _("dit orgaan heeft geen zetel voor de rol \"%(name)s\"")
        )
        person = _lookup(people, spec.person, f"{where}.person", _("onbekende persoon \"%(name)s\""))
        organization = spec.organization
        if organization is not None:
            organization = _lookup(
                organizations, organization, f"{where}.organization", _("onbekende organisatie \"%(name)s\"")
            )
        membership = Membership(
            body=body,
            seat=seat,
            person=person,
            organization=organization,
            has_voting_right=spec.voting,
            office=spec.office or "",
            start_date=spec.start,
            end_date=spec.end,
            is_ad_hoc=spec.ad_hoc,
        )
        created.append(_save(membership, where))
    for index, (spec, membership) in enumerate(zip(specs, created)):
        if spec.substitute_for is None:
            continue
        where = f"{place}.members[{index}]"
        membership.substitute_for = _substituted(
            membership, spec.substitute_for, created, f"{where}.substitute_for"
        )
        _save(membership, where)


def _substituted(substitute: Membership, name: str, members: list[Membership], place: str) -> Membership:
    """The member of the same body called `name` whom `substitute` stands in for.

    The file names a person; where that person holds more than one membership in
    the body, the one in the same seat, then the one whose period overlaps, wins.
    """
    candidates = [member for member in members if member.person.name == name and member.pk != substitute.pk]
    if len(candidates) > 1:
        candidates = [member for member in candidates if member.seat_id == substitute.seat_id] or candidates
    if len(candidates) > 1:
        candidates = [
            member
            for member in candidates
            if (member.end_date is None or member.end_date >= substitute.start_date)
            and (substitute.end_date is None or substitute.end_date >= member.start_date)
        ] or candidates
    if not candidates:
        _fail(place, _("geen lid van dit orgaan heet \"%(name)s\"") % {"name": name})
    if len(candidates) > 1:
        _fail(place, _("\"%(name)s\" is meer dan één keer lid van dit orgaan; niet te bepalen wie vervangen wordt")
              % {"name": name})
    return candidates[0]
