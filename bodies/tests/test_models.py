"""Validation rules of the governance model: each would let bad data in without it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from bodies.models import Body, CadencePhase, Mandate, Membership, Role
from core.tests.translations import english
from bodies.tests.factories import (
    BodyFactory,
    CadenceFactory,
    MandateFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


def error_messages(excinfo, field):
    return excinfo.value.message_dict[field]


def test_a_membership_cannot_end_before_it_starts():
    membership = MembershipFactory.build(
        seat=SeatFactory(), start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 30)
    )
    membership.person = PersonFactory(network=membership.seat.body.network)
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert error_messages(excinfo, "end_date") == ["Een lidmaatschap kan niet eindigen vóór het begint."]


def test_the_database_refuses_a_membership_that_ends_before_it_starts():
    membership = MembershipFactory()
    membership.end_date = membership.start_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError):
        membership.save()


def test_a_membership_takes_its_body_from_its_seat():
    seat = SeatFactory()
    membership = Membership.objects.create(
        seat=seat, person=PersonFactory(network=seat.body.network), start_date=datetime.date(2024, 1, 1)
    )
    assert membership.body == seat.body


def test_a_membership_cannot_claim_a_seat_of_another_body():
    membership = MembershipFactory()
    membership.body = BodyFactory(network=membership.body.network)
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert "seat" in excinfo.value.message_dict


def test_a_member_cannot_vote_on_a_seat_without_voting_right():
    seat = SeatFactory(has_voting_right=False)
    membership = MembershipFactory.build(seat=seat, body=seat.body, has_voting_right=True)
    membership.person = PersonFactory(network=seat.body.network)
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert error_messages(excinfo, "has_voting_right") == ["Deze zetel heeft geen stemrecht."]


def test_a_person_of_another_network_cannot_take_a_seat():
    seat = SeatFactory()
    membership = MembershipFactory.build(seat=seat, body=seat.body, person=PersonFactory(network=NetworkFactory()))
    with pytest.raises(ValidationError) as excinfo:
        membership.full_clean()
    assert error_messages(excinfo, "person") == ["Deze persoon hoort bij een ander netwerk."]


def test_a_working_group_without_parent_is_refused():
    body = BodyFactory.build(network=NetworkFactory(), kind=Body.Kind.WORKING_GROUP, parent=None)
    with pytest.raises(ValidationError) as excinfo:
        body.full_clean()
    assert error_messages(excinfo, "parent") == [
        "Een themawerkgroep heeft een orgaan nodig dat haar aanstuurt."
    ]


def test_the_database_refuses_a_working_group_without_parent():
    with pytest.raises(IntegrityError):
        BodyFactory(kind=Body.Kind.WORKING_GROUP, parent=None)


def test_a_standing_body_cannot_have_a_parent():
    parent = BodyFactory()
    body = BodyFactory.build(network=parent.network, kind=Body.Kind.FORUM, parent=parent)
    with pytest.raises(ValidationError) as excinfo:
        body.full_clean()
    assert "parent" in excinfo.value.message_dict


def test_a_working_group_cannot_be_steered_from_another_network():
    parent = BodyFactory()
    body = BodyFactory.build(network=NetworkFactory(), kind=Body.Kind.WORKING_GROUP, parent=parent)
    with pytest.raises(ValidationError) as excinfo:
        body.full_clean()
    assert error_messages(excinfo, "parent") == ["Het aansturende orgaan hoort bij een ander netwerk."]


def test_a_negative_limit_is_refused():
    mandate = MandateFactory.build(body=BodyFactory(), limit_eur=-1)
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "limit_eur" in excinfo.value.message_dict


def test_the_database_refuses_a_negative_limit():
    with pytest.raises(IntegrityError):
        MandateFactory(limit_eur=-1)


def test_a_mandate_needs_known_domains():
    mandate = MandateFactory.build(body=BodyFactory(), domains=["finance", "weather"])
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert error_messages(excinfo, "domains") == ["Onbekend domein: weather."]


def test_a_mandate_needs_at_least_one_domain():
    mandate = MandateFactory.build(body=BodyFactory(), domains=[])
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "domains" in excinfo.value.message_dict


def test_a_mandate_cannot_be_valid_until_before_it_is_valid_from():
    mandate = MandateFactory.build(
        body=BodyFactory(), valid_from=datetime.date(2024, 6, 1), valid_until=datetime.date(2024, 5, 31)
    )
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert error_messages(excinfo, "valid_until") == ["De einddatum ligt vóór de begindatum."]


def test_a_body_cannot_delegate_a_mandate_to_itself():
    body = BodyFactory()
    mandate = MandateFactory.build(body=body, delegated_by=body)
    with pytest.raises(ValidationError) as excinfo:
        mandate.full_clean()
    assert "delegated_by" in excinfo.value.message_dict


def test_mandates_valid_on_a_day_include_the_first_and_last_day():
    mandate = MandateFactory(valid_from=datetime.date(2024, 1, 1), valid_until=datetime.date(2024, 12, 31))
    valid = Mandate.objects.valid_on
    assert mandate in valid(datetime.date(2024, 1, 1))
    assert mandate in valid(datetime.date(2024, 12, 31))
    assert mandate not in valid(datetime.date(2023, 12, 31))
    assert mandate not in valid(datetime.date(2025, 1, 1))


@pytest.mark.parametrize(
    "rule",
    ["", "FREQ=FORTNIGHTLY", "every two weeks", "FREQ=WEEKLY;INTERVAL=x", "RRULE:FREQ=WEEKLY", "DTSTART:20240101"],
)
def test_an_unreadable_recurrence_rule_is_refused(rule):
    phase = CadencePhase(cadence=CadenceFactory(), rrule=rule)
    with pytest.raises(ValidationError) as excinfo:
        phase.full_clean()
    assert "rrule" in excinfo.value.message_dict


def test_a_readable_recurrence_rule_is_accepted():
    phase = CadencePhase(cadence=CadenceFactory(), rrule="FREQ=MONTHLY;INTERVAL=2;BYDAY=+1TU")
    phase.full_clean()


def test_memberships_current_on_a_day_leave_out_one_that_ended_the_day_before():
    ended = MembershipFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 6, 30))
    ongoing = MembershipFactory(start_date=datetime.date(2024, 1, 1))
    current = Membership.objects.current_on(datetime.date(2024, 7, 1))
    assert list(current) == [ongoing]
    assert ended in Membership.objects.current_on(datetime.date(2024, 6, 30))


def test_memberships_overlapping_a_period_include_those_that_touch_either_end():
    day = datetime.date
    ends_on_first = MembershipFactory(start_date=day(2024, 1, 1), end_date=day(2024, 3, 1))
    starts_on_last = MembershipFactory(start_date=day(2024, 3, 31))
    MembershipFactory(start_date=day(2024, 1, 1), end_date=day(2024, 2, 29))  # ended before
    MembershipFactory(start_date=day(2024, 4, 1))  # starts after
    overlapping = Membership.objects.overlapping(day(2024, 3, 1), day(2024, 3, 31))
    assert set(overlapping) == {ends_on_first, starts_on_last}


def test_the_sites_member_role_is_read_in_the_readers_language():
    role = Role(name=Role.MEMBER)

    with english():
        assert role.display_name == "Member"
    assert role.display_name == "Lid"


def test_a_role_the_network_named_keeps_its_name_in_every_language():
    with english():
        assert Role(name="Kernpartner").display_name == "Kernpartner"
