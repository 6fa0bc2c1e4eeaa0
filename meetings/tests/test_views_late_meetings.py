"""The coordinator sees the upcoming meetings whose call for items opened without a published agenda."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from bodies.tests.factories import BodyFactory, NetworkFactory
from meetings.tests.factories import MeetingFactory
from meetings.models import Meeting
from meetings.selectors.planning import late_meetings

from .helpers import body, main_html

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)
days = datetime.timedelta


def test_a_meeting_is_listed_once_its_call_for_items_has_opened():
    # Call for items 14 days before, agenda 7 days before (the defaults).
    network = NetworkFactory()
    the_body = BodyFactory(network=network)
    on_time = MeetingFactory(body=the_body, date=TODAY + days(14))  # call opens today: not yet
    call_open = MeetingFactory(body=the_body, date=TODAY + days(13))
    agenda_overdue = MeetingFactory(body=the_body, date=TODAY + days(6))
    agenda_due_today = MeetingFactory(body=the_body, date=TODAY + days(7))
    MeetingFactory(body=the_body, date=TODAY + days(3), agenda_published_at=timezone.now())
    MeetingFactory(body=the_body, date=TODAY + days(3), status=Meeting.Status.CANCELLED)
    MeetingFactory(body=the_body, date=TODAY - days(1))

    lines = late_meetings(network, TODAY)

    assert [(line.meeting, line.agenda_late) for line in lines] == [
        (agenda_overdue, True),
        (agenda_due_today, False),
        (call_open, False),
    ]
    assert lines[0].call_for_items_from == TODAY - days(8) and lines[0].agenda_by == TODAY - days(1)
    assert on_time not in [line.meeting for line in lines]


def test_each_body_counts_with_its_own_deadlines():
    network = NetworkFactory()
    slow = BodyFactory(network=network, call_for_items_days=30, agenda_days=21)
    meeting = MeetingFactory(body=slow, date=TODAY + days(20))
    assert [(line.meeting, line.agenda_late) for line in late_meetings(network, TODAY)] == [(meeting, True)]


def test_another_networks_meetings_are_not_listed(network, other_network):
    MeetingFactory(body=BodyFactory(network=other_network), date=TODAY + days(3))
    assert late_meetings(network, TODAY) == []


def url(network):
    return reverse("pages:coordination", kwargs={"network": network.slug})


def test_the_coordination_overview_lists_them_with_their_deadlines(login, network, coordinator):
    today = timezone.localdate()
    meeting = MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=today + days(3))

    page = main_html(login(coordinator).get(url(network)))

    assert "Vergaderingen zonder agenda" in page
    assert f'href="{meeting.get_absolute_url()}"' in page
    assert "agenda te laat" in page


def test_the_overview_says_since_when_the_call_for_items_runs(login, network, coordinator):
    # The Beleidsgroep calls for items 14 days before its meeting: that is when the call opens.
    today = timezone.localdate()
    MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=today + days(10))
    opened = today - days(4)

    page = main_html(login(coordinator).get(url(network)))

    assert f'oproep voor agendapunten sinds <time datetime="{opened:%Y-%m-%d}">' in page
    assert "oproep voor agendapunten tot" not in page


def test_without_late_meetings_it_says_all_is_on_schedule(login, network, coordinator):
    assert "liggen op schema." in main_html(login(coordinator).get(url(network)))


@pytest.mark.parametrize("size", [1, 10])
def test_listing_them_costs_one_query_for_1_or_10_meetings(network, size, django_assert_num_queries):
    for index in range(size):
        MeetingFactory(body=body(network, seed.BELEIDSGROEP if index % 2 else seed.KERNTEAM), date=TODAY + days(index))
    # the meetings of the next 90 days with their body
    with django_assert_num_queries(1):
        assert len(late_meetings(network, TODAY)) == size
