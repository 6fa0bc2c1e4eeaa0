import datetime
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import (
    BodyFactory,
    MandateFactory,
    NetworkFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def chart_url(network) -> str:
    return reverse("bodies:chart", kwargs={"network": network.slug})


def relations_in_words(response) -> set[str]:
    """The sentences under the chart: "Beleidsgroep delegeert aan Kernteam"."""
    html = response.content.decode()
    section = html.split('id="relations-heading"', 1)[1]
    sentences = set()
    for source, items in re.findall(r'<a class="fw-semibold"[^>]*>([^<]+)</a>\s*<ul>(.*?)</ul>', section, re.S):
        for label, target in re.findall(r"<li>([^<]+?) <a[^>]*>([^<]+)</a></li>", items):
            sentences.add(f"{source} {label} {target}")
    return sentences


def test_it_redirects_anonymous_users_to_login(client, network):
    assertRedirects(client.get(chart_url(network)), f"{reverse('login')}?next={chart_url(network)}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(chart_url(network)).status_code == 404


def test_it_answers_404_for_a_user_in_no_network(login, network, outsider):
    assert login(outsider).get(chart_url(network)).status_code == 404


def test_it_draws_a_box_for_every_active_body(login, network, coordinator):
    response = login(coordinator).get(chart_url(network))

    html = response.content.decode()
    assert html.count('<g class="node ') == len(seed.BODIES)
    for kind in ["core_team", "policy_group", "support_group", "forum"]:
        assert f'<g class="node node-{kind}">' in html


def test_the_chart_is_an_image_with_a_title_and_a_description(login, network, coordinator):
    response = login(coordinator).get(chart_url(network))

    assertContains(response, 'role="img" aria-labelledby="chart-title chart-desc"')
    assertContains(response, '<title id="chart-title">Organogram van Plan-trekkers</title>', html=False)
    assertContains(response, "4 organen met 11 relaties.")


def test_it_shows_the_relations_of_the_seed_in_words(login, network, coordinator):
    response = login(coordinator).get(chart_url(network))

    assert relations_in_words(response) == {
        "Beleidsgroep delegeert aan Kernteam",
        "Beleidsgroep geeft opdrachten aan Inhoudelijke Ondersteuningsgroep",
        "Inhoudelijke Ondersteuningsgroep adviseert Kernteam",
        "Inhoudelijke Ondersteuningsgroep adviseert Beleidsgroep",
        "Netwerk Forum adviseert Kernteam",
        "Netwerk Forum adviseert Beleidsgroep",
        "Netwerk Forum adviseert Inhoudelijke Ondersteuningsgroep",
        "Kernteam zetelt in Inhoudelijke Ondersteuningsgroep",
        "Kernteam zetelt in Netwerk Forum",
        "Beleidsgroep zetelt in Netwerk Forum",
        "Inhoudelijke Ondersteuningsgroep zetelt in Netwerk Forum",
    }


def test_it_draws_an_arrow_for_every_relation(login, network, coordinator):
    response = login(coordinator).get(chart_url(network))

    html = response.content.decode()
    assert html.count('<path class="edge ') == 11
    assert 'class="edge relation-delegates"' in html
    assert 'marker-end="url(#arrow-delegates)"' in html


def test_it_shows_a_working_group_as_steered_by_its_parent(login, network, coordinator):
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    BodyFactory(network=network, name="Werkgroep Vorming", kind=Body.Kind.WORKING_GROUP, parent=support)

    response = login(coordinator).get(chart_url(network))

    assert "Inhoudelijke Ondersteuningsgroep stuurt aan Werkgroep Vorming" in relations_in_words(response)


def test_it_shows_steering_mandates_towards_other_bodies(login, network, coordinator):
    kernteam, forum = Body.objects.filter(network=network, slug__in=["kernteam", "forum"]).order_by("position")
    MandateFactory(body=kernteam, kind=Mandate.Kind.STEER, domains=["communication"]).targets.set([forum])

    response = login(coordinator).get(chart_url(network))

    assert "Kernteam stuurt aan Netwerk Forum" in relations_in_words(response)


def test_it_leaves_out_mandates_that_are_no_longer_valid(login, network, coordinator):
    Mandate.objects.filter(body__slug="beleidsgroep", kind=Mandate.Kind.ASSIGN).update(
        valid_until=datetime.date(2024, 1, 31)
    )

    response = login(coordinator).get(chart_url(network))

    assert "Beleidsgroep geeft opdrachten aan Inhoudelijke Ondersteuningsgroep" not in relations_in_words(response)


def test_it_leaves_out_bodies_that_are_no_longer_active(login, network, coordinator):
    BodyFactory(network=network, name="Oude stuurgroep", active_until=datetime.date(2023, 1, 31))

    response = login(coordinator).get(chart_url(network))

    assertNotContains(response, "Oude stuurgroep")


def test_it_draws_numbers_without_decimal_commas(login, network, coordinator):
    # The interface is Dutch; SVG coordinates must still use a decimal point.
    response = login(coordinator).get(chart_url(network))

    html = response.content.decode()
    assert not re.search(r'<rect x="\d+,\d', html)
    assert not re.search(r'viewBox="[^"]*,', html)


def test_it_says_so_when_no_relation_is_recorded(login, coordinator):
    network = NetworkFactory()
    PersonFactory(network=network, user=coordinator)
    BodyFactory(network=network)

    response = login(coordinator).get(chart_url(network))

    assertContains(response, "Er zijn nog geen relaties tussen de organen vastgelegd.")


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_bodies(client, size, django_assert_max_num_queries):
    network = NetworkFactory()
    user = UserFactory()
    PersonFactory(network=network, user=user)
    top = BodyFactory(network=network, kind=Body.Kind.POLICY_GROUP)
    for _index in range(size):
        body = BodyFactory(network=network)
        MandateFactory(body=body, delegated_by=top)
        MandateFactory(body=body, kind=Mandate.Kind.ADVISE, domains=["policy"]).targets.set([top])
        SeatFactory(body=top, filled_by_body=body)
        BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body)
    client.force_login(user)

    # session, user, network, its content type (cached after a first request), the user's and groups' grants on it, bodies, mandates valid today,
    # their targets, seats filled by another body.
    with django_assert_max_num_queries(10):
        response = client.get(chart_url(network))
    assert response.status_code == 200
