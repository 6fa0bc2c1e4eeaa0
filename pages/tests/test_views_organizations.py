"""An organisation's page: who sits for it today per body, the bodies it has nobody in, how often it came.

Every member of the network reads it. A seat names no organisation (bodies.models.Seat),
so the page lists the active bodies without a representative and says nothing of "should".
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertRedirects

from bodies import seed
from bodies.models import Organization
from bodies.tests.factories import BodyFactory, MembershipFactory, OrganizationFactory, PersonFactory, SeatFactory
from meetings.models import Attendance, Meeting
from meetings.tests.factories import AttendanceFactory, MeetingFactory
from meetings.tests.helpers import body, main_html, person

pytestmark = pytest.mark.django_db


def org_url(network, pk):
    return reverse("pages:organization", kwargs={"network": network.slug, "pk": pk})


def organization(network, name="Jeugdzorg Maasland vzw") -> Organization:
    return Organization.objects.get(network=network, name=name)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_the_organisation_page_sends_anonymous_users_to_login(client, network, voting_member):
    url = org_url(network, organization(network).pk)

    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_the_organisation_page_answers_404_across_networks(login, network, coordinator, other_network_member):
    elsewhere = Organization.objects.create(network=person(other_network_member).network, name="Elders")

    assert login(coordinator).get(org_url(network, elsewhere.pk)).status_code == 404
    # And to the other network's member, for an organisation of this one.
    plan = organization(network, "Plan-trekkers")
    assert login(other_network_member).get(org_url(network, plan.pk)).status_code == 404


def test_the_organisation_page_answers_404_for_an_unknown_organisation(login, network, coordinator):
    assert login(coordinator).get(org_url(network, 999999)).status_code == 404


@pytest.mark.parametrize("persona", ["forum_member", "member_without_vote", "voting_member", "chair", "coordinator"])
def test_every_member_of_the_network_reads_it(login, network, voting_member, request, persona):
    response = login(request.getfixturevalue(persona)).get(org_url(network, organization(network).pk))

    assert response.status_code == 200
    assertContains(response, "Tom Janssens")


def test_it_shows_todays_representatives_per_body_with_role_vote_office_and_ex_officio(
    login, network, voting_member, chair, forum_member
):
    maasland = organization(network)
    # A colleague chairs the support group for the same organisation; a former one left.
    MembershipFactory(
        seat=SeatFactory(body=body(network, seed.ONDERSTEUNINGSGROEP)),
        person=PersonFactory(network=network, name="Els Wouters"), organization=maasland,
        start_date=seed.GOVERNANCE_START, office="secretary", has_voting_right=False,
    )
    MembershipFactory(
        seat=SeatFactory(body=body(network, seed.FORUM)),
        person=PersonFactory(network=network, name="Oud Lid"), organization=maasland,
        start_date=datetime.date(2023, 2, 1), end_date=datetime.date(2024, 1, 31),
    )

    response = login(forum_member).get(org_url(network, maasland.pk))

    sheet = response.context["sheet"]
    lines = {
        line.body.name: [(r.person.name, r.seat.role, r.seat.has_voting_right, r.seat.office,
                          r.seat.through.name if r.seat.through else None) for r in line.representatives]
        for line in sheet.bodies
    }
    assert lines[seed.KERNTEAM] == [("Tom Janssens", "Kernpartner", True, "", None)]
    assert lines[seed.BELEIDSGROEP] == [("Tom Janssens", "Kernpartner", True, "", None)]
    assert ("Els Wouters", False, "Secretaris", None) in {
        (name, vote, office, through) for name, _, vote, office, through in lines[seed.ONDERSTEUNINGSGROEP]
    }
    # The Kernteam sits in the Forum ex officio: Tom sits there for Maasland.
    assert ("Tom Janssens", seed.KERNTEAM) in {(name, through) for name, *_, through in lines[seed.FORUM]}
    assert "Oud Lid" not in main_html(response)
    html = main_html(response)
    tom = person(voting_member)
    assert f'href="{reverse("pages:person", kwargs={"network": network.slug, "pk": tom.pk})}"' in html
    shown = ["Jeugdzorg Maasland vzw", "Secretaris", "stemgerechtigd", "zonder stemrecht", "ambtshalve, via Kernteam"]
    for text in shown:
        assert text in html
    assert "An Maes" not in html


def test_it_lists_the_active_bodies_without_a_representative_today(login, network, voting_member, chair):
    BodyFactory(network=network, name="Stuurgroep Zorg")
    BodyFactory(network=network, name="Opgeheven", active_until=datetime.date(2024, 1, 1))

    response = login(chair).get(org_url(network, organization(network).pk))

    without = [b.name for b in response.context["sheet"].without]
    # Maasland sits in every body of the seed, in the support group and the Forum ex officio.
    assert without == ["Stuurgroep Zorg"]
    assertContains(response, "Organen zonder vertegenwoordiger vandaag")


def test_an_organisation_without_representatives_says_so(login, network, coordinator):
    empty = OrganizationFactory(network=network, name="Nieuwe Partner")

    response = login(coordinator).get(org_url(network, empty.pk))

    assert response.context["sheet"].bodies == []
    assert seed.KERNTEAM in [b.name for b in response.context["sheet"].without]
    assertContains(response, "Niemand zetelt vandaag voor deze organisatie.")
    assert response.context["sheet"].attendance.percentage is None
    assertContains(response, "Geen gegevens")


def test_the_attendance_rate_counts_its_representatives_and_their_substitutes(
    login, network, coordinator, voting_member, chair
):
    maasland = organization(network)
    tom = person(voting_member)
    kernteam, beleidsgroep = body(network), body(network, seed.BELEIDSGROEP)
    came = MeetingFactory(body=kernteam, date=days_ago(30))
    sent = MeetingFactory(body=beleidsgroep, date=days_ago(60))
    missed = MeetingFactory(body=beleidsgroep, date=days_ago(90))
    AttendanceFactory(meeting=came, person=tom, status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=sent, person=tom, status=Attendance.Status.SUBSTITUTED, substitute_name="Jan, CAW")
    AttendanceFactory(meeting=missed, person=tom, status=Attendance.Status.EXCUSED)
    # Somebody else present at the missed meeting does not count for Maasland.
    AttendanceFactory(meeting=missed, person=person(chair), status=Attendance.Status.PRESENT)
    # Tom's substitute member in the Kernteam sits for Maasland too: present when Tom was not.
    deputy = PersonFactory(network=network, name="Els Wouters")
    MembershipFactory(
        seat=tom.memberships.get(body=kernteam).seat, person=deputy, organization=maasland,
        substitute_for=tom.memberships.get(body=kernteam), start_date=seed.GOVERNANCE_START,
    )
    by_deputy = MeetingFactory(body=kernteam, date=days_ago(40))
    AttendanceFactory(meeting=by_deputy, person=tom, status=Attendance.Status.ABSENT)
    AttendanceFactory(meeting=by_deputy, person=deputy, status=Attendance.Status.PRESENT)
    # Not counted: nothing recorded, cancelled, over a year ago, still to come, a body Maasland is not in.
    MeetingFactory(body=kernteam, date=days_ago(10))
    cancelled = MeetingFactory(body=kernteam, date=days_ago(20), status=Meeting.Status.CANCELLED)
    AttendanceFactory(meeting=cancelled, person=tom, status=Attendance.Status.ABSENT)
    long_ago = MeetingFactory(body=kernteam, date=days_ago(400))
    AttendanceFactory(meeting=long_ago, person=tom, status=Attendance.Status.ABSENT)
    MeetingFactory(body=kernteam, date=days_ago(-10))
    elsewhere = MeetingFactory(body=BodyFactory(network=network), date=days_ago(15))
    MembershipFactory(seat=SeatFactory(body=elsewhere.body), person=person(chair), start_date=seed.GOVERNANCE_START)
    AttendanceFactory(meeting=elsewhere, person=person(chair), status=Attendance.Status.PRESENT)

    response = login(chair).get(org_url(network, maasland.pk))

    rate = response.context["sheet"].attendance
    assert (rate.came, rate.expected, rate.unrecorded, rate.percentage) == (3, 4, 1, 75)
    html = main_html(response)
    assert (
        "75% in de laatste 12 maanden: aanwezig of vervangen op 3 van de 4 vergaderingen"
        " waarop deze organisatie werd verwacht." in html
    )
    assert "1 vergadering zonder genoteerde aanwezigheid telt niet mee." in html


def test_a_membership_for_another_organisation_does_not_count(login, network, coordinator, voting_member):
    """Tom sits in the Kernteam for Maasland; his presence there counts for Maasland only."""
    meeting = MeetingFactory(body=body(network), date=days_ago(30))
    AttendanceFactory(meeting=meeting, person=person(voting_member), status=Attendance.Status.PRESENT)
    AttendanceFactory(meeting=meeting, person=person(coordinator), status=Attendance.Status.ABSENT)

    client = login(coordinator)
    maasland = client.get(org_url(network, organization(network).pk)).context["sheet"].attendance
    plan = client.get(org_url(network, organization(network, "Plan-trekkers").pk)).context["sheet"].attendance

    assert (maasland.came, maasland.expected) == (1, 1)
    assert (plan.came, plan.expected) == (0, 1)


def test_the_organisation_page_refuses_a_post(login, network, coordinator):
    assert login(coordinator).post(org_url(network, organization(network, "Plan-trekkers").pk)).status_code == 405


def test_the_people_list_and_the_person_page_link_the_organisation(login, network, voting_member, chair):
    url = org_url(network, organization(network).pk)
    client = login(chair)

    assertContains(client.get(reverse("pages:people", kwargs={"network": network.slug})), f'href="{url}"')
    person_url = reverse("pages:person", kwargs={"network": network.slug, "pk": person(voting_member).pk})
    # The eyebrow and each of his five seats today (three ex officio).
    assertContains(client.get(person_url), f'href="{url}"', count=6)


@pytest.mark.parametrize("size", [1, 10])
def test_the_organisation_page_costs_the_same_queries_for_1_or_10_representatives_and_meetings(
    login, network, coordinator, voting_member, size, django_assert_max_num_queries
):
    maasland = organization(network)
    for index in range(size):
        somebody = PersonFactory(network=network, name=f"Lid {index:02}", user=None)
        group = BodyFactory(network=network)
        MembershipFactory(
            seat=SeatFactory(body=group), person=somebody, organization=maasland, start_date=seed.GOVERNANCE_START
        )
        meeting = MeetingFactory(body=group, date=days_ago(index + 1))
        AttendanceFactory(meeting=meeting, person=somebody, status=Attendance.Status.PRESENT)
    client = login(coordinator)
    url = org_url(network, maasland.pk)
    client.get(url)  # warm the content type cache

    # session, user, network, the user's grants and group grants on it, the organisation,
    # the seats filled by another body and the memberships representing it (bodies.sittings),
    # the network's active bodies, the attendance count.
    with django_assert_max_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["sheet"].bodies) >= size
    assert response.context["sheet"].attendance.came == size
