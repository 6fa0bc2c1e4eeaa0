"""Keeps login groups and object permissions in step with the governance data.

Who may do what follows from data an admin edits: memberships with their dates,
voting right and office, and roles flagged as coordinating the network. This module
turns that data into django-guardian grants on per-network and per-body groups:

- every person of a network with a login: may view the network;
- a body's current members, ex officio too (bodies.sittings): may see its internals
  and propose decisions;
- its current voting members (for ex-officio ones: where their seat votes): may vote;
- its chair and secretary, and the network's coordinators: may run the body.

It runs on every save of that data (bodies.signals) and daily for dates that pass
(bodies.tasks.sync_access). Each run costs the same few queries, however large the
network: it compares wanted and existing rows and writes only the difference. A
bulk write (the seed load, an import) defers it to one run at its end.

Why keep the groups rather than derive every right from the memberships on each
request: a request then asks guardian one or two indexed queries (prefetched for a
list), the same as for a grant an admin makes by hand, and the rules live here once.
Measured on the seed network with its demo people (2026-12-04): the load wrote 2,147
queries when every saved row synchronised the network, 1,251 with one sync at the end.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from .models import (
    AccessGroup,
    Body,
    BodyGroupObjectPermission,
    Network,
    NetworkGroupObjectPermission,
    Person,
)
from .sittings import sittings

Kind = AccessGroup.Kind

RUN_BODY = ("view_body_internals", "propose_decision", "run_body")

NETWORK_GRANTS = {
    Kind.NETWORK_MEMBERS: ("view_network",),
    Kind.COORDINATORS: ("view_network", "coordinate_network"),
}
BODY_GRANTS = {
    Kind.BODY_MEMBERS: ("view_body_internals", "propose_decision"),
    Kind.VOTING_MEMBERS: ("vote_in_body",),
    Kind.OFFICERS: RUN_BODY,
}
# The coordinators run every body of their network (PRODUCT.md, "Who uses it").
COORDINATOR_BODY_GRANTS = RUN_BODY


def _permissions(model, codenames) -> dict[str, Permission]:
    return {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            codename__in=codenames,
        )
    }


@transaction.atomic
def access_ensure_groups(*, network: Network) -> dict[tuple[int | None, str], int]:
    """Create the network's and each body's groups with their grants, where missing.

    Returns the group ids by (body id or None, kind).
    """
    bodies = list(Body.objects.filter(network=network).order_by("pk"))
    existing = {(access.body_id, access.kind): access.group_id for access in network.access_groups.all()}
    wanted = [(None, kind) for kind in AccessGroup.NETWORK_KINDS]
    wanted += [(body.pk, kind) for body in bodies for kind in BODY_GRANTS]
    for body_id, kind in wanted:
        if (body_id, kind) not in existing:
            name = f"network-{network.pk}-{kind}" if body_id is None else f"body-{body_id}-{kind}"
            group, _ = Group.objects.get_or_create(name=name)
            AccessGroup.objects.create(group=group, network=network, body_id=body_id, kind=kind)
            existing[(body_id, kind)] = group.pk

    network_permissions = _permissions(Network, {code for codes in NETWORK_GRANTS.values() for code in codes})
    wanted_rows = {
        (existing[(None, kind)], network_permissions[code].pk, network.pk)
        for kind, codes in NETWORK_GRANTS.items()
        for code in codes
    }
    _write_difference(NetworkGroupObjectPermission, wanted_rows, content_object__pk=network.pk)

    body_permissions = _permissions(Body, {code for codes in BODY_GRANTS.values() for code in codes})
    coordinators = existing[(None, Kind.COORDINATORS)]
    wanted_rows = set()
    for body in bodies:
        for kind, codes in BODY_GRANTS.items():
            wanted_rows |= {(existing[(body.pk, kind)], body_permissions[code].pk, body.pk) for code in codes}
        wanted_rows |= {(coordinators, body_permissions[code].pk, body.pk) for code in COORDINATOR_BODY_GRANTS}
    _write_difference(BodyGroupObjectPermission, wanted_rows, content_object__network=network)
    return existing


def _write_difference(model, wanted_rows: set[tuple[int, int, int]], **scope) -> None:
    """Make the managed grants in scope equal `wanted_rows` of (group, permission, object).

    Grants to groups the application does not manage (an admin's own) are left alone.
    """
    existing = {
        (row.group_id, row.permission_id, row.content_object_id): row.pk
        for row in model.objects.filter(group__access__isnull=False, **scope)
    }
    model.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted_rows]).delete()
    model.objects.bulk_create(
        [
            model(group_id=group, permission_id=permission, content_object_id=obj)
            for group, permission, obj in wanted_rows - set(existing)
        ]
    )


@transaction.atomic
def access_sync_network(*, network: Network, today: datetime.date) -> None:
    """Put exactly the people who hold each right on `today` in the network's groups."""
    groups = access_ensure_groups(network=network)
    wanted = {
        (user_id, groups[(None, Kind.NETWORK_MEMBERS)])
        for user_id in Person.objects.filter(network=network, user__isnull=False).values_list("user_id", flat=True)
    }
    # Ex-officio sitters get the member (and, where the seat votes, voting) rights; an
    # office and the coordinator role stay with the person's own membership.
    for sitting in sittings(today, network=network, people=Q(person__user__isnull=False), related=("person",)):
        membership = sitting.membership
        user_id = membership.person.user_id
        wanted.add((user_id, groups[(sitting.body_id, Kind.BODY_MEMBERS)]))
        if sitting.has_voting_right:
            wanted.add((user_id, groups[(sitting.body_id, Kind.VOTING_MEMBERS)]))
        if sitting.is_ex_officio:
            continue
        if membership.office:
            wanted.add((user_id, groups[(sitting.body_id, Kind.OFFICERS)]))
        if sitting.seat.role.is_coordinator:
            wanted.add((user_id, groups[(None, Kind.COORDINATORS)]))

    through = get_user_model().groups.through
    existing = {
        (row.user_id, row.group_id): row.pk
        for row in through.objects.filter(group_id__in=set(groups.values()))
    }
    through.objects.filter(pk__in=[pk for key, pk in existing.items() if key not in wanted]).delete()
    through.objects.bulk_create(
        [through(user_id=user_id, group_id=group_id) for user_id, group_id in wanted - set(existing)]
    )


def access_sync_all(*, today: datetime.date) -> int:
    """Synchronise every network; the daily task for start and end dates that pass."""
    networks = list(Network.objects.order_by("pk"))
    for network in networks:
        access_sync_network(network=network, today=today)
    return len(networks)
