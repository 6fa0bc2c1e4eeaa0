"""A network's governance structure as JSON, and back (`governance-export/1`).

The export names things, never ids: bodies, roles, people and organisations are
referred to by their name (unique within a network), so a file reads on its own
and loads into any database. Lists come in a fixed order, so two exports of the
same structure are the same text: bodies by position then name; tasks, seats,
mandates and phases by position; members by seat, then person name. The order of
a list is the position: an import numbers positions 0, 1, 2, … in file order.

`export_network(…, as_of=day)` rebuilds the structure as it stood at the end of
that day (Europe/Brussels) from the history every governance model keeps.
`import_network` writes a file into a database in one transaction and stops at
the first problem with a Dutch message that names the place in the file
(`bodies[2].mandates[0].delegated_by: onbekend orgaan "Beleidsgroepp"`).

Logins are not exported: a person keeps a name and an e-mail address.

Beyond the shape the foundation issue fixed, the file carries the rules that decide
who may do what; an import reads a file without them with the defaults shown:

- `roles[].coordinator` (false): who sits in a seat with this role coordinates the
  whole network;
- `bodies[].quorum_percent` (50) and `bodies[].majority_rule` ("simple",
  "two_thirds" or "consensus"): how the body votes;
- `bodies[].mandates[].unlimited` (false): any amount is allowed (then
  `limit_eur` is null);
- `bodies[].members[].office` (null, "chair" or "secretary"): the member runs the body;
- `bodies[].holiday_rule` ("next", "previous", "skip" or "keep"): what the planner does
  with a meeting on a Belgian public holiday; `bodies[].call_for_items_days` (14),
  `bodies[].agenda_days` (7) and `bodies[].reminder_days` ([7, 1]): the meeting
  deadlines and reminders, in days before the meeting.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    Body,
    BodyTask,
    Cadence,
    CadencePhase,
    HolidayRule,
    MajorityRule,
    Mandate,
    Membership,
    Network,
    Organization,
    Person,
    Role,
    Seat,
)
from .services import history_date_back
from .signals import access_sync_deferred

FORMAT = "governance-export/1"


class GovernanceExportError(Exception):
    """The structure cannot be exported as asked (the network did not exist yet, …)."""


class GovernanceImportError(Exception):
    """A file that cannot be imported; the message names the place in the file."""


# --- export -----------------------------------------------------------------------


@dataclass
class _Structure:
    """The rows of one network, live or rebuilt from history; both have the same attributes."""

    network: Any
    organizations: list
    roles: list
    people: list
    bodies: list
    tasks: list
    seats: list
    memberships: list
    mandates: list
    targets: dict[int, set[int]]  # mandate id -> body ids
    cadences: list
    phases: list


def export_network(network: Network, *, as_of: datetime.date | None = None) -> dict:
    """The structure of `network` now, or at the end of the day `as_of`, as a JSON-ready dict."""
    if as_of is None:
        structure = _live_structure(network)
        day = timezone.localdate()
    else:
        structure = _historical_structure(network, _end_of_day(as_of))
        day = as_of
    return _serialise(structure, day)


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_default_timezone()
    )


def _live_structure(network: Network) -> _Structure:
    bodies = list(Body.objects.filter(network=network))
    body_ids = [body.id for body in bodies]
    mandates = list(Mandate.objects.filter(body_id__in=body_ids))
    cadences = list(Cadence.objects.filter(body_id__in=body_ids))
    targets = defaultdict(set)
    for mandate_id, body_id in Mandate.targets.through.objects.filter(
        mandate_id__in=[mandate.id for mandate in mandates]
    ).values_list("mandate_id", "body_id"):
        targets[mandate_id].add(body_id)
    return _Structure(
        network=network,
        organizations=list(Organization.objects.filter(network=network)),
        roles=list(Role.objects.filter(network=network)),
        people=list(Person.objects.filter(network=network)),
        bodies=bodies,
        tasks=list(BodyTask.objects.filter(body_id__in=body_ids)),
        seats=list(Seat.objects.filter(body_id__in=body_ids)),
        memberships=list(Membership.objects.filter(body_id__in=body_ids)),
        mandates=mandates,
        targets=targets,
        cadences=cadences,
        phases=list(CadencePhase.objects.filter(cadence_id__in=[cadence.id for cadence in cadences])),
    )


def _latest_rows(model: type[models.Model], moment: datetime.datetime, **ever) -> list:
    """The last historical row before `moment` of each object that ever matched `ever`.

    Objects whose last row is a deletion are left out. Ties on history_date (rows
    written in the same microsecond, or backdated by hand) go to the later row.
    """
    history = model.history
    ids = history.filter(**ever).values("id")
    latest = {}
    for row in history.filter(id__in=ids, history_date__lt=moment).order_by("history_date", "history_id"):
        latest[row.id] = row
    return [row for row in latest.values() if row.history_type != "-"]


def _historical_structure(network: Network, moment: datetime.datetime) -> _Structure:
    network_rows = _latest_rows(Network, moment, id=network.id)
    if not network_rows:
        raise GovernanceExportError(
            _("Het netwerk \"%(slug)s\" bestond nog niet op die datum.") % {"slug": network.slug}
        )

    def in_network(model):
        return [row for row in _latest_rows(model, moment, network_id=network.id) if row.network_id == network.id]

    bodies = in_network(Body)
    body_ids = {body.id for body in bodies}
    ever_body_ids = Body.history.filter(network_id=network.id).values("id")

    def in_bodies(model):
        return [row for row in _latest_rows(model, moment, body_id__in=ever_body_ids) if row.body_id in body_ids]

    people = in_network(Person)
    seats = in_bodies(Seat)
    known_people = {person.id for person in people}
    known_seats = {seat.id for seat in seats}
    memberships = [
        row for row in in_bodies(Membership) if row.seat_id in known_seats and row.person_id in known_people
    ]
    mandates = in_bodies(Mandate)
    cadences = in_bodies(Cadence)
    cadence_ids = {cadence.id for cadence in cadences}
    ever_cadence_ids = Cadence.history.filter(body_id__in=ever_body_ids).values("id")
    phases = [
        row
        for row in _latest_rows(CadencePhase, moment, cadence_id__in=ever_cadence_ids)
        if row.cadence_id in cadence_ids
    ]

    # Each historical mandate row carries the targets as they were when it was
    # written (django-simple-history's m2m snapshot). A body deleted later takes its
    # through row with it without a new mandate row, hence the filter on bodies
    # that still existed at the moment.
    mandate_of_row = {mandate.history_id: mandate.id for mandate in mandates}
    targets = defaultdict(set)
    for history_id, body_id in Mandate.history.model.targets.filter(
        history_id__in=list(mandate_of_row)
    ).values_list("history_id", "body_id"):
        if body_id in body_ids:
            targets[mandate_of_row[history_id]].add(body_id)

    return _Structure(
        network=network_rows[0],
        organizations=in_network(Organization),
        roles=in_network(Role),
        people=people,
        bodies=bodies,
        tasks=in_bodies(BodyTask),
        seats=seats,
        memberships=memberships,
        mandates=mandates,
        targets=targets,
        cadences=cadences,
        phases=phases,
    )


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: datetime.time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M") if not (value.second or value.microsecond) else value.isoformat()


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.01")))


def _by_position(rows: list) -> list:
    return sorted(rows, key=lambda row: (row.position, row.id))


def _serialise(structure: _Structure, day: datetime.date) -> dict:
    # Sorting happens here, in Python, so that SQLite and PostgreSQL (whose
    # collations differ) write the same file.
    bodies = sorted(structure.bodies, key=lambda body: (body.position, body.name))
    body_names = {body.id: body.name for body in bodies}
    body_rank = {body.id: rank for rank, body in enumerate(bodies)}
    role_names = {role.id: role.name for role in structure.roles}
    person_names = {person.id: person.name for person in structure.people}
    organization_names = {organization.id: organization.name for organization in structure.organizations}

    def children(rows, key):
        grouped = defaultdict(list)
        for row in rows:
            grouped[getattr(row, key)].append(row)
        return grouped

    tasks = children(structure.tasks, "body_id")
    seats = children(structure.seats, "body_id")
    seat_rank = {seat.id: (seat.position, seat.id) for seat in structure.seats}
    mandates = children(structure.mandates, "body_id")
    memberships = children(structure.memberships, "body_id")
    member_names = {membership.id: person_names[membership.person_id] for membership in structure.memberships}
    seat_roles = {seat.id: role_names.get(seat.role_id) for seat in structure.seats}
    cadences = {cadence.body_id: cadence for cadence in structure.cadences}
    phases = children(structure.phases, "cadence_id")

    def serialise_body(body):
        cadence = cadences.get(body.id)
        return {
            "name": body.name,
            "slug": body.slug,
            "kind": body.kind,
            "parent": body_names.get(body.parent_id),
            "description": body.description,
            "active_from": _date(body.active_from),
            "active_until": _date(body.active_until),
            "quorum_percent": body.quorum_percent,
            "majority_rule": body.majority_rule,
            "holiday_rule": body.holiday_rule,
            "call_for_items_days": body.call_for_items_days,
            "agenda_days": body.agenda_days,
            "reminder_days": _reminder_days(body.reminder_days),
            "tasks": [task.text for task in _by_position(tasks[body.id])],
            "mandates": [
                {
                    "text": mandate.text,
                    "kind": mandate.kind,
                    "domains": list(mandate.domains),
                    "limit_eur": _amount(mandate.limit_eur),
                    "unlimited": mandate.is_unlimited,
                    "delegated_by": body_names.get(mandate.delegated_by_id),
                    "targets": [
                        body_names[target]
                        for target in sorted(structure.targets.get(mandate.id, ()), key=body_rank.__getitem__)
                    ],
                    "valid_from": _date(mandate.valid_from),
                    "valid_until": _date(mandate.valid_until),
                }
                for mandate in _by_position(mandates[body.id])
            ],
            "seats": [
                {
                    "role": role_names[seat.role_id],
                    "count": seat.count,
                    "voting": seat.has_voting_right,
                    "ad_hoc": seat.is_ad_hoc,
                    "via": body_names.get(seat.filled_by_body_id),
                }
                for seat in _by_position(seats[body.id])
            ],
            "members": [
                {
                    "person": person_names[membership.person_id],
                    "role": seat_roles[membership.seat_id],
                    "organization": organization_names.get(membership.organization_id),
                    "voting": membership.has_voting_right,
                    "office": membership.office or None,
                    "start": _date(membership.start_date),
                    "end": _date(membership.end_date),
                    "ad_hoc": membership.is_ad_hoc,
                    "substitute_for": member_names.get(membership.substitute_for_id),
                }
                for membership in sorted(
                    memberships[body.id],
                    key=lambda m: (seat_rank[m.seat_id], person_names[m.person_id], m.start_date, m.id),
                )
            ],
            "cadence": None
            if cadence is None
            else {
                "description": cadence.description,
                "phases": [
                    {
                        "label": phase.label,
                        "rrule": phase.rrule,
                        "from": _date(phase.starts_on),
                        "until": _date(phase.ends_on),
                    }
                    for phase in _by_position(phases[cadence.id])
                ],
                "start_time": _time(cadence.start_time),
                "duration_minutes": cadence.duration_minutes,
                "location": cadence.location,
            },
        }

    network = structure.network
    return {
        "format": FORMAT,
        "as_of": day.isoformat(),
        "network": {"slug": network.slug, "name": network.name, "description": network.description},
        "organizations": [{"name": name} for name in sorted(organization_names.values())],
        "roles": [
            {"name": role.name, "description": role.description, "coordinator": role.is_coordinator}
            for role in sorted(structure.roles, key=lambda role: role.name)
        ],
        "people": [
            {"name": person.name, "email": person.email}
            for person in sorted(structure.people, key=lambda person: person.name)
        ],
        "bodies": [serialise_body(body) for body in bodies],
    }


# --- import: reading the file -------------------------------------------------------
#
# Every value is checked for its type before anything is written, so the model's
# own validation (full_clean) only sees values of the right kind.

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$")
_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")


def _fail(place: str, message: str):
    raise GovernanceImportError(f"{place}: {message}")


def _object(value, place: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict:
    if not isinstance(value, dict):
        _fail(place, _("verwacht een object {…}"))
    for key in required:
        if key not in value:
            _fail(_join(place, key), _("ontbreekt"))
    for key in value:
        if key not in required and key not in optional:
            _fail(_join(place, key), _("onbekende sleutel"))
    return value


def _join(place: str, key: str) -> str:
    if not key:
        return place
    return f"{place}.{key}" if place else key


def _list(value, place: str) -> list:
    if not isinstance(value, list):
        _fail(place, _("verwacht een lijst […]"))
    return value


def _text(value, place: str, *, nullable: bool = False) -> str | None:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        _fail(place, _("verwacht tekst of null") if nullable else _("verwacht tekst"))
    return value


def _flag(value, place: str) -> bool:
    if not isinstance(value, bool):
        _fail(place, _("verwacht true of false"))
    return value


def _whole(value, place: str, *, nullable: bool = True) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(place, _("verwacht een geheel getal of null") if nullable else _("verwacht een geheel getal"))
    return value


def _day(value, place: str, *, nullable: bool = True) -> datetime.date | None:
    if value is None and nullable:
        return None
    try:
        if not isinstance(value, str) or not _DATE.match(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        _fail(
            place, _("verwacht een datum JJJJ-MM-DD of null") if nullable else _("verwacht een datum JJJJ-MM-DD")
        )


def _clock(value, place: str) -> datetime.time | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not _TIME.match(value):
            raise ValueError
        return datetime.time.fromisoformat(value)
    except ValueError:
        _fail(place, _("verwacht een uur UU:MM of null"))


def _euro(value, place: str) -> Decimal | None:
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not _AMOUNT.match(value):
            raise InvalidOperation
        return Decimal(value)
    except InvalidOperation:
        _fail(place, _("verwacht een bedrag als tekst, zoals \"5000.00\", of null"))


def _texts(value, place: str) -> list[str]:
    return [_text(item, f"{place}[{index}]") for index, item in enumerate(_list(value, place))]


def _unique_names(items: list[dict], place: str, key: str = "name") -> None:
    seen = set()
    for index, item in enumerate(items):
        if item[key] in seen:
            _fail(f"{place}[{index}].{key}", _("komt twee keer voor: \"%(name)s\"") % {"name": item[key]})
        seen.add(item[key])


def _read(data) -> dict:
    """The file checked for shape and types; values converted to Python (dates, Decimal)."""
    if not isinstance(data, dict):
        raise GovernanceImportError(_("Het bestand bevat geen JSON-object."))
    if "format" not in data:
        _fail("format", _("ontbreekt"))
    if data["format"] != FORMAT:
        message = _("onbekend formaat %(found)s; verwacht \"%(format)s\"")
        _fail("format", message % {"found": _quoted(data["format"]), "format": FORMAT})
    _object(data, "", ("format", "as_of", "network", "organizations", "roles", "people", "bodies"))
    _day(data["as_of"], "as_of", nullable=False)

    network = _object(data["network"], "network", ("slug", "name"), ("description",))
    result = {
        "network": {
            "slug": _text(network["slug"], "network.slug"),
            "name": _text(network["name"], "network.name"),
            "description": _text(network.get("description", ""), "network.description"),
        },
        "organizations": [],
        "roles": [],
        "people": [],
        "bodies": [],
    }
    for index, item in enumerate(_list(data["organizations"], "organizations")):
        place = f"organizations[{index}]"
        item = _object(item, place, ("name",))
        result["organizations"].append({"name": _text(item["name"], f"{place}.name")})
    for index, item in enumerate(_list(data["roles"], "roles")):
        place = f"roles[{index}]"
        item = _object(item, place, ("name",), ("description", "coordinator"))
        result["roles"].append(
            {
                "name": _text(item["name"], f"{place}.name"),
                "description": _text(item.get("description", ""), f"{place}.description"),
                "is_coordinator": _flag(item.get("coordinator", False), f"{place}.coordinator"),
            }
        )
    for index, item in enumerate(_list(data["people"], "people")):
        place = f"people[{index}]"
        item = _object(item, place, ("name", "email"))
        result["people"].append(
            {"name": _text(item["name"], f"{place}.name"), "email": _text(item["email"], f"{place}.email")}
        )
    for index, item in enumerate(_list(data["bodies"], "bodies")):
        result["bodies"].append(_read_body(item, f"bodies[{index}]"))

    for key in ("organizations", "roles", "people", "bodies"):
        _unique_names(result[key], key)
    _unique_names(result["bodies"], "bodies", key="slug")
    return result


def _reminder_days(value: str) -> list[int]:
    """"7,1" as [7, 1], largest first (a historical row has no Body.reminder_day_list)."""
    return sorted({int(day) for day in (value or "").split(",") if day.strip()}, reverse=True)


def _quoted(value) -> str:
    return "null" if value is None else f"\"{value}\""


def _read_body(item, place: str) -> dict:
    item = _object(
        item,
        place,
        ("name", "kind", "parent", "tasks", "mandates", "seats", "members", "cadence"),
        (
            "slug",
            "description",
            "active_from",
            "active_until",
            "quorum_percent",
            "majority_rule",
            "holiday_rule",
            "call_for_items_days",
            "agenda_days",
            "reminder_days",
        ),
    )
    name = _text(item["name"], f"{place}.name")
    body = {
        "name": name,
        "slug": _text(item.get("slug", slugify(name)), f"{place}.slug"),
        "kind": _text(item["kind"], f"{place}.kind"),
        "parent": _text(item["parent"], f"{place}.parent", nullable=True),
        "description": _text(item.get("description", ""), f"{place}.description"),
        "active_from": _day(item.get("active_from"), f"{place}.active_from"),
        "active_until": _day(item.get("active_until"), f"{place}.active_until"),
        "quorum_percent": _whole(item.get("quorum_percent", 50), f"{place}.quorum_percent", nullable=False),
        "majority_rule": _text(item.get("majority_rule", MajorityRule.SIMPLE.value), f"{place}.majority_rule"),
        "holiday_rule": _text(
            item.get("holiday_rule", HolidayRule.NEXT_WORKING_DAY.value), f"{place}.holiday_rule"
        ),
        "call_for_items_days": _whole(
            item.get("call_for_items_days", 14), f"{place}.call_for_items_days", nullable=False
        ),
        "agenda_days": _whole(item.get("agenda_days", 7), f"{place}.agenda_days", nullable=False),
        "reminder_days": ",".join(
            str(_whole(day, f"{place}.reminder_days[{index}]", nullable=False))
            for index, day in enumerate(_list(item.get("reminder_days", [7, 1]), f"{place}.reminder_days"))
        ),
        "tasks": _texts(item["tasks"], f"{place}.tasks"),
        "mandates": [],
        "seats": [],
        "members": [],
        "cadence": None,
    }
    for index, mandate in enumerate(_list(item["mandates"], f"{place}.mandates")):
        where = f"{place}.mandates[{index}]"
        mandate = _object(
            mandate,
            where,
            ("text", "kind", "domains", "limit_eur", "delegated_by", "targets", "valid_from", "valid_until"),
            ("unlimited",),
        )
        body["mandates"].append(
            {
                "text": _text(mandate["text"], f"{where}.text"),
                "kind": _text(mandate["kind"], f"{where}.kind"),
                "domains": _texts(mandate["domains"], f"{where}.domains"),
                "limit_eur": _euro(mandate["limit_eur"], f"{where}.limit_eur"),
                "unlimited": _flag(mandate.get("unlimited", False), f"{where}.unlimited"),
                "delegated_by": _text(mandate["delegated_by"], f"{where}.delegated_by", nullable=True),
                "targets": _texts(mandate["targets"], f"{where}.targets"),
                "valid_from": _day(mandate["valid_from"], f"{where}.valid_from"),
                "valid_until": _day(mandate["valid_until"], f"{where}.valid_until"),
            }
        )
    for index, seat in enumerate(_list(item["seats"], f"{place}.seats")):
        where = f"{place}.seats[{index}]"
        seat = _object(seat, where, ("role", "count", "voting"), ("ad_hoc", "via"))
        body["seats"].append(
            {
                "role": _text(seat["role"], f"{where}.role"),
                "count": _whole(seat["count"], f"{where}.count"),
                "voting": _flag(seat["voting"], f"{where}.voting"),
                "ad_hoc": _flag(seat.get("ad_hoc", False), f"{where}.ad_hoc"),
                "via": _text(seat.get("via"), f"{where}.via", nullable=True),
            }
        )
    for index, member in enumerate(_list(item["members"], f"{place}.members")):
        where = f"{place}.members[{index}]"
        member = _object(
            member,
            where,
            ("person", "role", "organization", "voting", "start", "end", "ad_hoc"),
            ("office", "substitute_for"),
        )
        body["members"].append(
            {
                "person": _text(member["person"], f"{where}.person"),
                "role": _text(member["role"], f"{where}.role"),
                "organization": _text(member["organization"], f"{where}.organization", nullable=True),
                "voting": _flag(member["voting"], f"{where}.voting"),
                "office": _text(member.get("office"), f"{where}.office", nullable=True) or "",
                "start": _day(member["start"], f"{where}.start", nullable=False),
                "end": _day(member["end"], f"{where}.end"),
                "ad_hoc": _flag(member["ad_hoc"], f"{where}.ad_hoc"),
                "substitute_for": _text(member.get("substitute_for"), f"{where}.substitute_for", nullable=True),
            }
        )
    if item["cadence"] is not None:
        where = f"{place}.cadence"
        cadence = _object(
            item["cadence"], where, ("phases", "start_time", "duration_minutes", "location"), ("description",)
        )
        phases = []
        for index, phase in enumerate(_list(cadence["phases"], f"{where}.phases")):
            at = f"{where}.phases[{index}]"
            phase = _object(phase, at, ("rrule", "from", "until"), ("label",))
            phases.append(
                {
                    "label": _text(phase.get("label", ""), f"{at}.label"),
                    "rrule": _text(phase["rrule"], f"{at}.rrule"),
                    "from": _day(phase["from"], f"{at}.from"),
                    "until": _day(phase["until"], f"{at}.until"),
                }
            )
        body["cadence"] = {
            "description": _text(cadence.get("description", ""), f"{where}.description"),
            "phases": phases,
            "start_time": _clock(cadence["start_time"], f"{where}.start_time"),
            "duration_minutes": _whole(cadence["duration_minutes"], f"{where}.duration_minutes"),
            "location": _text(cadence["location"], f"{where}.location"),
        }
    return body


# --- import: writing ----------------------------------------------------------------

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
    spec = _read(data)
    written_since = timezone.now()
    with access_sync_deferred():
        network = _import(spec)
    # The file's own dates say since when the structure ran; its history says so too.
    own_dates = [item["active_from"] for item in spec["bodies"]] + [
        member["start"] for item in spec["bodies"] for member in item["members"]
    ]
    own_dates = [day for day in own_dates if day is not None]
    if own_dates:
        history_date_back(written_since=written_since, to=min(own_dates))
    return network


def _import(spec: dict) -> Network:
    slug = spec["network"]["slug"]
    if Network.objects.filter(slug=slug).exists():
        _fail("network.slug", _("het netwerk \"%(slug)s\" bestaat al") % {"slug": slug})
    network = _save(Network(**spec["network"]), "network")

    organizations = {
        item["name"]: _save(Organization(network=network, **item), f"organizations[{index}]")
        for index, item in enumerate(spec["organizations"])
    }
    roles = {
        item["name"]: _save(Role(network=network, **item), f"roles[{index}]")
        for index, item in enumerate(spec["roles"])
    }
    people = {
        item["name"]: _save(Person(network=network, **item), f"people[{index}]")
        for index, item in enumerate(spec["people"])
    }
    bodies = _create_bodies(network, spec["bodies"])

    for index, item in enumerate(spec["bodies"]):
        place = f"bodies[{index}]"
        body = bodies[item["name"]]
        for position, text in enumerate(item["tasks"]):
            _save(BodyTask(body=body, text=text, position=position), f"{place}.tasks[{position}]")
        _create_mandates(body, item["mandates"], place, bodies=bodies)
        seats = _create_seats(body, item["seats"], place, roles=roles, bodies=bodies)
        _create_members(body, item["members"], place, seats=seats, people=people, organizations=organizations)
        if item["cadence"] is not None:
            _create_cadence(body, item["cadence"], f"{place}.cadence")
    return network


def _unknown_body() -> str:
    return _("onbekend orgaan \"%(name)s\"")


def _create_mandates(body: Body, specs: list[dict], place: str, *, bodies: dict[str, Body]) -> None:
    for position, spec in enumerate(specs):
        where = f"{place}.mandates[{position}]"
        delegated_by = spec["delegated_by"]
        mandate = _save(
            Mandate(
                body=body,
                text=spec["text"],
                kind=spec["kind"],
                domains=spec["domains"],
                limit_eur=spec["limit_eur"],
                is_unlimited=spec["unlimited"],
                delegated_by=None
                if delegated_by is None
                else _lookup(bodies, delegated_by, f"{where}.delegated_by", _unknown_body()),
                valid_from=spec["valid_from"],
                valid_until=spec["valid_until"],
                position=position,
            ),
            where,
        )
        targets = [
            _lookup(bodies, name, f"{where}.targets[{number}]", _unknown_body())
            for number, name in enumerate(spec["targets"])
        ]
        if targets:
            mandate.targets.set(targets)


def _create_seats(body: Body, specs: list[dict], place: str, *, roles, bodies) -> dict[str, Seat]:
    """The body's seats, by role name (a body has one seat per role)."""
    seats = {}
    for position, spec in enumerate(specs):
        where = f"{place}.seats[{position}]"
        role = _lookup(roles, spec["role"], f"{where}.role", _("onbekende rol \"%(name)s\""))
        if role.name in seats:
            _fail(f"{where}.role", _("dit orgaan heeft al een zetel voor \"%(name)s\"") % {"name": role.name})
        via = spec["via"]
        seats[role.name] = _save(
            Seat(
                body=body,
                role=role,
                count=spec["count"],
                has_voting_right=spec["voting"],
                is_ad_hoc=spec["ad_hoc"],
                filled_by_body=None if via is None else _lookup(bodies, via, f"{where}.via", _unknown_body()),
                position=position,
            ),
            where,
        )
    return seats


def _create_cadence(body: Body, spec: dict, place: str) -> None:
    cadence = _save(
        Cadence(
            body=body,
            description=spec["description"],
            start_time=spec["start_time"],
            duration_minutes=spec["duration_minutes"],
            location=spec["location"],
        ),
        place,
    )
    for position, phase in enumerate(spec["phases"]):
        _save(
            CadencePhase(
                cadence=cadence,
                label=phase["label"],
                rrule=phase["rrule"],
                starts_on=phase["from"],
                ends_on=phase["until"],
                position=position,
            ),
            f"{place}.phases[{position}]",
        )


def _create_bodies(network: Network, specs: list[dict]) -> dict[str, Body]:
    """Create the bodies, each working group after the body that steers it."""
    names = {spec["name"] for spec in specs}
    for index, spec in enumerate(specs):
        if spec["parent"] is not None and spec["parent"] not in names:
            _fail(f"bodies[{index}].parent", _unknown_body() % {"name": spec["parent"]})

    bodies: dict[str, Body] = {}
    waiting = list(enumerate(specs))
    while waiting:
        ready = [(index, spec) for index, spec in waiting if spec["parent"] is None or spec["parent"] in bodies]
        if not ready:
            index, spec = waiting[0]
            _fail(
                f"bodies[{index}].parent",
                _("orgaan \"%(name)s\" stuurt zichzelf (onrechtstreeks) aan") % {"name": spec["name"]},
            )
        for index, spec in ready:
            parent = spec["parent"]
            bodies[spec["name"]] = _save(
                Body(
                    network=network,
                    name=spec["name"],
                    slug=spec["slug"],
                    kind=spec["kind"],
                    parent=bodies[parent] if parent is not None else None,
                    description=spec["description"],
                    quorum_percent=spec["quorum_percent"],
                    majority_rule=spec["majority_rule"],
                    holiday_rule=spec["holiday_rule"],
                    call_for_items_days=spec["call_for_items_days"],
                    agenda_days=spec["agenda_days"],
                    reminder_days=spec["reminder_days"],
                    position=index,
                    active_from=spec["active_from"],
                    active_until=spec["active_until"],
                ),
                f"bodies[{index}]",
            )
        waiting = [item for item in waiting if item[1]["name"] not in bodies]
    return bodies


def _create_members(body: Body, specs: list[dict], place: str, *, seats, people, organizations) -> None:
    """Create the memberships of a body; substitutes are linked once everyone exists."""
    created = []
    for index, spec in enumerate(specs):
        where = f"{place}.members[{index}]"
        seat = _lookup(
            seats, spec["role"], f"{where}.role", _("dit orgaan heeft geen zetel voor de rol \"%(name)s\"")
        )
        person = _lookup(people, spec["person"], f"{where}.person", _("onbekende persoon \"%(name)s\""))
        organization = spec["organization"]
        if organization is not None:
            organization = _lookup(
                organizations, organization, f"{where}.organization", _("onbekende organisatie \"%(name)s\"")
            )
        membership = Membership(
            body=body,
            seat=seat,
            person=person,
            organization=organization,
            has_voting_right=spec["voting"],
            office=spec["office"],
            start_date=spec["start"],
            end_date=spec["end"],
            is_ad_hoc=spec["ad_hoc"],
        )
        created.append(_save(membership, where))
    for index, (spec, membership) in enumerate(zip(specs, created)):
        if spec["substitute_for"] is None:
            continue
        where = f"{place}.members[{index}]"
        membership.substitute_for = _substituted(
            membership, spec["substitute_for"], created, f"{where}.substitute_for"
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
