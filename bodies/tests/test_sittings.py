"""Ex-officio members (issue 11, point 1): a seat filled by another body seats that body's members."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from bodies.access import access_sync_network
from bodies.models import Body
from bodies.permissions import RUN, VIEW_INTERNALS, VOTE, may
from bodies.sittings import members_on, sittings
from bodies.tests.factories import BodyFactory, MembershipFactory, SeatFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 6, 1)


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)


@pytest.fixture
def kernteam():
    return BodyFactory(name="Kernteam")


@pytest.fixture
def forum(kernteam):
    return BodyFactory(network=kernteam.network, name="Forum", kind=Body.Kind.FORUM)


def fill(body, by, *, votes=True):
    """A seat of `body` filled by the members of `by`."""
    return SeatFactory(body=body, filled_by_body=by, count=None, has_voting_right=votes)


def member(body, *, votes=True, **dates):
    seat = SeatFactory(body=body, count=None, has_voting_right=votes)
    return MembershipFactory(seat=seat, has_voting_right=votes, **dates)


def test_a_member_of_a_body_filling_a_seat_sits_in_the_other_body_while_their_membership_runs(kernteam, forum):
    fill(forum, kernteam)
    membership = member(kernteam, start_date=datetime.date(2026, 1, 1), end_date=datetime.date(2026, 6, 30))

    assert members_on(forum.pk, DAY) == {membership.person_id: True}
    assert members_on(forum.pk, datetime.date(2026, 7, 1)) == {}
    assert members_on(forum.pk, datetime.date(2025, 12, 31)) == {}


def test_the_seat_in_the_other_body_decides_whether_the_ex_officio_member_votes(kernteam, forum):
    advisory = BodyFactory(network=kernteam.network, name="Klankbord")
    fill(forum, kernteam, votes=True)
    fill(advisory, kernteam, votes=False)
    without_vote = member(kernteam, votes=False)
    with_vote = member(kernteam, votes=True)

    assert members_on(forum.pk, DAY) == {without_vote.person_id: True, with_vote.person_id: True}
    assert members_on(advisory.pk, DAY) == {without_vote.person_id: False, with_vote.person_id: False}


def test_a_person_sitting_both_ways_is_one_member_who_votes_if_either_seat_votes(kernteam, forum):
    fill(forum, kernteam, votes=False)
    own = member(kernteam)
    SeatFactory(body=forum, count=None, has_voting_right=True)
    MembershipFactory(seat=forum.seats.get(filled_by_body__isnull=True), person=own.person)

    assert members_on(forum.pk, DAY) == {own.person_id: True}
    assert {sitting.is_ex_officio for sitting in sittings(DAY, body_ids=[forum.pk])} == {True, False}


def test_ex_officio_goes_one_level_deep_the_members_of_a_filling_body_not_its_own_ex_officio_ones(kernteam, forum):
    """The Forum's support-group seat seats the support group's own members; the Kernteam has its own seat."""
    support_group = BodyFactory(network=kernteam.network, name="Ondersteuningsgroep")
    fill(support_group, kernteam)
    fill(forum, support_group)
    kernteam_member = member(kernteam)
    support_member = member(support_group)

    assert set(members_on(support_group.pk, DAY)) == {kernteam_member.person_id, support_member.person_id}
    assert set(members_on(forum.pk, DAY)) == {support_member.person_id}


def test_a_body_sees_nobody_of_another_body_that_fills_no_seat_of_it(kernteam, forum):
    member(kernteam)
    assert members_on(forum.pk, DAY) == {}


@pytest.mark.parametrize("size", [1, 10])
def test_sittings_cost_two_queries_for_1_or_10_bodies_seats_and_members(kernteam, size, django_assert_num_queries):
    bodies = [BodyFactory(network=kernteam.network) for _ in range(size)]
    for body in bodies:
        fill(body, kernteam)
        member(body)
    for _ in range(size):
        member(kernteam)

    # Seats filled by another body; the memberships that seat someone.
    with django_assert_num_queries(2):
        rows = sittings(DAY, network=kernteam.network)
    assert len(rows) == size + size + size * size


# --- rights (bodies/access.py) -----------------------------------------------------------------


def test_an_ex_officio_member_gets_the_member_rights_and_votes_only_where_the_seat_votes(kernteam, forum):
    advisory = BodyFactory(network=kernteam.network, name="Klankbord")
    fill(forum, kernteam, votes=True)
    fill(advisory, kernteam, votes=False)
    user = member(kernteam, votes=False).person.user

    assert may(fresh(user), VIEW_INTERNALS, forum)
    assert may(fresh(user), VOTE, forum)
    assert may(fresh(user), VIEW_INTERNALS, advisory)
    assert not may(fresh(user), VOTE, advisory)


def test_filling_a_seat_by_another_body_afterwards_gives_its_members_the_rights_on_save(kernteam, forum):
    user = member(kernteam).person.user
    seat = SeatFactory(body=forum, count=None)
    assert not may(fresh(user), VIEW_INTERNALS, forum)

    seat.filled_by_body = kernteam
    seat.save()

    assert may(fresh(user), VIEW_INTERNALS, forum)


def test_an_office_in_the_filling_body_gives_no_right_to_run_the_other_body(kernteam, forum):
    fill(forum, kernteam)
    chair = member(kernteam)
    chair.office = "chair"
    chair.save()
    access_sync_network(network=kernteam.network, today=datetime.date.today())

    assert may(fresh(chair.person.user), RUN, kernteam)
    assert not may(fresh(chair.person.user), RUN, forum)

