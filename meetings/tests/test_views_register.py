"""The decision register: final decisions of the network or of one body, searchable and filterable."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import MandateFactory
from meetings.models import Decision
from meetings.services.decisions import decision_close, decision_propose, decision_vote
from meetings.tests.factories import MeetingFactory
from meetings.tests.helpers import body, main_html, meeting_of, person, present

pytestmark = pytest.mark.django_db


def url(network, **query):
    base = reverse("meetings:decision_register", kwargs={"network": network.slug})
    return base + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def body_url(network, slug="kernteam"):
    return reverse("meetings:body_decision_register", kwargs={"network": network.slug, "body": slug})


def take(meeting, text, *, domain="finance", choice="for", voter=None, closer=None):
    """A decision proposed, voted on by one present voting member, and closed."""
    decision = decision_propose(meeting=meeting, domain=domain, text=text, amount_eur=None, by=None)
    decision_vote(decision=decision, person=person(voter), choice=choice)
    return decision_close(decision=decision, by=closer)


@pytest.fixture
def kernteam_meeting(network, voting_member):
    meeting = meeting_of(network, day=datetime.date(2026, 3, 10))
    present(meeting, voting_member)
    return meeting


@pytest.fixture
def beleidsgroep_meeting(network, voting_member):
    meeting = meeting_of(network, seed.BELEIDSGROEP, datetime.date(2026, 5, 20))
    present(meeting, voting_member)
    return meeting


@pytest.fixture
def register(kernteam_meeting, beleidsgroep_meeting, voting_member):
    """Three final decisions and one still open."""
    take(kernteam_meeting, "Laptops voor de gezinscoaches", voter=voting_member)
    take(kernteam_meeting, "Vervanging tijdens verlof", domain="staff", choice="against", voter=voting_member)
    take(beleidsgroep_meeting, "Jaarplanning 2027 goedgekeurd", domain="policy", voter=voting_member)
    decision_propose(
        meeting=beleidsgroep_meeting, domain="policy", text="Nog in stemming", amount_eur=None, by=None
    )


# Who sees it ----------------------------------------------------------------------------


def test_it_redirects_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404
    assert login(other_network_member).get(body_url(network)).status_code == 404


def test_it_answers_404_for_another_networks_body(login, network, coordinator, other_network_member):
    assert login(coordinator).get(body_url(network, "stuurgroep")).status_code == 404


def test_it_is_for_every_member_of_the_network(login, network, register, forum_member):
    response = login(forum_member).get(url(network))

    assertContains(response, "Laptops voor de gezinscoaches")


# What it lists --------------------------------------------------------------------------


def test_it_lists_adopted_and_rejected_decisions_but_not_open_ones(login, network, register, forum_member):
    page = main_html(login(forum_member).get(url(network)))

    assert "Aangenomen" in page and "Verworpen" in page
    assert "Nog in stemming" not in page
    assert "3 besluiten" in page


def test_it_shows_the_mandate_each_decision_rests_on(login, network, register, forum_member):
    page = main_html(login(forum_member).get(url(network)))

    assert "Kunnen dag-dagelijkse beslissingen nemen binnen een afgesproken kader" in page
    assert "Heeft de beslissingsbevoegdheid vergelijkbaar met het niveau van een raad van bestuur" in page


def test_it_leaves_out_another_networks_decisions(login, network, register, other_network_member, forum_member):
    elsewhere = MeetingFactory(body=Body.objects.get(network__slug="ander-netwerk"))
    MandateFactory(body=elsewhere.body)
    decision_propose(meeting=elsewhere, domain="finance", text="Elders genomen", amount_eur=None, by=None)
    Decision.objects.filter(text="Elders genomen").update(status="adopted")

    assertNotContains(login(forum_member).get(url(network)), "Elders genomen")


def test_it_searches_the_text(login, network, register, forum_member):
    page = main_html(login(forum_member).get(url(network, q="laptops")))

    assert "Laptops voor de gezinscoaches" in page
    assert "Jaarplanning" not in page


def test_it_filters_by_body(login, network, register, forum_member):
    beleidsgroep = body(network, seed.BELEIDSGROEP)

    page = main_html(login(forum_member).get(url(network, body=beleidsgroep.pk)))

    assert "Jaarplanning 2027 goedgekeurd" in page
    assert "Laptops" not in page


def test_it_refuses_another_networks_body_as_a_filter(login, network, register, other_network_member, forum_member):
    elsewhere = Body.objects.get(network__slug="ander-netwerk")

    response = login(forum_member).get(url(network, body=elsewhere.pk))

    assert "body" in response.context["form"].errors
    assert "3 besluiten" in main_html(response)


def test_it_filters_by_domain(login, network, register, forum_member):
    page = main_html(login(forum_member).get(url(network, domain="staff")))

    assert "Vervanging tijdens verlof" in page
    assert "Laptops" not in page


def test_it_filters_by_period_inclusive(login, network, register, forum_member):
    page = main_html(login(forum_member).get(url(network, date_from="2026-05-20", date_to="2026-05-20")))

    assert "Jaarplanning 2027 goedgekeurd" in page
    assert "Laptops" not in page


def test_an_end_before_the_start_is_an_error_in_dutch(login, network, register, forum_member):
    response = login(forum_member).get(url(network, date_from="2026-06-01", date_to="2026-01-01"))

    assert response.context["form"].errors == {"date_to": ["De einddatum ligt vóór de begindatum."]}
    assertContains(response, "De einddatum ligt vóór de begindatum.")


def test_it_escapes_a_search_text_and_decision_texts(login, network, kernteam_meeting, voting_member, forum_member):
    take(kernteam_meeting, "<b>Vet</b> besluit", voter=voting_member)

    response = login(forum_member).get(url(network, q="<script>"))

    assert 'value="&lt;script&gt;"' in response.content.decode()
    assertContains(login(forum_member).get(url(network)), "&lt;b&gt;Vet&lt;/b&gt; besluit")


def test_it_pages_by_fifty(login, network, kernteam_meeting, voting_member, forum_member):
    for number in range(51):
        take(kernteam_meeting, f"Besluit nummer {number:02d}", voter=voting_member)

    first = main_html(login(forum_member).get(url(network)))
    second = main_html(login(forum_member).get(url(network, page=2)))

    assert first.count("Besluit nummer") == 50
    assert "Pagina 1 van 2" in first
    assert second.count("Besluit nummer") == 1


def test_the_next_page_link_keeps_the_filters(login, network, kernteam_meeting, voting_member, forum_member):
    for number in range(51):
        take(kernteam_meeting, f"Besluit nummer {number:02d}", voter=voting_member)

    assertContains(login(forum_member).get(url(network, q="nummer")), 'href="?q=nummer&amp;page=2"')


# One body's register --------------------------------------------------------------------


def test_a_bodys_register_lists_only_that_bodys_decisions(login, network, register, forum_member):
    page = main_html(login(forum_member).get(body_url(network, "beleidsgroep")))

    assert "Besluitenlijst van Beleidsgroep" in page
    assert "Jaarplanning 2027 goedgekeurd" in page
    assert "Laptops" not in page
    assert 'name="body"' not in page


def test_a_bodys_register_ignores_a_posted_body(login, network, register, forum_member):
    kernteam = body(network)

    page = main_html(login(forum_member).get(body_url(network, "beleidsgroep") + f"?body={kernteam.pk}"))

    assert "Laptops" not in page


@pytest.mark.parametrize("size", [1, 12])
def test_it_runs_the_same_number_of_queries_for_1_or_12_decisions_on_several_bodies(
    login, network, kernteam_meeting, beleidsgroep_meeting, voting_member, forum_member, size,
    django_assert_max_num_queries,
):
    for number in range(size):
        take(kernteam_meeting, f"K {number}", voter=voting_member)
        take(beleidsgroep_meeting, f"B {number}", domain="policy", voter=voting_member)
    client = login(forum_member)
    client.get(url(network))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, the count,
    # the page of decisions with body, meeting, mandate and its version, the
    # bodies for the filter.
    with django_assert_max_num_queries(8):
        response = client.get(url(network, domain="", q=""))
    assert main_html(response).count("<th scope=\"row\"") == 2 * size


@pytest.mark.parametrize("size", [1, 12])
def test_a_bodys_register_runs_the_same_number_of_queries_for_1_or_12_decisions(
    login, network, kernteam_meeting, voting_member, forum_member, size, django_assert_max_num_queries
):
    for number in range(size):
        take(kernteam_meeting, f"K {number}", voter=voting_member)
    client = login(forum_member)
    client.get(body_url(network))  # content types cached, as in a running server

    # session, user, network, the user's and groups' grants on it, body, the
    # count, the page of decisions.
    with django_assert_max_num_queries(8):
        response = client.get(body_url(network))
    assert main_html(response).count("<th scope=\"row\"") == size
