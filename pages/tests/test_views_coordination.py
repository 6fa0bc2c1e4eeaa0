"""The coordinator's overview: what waits across the network, for coordinators only."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from bodies import seed
from bodies.models import Body, Mandate, Person
from bodies.tests.factories import BodyFactory, MandateFactory, PersonFactory
from referrals.models import Advice, Assignment
from meetings.services.decisions import decision_escalate, decision_propose
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(network):
    return reverse("pages:coordination", kwargs={"network": network.slug})


def kernteam(network):
    return Body.objects.get(network=network, name=seed.KERNTEAM)


def test_it_is_for_coordinators_only(login, network, coordinator, voting_member):
    assert login(voting_member).get(url(network)).status_code == 403
    assert login(coordinator).get(url(network)).status_code == 200


def test_it_hides_the_network_from_another_networks_member(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


def test_it_lists_a_decision_out_of_mandate_until_it_is_escalated(login, network, coordinator):
    meeting = MeetingFactory(body=kernteam(network), date=datetime.date(2026, 12, 1))
    decision = decision_propose(
        meeting=meeting, domain="finance", text="Nieuwe <b>laptops</b>", amount_eur=Decimal("9000"), by=None
    )

    page = login(coordinator).get(url(network)).content.decode()
    assert "Nieuwe &lt;b&gt;laptops&lt;/b&gt;" in page
    assert "voor te leggen aan Beleidsgroep" in page

    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    MeetingFactory(body=beleidsgroep, date=datetime.date(2099, 1, 5))
    decision_escalate(decision=decision, by=coordinator)

    page = login(coordinator).get(url(network)).content.decode()
    assert "voor te leggen aan" not in page
    assert "van Kernteam naar Beleidsgroep" in page


def test_each_decision_out_of_mandate_carries_the_one_step_escalation_button(login, network, coordinator):
    meeting = MeetingFactory(body=kernteam(network), date=datetime.date(2026, 12, 1))
    decision = decision_propose(
        meeting=meeting, domain="finance", text="Nieuwe laptops", amount_eur=Decimal("9000"), by=None
    )
    escalate = reverse("meetings:decision_escalate", kwargs={"network": network.slug, "pk": decision.pk})

    page = login(coordinator).get(url(network)).content.decode()

    form = page[page.index(f'action="{escalate}"'):]
    assert f'name="next" value="{url(network)}"' in form[: form.index("</form>")]
    assert "Voorleggen aan Beleidsgroep" in form[: form.index("</form>")]


def test_it_lists_the_proposals_waiting_for_a_decision(login, network, coordinator, voting_member):
    from django.utils import timezone

    from meetings.services import agenda as agenda_services

    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    meeting = MeetingFactory(body=beleidsgroep, date=timezone.localdate() + datetime.timedelta(days=30))
    tom = Person.objects.get(user=voting_member)
    waiting = agenda_services.agenda_item_propose(meeting=meeting, by=voting_member, person=tom, title="Wachtlijsten")
    declined = agenda_services.agenda_item_propose(meeting=meeting, by=voting_member, person=tom, title="Varia")
    agenda_services.agenda_proposal_decline(item=declined, reason="Later", by=coordinator)
    past = MeetingFactory(body=beleidsgroep, date=datetime.date(2026, 1, 5))
    past.agenda_items.create(title="Van vroeger", status="proposed", proposed_by=tom)

    page = login(coordinator).get(url(network)).content.decode()

    section = page[page.index('id="proposals-heading"'):page.index('id="escalate-heading"')]
    agenda = reverse("meetings:agenda", kwargs={"network": network.slug, "pk": meeting.pk})
    assert f'<a href="{agenda}#proposal-{waiting.pk}">Wachtlijsten</a>' in section
    assert "voorgesteld door Tom Janssens" in section
    assert "Varia" not in section and "Van vroeger" not in section


def test_it_lists_open_advice_and_assignments(login, network, coordinator):
    forum = Body.objects.get(network=network, name=seed.FORUM)
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    Advice.objects.create(
        from_body=forum,
        to_body=beleidsgroep,
        mandate=forum.mandates.get(kind=Mandate.Kind.ADVISE),
        domain="policy",
        subject="Wachtlijsten",
        text="…",
        given_on=datetime.date(2026, 11, 1),
    )
    Assignment.objects.create(
        from_body=beleidsgroep,
        to_body=Body.objects.get(network=network, name=seed.ONDERSTEUNINGSGROEP),
        mandate=beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN),
        title="Procedure crisisopvang",
        due_date=datetime.date(2020, 1, 1),
        given_on=datetime.date(2019, 12, 1),
    )

    page = login(coordinator).get(url(network)).content.decode()

    assert "Wachtlijsten" in page
    assert "Procedure crisisopvang" in page
    assert "te laat" in page


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_of_everything(
    login, network, coordinator, size, django_assert_max_num_queries
):
    body = kernteam(network)
    holder = BodyFactory(network=network)
    MandateFactory(body=holder, kind=Mandate.Kind.DECIDE, domains=["finance"], is_unlimited=True)
    for index in range(size):
        meeting = MeetingFactory(body=body, date=datetime.date(2026, 12, 1))
        MeetingFactory(body=holder, date=datetime.date(2099, 1, 1 + index))
        decision_propose(meeting=meeting, domain="finance", text="open", amount_eur=None, by=None)
        refused = decision_propose(
            meeting=meeting, domain="finance", text="te duur", amount_eur=Decimal("9"), by=None
        )
        decision_propose(meeting=meeting, domain="finance", text="wacht", amount_eur=Decimal("9"), by=None)
        decision_escalate(decision=refused, by=None)
        MeetingFactory(body=body, date=datetime.date(2099, 1, 1 + index)).agenda_items.create(
            title="voorstel", status="proposed", proposed_by=PersonFactory(network=network)
        )
    client = login(coordinator)

    # session, user, network, its content type (cached after the first request),
    # the user's and the groups' grants on it (the coordinate check reuses them);
    # then one query per list: meetings without agenda, waiting proposals, days on
    # which bodies stack, to escalate, escalated, open votes, open advice, open assignments.
    with django_assert_max_num_queries(14):
        response = client.get(url(network))
    assert response.status_code == 200
    assert response.content.decode().count("te duur") == size
    assert response.content.decode().count("#proposal-") == size
