"""Recording attendance: POST only, for those who run the body, members of the body only."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from bodies import seed
from bodies.models import Membership
from bodies.tests.factories import MembershipFactory, OrganizationFactory, PersonFactory, SeatFactory, UserFactory
from meetings.tests.factories import MeetingFactory
from meetings.models import Attendance

from .helpers import body, csrf_client, meeting_of, messages_of, person

pytestmark = pytest.mark.django_db


def url(meeting, network=None):
    network = network or meeting.body.network
    return reverse("meetings:attendance", kwargs={"network": network.slug, "pk": meeting.pk})


def field(user) -> str:
    return f"person_{person(user).pk}"


@pytest.fixture
def meeting(network):
    return meeting_of(network)


def test_it_refuses_get(login, meeting, coordinator):
    assert login(coordinator).get(url(meeting)).status_code == 405


def test_it_answers_404_for_a_member_of_another_network(login, meeting, coordinator, other_network_member):
    response = login(other_network_member).post(url(meeting), {field(coordinator): "present"})

    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_it_answers_404_for_another_networks_meeting(login, network, other_network, coordinator):
    elsewhere = MeetingFactory(body__network=other_network)

    assert login(coordinator).post(url(elsewhere, network), {}).status_code == 404


def test_it_refuses_a_voting_member_who_does_not_run_the_body(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), {field(voting_member): "present"})

    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_the_coordinator_records_attendance_and_returns_to_the_meeting(
    login, meeting, coordinator, voting_member
):
    response = login(coordinator).post(
        url(meeting), {field(coordinator): "present", field(voting_member): "excused"}, follow=True
    )

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["De aanwezigheden zijn bewaard."]
    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        "Sara Peeters": "present",
        "Tom Janssens": "excused",
    }


def test_a_blank_choice_leaves_a_member_as_recorded_before(login, meeting, coordinator, voting_member):
    login(coordinator).post(url(meeting), {field(voting_member): "absent"})

    login(coordinator).post(url(meeting), {field(coordinator): "present", field(voting_member): ""})

    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        "Sara Peeters": "present",
        "Tom Janssens": "absent",
    }


def test_it_ignores_a_person_who_is_not_a_member_of_the_body(login, meeting, coordinator, forum_member):
    login(coordinator).post(url(meeting), {field(coordinator): "present", field(forum_member): "present"})

    assert list(Attendance.objects.values_list("person__name", flat=True)) == ["Sara Peeters"]


def test_it_ignores_a_person_of_another_network(login, meeting, coordinator, other_network_member):
    login(coordinator).post(url(meeting), {field(other_network_member): "present"})

    assert not Attendance.objects.exists()


def test_it_ignores_extra_fields_such_as_a_voting_right(login, meeting, coordinator, member_without_vote):
    login(coordinator).post(
        url(meeting), {field(coordinator): "present", "has_voting_right": "on", "person": "1", "meeting": "999"}
    )

    assert Attendance.objects.get().meeting == meeting
    assert not Membership.objects.filter(person=person(member_without_vote), has_voting_right=True).exists()


def test_it_refuses_an_unknown_status_with_the_error_next_to_the_member(login, meeting, coordinator):
    response = login(coordinator).post(url(meeting), {field(coordinator): "maybe"})

    assert response.status_code == 400
    assertContains(response, f'id="id_{field(coordinator)}_error"', status_code=400)
    assertContains(response, "Selecteer een geldige keuze.", status_code=400)
    assert not Attendance.objects.exists()


def test_it_refuses_a_cancelled_meeting_with_a_message(login, network, coordinator):
    meeting = meeting_of(network, status="cancelled")

    response = login(coordinator).post(url(meeting), {field(coordinator): "present"}, follow=True)

    assert messages_of(response) == [
        "Deze vergadering is geannuleerd: er worden geen aanwezigheden genoteerd."
    ]
    assert not Attendance.objects.exists()


def test_it_refuses_a_post_without_csrf_token(meeting, coordinator):
    response = csrf_client(coordinator).post(url(meeting), {field(coordinator): "present"})

    assert response.status_code == 403
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_members(
    login, network, meeting, coordinator, size, django_assert_max_num_queries
):
    seat = SeatFactory(body=meeting.body, count=None)
    members = [
        MembershipFactory(seat=seat, person=PersonFactory(network=network, user=UserFactory())) for _ in range(size)
    ]
    client = login(coordinator)
    client.post(url(meeting), {})  # content types cached, as in a running server
    data = {f"person_{membership.person_id}": "present" for membership in members}

    # session, user, network, the user's and groups' grants on it, meeting with
    # body, the user's and groups' grants on the body, members, attendance, the
    # network's people and the organisations they sit for (substitutes); the service: savepoint, meeting locked,
    # members, attendance, the inserts, their history rows, savepoint released.
    # Members are read as sittings: seats filled by another body, memberships.
    with django_assert_max_num_queries(21):
        client.post(url(meeting), data)
    assert Attendance.objects.count() == size


def test_the_substitute_choices_leave_out_the_bodys_own_members(login, network, meeting, coordinator, voting_member):
    outsider = PersonFactory(network=network, name="Wim Vervanger")

    response = login(coordinator).get(meeting.get_absolute_url())

    html = response.content.decode()
    choices = html[html.index(f'name="substitute_{person(voting_member).pk}"'):]
    choices = choices[: choices.index("</select>")]
    assert f'value="{outsider.pk}"' in choices
    assert f'value="{person(voting_member).pk}"' not in choices
    assert f'value="{person(coordinator).pk}"' not in choices


def test_the_members_colleagues_of_the_same_organisation_are_offered_first(login, network, meeting, coordinator):
    agency = OrganizationFactory(network=network, name="Jeugdhulp Oost")
    member = MembershipFactory(seat=SeatFactory(body=meeting.body, count=None), organization=agency)
    colleague = MembershipFactory(
        seat=SeatFactory(body=body(network, seed.BELEIDSGROEP), count=None),
        organization=agency,
        person__network=network,
        person__name="Zora Collega",
    ).person
    other = PersonFactory(network=network, name="Adam Ander")

    html = login(coordinator).get(meeting.get_absolute_url()).content.decode()

    choices = html[html.index(f'name="substitute_{member.person_id}"'):]
    choices = choices[: choices.index("</select>")]
    assert choices.index('<optgroup label="Van dezelfde organisatie">') < choices.index(f'value="{colleague.pk}"')
    assert choices.index(f'value="{colleague.pk}"') < choices.index('<optgroup label="Anderen uit het netwerk">')
    assert choices.index('<optgroup label="Anderen uit het netwerk">') < choices.index(f'value="{other.pk}"')


def test_the_coordinator_names_a_substitute_from_outside_the_network(login, network, coordinator, voting_member):
    held = meeting_of(network)
    client = login(coordinator)

    response = client.post(
        url(held),
        {field(voting_member): "substituted", f"outside_{person(voting_member).pk}": "<b>Ans</b> de Wit, Jeugdhulp Oost"},
        follow=True,
    )

    attendance = Attendance.objects.get(person=person(voting_member))
    assert (attendance.status, attendance.substitute_name) == ("substituted", "<b>Ans</b> de Wit, Jeugdhulp Oost")
    assert messages_of(response) == ["De aanwezigheden zijn bewaard."]
    assertContains(response, 'value="&lt;b&gt;Ans&lt;/b&gt; de Wit, Jeugdhulp Oost"')


def test_an_outside_name_and_a_network_person_for_one_member_are_refused_in_dutch(
    login, network, coordinator, voting_member
):
    held = meeting_of(network)
    deputy = PersonFactory(network=network)
    me = person(voting_member).pk

    response = login(coordinator).post(
        url(held),
        {field(voting_member): "substituted", f"substitute_{me}": deputy.pk, f"outside_{me}": "Ans de Wit"},
        follow=True,
    )

    assert messages_of(response) == [
        "Een lid heeft één vervanger: kies iemand uit het netwerk of typ een naam van buiten, niet allebei."
    ]
    assert not Attendance.objects.exists()
