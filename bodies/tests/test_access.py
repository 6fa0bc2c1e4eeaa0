"""The access layer as specification: memberships decide who may do what, and nothing else does.

`bodies.access` keeps per-network and per-body groups with guardian object grants in
step with the memberships; `bodies.permissions` answers the questions. Each check
here loads the user afresh, as Django does on every request.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bodies import permissions, seed, signals
from bodies.access import access_sync_network
from bodies.models import AccessGroup, Body, BodyGroupObjectPermission, Membership, Network, Person
from bodies.permissions import COORDINATE, PROPOSE_DECISION, RUN, VIEW_INTERNALS, VIEW_NETWORK, VOTE, may
from bodies.services import network_load_seed
from bodies.tests.factories import BodyFactory, MembershipFactory, NetworkFactory, RoleFactory, SeatFactory

pytestmark = pytest.mark.django_db

Kind = AccessGroup.Kind
User = get_user_model()


def fresh(user):
    """The user as the next request loads it: no permission cached."""
    return User.objects.get(pk=user.pk)


def body(network: Network, name: str) -> Body:
    return network.bodies.get(name=name)


def group_kinds(user, body: Body) -> set[str]:
    return set(AccessGroup.objects.filter(group__user=user, body=body).values_list("kind", flat=True))


@pytest.fixture
def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


# --- groups follow the memberships on save ---------------------------------------------------


def test_a_member_with_vote_is_in_the_bodys_members_and_voting_members_groups():
    membership = MembershipFactory()
    assert group_kinds(membership.person.user, membership.body) == {Kind.BODY_MEMBERS, Kind.VOTING_MEMBERS}


def test_a_member_without_vote_is_in_the_members_group_only():
    membership = MembershipFactory(seat__has_voting_right=False)
    assert group_kinds(membership.person.user, membership.body) == {Kind.BODY_MEMBERS}


def test_a_secretary_is_also_in_the_bodys_officers_group():
    membership = MembershipFactory(office="secretary")
    assert Kind.OFFICERS in group_kinds(membership.person.user, membership.body)


def test_a_seat_whose_role_coordinates_puts_the_person_among_the_networks_coordinators():
    role = RoleFactory(is_coordinator=True)
    membership = MembershipFactory(seat__role=role, seat__body__network=role.network)
    coordinators = AccessGroup.objects.get(network=role.network, body=None, kind=Kind.COORDINATORS)
    assert list(coordinators.group.user_set.all()) == [membership.person.user]


def test_flagging_a_role_as_coordinating_afterwards_takes_effect_on_save():
    membership = MembershipFactory()
    user = membership.person.user
    assert not may(fresh(user), COORDINATE, membership.body.network)
    role = membership.seat.role
    role.is_coordinator = True
    role.save()
    assert may(fresh(user), COORDINATE, membership.body.network)


def test_losing_the_voting_right_leaves_the_voting_members_group_on_save():
    membership = MembershipFactory()
    membership.has_voting_right = False
    membership.save()
    assert group_kinds(membership.person.user, membership.body) == {Kind.BODY_MEMBERS}


def test_a_deleted_membership_leaves_the_bodys_groups():
    membership = MembershipFactory()
    user, body = membership.person.user, membership.body
    membership.delete()
    assert group_kinds(user, body) == set()


def test_a_person_without_login_needs_no_group():
    membership = MembershipFactory(person__user=None)
    assert not AccessGroup.objects.filter(body=membership.body, group__user__isnull=False).exists()


# --- dates ---------------------------------------------------------------------------------


def test_a_membership_that_ended_yesterday_gives_no_right(yesterday):
    membership = MembershipFactory(start_date=datetime.date(2023, 2, 1), end_date=yesterday)
    user = fresh(membership.person.user)
    assert not may(user, VIEW_INTERNALS, membership.body)
    assert not may(user, VOTE, membership.body)
    assert group_kinds(user, membership.body) == set()


def test_a_membership_ending_today_still_gives_its_rights():
    membership = MembershipFactory(end_date=timezone.localdate())
    assert may(fresh(membership.person.user), VOTE, membership.body)


def test_a_membership_that_starts_tomorrow_gives_no_right_yet():
    membership = MembershipFactory(start_date=timezone.localdate() + datetime.timedelta(days=1))
    assert not may(fresh(membership.person.user), VIEW_INTERNALS, membership.body)


def test_a_person_whose_memberships_all_ended_still_sees_the_network(yesterday):
    """Body sheets and registers are for every person of the network (issue 3, point 2)."""
    membership = MembershipFactory(end_date=yesterday)
    assert may(fresh(membership.person.user), VIEW_NETWORK, membership.body.network)


# --- the seed network's cast ------------------------------------------------------------------

# (persona, codename, body name or None for the network, expected). The coordinator's
# seat in the Beleidsgroep has no vote (seed 000: "coördinator zonder stemrecht"). Kernteam
# members sit in the Forum ex officio, and the Forum's Kernteam seat votes (issue 11, point 1).
K, B, O, F = seed.KERNTEAM, seed.BELEIDSGROEP, seed.ONDERSTEUNINGSGROEP, seed.FORUM
RIGHTS = [
    ("coordinator", COORDINATE, None, True),
    ("coordinator", VIEW_NETWORK, None, True),
    ("coordinator", RUN, K, True),
    ("coordinator", RUN, B, True),
    ("coordinator", RUN, O, True),
    ("coordinator", RUN, F, True),
    ("coordinator", VIEW_INTERNALS, F, True),
    ("coordinator", VOTE, K, True),
    ("coordinator", VOTE, B, False),
    ("coordinator", VOTE, F, True),
    ("voting_member", VOTE, K, True),
    ("voting_member", VOTE, B, True),
    ("voting_member", PROPOSE_DECISION, B, True),
    ("voting_member", RUN, B, False),
    ("voting_member", COORDINATE, None, False),
    ("voting_member", VIEW_INTERNALS, F, True),
    ("member_without_vote", VIEW_INTERNALS, B, True),
    ("member_without_vote", PROPOSE_DECISION, B, True),
    ("member_without_vote", VOTE, B, False),
    ("member_without_vote", VIEW_INTERNALS, K, False),
    ("chair", RUN, B, True),
    ("chair", VOTE, B, True),
    ("chair", RUN, K, False),
    ("chair", COORDINATE, None, False),
    ("forum_member", VIEW_NETWORK, None, True),
    ("forum_member", VIEW_INTERNALS, F, True),
    ("forum_member", VIEW_INTERNALS, K, False),
    ("other_network_member", VIEW_NETWORK, None, False),
    ("other_network_member", VIEW_INTERNALS, K, False),
    ("outsider", VIEW_NETWORK, None, False),
]


@pytest.mark.parametrize(
    "persona, codename, body_name, expected",
    RIGHTS,
    ids=[f"{p}-{c}-{b or 'network'}" for p, c, b, _ in RIGHTS],
)
def test_each_persona_holds_exactly_the_rights_of_their_seats(
    request, network, persona, codename, body_name, expected
):
    user = fresh(request.getfixturevalue(persona))
    obj = network if body_name is None else body(network, body_name)
    assert may(user, codename, obj) is expected


def test_anonymous_visitors_hold_no_right(network):
    assert not may(AnonymousUser(), VIEW_NETWORK, network)


def test_an_inactive_login_holds_no_right(network, voting_member):
    voting_member.is_active = False
    voting_member.save()
    assert not may(fresh(voting_member), VIEW_NETWORK, network)


def test_a_coordinator_runs_a_working_group_started_later(network, coordinator):
    working_group = BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body(network, B))
    assert may(fresh(coordinator), RUN, working_group)


def test_the_coordinator_of_one_network_runs_nothing_in_another(network, coordinator, other_network):
    elsewhere = BodyFactory(network=other_network)
    assert not may(fresh(coordinator), RUN, elsewhere)
    assert not may(fresh(coordinator), VIEW_NETWORK, other_network)


# --- a revoked right is gone on the next request -------------------------------------------


def test_an_ended_membership_takes_its_rights_with_it_on_the_next_request(network, voting_member, yesterday):
    beleidsgroep = body(network, B)
    assert may(fresh(voting_member), VOTE, beleidsgroep)
    membership = Membership.objects.get(person__user=voting_member, body=beleidsgroep)
    membership.end_date = yesterday
    membership.save()
    assert not may(fresh(voting_member), VOTE, beleidsgroep)
    assert not may(fresh(voting_member), VIEW_INTERNALS, beleidsgroep)
    assert may(fresh(voting_member), VOTE, body(network, K))


def test_a_chair_whose_office_ends_is_refused_the_next_page_that_needs_it(network, chair, login):
    client = login(chair)
    url = reverse("meetings:create", kwargs={"network": network.slug, "body": "beleidsgroep"})
    assert client.get(url).status_code == 200
    membership = Membership.objects.get(person__user=chair)
    membership.office = ""
    membership.save()
    assert client.get(url).status_code == 403


def test_a_person_unlinked_from_the_login_no_longer_reaches_the_network(network, voting_member, login):
    client = login(voting_member)
    url = reverse("pages:network", kwargs={"network": network.slug})
    assert client.get(url).status_code == 200
    person = Person.objects.get(user=voting_member)
    person.user = None
    person.save()
    assert client.get(url).status_code == 404


# --- only object grants count ------------------------------------------------------------------

MODEL_WIDE = [VIEW_NETWORK, COORDINATE, VIEW_INTERNALS, PROPOSE_DECISION, VOTE, RUN]


@pytest.fixture
def model_wide_permissions():
    return Permission.objects.filter(content_type__app_label="bodies", codename__in=MODEL_WIDE)


def test_a_model_wide_permission_of_the_user_never_stands_in_for_an_object_grant(
    network, outsider, model_wide_permissions
):
    outsider.user_permissions.set(model_wide_permissions)
    user = fresh(outsider)
    assert user.has_perm("bodies.run_body")  # Django itself grants it model-wide …
    assert not may(user, RUN, body(network, K))  # … the governance does not.
    assert not may(user, VIEW_NETWORK, network)
    assert not may(user, COORDINATE, network)


def test_a_model_wide_permission_of_a_group_never_stands_in_for_an_object_grant(
    network, forum_member, model_wide_permissions
):
    group = Group.objects.create(name="Alle rechten")
    group.permissions.set(model_wide_permissions)
    forum_member.groups.add(group)
    assert not may(fresh(forum_member), VOTE, body(network, K))


def test_a_model_wide_permission_does_not_open_a_network_page(network, outsider, model_wide_permissions, login):
    outsider.user_permissions.set(model_wide_permissions)
    response = login(outsider).get(reverse("pages:network", kwargs={"network": network.slug}))
    assert response.status_code == 404


# --- what the synchronisation leaves alone, and what it undoes -------------------------------


def test_a_group_an_admin_made_by_hand_keeps_its_object_grants_and_members(network, outsider, voting_member):
    kernteam = body(network, K)
    experts = Group.objects.create(name="Externe experten Kernteam")
    assign_perm(VIEW_INTERNALS, experts, kernteam)
    outsider.groups.add(experts)

    access_sync_network(network=network, today=timezone.localdate())
    Membership.objects.filter(person__user=voting_member).first().save()  # a sync through the signal

    assert BodyGroupObjectPermission.objects.filter(group=experts, content_object=kernteam).count() == 1
    assert list(experts.user_set.all()) == [outsider]
    assert may(fresh(outsider), VIEW_INTERNALS, kernteam)


def test_a_login_put_by_hand_into_a_managed_group_is_taken_out_by_the_next_sync(network, outsider):
    voting = AccessGroup.objects.get(body=body(network, B), kind=Kind.VOTING_MEMBERS)
    outsider.groups.add(voting.group)
    access_sync_network(network=network, today=timezone.localdate())
    assert not may(fresh(outsider), VOTE, body(network, B))


def test_a_grant_taken_by_hand_from_a_managed_group_is_restored_by_the_next_sync(network, voting_member):
    beleidsgroep = body(network, B)
    BodyGroupObjectPermission.objects.filter(
        content_object=beleidsgroep, group__access__kind=Kind.VOTING_MEMBERS
    ).delete()
    assert not may(fresh(voting_member), VOTE, beleidsgroep)
    access_sync_network(network=network, today=timezone.localdate())
    assert may(fresh(voting_member), VOTE, beleidsgroep)


def test_a_deleted_body_takes_its_groups_and_grants_with_it():
    membership = MembershipFactory()
    body, body_id = membership.body, membership.body_id
    group_ids = list(AccessGroup.objects.filter(body=body).values_list("group_id", flat=True))
    assert len(group_ids) == 3
    membership.delete()
    body.delete()
    assert not AccessGroup.objects.filter(body_id=body_id).exists()
    assert not Group.objects.filter(pk__in=group_ids).exists()
    assert not BodyGroupObjectPermission.objects.filter(content_object_id=body_id).exists()


# --- cost ------------------------------------------------------------------------------------


def network_with_members(size: int, *, start: datetime.date, end: datetime.date | None = None) -> Network:
    """A network with `size` bodies, one member with a login each, from `start` to `end`."""
    network = NetworkFactory()
    role = RoleFactory(network=network)
    for _ in range(size):
        body = BodyFactory(network=network)
        MembershipFactory(seat=SeatFactory(body=body, role=role), start_date=start, end_date=end)
    return network


def voting_members(network: Network) -> int:
    return User.objects.filter(groups__access__network=network, groups__access__kind=Kind.VOTING_MEMBERS).count()


@pytest.mark.parametrize("size", [1, 20])
def test_a_sync_costs_the_same_queries_for_1_and_20_memberships(size, django_assert_max_num_queries):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    network = network_with_members(size, start=tomorrow)
    # Tomorrow every membership starts: 2 × size rows to add in one go. Queries:
    # savepoint ×2, bodies, access groups, network permissions, network grants,
    # body permissions, body grants, people with a login, seats filled by another
    # body, current memberships, existing group members, insert group members,
    # release savepoint ×2.
    with django_assert_max_num_queries(15):
        access_sync_network(network=network, today=tomorrow)
    assert voting_members(network) == size


@pytest.mark.parametrize("size", [1, 20])
def test_a_sync_that_takes_rights_away_costs_the_same_for_1_and_20_memberships(
    size, django_assert_max_num_queries
):
    today = timezone.localdate()
    network = network_with_members(size, start=datetime.date(2023, 2, 1), end=today)
    assert voting_members(network) == size
    # As above, with one delete of 2 × size group members instead of the insert.
    with django_assert_max_num_queries(15):
        access_sync_network(network=network, today=today + datetime.timedelta(days=1))
    assert voting_members(network) == 0


@pytest.mark.parametrize("size", [3, 15])
def test_checking_rights_on_a_list_of_bodies_costs_two_queries_after_prefetch(size, django_assert_max_num_queries):
    network = network_with_members(0, start=datetime.date(2023, 2, 1))
    person = MembershipFactory(seat__body__network=network).person
    for _ in range(size - 1):
        MembershipFactory(seat=SeatFactory(body=BodyFactory(network=network)), person=person)
    user = fresh(person.user)
    bodies = list(network.bodies.all())
    assert len(bodies) == size
    # The user's own object grants on these bodies, then their groups' grants.
    with django_assert_max_num_queries(2):
        permissions.prefetch(user, bodies)
        rights = [(may(user, VIEW_INTERNALS, body), may(user, VOTE, body), may(user, RUN, body)) for body in bodies]
    assert rights == [(True, True, False)] * size


def test_who_may_run_a_body_are_its_officers_the_coordinators_and_who_was_granted_it(
    network, coordinator, chair, voting_member, member_without_vote
):
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    expert = Person.objects.get(user=member_without_vote)
    assign_perm(RUN, member_without_vote, beleidsgroep)

    runners = permissions.people_who_may(RUN, beleidsgroep)

    assert set(runners.values_list("name", flat=True)) == {"Sara Peeters", "An Maes", expert.name}


def test_who_may_run_a_body_leaves_out_an_inactive_login(network, coordinator, chair):
    chair.is_active = False
    chair.save()

    runners = permissions.people_who_may(RUN, Body.objects.get(network=network, name=seed.BELEIDSGROEP))

    assert list(runners.values_list("name", flat=True)) == ["Sara Peeters"]


def test_a_seed_load_brings_the_access_groups_in_step_once(db, monkeypatch):
    runs = []
    real = signals.access_sync_network
    monkeypatch.setattr(signals, "access_sync_network", lambda **kwargs: runs.append(kwargs) or real(**kwargs))

    report = network_load_seed(demo_people=True)

    assert len(runs) == 1
    coordinator = User.objects.get(username="coordinator")
    assert may(coordinator, COORDINATE, report.network)
