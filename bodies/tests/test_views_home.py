import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies.tests.factories import NetworkFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_users_to_login(client):
    assertRedirects(client.get(reverse("home")), f"{reverse('login')}?next=/")


def test_it_sends_a_member_of_one_network_straight_to_it(login, network, coordinator, other_network):
    response = login(coordinator).get(reverse("home"))

    assertRedirects(response, network.get_absolute_url())


def test_it_lists_the_networks_of_someone_in_several(login, network, coordinator, other_network):
    PersonFactory(network=other_network, user=coordinator)
    NetworkFactory(name="Netwerk zonder Sara")

    response = login(coordinator).get(reverse("home"))

    assertContains(response, f'href="{network.get_absolute_url()}"')
    assertContains(response, f'href="{other_network.get_absolute_url()}"')
    assertNotContains(response, "Netwerk zonder Sara")


def test_it_lists_every_network_for_a_superuser(login, network, other_network, network_admin):
    response = login(network_admin).get(reverse("home"))

    assertContains(response, network.name)
    assertContains(response, other_network.name)


def test_it_tells_a_user_in_no_network_whom_to_ask(login, network, outsider):
    response = login(outsider).get(reverse("home"))

    assert response.status_code == 200
    assertContains(response, "Je bent nog geen lid van een netwerk.")
    assertNotContains(response, network.name)


@pytest.mark.parametrize("size", [2, 10])
def test_it_runs_the_same_number_of_queries_for_2_or_10_networks(login, network_admin, size, django_assert_max_num_queries):
    NetworkFactory.create_batch(size)
    client = login(network_admin)

    # session, user, the authenticator that verified the session (django-otp), networks.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("home"))
    assert response.status_code == 200
