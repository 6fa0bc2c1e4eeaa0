"""`manage.py plan_meetings` plans what the beat task plans, and only once."""

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bodies.models import CadencePhase
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def plan(*args) -> str:
    out = StringIO()
    call_command("plan_meetings", *args, stdout=out)
    return out.getvalue()


def test_it_plans_the_seeded_bodies_meetings_once(network):
    first = plan("--horizon", "60")
    planned = Meeting.objects.count()
    assert planned > 0
    assert first.startswith(f"{planned} vergaderingen gepland, 60 dagen vooruit")
    assert plan("--horizon", "60").startswith("0 vergaderingen gepland")
    assert Meeting.objects.count() == planned


def test_a_longer_horizon_plans_further(network):
    plan("--horizon", "30")
    within_a_month = Meeting.objects.count()
    plan("--horizon", "120")
    assert Meeting.objects.count() > within_a_month


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"])
def test_a_bad_rule_stored_past_the_validation_cannot_stall_the_planner(network, rule):
    """A raw SQL row (FREQ=SECONDLY hung the planner for every network): that body is skipped, the others planned."""
    kernteam = CadencePhase.objects.filter(cadence__body__slug="kernteam")
    kernteam.update(rrule=rule)

    began = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        plan("--horizon", "365")
    assert time.perf_counter() - began < 2
    # The bodies with cadence and their phases, the existing meetings, the inserts and their history.
    assert len(queries) <= 8
    assert not Meeting.objects.filter(body__slug="kernteam").exists()
    assert Meeting.objects.filter(body__slug="beleidsgroep").exists()
