"""Who sits in which body on a date: the one place that answers it.

A person sits in a body through their own membership of it, or ex officio: a seat
of the body filled by another body (`Seat.filled_by_body`, e.g. the Kernteam's seat
in the Forum) seats that body's members on the dates their membership runs. The
seat's own voting right decides whether the ex-officio sitter votes.

One level only: a seat filled by the support group seats the support group's own
members, not those who sit there ex officio in turn. The seeds list the Kernteam
separately wherever it sits, so a chain would add nobody, and one level cannot loop.

Invitations, attendance, quorum, votes, rights, feeds and Mijn overzicht all read
from here: `sittings()` for lists, `seating()` inside a query (Exists on a meeting).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from .models import Membership, Seat


@dataclass(frozen=True)
class Sitting:
    """A person sitting in `body_id` through `membership` on `seat` (the seat of `body_id`)."""

    membership: Membership
    body_id: int
    seat: Seat
    has_voting_right: bool

    @property
    def person_id(self) -> int:
        return self.membership.person_id

    @property
    def is_ex_officio(self) -> bool:
        return self.membership.body_id != self.body_id


def seating(body) -> Q:
    """A filter on Membership: the memberships that seat their person in `body` (an id, a Body or an OuterRef)."""
    return Q(body=body) | Q(body__seats_held_elsewhere__body=body)


def sittings(
    first: datetime.date,
    last: datetime.date | None = None,
    *,
    body_ids: Iterable[int] | None = None,
    network=None,
    people: Q | None = None,
    related: Iterable[str] = (),
) -> list[Sitting]:
    """The sittings running on at least one day of first..last, in the given bodies (or the network's).

    `people` narrows on the membership (e.g. `Q(person=p)`); `related` are extra
    select_related paths of the membership. Two queries, whatever the number of bodies
    or people; a person sitting twice in a body gives two sittings (see `voters()`).
    """
    last = last or first
    if body_ids is not None:
        body_ids = set(body_ids)
        seat_scope = Q(body_id__in=body_ids)
    elif network is not None:
        seat_scope = Q(body__network=network)
    else:
        raise ValueError("sittings() needs body_ids or a network")
    filling: dict[int, list[Seat]] = defaultdict(list)
    for seat in Seat.objects.filter(seat_scope, filled_by_body__isnull=False).select_related("role", "body").order_by():
        filling[seat.filled_by_body_id].append(seat)
    own = Q(body_id__in=body_ids) if body_ids is not None else Q(body__network=network)
    memberships = Membership.objects.overlapping(first, last).filter(own | Q(body_id__in=list(filling)))
    if people is not None:
        memberships = memberships.filter(people)
    result = []
    for membership in memberships.select_related("seat__role", *related).order_by(
        "seat__position", "person__name", "pk"
    ):
        if body_ids is None or membership.body_id in body_ids:
            result.append(Sitting(membership, membership.body_id, membership.seat, membership.has_voting_right))
        for seat in filling.get(membership.body_id, ()):
            result.append(Sitting(membership, seat.body_id, seat, seat.has_voting_right))
    return result


def voters(rows: Iterable[Sitting]) -> dict[int, bool]:
    """{person_id: may vote} for the sittings given; sitting twice, a vote on either counts."""
    members: dict[int, bool] = {}
    for sitting in rows:
        members[sitting.person_id] = members.get(sitting.person_id, False) or sitting.has_voting_right
    return members


def members_on(body_id: int, day: datetime.date) -> dict[int, bool]:
    """{person_id: may vote} of the people sitting in the body on the day (two queries)."""
    return voters(sittings(day, body_ids=[body_id]))
