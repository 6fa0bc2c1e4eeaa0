"""The admin reads Dutch throughout, also where Django 6.1 and django-simple-history have English only."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from bodies.models import Mandate, Membership

pytestmark = pytest.mark.django_db


def words(response) -> str:
    """The page's text and the attributes a reader hears (alt, title, value), without markup."""
    assert response.status_code == 200
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    attributes = re.findall(r'\b(?:alt|title|value|placeholder|aria-label)="([^"]*)"', html)
    return " ".join([re.sub(r"<[^>]+>", " ", html), *attributes])


def url(name: str, *args) -> str:
    return reverse(f"admin:bodies_mandate_{name}", args=args)


@pytest.fixture
def admin_client(login, network, network_admin):
    return login(network_admin)


@pytest.fixture
def mandate(network):
    """A mandate whose limit was set and then taken away: a value that became empty."""
    mandate = Mandate.objects.filter(body__network=network).first()
    mandate.limit_eur = Decimal("5000")
    mandate.save()
    mandate.limit_eur = None
    mandate.save()
    return mandate


def test_the_search_box_of_a_list_speaks_dutch(admin_client):
    text = words(admin_client.get(url("changelist")))

    assert "Zoeken in mandaten" in text
    assert "Search" not in text


def test_the_date_filter_of_a_list_speaks_dutch(admin_client):
    text = words(admin_client.get(reverse("admin:bodies_membership_changelist")))

    assert f"Filteren op {Membership._meta.get_field('start_date').verbose_name}" in text
    assert "Filter by" not in text


def test_an_empty_choice_reads_dutch(admin_client):
    text = words(admin_client.get(url("add")))

    assert "- Kies een optie -" in text
    assert "Select an option" not in text


def test_the_history_says_in_dutch_what_happened(admin_client, mandate):
    text = words(admin_client.get(url("history", mandate.pk)))

    assert "Gewijzigd" in text
    assert "Aangemaakt" in text
    assert not re.search(r"\b(Changed|Created|Revert|Choose a date)\b", text)


def test_the_history_never_shows_none_for_a_missing_value_or_reason(admin_client, mandate):
    text = words(admin_client.get(url("history", mandate.pk)))

    assert "5000" in text  # the limit that was taken away
    assert not re.search(r"\bNone\b", text)


def test_the_page_of_one_version_speaks_dutch(admin_client, mandate):
    record = mandate.history.order_by("history_date").first()

    text = words(admin_client.get(url("simple_history", mandate.pk, record.pk)))

    assert "terugzetten" in text
    assert "Terugzetten" in text
    assert not re.search(r"\b(Revert|Press the|Close)\b", text)
