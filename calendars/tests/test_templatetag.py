"""{% calendar_link %}: the card for "Mijn overzicht" shows the live link, or the way to make one."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from calendars.services import feed_token_create, feed_token_revoke

pytestmark = pytest.mark.django_db


def render(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load calendars %}{% calendar_link %}").render(Context({"request": request}))


def test_the_card_shows_the_live_link_to_copy(voting_member, django_assert_num_queries):
    feed_token, _ = feed_token_create(user=voting_member)
    with django_assert_num_queries(1):  # the live link
        html = render(voting_member)
    assert f'value="http://testserver/calendar/feed/{feed_token.token}/mine.ics"' in html
    assert f'href="webcal://testserver/calendar/feed/{feed_token.token}/mine.ics"' in html
    assert 'href="/calendar/"' in html


def test_without_a_live_link_the_card_leads_to_the_page(voting_member):
    feed_token_create(user=voting_member)
    feed_token_revoke(user=voting_member)
    html = render(voting_member)
    assert "/calendar/feed/" not in html
    assert "Agendalink maken" in html
