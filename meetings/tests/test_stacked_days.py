"""The coordinator is warned of days on which two or more bodies meet (issue 11, point 21)."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from bodies.tests.factories import BodyFactory
from meetings.tests.factories import MeetingFactory
from meetings.models import Meeting
from meetings.selectors.planning import stacked_days

from .helpers import body, main_html

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 25)
FIRST = datetime.date(2026, 12, 1)


def test_meetings_of_two_bodies_on_one_day_are_stacked(network):
    beleidsgroep = MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=FIRST)
    support = MeetingFactory(body=body(network, seed.ONDERSTEUNINGSGROEP), date=FIRST)
    MeetingFactory(body=body(network), date=FIRST + datetime.timedelta(days=1))

    days = stacked_days(network, TODAY)

    assert [(day.date, day.meetings) for day in days] == [(FIRST, [beleidsgroep, support])]


def test_two_meetings_of_one_body_on_one_day_are_not_stacked(network):
    MeetingFactory(body=body(network), date=FIRST)
    MeetingFactory(body=body(network), date=FIRST)
    assert stacked_days(network, TODAY) == []


def test_a_cancelled_meeting_stacks_nothing(network):
    MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=FIRST)
    MeetingFactory(body=body(network, seed.ONDERSTEUNINGSGROEP), date=FIRST, status=Meeting.Status.CANCELLED)
    assert stacked_days(network, TODAY) == []


@override_settings(MEETING_PLANNING_HORIZON_DAYS=30)
def test_only_days_from_today_to_the_planning_horizon_count(network):
    for day in [TODAY - datetime.timedelta(days=1), TODAY + datetime.timedelta(days=31)]:
        MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=day)
        MeetingFactory(body=body(network, seed.ONDERSTEUNINGSGROEP), date=day)
    assert stacked_days(network, TODAY) == []


def test_another_networks_meetings_do_not_stack_with_ours(network, other_network):
    MeetingFactory(body=body(network), date=FIRST)
    MeetingFactory(body=BodyFactory(network=other_network), date=FIRST)
    assert stacked_days(network, TODAY) == []


@pytest.mark.parametrize("size", [1, 10])
def test_finding_them_costs_one_query_for_1_or_10_days(network, size, django_assert_num_queries):
    for index in range(size):
        for name in [seed.KERNTEAM, seed.BELEIDSGROEP, seed.FORUM]:
            MeetingFactory(body=body(network, name), date=FIRST + datetime.timedelta(days=index))
    # the planned meetings up to the horizon with their body
    with django_assert_num_queries(1):
        days = stacked_days(network, TODAY)
    assert len(days) == size


def test_the_coordination_overview_warns_of_a_stacked_day(login, network, coordinator):
    day = timezone.localdate() + datetime.timedelta(days=20)
    beleidsgroep = MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=day)
    support = MeetingFactory(body=body(network, seed.ONDERSTEUNINGSGROEP), date=day)

    page = main_html(login(coordinator).get(reverse("pages:coordination", kwargs={"network": network.slug})))

    assert "Op deze dagen vergaderen meerdere organen." in page
    assert f'href="{beleidsgroep.get_absolute_url()}"' in page and f'href="{support.get_absolute_url()}"' in page


def test_without_stacked_days_the_overview_says_so(login, network, coordinator):
    page = main_html(login(coordinator).get(reverse("pages:coordination", kwargs={"network": network.slug})))
    assert "Geen twee organen vergaderen op dezelfde dag." in page
