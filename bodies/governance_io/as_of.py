"""The rows an export is written from, and their rebuild as they stood on a past day.

Apart from the export because it reads django-simple-history, not the live tables:
the last historical row of each object before the end of the day (Europe/Brussels).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import models
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


class GovernanceExportError(Exception):
    """The structure cannot be exported as asked (the network did not exist yet, …)."""


@dataclass
class Structure:
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


def historical_structure(network: Network, day: datetime.date) -> Structure:
    """The structure of `network` at the end of `day`, from the history every governance model keeps."""
    moment = _end_of_day(day)
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

    return Structure(
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


def _end_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_default_timezone()
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
