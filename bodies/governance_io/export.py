"""The export: a network's rows as the JSON-ready dict of a `governance-export/1` file.

Names stand for ids and every list has a fixed order, so the same structure always
gives the same text. The rows come live from the database, or from as_of.py for a
past day.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils import timezone

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
from .as_of import Structure, historical_structure
from .schema import FORMAT


def export_network(network: Network, *, as_of: datetime.date | None = None) -> dict:
    """The structure of `network` now, or at the end of the day `as_of`, as a JSON-ready dict."""
    if as_of is None:
        structure = _live_structure(network)
        day = timezone.localdate()
    else:
        structure = historical_structure(network, as_of)
        day = as_of
    return _serialise(structure, day)


def _live_structure(network: Network) -> Structure:
    bodies = list(Body.objects.filter(network=network))
    body_ids = [body.id for body in bodies]
    mandates = list(Mandate.objects.filter(body_id__in=body_ids))
    cadences = list(Cadence.objects.filter(body_id__in=body_ids))
    targets = defaultdict(set)
    for mandate_id, body_id in Mandate.targets.through.objects.filter(
        mandate_id__in=[mandate.id for mandate in mandates]
    ).values_list("mandate_id", "body_id"):
        targets[mandate_id].add(body_id)
    return Structure(
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


def _serialise(structure: Structure, day: datetime.date) -> dict:
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



def _reminder_days(value: str) -> list[int]:
    """"7,1" as [7, 1], largest first (a historical row has no Body.reminder_day_list)."""
    return sorted({int(day) for day in (value or "").split(",") if day.strip()}, reverse=True)

