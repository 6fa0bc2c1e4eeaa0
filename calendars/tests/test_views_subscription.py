"""The "Agenda-abonnement" page: the links to copy, making a new one and revoking it."""

import re

import pytest
from django.urls import reverse

from core.tests.helpers import keyed
from bodies.tests.factories import BodyFactory
from calendars.models import FeedToken
from calendars.services import feed_token_create
from calendars.tests.helpers import personal_url
from meetings.tests.helpers import csrf_client, main_html, messages_of

pytestmark = pytest.mark.django_db

PAGE = reverse("calendars:subscription")
NEW = reverse("calendars:token_new")
REVOKE = reverse("calendars:token_revoke")


def feed_links(html: str) -> list[str]:
    return re.findall(r'value="(http://testserver/calendar/feed/[^"]+)"', html)


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_without_a_link_the_page_offers_to_make_one(login, voting_member):
    response = login(voting_member).get(PAGE)

    html = main_html(response)
    assert "Je hebt nog geen agendalink" in html
    assert f'action="{NEW}"' in html
    assert feed_links(html) == []


def test_making_a_link_shows_it_with_its_webcal_variant_and_a_message(login, voting_member):
    client = login(voting_member)

    response = client.post(NEW, keyed(), follow=True)

    token = FeedToken.objects.live().get(user=voting_member).token
    assert messages_of(response) == ["Je agendalink is klaar. Kopieer hem naar je agenda-app."]
    html = main_html(response)
    assert f"http://testserver/calendar/feed/{token}/mine.ics" in html
    assert f'href="webcal://testserver/calendar/feed/{token}/mine.ics"' in html
    assert "Kernteam" in html and "Beleidsgroep" in html
    assert client.get(personal_url(token)).status_code == 200


def test_the_page_lists_network_and_body_feeds_of_the_own_networks_only(login, voting_member, other_network):
    BodyFactory(network=other_network, name="Stuurgroep elders", slug="elders")
    feed_token, _ = feed_token_create(user=voting_member)

    html = main_html(login(voting_member).get(PAGE))

    links = feed_links(html)
    token = feed_token.token
    assert f"http://testserver/calendar/feed/{token}/n/plantrekkers.ics" in links
    assert f"http://testserver/calendar/feed/{token}/n/plantrekkers/beleidsgroep.ics" in links
    assert f"http://testserver/calendar/feed/{token}/n/plantrekkers/forum.ics" in links
    assert "ander-netwerk" not in html and "Stuurgroep elders" not in html


def test_a_new_link_kills_the_old_one_on_the_next_request(login, voting_member):
    client = login(voting_member)
    old, _ = feed_token_create(user=voting_member)

    response = client.post(NEW, keyed(), follow=True)

    assert messages_of(response) == [
        "Je hebt een nieuwe agendalink. De vorige werkt niet meer: vervang hem in je agenda-app."
    ]
    new = FeedToken.objects.live().get(user=voting_member)
    assert new.token != old.token
    assert client.get(personal_url(old.token)).status_code == 404
    assert client.get(personal_url(new.token)).status_code == 200
    assert old.token not in main_html(response)
    assert "Eerdere links" in main_html(response)


def test_revoking_kills_the_link_and_the_page_offers_a_new_one(login, voting_member):
    client = login(voting_member)
    feed_token, _ = feed_token_create(user=voting_member)

    response = client.post(REVOKE, follow=True)

    assert messages_of(response) == [
        "Je agendalink is ingetrokken. Agenda's die hem gebruiken, krijgen geen vergaderingen meer."
    ]
    assert client.get(personal_url(feed_token.token)).status_code == 404
    html = main_html(response)
    assert "Je hebt nog geen agendalink" in html
    assert feed_links(html) == []
    assert "ingetrokken op" in html


def test_revoking_without_a_link_says_so(login, voting_member):
    response = login(voting_member).post(REVOKE, follow=True)
    assert messages_of(response) == ["Je had geen actieve agendalink."]


def test_making_and_revoking_are_post_only_and_need_the_csrf_token(login, voting_member):
    client = login(voting_member)
    assert client.get(NEW).status_code == 405
    assert client.get(REVOKE).status_code == 405
    assert csrf_client(voting_member).post(NEW, keyed()).status_code == 403
    assert not FeedToken.objects.exists()


def test_a_login_outside_every_network_gets_a_personal_link_only(login, outsider):
    login(outsider).post(NEW, keyed())
    html = main_html(login(outsider).get(PAGE))
    assert len(feed_links(html)) == 1
    assert "Per netwerk en per orgaan" not in html


@pytest.mark.parametrize("extra_bodies", [0, 12])
def test_the_page_costs_the_same_queries_for_few_and_many_bodies(
    login, network, voting_member, extra_bodies, django_assert_num_queries
):
    for i in range(extra_bodies):
        BodyFactory(network=network, name=f"Werkgroep {i}", slug=f"werkgroep-{i}")
    feed_token_create(user=voting_member)
    feed_token_create(user=voting_member)  # one in the history too
    client = login(voting_member)
    # 1 session; 2 user; 3 the user's links (live and revoked); 4 the bodies of the user's
    # networks with their network; 5 the user's bodies today. (No network on the page, so
    # the menu asks no {% may %}.)
    with django_assert_num_queries(5):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert len(feed_links(main_html(response))) == 1 + 1 + 4 + extra_bodies
