"""The calendar feeds behind the secret link, fetched without a login as a calendar app does."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from bodies.access import access_sync_network
from bodies.models import Body, Membership, Person
from bodies.tests.factories import BodyFactory
from calendars.services import feed_token_create, feed_token_revoke
from core.languages import language_preference_set
from calendars.tests.factories import FeedTokenFactory
from calendars.tests.helpers import body_url, network_url, parse_feed, personal_url
from meetings.tests.factories import MeetingFactory
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def body(network, slug: str) -> Body:
    return Body.objects.get(network=network, slug=slug)


@pytest.fixture
def token(voting_member):
    """Tom Janssens sits in the Kernteam and the Beleidsgroep."""
    return FeedTokenFactory(user=voting_member).token


@pytest.fixture
def meetings(network):
    return {
        "kernteam": MeetingFactory(body=body(network, "kernteam"), date=day(7), start_time=datetime.time(9)),
        "beleidsgroep": MeetingFactory(body=body(network, "beleidsgroep"), date=day(14), start_time=datetime.time(14)),
        "forum": MeetingFactory(body=body(network, "forum"), date=day(21)),
    }


def uids(calendar) -> set[str]:
    return {str(event["UID"]) for event in calendar.walk("VEVENT")}


def uid(meeting) -> str:
    return f"meeting-{meeting.pk}@governance.plan-trekkers"


def event_of(calendar, meeting):
    return next(event for event in calendar.walk("VEVENT") if str(event["UID"]) == uid(meeting))


def test_the_personal_feed_answers_anyone_with_the_link_without_a_login(client, token, meetings):
    response = client.get(personal_url(token))

    calendar = parse_feed(response)
    assert str(calendar["X-WR-CALNAME"]) == "Mijn vergaderingen"
    assert response["Cache-Control"] == "private, no-store"
    assert "noindex" in response["X-Robots-Tag"]


def test_the_feed_speaks_the_language_its_owner_chose_on_the_site(client, voting_member, token, meetings):
    language_preference_set(user=voting_member, language="en")

    response = client.get(personal_url(token), HTTP_ACCEPT_LANGUAGE="nl")

    calendar = parse_feed(response)
    assert str(calendar["X-WR-CALNAME"]) == "My meetings"
    assert str(event_of(calendar, meetings["kernteam"])["SUMMARY"]) == "Kernteam – meeting"
    assert response["Content-Language"] == "en"


def test_the_feed_does_not_follow_the_calendar_apps_language(client, token, meetings):
    response = client.get(personal_url(token), HTTP_ACCEPT_LANGUAGE="en")

    calendar = parse_feed(response)
    assert str(calendar["X-WR-CALNAME"]) == "Mijn vergaderingen"
    assert str(event_of(calendar, meetings["kernteam"])["SUMMARY"]) == "Kernteam – vergadering"
    assert response["Content-Language"] == "nl"


def test_the_body_feed_speaks_its_owners_language_too(client, voting_member, token, meetings):
    language_preference_set(user=voting_member, language="en")

    calendar = parse_feed(client.get(body_url(token, "kernteam"), HTTP_ACCEPT_LANGUAGE="nl"))

    assert str(event_of(calendar, meetings["kernteam"])["SUMMARY"]) == "Kernteam – meeting"


def test_the_personal_feed_holds_only_the_meetings_of_the_owners_bodies(client, network, token, meetings):
    MeetingFactory(body=BodyFactory(network=network, name="Werkgroep zonder Tom"), date=day(3))
    calendar = parse_feed(client.get(personal_url(token)))

    # The Forum is Tom's ex officio: the Kernteam fills one of its seats.
    expected = {uid(meetings["kernteam"]), uid(meetings["beleidsgroep"]), uid(meetings["forum"])}
    assert uids(calendar) == expected


def test_the_personal_feed_follows_the_membership_on_the_meeting_date(client, network, voting_member, token):
    kernteam = body(network, "kernteam")
    Membership.objects.filter(person__user=voting_member, body=kernteam).update(end_date=day(10))
    before_end = MeetingFactory(body=kernteam, date=day(5))
    after_end = MeetingFactory(body=kernteam, date=day(15))

    calendar = parse_feed(client.get(personal_url(token)))

    assert uid(before_end) in uids(calendar)
    assert uid(after_end) not in uids(calendar)


def test_the_feeds_reach_back_90_days_and_forward_without_limit(client, network, token):
    kernteam = body(network, "kernteam")
    too_old = MeetingFactory(body=kernteam, date=day(-91))
    recent = MeetingFactory(body=kernteam, date=day(-90))
    far = MeetingFactory(body=kernteam, date=day(400))

    for url in (personal_url(token), network_url(token), body_url(token, "kernteam")):
        calendar = parse_feed(client.get(url))
        assert uid(too_old) not in uids(calendar)
        assert {uid(recent), uid(far)} <= uids(calendar)


def test_a_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_the_new_start(client, token, meetings):
    meeting = meetings["beleidsgroep"]
    before = event_of(parse_feed(client.get(personal_url(token))), meeting)
    # What the move service does to the row.
    Meeting.objects.filter(pk=meeting.pk).update(
        date=day(16), start_time=datetime.time(10, 30), sequence=F("sequence") + 1
    )

    after = event_of(parse_feed(client.get(personal_url(token))), meeting)

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.start.replace(tzinfo=None) == datetime.datetime.combine(day(16), datetime.time(10, 30))
    assert after["DTSTART"].params["TZID"] == "Europe/Brussels"


def test_a_cancelled_meeting_stays_in_every_feed_as_cancelled(client, token, meetings):
    meeting = meetings["beleidsgroep"]
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.CANCELLED, cancel_reason="Geen agendapunten", sequence=F("sequence") + 1
    )

    for url in (personal_url(token), network_url(token), body_url(token)):
        event = event_of(parse_feed(client.get(url)), meeting)
        assert event["STATUS"] == "CANCELLED"
        assert event["SEQUENCE"] == 1
        assert "Geen agendapunten" in str(event["DESCRIPTION"])


def test_events_link_to_the_meeting_page_with_the_full_address(client, token, meetings):
    meeting = meetings["kernteam"]
    event = event_of(parse_feed(client.get(personal_url(token))), meeting)
    assert str(event["URL"]) == f"http://testserver/n/plantrekkers/meetings/{meeting.pk}/"
    assert str(event["URL"]) in str(event["DESCRIPTION"])


def test_the_network_feed_holds_every_body_of_the_network(client, token, meetings, other_network):
    elsewhere = MeetingFactory(body=BodyFactory(network=other_network), date=day(3))

    calendar = parse_feed(client.get(network_url(token)))

    assert uids(calendar) == {uid(m) for m in meetings.values()}
    assert uid(elsewhere) not in uids(calendar)
    assert str(calendar["X-WR-CALNAME"]) == "Plan-trekkers"


def test_the_body_feed_holds_that_body_even_for_a_member_of_another_body(client, forum_member, meetings):
    token = FeedTokenFactory(user=forum_member).token

    calendar = parse_feed(client.get(body_url(token, "beleidsgroep")))

    assert uids(calendar) == {uid(meetings["beleidsgroep"])}
    assert str(calendar["X-WR-CALNAME"]) == "Beleidsgroep – Plan-trekkers"


def test_the_feeds_of_another_network_answer_404(client, token, other_network, other_network_member, meetings):
    BodyFactory(network=other_network, slug="raad")
    assert client.get(network_url(token, network="ander-netwerk")).status_code == 404
    assert client.get(body_url(token, "stuurgroep", network="ander-netwerk")).status_code == 404

    stranger = FeedTokenFactory(user=other_network_member).token
    assert client.get(network_url(stranger)).status_code == 404
    assert client.get(body_url(stranger)).status_code == 404
    # Their own feed shows nothing of this network.
    assert uids(parse_feed(client.get(personal_url(stranger)))).isdisjoint(uids_of(meetings))


def uids_of(meetings) -> set[str]:
    return {uid(m) for m in meetings.values()}


def test_unknown_network_or_body_answers_404(client, token):
    assert client.get(network_url(token, network="bestaat-niet")).status_code == 404
    assert client.get(body_url(token, "bestaat-niet")).status_code == 404


@pytest.mark.parametrize("make_url", [personal_url, network_url, body_url])
def test_an_unknown_token_answers_404_even_to_a_signed_in_member(client, voting_member, make_url):
    FeedTokenFactory(user=voting_member, token="test-agendalink-echt")
    client.force_login(voting_member)
    assert client.get(make_url("test-agendalink-vals")).status_code == 404


@pytest.mark.parametrize("make_url", [personal_url, network_url, body_url])
def test_a_revoked_link_answers_404_on_the_next_request(client, voting_member, make_url):
    feed_token, _ = feed_token_create(user=voting_member)
    url = make_url(feed_token.token)
    assert client.get(url).status_code == 200

    feed_token_revoke(user=voting_member)

    assert client.get(url).status_code == 404


def test_a_replaced_link_answers_404_and_the_new_one_works(client, voting_member):
    old, _ = feed_token_create(user=voting_member)
    new, _ = feed_token_create(user=voting_member)
    assert client.get(personal_url(old.token)).status_code == 404
    assert client.get(personal_url(new.token)).status_code == 200


def test_the_link_of_a_deactivated_login_answers_404(client, voting_member, token):
    voting_member.is_active = False
    voting_member.save()
    assert client.get(personal_url(token)).status_code == 404


def test_a_login_that_lost_the_network_sees_nothing_of_it(client, network, voting_member, token, meetings):
    # The admin unlinked the login from the person: no rights on the network any more.
    Person.objects.filter(user=voting_member).update(user=None)
    access_sync_network(network=network, today=timezone.localdate())
    assert client.get(network_url(token)).status_code == 404
    assert parse_feed(client.get(personal_url(token))).walk("VEVENT") == []


def test_feeds_answer_only_get_and_head(client, token):
    assert client.head(personal_url(token)).status_code == 200
    assert client.post(personal_url(token)).status_code == 405


def test_text_from_the_meeting_is_escaped_in_the_feed(client, network, token):
    meeting = MeetingFactory(
        body=body(network, "kernteam"), date=day(2), location='<img src=x onerror="alert(1)">; zaal 3,\nachteraan'
    )
    response = client.get(personal_url(token))
    assert b"\\;" in response.content and b"\\n" in response.content
    event = event_of(parse_feed(response), meeting)
    assert str(event["LOCATION"]) == meeting.location


def _fill(network, count: int) -> None:
    bodies = [body(network, "kernteam"), body(network, "beleidsgroep"), BodyFactory(network=network, name="Werkgroep")]
    for i in range(count):
        MeetingFactory(body=bodies[i % 3], date=day(i - 30), start_time=datetime.time(10), location=f"Zaal {i}")


@pytest.mark.parametrize("count", [3, 40])
def test_the_personal_feed_costs_the_same_queries_for_few_and_many_meetings(
    client, network, token, count, django_assert_num_queries
):
    _fill(network, count)
    # 1 the live token with its login; 2 the meetings with body and network (the user's
    # networks and memberships on the day as subqueries).
    with django_assert_num_queries(2):
        response = client.get(personal_url(token))
    assert len(parse_feed(response).walk("VEVENT")) == count - count // 3


@pytest.mark.parametrize("count", [3, 40])
def test_the_network_and_body_feeds_cost_the_same_queries_for_few_and_many_meetings(
    client, network, token, count, django_assert_max_num_queries
):
    _fill(network, count)
    # 1 the token with its login; 2 the network; 3-4 the login's own and its groups'
    # rights on it (guardian); 5 the meetings with body and network; (6 the network's
    # content type, only while Django's content-type cache is cold).
    with django_assert_max_num_queries(6):
        response = client.get(network_url(token))
    assert len(parse_feed(response).walk("VEVENT")) == count
    # The same, plus the body.
    with django_assert_max_num_queries(6):
        response = client.get(body_url(token, "kernteam"))
    assert len(parse_feed(response).walk("VEVENT")) == len(range(0, count, 3))
