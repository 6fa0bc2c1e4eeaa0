"""`manage.py plan_meetings` plans what the beat task plans, and only once."""

from io import StringIO

import pytest
from django.core.management import call_command

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
