import datetime
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Cadence, CadencePhase, Mandate, Seat
from bodies.tests.factories import (
    BodyFactory,
    BodyTaskFactory,
    CadenceFactory,
    CadencePhaseFactory,
    MandateFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    RoleFactory,
    SeatFactory,
    UserFactory,
)
from referrals.models import Advice, Assignment
from meetings.models import Meeting
from meetings.services.planning import meetings_plan

pytestmark = pytest.mark.django_db


def sheet_url(network_slug: str, body_slug: str) -> str:
    return reverse("pages:body", kwargs={"network": network_slug, "body": body_slug})


def seat_row(response, role: str) -> str:
    """The composition table's row for one role, as HTML."""
    html = response.content.decode()
    match = re.search(rf'<tr>\s*<th scope="row">\s*{re.escape(role)}(?=\s|<).*?</tr>', html, re.S)
    assert match, f"no row for {role!r}"
    return match.group(0)


def test_an_english_reader_reads_the_sites_member_role_in_english(login, network, coordinator):
    group = BodyFactory(
        network=network,
        name="Werkgroep Vorming",
        slug="werkgroep-vorming",
        kind=Body.Kind.WORKING_GROUP,
        parent=Body.objects.get(network=network, slug="ondersteuningsgroep"),
    )
    SeatFactory(body=group, role=RoleFactory(network=network, name="Lid"), count=None)
    client = login(coordinator)
    client.cookies["django_language"] = "en"

    response = client.get(sheet_url(network.slug, "werkgroep-vorming"))

    assert "Member" in seat_row(response, "Member")


def test_it_redirects_anonymous_users_to_login(client, network):
    url = sheet_url(network.slug, "kernteam")
    assertRedirects(client.get(url), f"{reverse('login')}?next={url}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    response = login(other_network_member).get(sheet_url(network.slug, "kernteam"))
    assert response.status_code == 404


def test_it_answers_404_for_another_networks_body(login, network, coordinator, other_network_member):
    response = login(coordinator).get(sheet_url(network.slug, "stuurgroep"))
    assert response.status_code == 404


def test_it_answers_404_for_a_user_in_no_network(login, network, outsider):
    assert login(outsider).get(sheet_url(network.slug, "kernteam")).status_code == 404


@pytest.mark.parametrize("spec", seed.BODIES, ids=lambda spec: spec["slug"])
def test_it_shows_every_remit_task_in_order(login, network, coordinator, spec):
    response = login(coordinator).get(sheet_url(network.slug, spec["slug"]))

    html = response.content.decode()
    remit = re.search(r'<ol class="remit[^"]*">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", remit) == [escape(text) for text in spec["tasks"]]


def test_it_shows_the_coordinator_in_the_beleidsgroep_without_vote(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    row = seat_row(response, "Coördinator")
    assert "Sara Peeters" in row
    assert "zonder stemrecht" in row
    assert "stemgerechtigd" not in row


def test_it_shows_a_voting_member_with_vote(login, network, coordinator, voting_member):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    row = seat_row(response, "Kernpartner")
    assert "Tom Janssens" in row
    assert "Jeugdzorg Maasland vzw" in row
    assert "stemgerechtigd" in row


def test_it_shows_a_member_without_vote_on_a_voting_seat_as_ad_hoc(login, network, member_without_vote):
    response = login(member_without_vote).get(sheet_url(network.slug, "beleidsgroep"))

    row = seat_row(response, "Ad hoc expert")
    assert "Ilse Vermeulen" in row
    assert "zonder stemrecht" in row
    assert "ad hoc" in row


def test_it_shows_vacant_seats(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    # Four seats of one each; only the coordinator's is filled.
    assertContains(response, "3 plaatsen zijn vacant.")
    assert "1 plaats vacant" in seat_row(response, "Kernpartner")
    assert "vacant" not in seat_row(response, "Coördinator")


def test_it_says_the_count_is_not_fixed_when_a_seat_has_none(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    row = seat_row(response, "Contractant (werkgever)")
    assert "aantal niet vastgelegd" in row
    assert "vacant" not in row


def test_it_lists_the_members_of_a_body_that_fills_a_seat_ex_officio(login, network, coordinator, voting_member):
    response = login(coordinator).get(sheet_url(network.slug, "ondersteuningsgroep"))

    row = seat_row(response, "Kernteam")
    assert "Ex officio: de leden van" in row
    assert "Sara Peeters" in row
    assert "Tom Janssens" in row


def test_it_leaves_out_memberships_that_ended(login, network, coordinator):
    MembershipFactory(
        seat=Seat.objects.get(body__network=network, body__slug="kernteam", role__name="Kernpartner"),
        person=PersonFactory(network=network, name="Oud Lid"),
        start_date=datetime.date(2023, 2, 1),
        end_date=datetime.date(2024, 1, 31),
    )

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    assertNotContains(response, "Oud Lid")
    assert "1 plaats vacant" in seat_row(response, "Kernpartner")


def test_it_shows_who_a_substitute_stands_in_for(login, network, coordinator):
    seat = Seat.objects.get(body__network=network, body__slug="kernteam", role__name="Kernpartner")
    regular = MembershipFactory(seat=seat, person=PersonFactory(network=network, name="Vast Lid"))
    MembershipFactory(seat=seat, person=PersonFactory(network=network, name="Invaller"), substitute_for=regular)

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    assert "vervanger van Vast Lid" in seat_row(response, "Kernpartner")


def test_it_shows_each_power_with_kind_domains_and_delegating_body(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    for mandate in seed.BODIES[0]["mandates"]:
        assertContains(response, mandate["text"])
    assertContains(response, "Financiën, Personeel")
    assertContains(response, "Gedelegeerd door")
    assertContains(response, "geen bedragen")


def test_an_unlimited_mandate_reads_onbeperkt_as_on_the_decision(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, "<dt>Limiet</dt><dd>onbeperkt</dd>", html=True)
    assertNotContains(response, "geen limiet vastgelegd")


def test_it_shows_a_limit_in_euro(login, network, coordinator):
    Mandate.objects.filter(body__slug="kernteam", kind=Mandate.Kind.DECIDE).update(limit_eur=5000)

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    assertContains(response, "€ 5.000,00")


def test_it_shows_towards_which_bodies_a_power_points(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "forum"))

    assertContains(response, "Ten aanzien van")
    assertContains(response, f'href="{sheet_url(network.slug, "ondersteuningsgroep")}"')


def test_it_marks_a_power_that_is_no_longer_valid(login, network, coordinator):
    Mandate.objects.filter(body__slug="forum", kind=Mandate.Kind.INFORM).update(
        valid_from=datetime.date(2023, 2, 1), valid_until=datetime.date(2024, 1, 31)
    )

    response = login(coordinator).get(sheet_url(network.slug, "forum"))

    assertContains(response, "niet meer geldig")
    assertContains(response, "van 1 februari 2023 tot en met 31 januari 2024")


def test_it_shows_the_rhythm_in_words_with_its_phases(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, "1 X per maand in de beginfase, nadien 1 X per 2 maanden gezamenlijk overleg.")
    assertContains(response, "<strong>Beginfase:</strong> elke maand", html=False)
    assertContains(response, "vanaf 1 februari 2023")
    assertContains(response, "<strong>Nadien:</strong> om de 2 maanden", html=False)
    # "then every 2 months" waits for an admin to set when the start phase ends.
    assertContains(response, "begindatum nog niet vastgelegd")


def test_it_shows_the_next_three_planned_meetings(login, network, coordinator, monkeypatch):
    today = datetime.date(2025, 3, 10)
    monkeypatch.setattr("pages.views.timezone.localdate", lambda: today)
    meetings_plan(today=today, horizon_days=60, bodies=[Body.objects.get(network=network, slug="kernteam")])

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    # Every 2 weeks on Tuesday from 1 February 2023.
    assert response.context["sheet"].next_dates == [
        datetime.date(2025, 3, 11), datetime.date(2025, 3, 25), datetime.date(2025, 4, 8)
    ]
    assertContains(response, '<time datetime="2025-03-11">')


def test_the_next_dates_follow_a_moved_meeting_and_leave_out_a_cancelled_one(login, network, coordinator, monkeypatch):
    today = datetime.date(2025, 3, 10)
    monkeypatch.setattr("pages.views.timezone.localdate", lambda: today)
    kernteam = Body.objects.get(network=network, slug="kernteam")
    meetings_plan(today=today, horizon_days=60, bodies=[kernteam])
    Meeting.objects.filter(body=kernteam, date=datetime.date(2025, 3, 11)).update(date=datetime.date(2025, 3, 13))
    Meeting.objects.filter(body=kernteam, date=datetime.date(2025, 3, 25)).update(status=Meeting.Status.CANCELLED)

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    assert response.context["sheet"].next_dates == [
        datetime.date(2025, 3, 13), datetime.date(2025, 4, 8), datetime.date(2025, 4, 22)
    ]


def test_the_next_dates_stop_at_the_planning_horizon(login, network, coordinator, monkeypatch):
    today = datetime.date(2025, 3, 10)
    monkeypatch.setattr("pages.views.timezone.localdate", lambda: today)
    meetings_plan(today=today, horizon_days=20, bodies=[Body.objects.get(network=network, slug="kernteam")])

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    # The rhythm goes on to 8 April, but nothing was planned that far: the sheet says no more.
    assert response.context["sheet"].next_dates == [datetime.date(2025, 3, 11), datetime.date(2025, 3, 25)]


def test_a_rhythm_shows_in_words_with_no_raw_rule(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "forum"))

    assertContains(response, "2 keer per jaar, in maart en oktober, op de eerste woensdag")
    assertNotContains(response, "FREQ=")


def test_it_shows_start_time_duration_and_location_when_set(login, network, coordinator):
    Cadence.objects.filter(body__slug="kernteam").update(
        start_time=datetime.time(9, 30), duration_minutes=90, location="Gemeentehuis Maasmechelen"
    )

    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    assertContains(response, "09:30")
    assertContains(response, "90 minuten")
    assertContains(response, "Gemeentehuis Maasmechelen")


def test_it_describes_rules_with_weekdays(login, network, coordinator):
    CadencePhase.objects.filter(cadence__body__slug="ondersteuningsgroep").update(rrule="FREQ=MONTHLY;BYDAY=1TU")

    response = login(coordinator).get(sheet_url(network.slug, "ondersteuningsgroep"))

    assertContains(response, "elke maand op de eerste dinsdag")


def test_it_lists_the_working_groups_it_steers(login, network, coordinator):
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    BodyFactory(network=network, name="Werkgroep Vorming", slug="vorming", kind=Body.Kind.WORKING_GROUP, parent=support)

    response = login(coordinator).get(sheet_url(network.slug, "ondersteuningsgroep"))

    assertContains(response, f'<a href="{sheet_url(network.slug, "vorming")}">Werkgroep Vorming</a>', html=True)


def test_a_working_group_names_the_body_that_steers_it(login, network, coordinator):
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    BodyFactory(network=network, name="Werkgroep Vorming", slug="vorming", kind=Body.Kind.WORKING_GROUP, parent=support)

    response = login(coordinator).get(sheet_url(network.slug, "vorming"))

    assertContains(response, "Aangestuurd door")
    assertContains(response, "Inhoudelijke Ondersteuningsgroep")


def test_it_lists_the_powers_it_delegated_and_the_advice_it_receives(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    html = response.content.decode()
    delegated = html.split("Gedelegeerd aan andere organen", 1)[1].split("Zetelt in", 1)[0]
    assert "Kunnen dag-dagelijkse beslissingen nemen" in delegated
    received = html.split("Ontvangen van andere organen", 1)[1].split("Gedelegeerd aan andere organen", 1)[0]
    assert "Adviesfunctie t.a.v. het kernteam" in received


def test_it_answers_404_for_an_unknown_body(login, network, coordinator):
    assert login(coordinator).get(sheet_url(network.slug, "bestaat-niet")).status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_of_everything(
    client, size, django_assert_max_num_queries
):
    network = NetworkFactory()
    user = UserFactory()
    PersonFactory(network=network, user=user)
    body = BodyFactory(network=network, slug="orgaan")
    other = BodyFactory(network=network)
    SeatFactory(body=body, filled_by_body=other, count=None)
    for index in range(size):
        BodyTaskFactory(body=body, text=f"Taak {index}")
        seat = SeatFactory(body=body, count=2, role=RoleFactory(network=network))
        substituted = MembershipFactory(seat=seat, person__network=network)
        MembershipFactory(seat=seat, person__network=network, substitute_for=substituted)
        MembershipFactory(seat__body=other, seat__role=RoleFactory(network=network), person__network=network)
        mandate = MandateFactory(body=body, delegated_by=other)
        mandate.targets.set([other])
        MandateFactory(body=other, delegated_by=body).targets.set([body])
        BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body)
        SeatFactory(body=BodyFactory(network=network), filled_by_body=body, role=RoleFactory(network=network))
        Advice.objects.create(
            from_body=other, to_body=body, mandate=mandate, domain="policy", subject=f"Ontvangen {index}",
            text="…", given_on=datetime.date(2026, 1, 1),
        )
        Advice.objects.create(
            from_body=body, to_body=other, mandate=mandate, domain="policy", subject=f"Gegeven {index}",
            text="…", given_on=datetime.date(2026, 1, 1),
        )
        Assignment.objects.create(
            from_body=other, to_body=body, mandate=mandate, title=f"Ontvangen {index}",
            due_date=datetime.date(2026, 3, 1), given_on=datetime.date(2026, 1, 1),
        )
        Assignment.objects.create(
            from_body=body, to_body=other, mandate=mandate, title=f"Gegeven {index}",
            due_date=datetime.date(2026, 3, 1), given_on=datetime.date(2026, 1, 1),
        )
        Meeting.objects.create(body=body, date=datetime.date.today() + datetime.timedelta(days=index + 1))
    phase_cadence = CadenceFactory(body=body, location="Genk")
    CadencePhaseFactory(cadence=phase_cadence, rrule="FREQ=MONTHLY", ends_on=datetime.date(2024, 1, 1))
    CadencePhaseFactory(cadence=phase_cadence, rrule="FREQ=WEEKLY;INTERVAL=2")
    client.force_login(user)

    # session, user, network, the user's object grants and group grants on it, body with cadence and parent,
    # cadence phases, its next planned meetings, tasks, seats with role and filling body, their current
    # members, the filling bodies' current members, mandates with delegating body,
    # mandate targets, open assignments received or given, working groups, mandates
    # towards the body, mandates it delegated, seats it fills elsewhere, open advice
    # received, latest advice given; the user's object grants and group grants on the
    # body (may they run it: answer and report links, the advice/assignment buttons).
    with django_assert_max_num_queries(23):
        response = client.get(sheet_url(network.slug, "orgaan"))
    assert response.status_code == 200


def test_it_shows_html_and_script_in_texts_as_text(login, network, coordinator):
    kernteam = Body.objects.get(network=network, slug="kernteam")
    BodyTaskFactory(body=kernteam, text='<script>alert("x")</script><b>vet</b>', position=99)
    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))
    assertContains(response, escape('<script>alert("x")</script><b>vet</b>'))
    assertNotContains(response, '<script>alert("x")</script>', html=False)


# Advice, assignments and working groups on the sheet -----------------------------------


def forum_advice(network, *, to="beleidsgroep", subject="Wachtlijsten", answered=False):
    forum = Body.objects.get(network=network, slug="forum")
    advice = Advice.objects.create(
        from_body=forum,
        to_body=Body.objects.get(network=network, slug=to),
        mandate=forum.mandates.get(kind=Mandate.Kind.ADVISE),
        domain="policy",
        subject=subject,
        text="…",
        given_on=datetime.date(2026, 11, 1),
    )
    if answered:
        Advice.objects.filter(pk=advice.pk).update(response="followed", answered_on=datetime.date(2026, 11, 2))
    return advice


def test_it_shows_open_advice_received_with_an_answer_link_for_the_chair(login, network, chair):
    advice = forum_advice(network)

    response = login(chair).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, "Wachtlijsten")
    assertContains(response, reverse("referrals:advice_answer", kwargs={"network": network.slug, "pk": advice.pk}))


def test_it_shows_open_advice_received_without_an_answer_link_for_a_member(login, network, voting_member):
    advice = forum_advice(network)

    response = login(voting_member).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, "Wachtlijsten")
    assertNotContains(response, reverse("referrals:advice_answer", kwargs={"network": network.slug, "pk": advice.pk}))


def test_it_leaves_answered_advice_out_of_the_advice_received(login, network, chair):
    forum_advice(network, subject="Al beantwoord", answered=True)

    response = login(chair).get(sheet_url(network.slug, "beleidsgroep"))

    assertNotContains(response, "Al beantwoord")
    assertContains(response, "Geen adviezen die op antwoord wachten.")


def test_it_shows_the_advice_a_body_gave_with_its_answer(login, network, forum_member):
    forum_advice(network, subject="Gevolgd advies", answered=True)

    response = login(forum_member).get(sheet_url(network.slug, "forum"))

    html = response.content.decode()
    given = html.split(">Gegeven<", 1)[1].split("Lopende opdrachten", 1)[0]
    assert "Gevolgd advies" in given
    assert "gevolgd" in given


def test_it_shows_open_assignments_received_and_given(login, network, coordinator):
    beleidsgroep = Body.objects.get(network=network, slug="beleidsgroep")
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    assignment = Assignment.objects.create(
        from_body=beleidsgroep,
        to_body=support,
        mandate=beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN),
        title="Procedure crisisopvang",
        due_date=datetime.date(2020, 1, 1),
        given_on=datetime.date(2019, 12, 1),
    )

    received = login(coordinator).get(sheet_url(network.slug, "ondersteuningsgroep"))
    given = login(coordinator).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(received, "Procedure crisisopvang")
    assertContains(received, "te laat")
    assertContains(
        received, reverse("referrals:assignment_report", kwargs={"network": network.slug, "pk": assignment.pk})
    )
    assertContains(given, "Procedure crisisopvang")
    assertNotContains(
        given, reverse("referrals:assignment_report", kwargs={"network": network.slug, "pk": assignment.pk})
    )


def action_urls(network, body):
    kwargs = {"network": network.slug, "body": body}
    return {
        "advice": reverse("referrals:advice_give", kwargs=kwargs),
        "assignment": reverse("referrals:assignment_give", kwargs=kwargs),
        "working_group": reverse("referrals:working_group_start", kwargs=kwargs),
    }


def test_the_chair_of_the_beleidsgroep_may_give_assignments_and_start_working_groups_but_not_advise(
    login, network, chair
):
    response = login(chair).get(sheet_url(network.slug, "beleidsgroep"))

    urls = action_urls(network, "beleidsgroep")
    assertContains(response, urls["assignment"])
    assertContains(response, urls["working_group"])
    assertNotContains(response, urls["advice"])


def test_a_voting_member_of_the_beleidsgroep_sees_no_action_buttons(login, network, voting_member):
    response = login(voting_member).get(sheet_url(network.slug, "beleidsgroep"))

    for url in action_urls(network, "beleidsgroep").values():
        assertNotContains(response, url)


def test_the_coordinator_may_advise_from_the_forum(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "forum"))

    urls = action_urls(network, "forum")
    assertContains(response, urls["advice"])
    assertNotContains(response, urls["assignment"])
    assertNotContains(response, urls["working_group"])


def test_the_support_group_may_advise_and_start_working_groups_it_steers(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "ondersteuningsgroep"))

    urls = action_urls(network, "ondersteuningsgroep")
    assertContains(response, urls["advice"])
    assertContains(response, urls["working_group"])
    assertNotContains(response, urls["assignment"])


def test_the_kernteam_holds_no_mandate_behind_any_button(login, network, coordinator):
    response = login(coordinator).get(sheet_url(network.slug, "kernteam"))

    for url in action_urls(network, "kernteam").values():
        assertNotContains(response, url)


def test_a_mandate_no_longer_valid_shows_no_button(login, network, coordinator):
    Mandate.objects.filter(body__slug="forum", kind=Mandate.Kind.ADVISE).update(
        valid_until=datetime.date(2024, 1, 31)
    )

    response = login(coordinator).get(sheet_url(network.slug, "forum"))

    assertNotContains(response, action_urls(network, "forum")["advice"])


def test_it_links_to_the_meetings_and_the_decision_register_of_the_body(login, network, forum_member):
    response = login(forum_member).get(sheet_url(network.slug, "kernteam"))

    kwargs = {"network": network.slug, "body": "kernteam"}
    assertContains(response, reverse("meetings:list", kwargs=kwargs))
    assertContains(response, reverse("meetings:body_decision_register", kwargs=kwargs))


def test_it_shows_an_advice_subject_with_html_as_text(login, network, chair):
    forum_advice(network, subject='<script>alert("x")</script>')

    response = login(chair).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, escape('<script>alert("x")</script>'))
    assertNotContains(response, '<script>alert("x")</script>', html=False)


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"])
def test_a_bad_rule_stored_past_the_validation_cannot_make_the_sheet_slow(login, network, coordinator, rule):
    """A raw SQL row (FREQ=SECONDLY ran into the 30 s worker timeout): skipped, same queries as a good rule."""
    client = login(coordinator)
    client.get(sheet_url(network.slug, "kernteam"))  # session, content types and the rule checks warmed up
    with CaptureQueriesContext(connection) as good:
        client.get(sheet_url(network.slug, "kernteam"))
    CadencePhase.objects.filter(cadence__body__slug="kernteam").update(rrule=rule)

    began = time.perf_counter()
    with CaptureQueriesContext(connection) as bad:
        response = client.get(sheet_url(network.slug, "kernteam"))
    assert time.perf_counter() - began < 2
    assert response.status_code == 200
    assert len(bad) == len(good)
    assertContains(response, "Geen geplande data.")


def test_a_plain_forum_member_sees_advies_geven_on_the_forums_sheet(login, network, forum_member):
    response = login(forum_member).get(sheet_url(network.slug, "forum"))

    urls = action_urls(network, "forum")
    assertContains(response, urls["advice"])
    assertNotContains(response, urls["assignment"])


def test_someone_outside_the_forum_sees_no_advies_geven_on_its_sheet(login, network, working_group_member):
    response = login(working_group_member).get(sheet_url(network.slug, "forum"))

    assertNotContains(response, action_urls(network, "forum")["advice"])


def test_it_names_the_chair_above_the_seats_and_marks_them_in_their_seat(login, network, chair, voting_member):
    response = login(voting_member).get(sheet_url(network.slug, "beleidsgroep"))

    assertContains(response, "Voorzitter: <strong>An Maes</strong>", html=True)
    assert "Voorzitter" in seat_row(response, "Contractant (werkgever)")


def test_it_says_when_a_body_has_no_chair_or_secretary(login, network, forum_member):
    response = login(forum_member).get(sheet_url(network.slug, "forum"))

    assertContains(response, "Geen voorzitter of secretaris aangeduid.")
