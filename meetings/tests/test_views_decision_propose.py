"""Proposing a decision in a meeting: checked against the body's mandates, refused with the holder named."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from meetings.models import Decision
from meetings.services.decisions import decision_escalate, decision_propose
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.tests.helpers import MEETING_DAY, csrf_client, kernteam_limit, meeting_of, messages_of

pytestmark = pytest.mark.django_db

FORM = {"domain": "finance", "text": "Aankoop van twee laptops", "amount_eur": ""}


def url(meeting, network=None):
    network = network or meeting.body.network
    return reverse("meetings:decision_propose", kwargs={"network": network.slug, "meeting": meeting.pk})


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def escalated_item(network, meeting, coordinator):
    """A Kernteam decision over its limit, put on the Beleidsgroep's next agenda."""
    kernteam_limit(network)
    original = decision_propose(
        meeting=meeting, domain="finance", text="Nieuwe wagen", amount_eur=Decimal("7500"), by=None
    )
    meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    return decision_escalate(decision=original, by=coordinator)


# Who may propose ------------------------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client, meeting):
    assertRedirects(client.get(url(meeting)), f"{reverse('login')}?next={url(meeting)}")


def test_it_answers_404_for_a_member_of_another_network(login, meeting, other_network_member):
    assert login(other_network_member).post(url(meeting), keyed(FORM)).status_code == 404
    assert not Decision.objects.exists()


def test_it_answers_404_for_another_networks_meeting(login, network, other_network, voting_member):
    elsewhere = MeetingFactory(body__network=other_network)

    assert login(voting_member).post(url(elsewhere, network), keyed(FORM)).status_code == 404


def test_it_refuses_a_network_member_outside_the_body(login, meeting, forum_member):
    assert login(forum_member).post(url(meeting), keyed(FORM)).status_code == 403
    assert not Decision.objects.exists()


def test_it_shows_the_form_to_a_member(login, meeting, voting_member):
    response = login(voting_member).get(url(meeting))

    assertContains(response, "<h1>Besluit voorstellen</h1>", html=True)
    assertContains(response, 'name="amount_eur"')


# Within and outside the mandate ---------------------------------------------------------


def test_a_decision_within_the_mandate_is_put_to_the_vote(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), keyed(FORM), follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == ["Het besluit is voorgelegd ter stemming."]
    decision = Decision.objects.get()
    assert (decision.status, decision.text, decision.proposed_by) == ("open", FORM["text"], voting_member)


def test_an_amount_above_the_limit_is_refused_naming_the_body_that_holds_the_mandate(
    login, network, meeting, voting_member
):
    kernteam_limit(network)

    response = login(voting_member).post(url(meeting), keyed({**FORM, "amount_eur": "7500"}), follow=True)

    assertRedirects(response, meeting.get_absolute_url())
    assert messages_of(response) == [
        "Het bedrag van € 7.500,00 overschrijdt de limiet van € 5.000,00 van Kernteam. "
        "Dit mandaat ligt bij Beleidsgroep."
    ]
    assert [message.level_tag for message in response.context["messages"]] == ["warning"]
    assert Decision.objects.get().status == "out_of_mandate"


def test_it_reads_an_amount_with_a_decimal_comma(login, network, meeting, voting_member):
    kernteam_limit(network)

    login(voting_member).post(url(meeting), keyed({**FORM, "amount_eur": "4999,99"}))

    assert Decision.objects.get().amount_eur == Decimal("4999.99")


def test_an_advisory_body_cannot_record_a_decision(login, network, forum_member):
    forum_meeting = meeting_of(network, seed.FORUM)

    response = login(forum_member).post(url(forum_meeting), keyed(FORM))

    assertContains(response, "Netwerk Forum is een adviesorgaan en neemt geen besluiten.", status_code=400)
    assert not Decision.objects.exists()


def test_an_advisory_body_gets_no_form(login, network, forum_member):
    response = login(forum_member).get(url(meeting_of(network, seed.FORUM)))

    assertNotContains(response, 'name="amount_eur"')
    assertContains(response, "is een adviesorgaan")


def test_a_cancelled_meeting_takes_no_decisions(login, network, voting_member):
    cancelled = meeting_of(network, status="cancelled")

    response = login(voting_member).post(url(cancelled), keyed(FORM))

    assertContains(response, "Deze vergadering is geannuleerd", status_code=400)
    assert not Decision.objects.exists()


# Bad input ------------------------------------------------------------------------------


def test_it_asks_for_a_domain_and_a_text_in_dutch(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), keyed({"domain": "", "text": ""}))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "domain": ["Dit veld is verplicht."],
        "text": ["Dit veld is verplicht."],
    }


def test_it_refuses_a_negative_amount(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), keyed({**FORM, "amount_eur": "-5"}))

    assert "amount_eur" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_it_refuses_a_text_longer_than_5000_characters(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), keyed({**FORM, "text": "x" * 5001}))

    assert "text" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_it_ignores_a_posted_status_mandate_or_meeting(login, network, meeting, voting_member):
    kernteam_limit(network)
    other = meeting_of(network, seed.BELEIDSGROEP)

    login(voting_member).post(
        url(meeting),
        keyed({**FORM, "amount_eur": "7500", "status": "adopted", "mandate": "1", "meeting": other.pk, "refusal": ""}),
    )

    decision = Decision.objects.get()
    assert (decision.status, decision.meeting) == ("out_of_mandate", meeting)


def test_it_refuses_an_agenda_item_of_another_meeting(login, network, meeting, voting_member):
    elsewhere = AgendaItemFactory(meeting=meeting_of(network, seed.BELEIDSGROEP))

    response = login(voting_member).post(url(meeting), keyed({**FORM, "agenda_item": elsewhere.pk}))

    assert "agenda_item" in response.context["form"].errors
    assert not Decision.objects.exists()


def test_it_answers_404_for_an_agenda_item_of_another_meeting_in_the_address(login, network, meeting, voting_member):
    elsewhere = AgendaItemFactory(meeting=meeting_of(network, seed.BELEIDSGROEP))

    assert login(voting_member).get(f"{url(meeting)}?agenda_item={elsewhere.pk}").status_code == 404
    assert login(voting_member).get(f"{url(meeting)}?agenda_item=abc").status_code == 404


def test_it_shows_a_posted_text_escaped(login, meeting, voting_member):
    response = login(voting_member).post(url(meeting), keyed({"domain": "", "text": "<script>alert(1)</script>"}))

    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;", status_code=400)
    assertNotContains(response, "<script>alert(1)", status_code=400)


def test_it_refuses_a_post_without_csrf_token(meeting, voting_member):
    response = csrf_client(voting_member).post(url(meeting), keyed(FORM))

    assert response.status_code == 403
    assert not Decision.objects.exists()


# An escalated item ----------------------------------------------------------------------


def test_an_escalated_item_prefills_the_form_from_the_original_decision(login, escalated_item, chair):
    response = login(chair).get(f"{url(escalated_item.meeting)}?agenda_item={escalated_item.pk}")

    form = response.context["form"]
    assert form.initial["text"] == "Nieuwe wagen"
    assert form.initial["domain"] == "finance"
    assert form.initial["amount_eur"] == Decimal("7500.00")
    assertContains(response, f'name="agenda_item" value="{escalated_item.pk}"')


def test_the_body_with_the_mandate_takes_the_escalated_decision_on_its_item(login, escalated_item, chair):
    target = escalated_item.meeting
    login(chair).post(
        url(target), keyed({**FORM, "text": "Nieuwe wagen", "amount_eur": "7500", "agenda_item": escalated_item.pk})
    )

    decision = Decision.objects.get(meeting=target)
    assert (decision.status, decision.agenda_item) == ("open", escalated_item)


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_a_meeting_with_1_or_10_items(
    login, meeting, voting_member, size, django_assert_max_num_queries
):
    items = [AgendaItemFactory(meeting=meeting) for _ in range(size)]
    client = login(voting_member)
    client.get(url(meeting))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, meeting with
    # body, the user's and groups' grants on the body, the agenda item, whether
    # the body decides.
    with django_assert_max_num_queries(10):
        response = client.get(f"{url(meeting)}?agenda_item={items[-1].pk}")
    assert response.status_code == 200
