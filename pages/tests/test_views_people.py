"""The people of a network: the list (search, filters, pages) and a person's page (seats, attendance).

Every member of the network reads them; e-mail addresses are for who coordinates it.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Organization, Person
from bodies.tests.factories import BodyFactory, MembershipFactory, OrganizationFactory, PersonFactory, SeatFactory
from meetings.models import Attendance, Meeting
from meetings.tests.factories import AttendanceFactory, MeetingFactory
from meetings.tests.helpers import body, main_html, person

pytestmark = pytest.mark.django_db


def list_url(network):
    return reverse("pages:people", kwargs={"network": network.slug})


def person_url(network, pk):
    return reverse("pages:person", kwargs={"network": network.slug, "pk": pk})


def names(response) -> list[str]:
    return [line.person.name for line in response.context["lines"]]


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


# The list -----------------------------------------------------------------------------


def test_the_list_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(list_url(network)), f"{reverse('login')}?next={list_url(network)}")


def test_the_list_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(list_url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "chair", "coordinator"])
def test_every_member_of_the_network_reads_the_list(login, network, voting_member, request, persona):
    response = login(request.getfixturevalue(persona)).get(list_url(network))

    assert response.status_code == 200
    assertContains(response, "Tom Janssens")


def test_the_list_shows_organisation_and_todays_seats_with_role_vote_and_office(
    login, network, coordinator, voting_member, chair
):
    response = login(chair).get(list_url(network))
    rows = {line.person.name: line for line in response.context["lines"]}

    tom = rows["Tom Janssens"]
    assert [org.name for org in tom.organizations] == ["Jeugdzorg Maasland vzw"]
    seats = {(seat.body.name, seat.role, seat.has_voting_right, seat.office) for seat in tom.seats}
    # The Kernteam's seat in the Forum seats him there ex officio (bodies.sittings).
    assert (seed.KERNTEAM, "Kernpartner", True, "") in seats
    assert (seed.BELEIDSGROEP, "Kernpartner", True, "") in seats
    assert seed.FORUM in {seat.body.name for seat in tom.seats if seat.through}
    an = rows["An Maes"]
    assert [(seat.body.name, seat.office) for seat in an.seats if not seat.through] == [
        (seed.BELEIDSGROEP, "Voorzitter"),
    ]
    html = main_html(response)
    shown = ["Jeugdzorg Maasland vzw", "Voorzitter", "stemgerechtigd", "zonder stemrecht", "ambtshalve, via Kernteam"]
    for text in shown:
        assert text in html
    # Sara coordinates without a vote in the Beleidsgroep.
    sara = {seat.body.name: seat.has_voting_right for seat in rows["Sara Peeters"].seats}
    assert sara[seed.BELEIDSGROEP] is False


def test_the_list_leaves_out_another_networks_people(login, network, coordinator, other_network_member):
    assertNotContains(login(coordinator).get(list_url(network)), "Piet Anders")


def test_a_person_without_a_seat_today_is_listed_without_one(login, network, coordinator):
    MembershipFactory(
        seat=SeatFactory(body=body(network)), person=PersonFactory(network=network, name="Oud Lid"),
        start_date=datetime.date(2023, 2, 1), end_date=datetime.date(2024, 1, 31),
    )

    response = login(coordinator).get(list_url(network), {"q": "Oud"})

    assert names(response) == ["Oud Lid"]
    assert response.context["lines"][0].seats == []
    assertContains(response, "geen zetel")


def test_it_searches_by_name(login, network, coordinator, voting_member, chair):
    assert names(login(chair).get(list_url(network), {"q": " janss "})) == ["Tom Janssens"]


def test_it_filters_by_the_organisation_represented_today(login, network, coordinator, voting_member, chair):
    organization = Organization.objects.get(network=network, name="Opvoedingshuis Kempenland")

    response = login(voting_member).get(list_url(network), {"organization": organization.pk})

    assert names(response) == ["An Maes"]


def test_it_filters_by_body_ex_officio_included(login, network, coordinator, voting_member, chair, forum_member):
    client = login(forum_member)

    assert names(client.get(list_url(network), {"body": "kernteam"})) == ["Sara Peeters", "Tom Janssens"]
    # The Kernteam sits in the support group ex officio; nobody of the cast sits there in their own right.
    support_group = body(network, seed.ONDERSTEUNINGSGROEP)
    assert names(client.get(list_url(network), {"body": support_group.slug})) == ["Sara Peeters", "Tom Janssens"]


def test_an_unknown_filter_filters_nothing(login, network, coordinator, voting_member, other_network_member):
    elsewhere = Organization.objects.create(network=Person.objects.get(name="Piet Anders").network, name="Elders")

    response = login(coordinator).get(list_url(network), {"organization": elsewhere.pk, "body": "stuurgroep"})

    assert response.status_code == 200
    assert names(response) == ["Sara Peeters", "Tom Janssens"]


def test_the_list_pages_by_50(login, network, coordinator):
    for index in range(51):
        PersonFactory(network=network, name=f"Persoon {index:02}", user=None)
    client = login(coordinator)

    assert len(names(client.get(list_url(network)))) == 50
    assert names(client.get(list_url(network), {"page": 2})) == ["Persoon 50", "Sara Peeters"]


def test_the_list_shows_e_mail_addresses_to_the_coordinator_only(login, network, coordinator, chair):
    Person.objects.filter(name="An Maes").update(email="an.maes@kempenland.be")

    assertContains(login(coordinator).get(list_url(network)), "an.maes@kempenland.be")
    assertNotContains(login(chair).get(list_url(network)), "an.maes@kempenland.be")


def test_the_list_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(list_url(network)).status_code == 405


def test_the_menu_links_to_the_list(login, network, forum_member):
    response = login(forum_member).get(reverse("pages:mine", kwargs={"network": network.slug}))

    assertContains(response, f'href="{list_url(network)}"')


def test_the_body_sheet_links_its_members_to_their_page(login, network, chair):
    response = login(chair).get(reverse("pages:body", kwargs={"network": network.slug, "body": "beleidsgroep"}))

    assertContains(response, f'href="{person_url(network, person(chair).pk)}"')


@pytest.mark.parametrize("size", [1, 10])
@pytest.mark.parametrize("persona", ["forum_member", "coordinator"])
def test_the_list_costs_the_same_queries_for_1_or_10_people(
    login, network, request, persona, size, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    seats = [SeatFactory(body=body(network, name)) for name in (seed.KERNTEAM, seed.BELEIDSGROEP)]
    for index in range(size):
        somebody = PersonFactory(network=network, name=f"Lid {index:02}", user=None)
        organization = OrganizationFactory(network=network)
        for place in seats:
            MembershipFactory(seat=place, person=somebody, organization=organization, start_date=seed.GOVERNANCE_START)
    client = login(user)
    client.get(list_url(network))  # warm the content type cache

    # session, user, network, the user's grants and group grants on it, the
    # organisations and bodies to filter by, the count and the page of people, the
    # seats filled by another body and the page's memberships (bodies.sittings).
    with django_assert_max_num_queries(11):
        response = client.get(list_url(network), {"q": "Lid"})
    assert response.status_code == 200
    assert len(response.context["lines"]) == size
    assert all(len(line.seats) >= 2 for line in response.context["lines"])


# A person's page ----------------------------------------------------------------------


def test_the_person_page_sends_anonymous_users_to_login(client, network, voting_member):
    url = person_url(network, person(voting_member).pk)

    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_the_person_page_answers_404_for_another_networks_person(login, network, coordinator, other_network_member):
    elsewhere = person(other_network_member)

    assert login(coordinator).get(person_url(network, elsewhere.pk)).status_code == 404
    # And to the other network's member, for a person of this one.
    assert login(other_network_member).get(person_url(network, person(coordinator).pk)).status_code == 404


def test_the_person_page_answers_404_for_an_unknown_person(login, network, coordinator):
    assert login(coordinator).get(person_url(network, 999999)).status_code == 404


def test_the_person_page_shows_current_and_past_seats(login, network, voting_member, forum_member):
    tom = person(voting_member)
    old = OrganizationFactory(network=network, name="Vroegere Werkgever")
    MembershipFactory(
        seat=SeatFactory(body=body(network, seed.ONDERSTEUNINGSGROEP)), person=tom, organization=old,
        start_date=datetime.date(2023, 2, 1), end_date=datetime.date(2024, 6, 30), office="secretary",
        has_voting_right=False,
    )

    response = login(forum_member).get(person_url(network, tom.pk))

    sheet = response.context["sheet"]
    assert [org.name for org in sheet.organizations] == ["Jeugdzorg Maasland vzw"]
    assert {(seat.body.name, seat.has_voting_right) for seat in sheet.current} >= {
        (seed.KERNTEAM, True), (seed.BELEIDSGROEP, True),
    }
    assert [(seat.body.name, seat.office, seat.membership.end_date) for seat in sheet.past if not seat.through] == [
        (seed.ONDERSTEUNINGSGROEP, "Secretaris", datetime.date(2024, 6, 30)),
    ]
    # The support group sits in the Forum: so did he, ex officio, for as long.
    assert [(seat.body.name, seat.through.name) for seat in sheet.past if seat.through] == [
        (seed.FORUM, seed.ONDERSTEUNINGSGROEP),
    ]
    html = main_html(response)
    for text in ["Tom Janssens", "Vroegere Werkgever", "Secretaris", "30 jun 2024", "ambtshalve, via Kernteam"]:
        assert text in html


def test_the_person_page_shows_the_e_mail_address_to_the_coordinator_only(
    login, network, coordinator, chair, voting_member
):
    Person.objects.filter(user=voting_member).update(email="tom@maasland.be")
    url = person_url(network, person(voting_member).pk)

    assertContains(login(coordinator).get(url), "tom@maasland.be")
    assertNotContains(login(chair).get(url), "tom@maasland.be")


def test_the_attendance_rate_counts_present_and_substituted_over_meetings_expected_at(
    login, network, coordinator, voting_member, chair
):
    tom, an = person(voting_member), person(chair)
    kernteam, beleidsgroep = body(network), body(network, seed.BELEIDSGROEP)
    came = MeetingFactory(body=kernteam, date=days_ago(30))
    sent = MeetingFactory(body=beleidsgroep, date=days_ago(60))
    missed = MeetingFactory(body=beleidsgroep, date=days_ago(90))
    AttendanceFactory(meeting=came, person=tom, status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=sent, person=tom, status=Attendance.Status.SUBSTITUTED, substitute_name="Jan, CAW")
    AttendanceFactory(meeting=missed, person=tom, status=Attendance.Status.EXCUSED)
    # Not counted: nothing recorded, cancelled, over a year ago, still to come, a body he is not in.
    MeetingFactory(body=kernteam, date=days_ago(10))
    cancelled = MeetingFactory(body=kernteam, date=days_ago(20), status=Meeting.Status.CANCELLED)
    AttendanceFactory(meeting=cancelled, person=tom, status=Attendance.Status.ABSENT)
    long_ago = MeetingFactory(body=kernteam, date=days_ago(400))
    AttendanceFactory(meeting=long_ago, person=tom, status=Attendance.Status.ABSENT)
    MeetingFactory(body=kernteam, date=days_ago(-10))
    elsewhere = MeetingFactory(body=BodyFactory(network=network), date=days_ago(15))
    MembershipFactory(seat=SeatFactory(body=elsewhere.body), person=an, start_date=seed.GOVERNANCE_START)
    AttendanceFactory(meeting=elsewhere, person=an, status=Attendance.Status.PRESENT)

    response = login(chair).get(person_url(network, tom.pk))

    rate = response.context["sheet"].attendance
    assert (rate.came, rate.expected, rate.unrecorded, rate.percentage) == (2, 3, 1, 67)
    html = main_html(response)
    assert (
        "67% in de laatste 12 maanden: aanwezig of vervangen op 2 van de 3 vergaderingen"
        " waarop deze persoon werd verwacht." in html
    )
    assert "1 vergadering zonder genoteerde aanwezigheid telt niet mee." in html


def test_the_attendance_rate_says_so_when_there_is_no_data(login, network, voting_member):
    response = login(voting_member).get(person_url(network, person(voting_member).pk))

    assert response.context["sheet"].attendance.percentage is None
    assertContains(response, "Geen gegevens")


def test_the_person_page_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(person_url(network, person(coordinator).pk)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_the_person_page_costs_the_same_queries_for_1_or_10_seats_and_meetings(
    login, network, coordinator, voting_member, size, django_assert_max_num_queries
):
    tom = person(voting_member)
    for index in range(size):
        place = SeatFactory(body=body(network, seed.ONDERSTEUNINGSGROEP))
        MembershipFactory(
            seat=place, person=tom, organization=OrganizationFactory(network=network),
            start_date=datetime.date(2023, 2, 1) + datetime.timedelta(days=index), end_date=datetime.date(2024, 1, 1),
        )
        meeting = MeetingFactory(body=body(network), date=days_ago(index + 1))
        AttendanceFactory(meeting=meeting, person=tom)
    client = login(coordinator)
    url = person_url(network, tom.pk)
    client.get(url)  # warm the content type cache

    # session, user, network, the user's grants and group grants on it, the person,
    # the seats filled by another body and the person's memberships (bodies.sittings),
    # the attendance count.
    with django_assert_max_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200
    assert len([seat for seat in response.context["sheet"].past if not seat.through]) == size
    assert response.context["sheet"].attendance.came == size
