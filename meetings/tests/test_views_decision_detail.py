"""One decision: its meeting, mandate, votes and history; final ones for the network, others for insiders."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import MandateFactory
from core.tests.helpers import keyed
from meetings.services.decisions import decision_close, decision_escalate, decision_propose, decision_vote
from meetings.tests.factories import MeetingFactory
from meetings.tests.helpers import MEETING_DAY, kernteam_limit, main_html, meeting_of, person, present

pytestmark = pytest.mark.django_db


def url(decision, network=None):
    network = network or decision.meeting.body.network
    return reverse("meetings:decision", kwargs={"network": network.slug, "pk": decision.pk})


def propose(meeting, text="Aankoop van laptops", amount=None, by=None):
    return decision_propose(
        meeting=meeting, domain="finance", text=text, amount_eur=amount and Decimal(amount), by=by
    )


@pytest.fixture
def meeting(network):
    return meeting_of(network)


@pytest.fixture
def adopted(meeting, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    decision = propose(meeting)
    decision_vote(decision=decision, person=person(voting_member), choice="for")
    decision_vote(decision=decision, person=person(coordinator), choice="abstain")
    return decision_close(decision=decision, by=coordinator)


@pytest.fixture
def refused(network, meeting):
    kernteam_limit(network)
    return propose(meeting, text="Nieuwe wagen", amount="7500")


# Who sees it ----------------------------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client, adopted):
    assertRedirects(client.get(url(adopted)), f"{reverse('login')}?next={url(adopted)}")


def test_it_answers_404_for_a_member_of_another_network(login, adopted, other_network_member):
    assert login(other_network_member).get(url(adopted)).status_code == 404


def test_it_answers_404_for_another_networks_decision(login, network, other_network_member, coordinator):
    elsewhere = MeetingFactory(body=Body.objects.get(network__slug="ander-netwerk"))
    MandateFactory(body=elsewhere.body)

    assert login(coordinator).get(url(propose(elsewhere), network)).status_code == 404


def test_a_final_decision_is_visible_to_every_member_of_the_network(login, adopted, forum_member):
    assert login(forum_member).get(url(adopted)).status_code == 200


def test_an_open_decision_is_for_the_bodys_insiders(login, meeting, forum_member, voting_member):
    decision = propose(meeting)

    assert login(forum_member).get(url(decision)).status_code == 403
    assert login(voting_member).get(url(decision)).status_code == 200


def test_an_out_of_mandate_decision_is_hidden_from_a_member_of_another_body(login, refused, member_without_vote):
    assert login(member_without_vote).get(url(refused)).status_code == 403


def test_an_escalated_decision_is_visible_to_members_of_the_body_it_was_put_before(
    login, network, refused, coordinator, member_without_vote
):
    meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=refused, by=coordinator)

    assert login(member_without_vote).get(url(refused)).status_code == 200


# What it shows --------------------------------------------------------------------------


def test_it_shows_meeting_body_domain_status_and_counts(login, adopted, forum_member):
    page = main_html(login(forum_member).get(url(adopted)))

    assert "Kernteam" in page
    assert '<time datetime="2026-12-01">1 december 2026</time>' in page
    assert "<dt>Domein</dt><dd>Financiën</dd>" in page
    assert "<dt>Status</dt><dd>Aangenomen</dd>" in page
    assert "<dt>Voor</dt><dd>1</dd>" in page
    assert "<dt>Tegen</dt><dd>0</dd>" in page
    assert "<dt>Onthoudingen</dt><dd>1</dd>" in page
    assert "2 van 2 stemgerechtigde leden" in page


def test_it_links_the_meeting_only_for_those_who_may_see_it(login, adopted, forum_member, voting_member):
    meeting_url = adopted.meeting.get_absolute_url()

    assert f'href="{meeting_url}"' not in main_html(login(forum_member).get(url(adopted)))
    assert f'href="{meeting_url}"' in main_html(login(voting_member).get(url(adopted)))


def test_it_shows_the_mandate_it_rests_on_with_limit_and_validity(login, network, meeting, voting_member):
    mandate = kernteam_limit(network)
    mandate.valid_from = datetime.date(2023, 2, 1)
    mandate.save()
    decision = propose(meeting, amount="4000")

    response = login(voting_member).get(url(decision))

    assertContains(response, "Steunt op mandaat")
    assertContains(response, "Kunnen dag-dagelijkse beslissingen nemen binnen een afgesproken kader")
    assertContains(response, "€ 5.000,00")
    assertContains(response, "vanaf 1 februari 2023")


def test_a_later_change_to_the_mandate_does_not_rewrite_what_the_decision_rested_on(
    login, network, meeting, voting_member
):
    mandate = kernteam_limit(network)
    decision = propose(meeting, amount="4000")
    mandate.limit_eur = Decimal("100")
    mandate.save()

    response = login(voting_member).get(url(decision))

    assertContains(response, "€ 5.000,00")
    assertNotContains(response, "€ 100,00")


def test_an_out_of_mandate_decision_shows_the_refusal_and_where_it_went(
    login, network, refused, coordinator
):
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    decision_escalate(decision=refused, by=coordinator)

    response = login(coordinator).get(url(refused))

    assertContains(response, "Dit mandaat ligt bij Beleidsgroep.")
    assertContains(response, f'href="{target.get_absolute_url()}"')


def test_the_coordinator_escalates_from_the_refused_decision_and_comes_back_to_it(
    login, network, refused, coordinator
):
    target = meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    client = login(coordinator)

    page = main_html(client.get(url(refused)))
    assert "Voorleggen aan Beleidsgroep" in page
    assert f'name="next" value="{url(refused)}"' in page

    response = client.post(
        reverse("meetings:decision_escalate", kwargs={"network": network.slug, "pk": refused.pk}), {"next": url(refused)}
    )
    assertRedirects(response, url(refused))
    refused.refresh_from_db()
    assert refused.escalated_to.meeting == target


def test_a_member_of_the_body_does_not_find_the_escalation_button(login, network, refused, voting_member):
    meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))

    assertNotContains(login(voting_member).get(url(refused)), "Voorleggen aan")


def taken_by_the_holder(network, refused, coordinator, voting_member, choice):
    """The Beleidsgroep takes the escalated decision in its meeting of today and votes on it."""
    target = meeting_of(network, seed.BELEIDSGROEP, timezone.localdate())
    item = decision_escalate(decision=refused, by=coordinator)
    present(target, voting_member)
    taken = decision_propose(
        meeting=target, domain="finance", text=refused.text, amount_eur=refused.amount_eur, by=None,
        agenda_item=item,
    )
    decision_vote(decision=taken, person=person(voting_member), choice=choice)
    return decision_close(decision=taken, by=coordinator)


def test_the_original_decision_links_the_decision_the_holder_adopted(
    login, network, refused, coordinator, voting_member
):
    taken = taken_by_the_holder(network, refused, coordinator, voting_member, "for")

    page = main_html(login(coordinator).get(url(refused)))

    day = date_format(timezone.localdate(), "j F Y")
    assert f'<a href="{url(taken)}">Aangenomen door Beleidsgroep op {day}</a>' in page
    assert "Voorleggen aan" not in page


def test_the_original_decision_says_when_the_holder_rejected_it(login, network, refused, coordinator, voting_member):
    taken = taken_by_the_holder(network, refused, coordinator, voting_member, "against")

    page = main_html(login(coordinator).get(url(refused)))

    day = date_format(timezone.localdate(), "j F Y")
    assert f'<a href="{url(taken)}">Verworpen door Beleidsgroep op {day}</a>' in page


def test_while_the_holder_votes_the_original_decision_says_so(login, network, refused, coordinator):
    meeting_of(network, seed.BELEIDSGROEP, MEETING_DAY + datetime.timedelta(days=7))
    item = decision_escalate(decision=refused, by=coordinator)
    taken = decision_propose(
        meeting=item.meeting, domain="finance", text="x", amount_eur=refused.amount_eur, by=None,
        agenda_item=item,
    )

    page = main_html(login(coordinator).get(url(refused)))

    assert f'<a href="{url(taken)}">In stemming bij Beleidsgroep, vergadering van 8 december 2026</a>' in page


def test_the_history_says_who_changed_what(login, network, meeting, coordinator, voting_member):
    present(meeting, coordinator, voting_member)
    propose_url = reverse("meetings:decision_propose", kwargs={"network": network.slug, "meeting": meeting.pk})
    login(voting_member).post(propose_url, keyed({"domain": "finance", "text": "Laptops"}))
    decision = meeting.decisions.get()
    login(coordinator).post(reverse("meetings:decision_close", kwargs={"network": network.slug, "pk": decision.pk}))

    page = main_html(login(coordinator).get(url(decision)))

    history = page[page.index('id="history-heading"'):]
    assert "<strong>Voorgesteld</strong>" in history and "Tom Janssens" in history
    assert "Status: In stemming → Verworpen" in history
    assert history.index("Tom Janssens") < history.index("Sara Peeters")


def test_the_history_gives_times_in_the_networks_time_zone(login, adopted, coordinator):
    closed_at = date_format(timezone.localtime(adopted.closed_at), "j F Y H:i")

    page = main_html(login(coordinator).get(url(adopted)))

    assert f"Afgesloten op: — → {closed_at}" in page


def test_it_escapes_html_in_the_text(login, meeting, voting_member):
    decision = propose(meeting, text="<script>alert('x')</script>")

    response = login(voting_member).get(url(decision))

    assertNotContains(response, "<script>alert(")
    assertContains(response, "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;")


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_changes_in_its_history(
    login, meeting, voting_member, size, django_assert_max_num_queries
):
    decision = propose(meeting)
    for number in range(size):
        decision.text = f"Versie {number}"
        decision.save()
    client = login(voting_member)
    client.get(url(decision))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, decision with
    # meeting, body, agenda item, mandate, its version, holder, escalation and
    # author; the user's and groups' grants on the body; the history with users.
    with django_assert_max_num_queries(9):
        response = client.get(url(decision))
    assert response.content.decode().count("<strong>Gewijzigd</strong>") == size
