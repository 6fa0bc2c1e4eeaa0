"""Sessions end after 30 minutes without activity or 12 hours after signing in; the login page says why."""

import time

import pytest
from django.urls import reverse

from bodies.tests.factories import PASSWORD
from calendars.tests.factories import FeedTokenFactory
from calendars.tests.helpers import personal_url
from governance.sessions import LOGIN_AT, SEEN_AT, duration

pytestmark = pytest.mark.django_db

PAGE = reverse("calendars:subscription")  # any page behind the login
IDLE = "Je was 30 minuten niet actief en bent afgemeld."
TOO_LONG = "Je sessie duurde langer dan 12 uur en is afgesloten."


class Clock:
    def __init__(self):
        self.now = time.time()

    def advance(self, *, minutes=0, hours=0):
        self.now += minutes * 60 + hours * 3600


@pytest.fixture
def clock(monkeypatch):
    """time.time() stands still until the test advances it."""
    fixed = Clock()
    monkeypatch.setattr(time, "time", lambda: fixed.now)
    return fixed


@pytest.fixture
def signed_in(clock, client, outsider):
    client.force_login(outsider)
    return client


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_session_idle_just_under_30_minutes_goes_on(clock, signed_in):
    clock.advance(minutes=29)
    assert signed_in.get(PAGE).status_code == 200
    assert is_signed_in(signed_in)


def test_a_session_idle_for_more_than_30_minutes_is_signed_out(clock, signed_in):
    clock.advance(minutes=31)
    response = signed_in.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={PAGE}"
    assert not is_signed_in(signed_in)


def test_the_login_page_says_the_session_ended_for_inactivity(clock, signed_in):
    clock.advance(minutes=31)
    response = signed_in.get(PAGE, follow=True)
    assert response.request["PATH_INFO"] == reverse("login")
    assert IDLE in response.content.decode()
    # Said once: the next visit of the login page is silent.
    assert IDLE not in signed_in.get(reverse("login")).content.decode()


def test_activity_extends_the_idle_window(clock, signed_in):
    for _ in range(4):
        clock.advance(minutes=20)
        assert signed_in.get(PAGE).status_code == 200
    assert is_signed_in(signed_in)


def test_activity_is_written_at_most_once_a_minute(clock, signed_in):
    signed_in.get(PAGE)
    seen = signed_in.session[SEEN_AT]
    clock.advance(minutes=0.5)
    signed_in.get(PAGE)
    assert signed_in.session[SEEN_AT] == seen
    clock.advance(minutes=1)
    signed_in.get(PAGE)
    assert signed_in.session[SEEN_AT] == clock.now


def test_a_session_older_than_12_hours_is_signed_out_however_active(clock, signed_in):
    statuses = []
    for _ in range(29):  # a request every 25 minutes, 12 hours and 5 minutes long
        clock.advance(minutes=25)
        statuses.append(signed_in.get(PAGE).status_code)
    assert statuses == [200] * 28 + [302]
    assert not is_signed_in(signed_in)


def test_the_login_page_says_the_session_lasted_too_long(clock, signed_in):
    session = signed_in.session
    session[LOGIN_AT] = clock.now - 12 * 3600 - 60
    session.save()
    html = signed_in.get(PAGE, follow=True).content.decode()
    assert TOO_LONG in html and IDLE not in html


def test_signing_in_through_the_form_starts_both_clocks(clock, client, outsider):
    response = client.post(reverse("login"), {"username": "outsider", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[LOGIN_AT] == client.session[SEEN_AT] == clock.now


def test_a_session_from_before_the_policy_starts_its_clocks_on_the_next_request(clock, signed_in):
    session = signed_in.session
    del session[LOGIN_AT], session[SEEN_AT]
    session.save()
    assert signed_in.get(PAGE).status_code == 200
    assert signed_in.session[LOGIN_AT] == signed_in.session[SEEN_AT] == clock.now


def test_an_htmx_request_after_the_timeout_gets_an_hx_redirect_to_the_login_page(clock, signed_in):
    clock.advance(minutes=31)
    response = signed_in.post(
        PAGE, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{PAGE}?tab=links"
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next=/calendar/%3Ftab%3Dlinks"
    assert not is_signed_in(signed_in)
    assert IDLE in signed_in.get(reverse("login")).content.decode()


def test_the_public_pages_still_answer_an_expired_session(clock, signed_in, outsider):
    token = FeedTokenFactory(user=outsider).token
    clock.advance(minutes=31)
    assert signed_in.get(personal_url(token)).status_code == 200
    assert signed_in.get("/healthz").status_code == 200
    assert signed_in.get(reverse("login")).status_code == 200


def test_a_feed_or_healthz_without_any_session_is_left_alone(clock, client, outsider):
    token = FeedTokenFactory(user=outsider).token
    assert client.get(personal_url(token)).status_code == 200
    assert client.get("/healthz").status_code == 200
    assert not client.cookies.get("sessionid")


def test_the_timeouts_are_settings(clock, signed_in, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    clock.advance(minutes=11)
    html = signed_in.get(PAGE, follow=True).content.decode()
    assert "Je was 10 minuten niet actief en bent afgemeld." in html


@pytest.mark.parametrize(
    "seconds, text", [(60, "1 minuut"), (1800, "30 minuten"), (5400, "90 minuten"), (3600, "1 uur"), (43200, "12 uur")]
)
def test_durations_read_as_minutes_or_whole_hours(seconds, text):
    assert duration(seconds) == text
