"""The data migration that takes the one-language sentence out of escalated items' titles."""

import datetime
import importlib
from decimal import Decimal

import pytest

from bodies.models import Body, Mandate
from core.tests.moved_models import moved_apps as apps
from meetings.services.decisions import decision_escalate, decision_propose
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("decisions.migrations.0003_escalated_item_titles")


@pytest.fixture
def escalated_item(network, coordinator):
    Mandate.objects.filter(body__network=network, body__slug="kernteam", kind=Mandate.Kind.DECIDE).update(
        limit_eur=Decimal("5000")
    )
    meeting = MeetingFactory(body=Body.objects.get(network=network, slug="kernteam"), date=datetime.date(2026, 12, 1))
    MeetingFactory(body=Body.objects.get(network=network, slug="beleidsgroep"), date=datetime.date(2026, 12, 8))
    decision = decision_propose(
        meeting=meeting, domain="finance", text="Nieuwe laptops", amount_eur=Decimal("7500"), by=None
    )
    return decision_escalate(decision=decision, by=coordinator)


@pytest.mark.parametrize("old", ["Voorgelegd door Kernteam: Nieuwe laptops", "Referred by Kernteam: Nieuwe laptops"])
def test_a_generated_title_becomes_the_decisions_words(escalated_item, old):
    escalated_item.title = old
    escalated_item.save()

    migration.strip_generated_prefix(apps, None)

    escalated_item.refresh_from_db()
    assert escalated_item.title == "Nieuwe laptops"


def test_a_title_the_coordinator_rewrote_stays(escalated_item):
    escalated_item.title = "Laptops: voorstel van het Kernteam"
    escalated_item.save()

    migration.strip_generated_prefix(apps, None)

    escalated_item.refresh_from_db()
    assert escalated_item.title == "Laptops: voorstel van het Kernteam"

