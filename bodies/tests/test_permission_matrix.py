"""Every URL of the project against every persona, from one table.

The URL patterns come from the resolver, not from a hand-made list: a new page
without a row below fails here until someone decides who may see it.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "other_network_member", "voting_member", "coordinator", "network_admin"]

# Left out of the walk, each for a reason:
# - admin/: Django's admin guards itself with is_staff and model permissions, and
#   tests that itself; its dozens of internal URLs would only repeat that here.
# - i18n/ (set_language): a POST that stores a language choice for anyone and
#   redirects; it shows nothing of any network.
# - static/ and media/: files served in DEBUG only, not pages.
SKIPPED_PREFIXES = ("admin/", "i18n/", "static/", "media/")

# Anonymous visitors go to the login page (302); people from another network get
# 404 so that a network's existence does not leak. Logout is POST-only (405 on GET).
EXPECTED = {
    # route                                  anonymous other  member coordinator admin
    "":                                      (302,     302,   302,   302,        200),
    "healthz":                               (200,     200,   200,   200,        200),
    "accounts/login/":                       (200,     200,   200,   200,        200),
    "accounts/logout/":                      (405,     405,   405,   405,        405),
    "accounts/password_change/":             (302,     200,   200,   200,        200),
    "accounts/password_change/done/":        (302,     200,   200,   200,        200),
    "accounts/password_reset/":              (200,     200,   200,   200,        200),
    "accounts/password_reset/done/":         (200,     200,   200,   200,        200),
    "accounts/reset/<uidb64>/<token>/":      (200,     200,   200,   200,        200),
    "accounts/reset/done/":                  (200,     200,   200,   200,        200),
    "n/<slug:network>/":                     (302,     404,   200,   200,        200),
    "n/<slug:network>/chart/":               (302,     404,   200,   200,        200),
    "n/<slug:network>/bodies/<slug:body>/":  (302,     404,   200,   200,        200),
}  # fmt: skip

# What each URL parameter is filled with: the seed network and one of its bodies.
PARAMETERS = {"network": "plantrekkers", "body": "kernteam", "uidb64": "MQ", "token": "ongeldige-link"}


def routes(patterns=None, prefix=""):
    patterns = get_resolver("governance.urls").url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        else:
            yield route


def url_for(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: PARAMETERS[match.group(1)], route)


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def cast(network, other_network_member):
    """The seed network and a second one, so "another network" is a real place."""


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", sorted(routes()))
def test_each_persona_gets_the_expected_status_on_each_url(client, cast, request, route, persona):
    assert route in EXPECTED, f"URL pattern {route!r} has no row in EXPECTED: decide who may see it."
    user = request.getfixturevalue(persona)
    if user is not None:
        client.force_login(user)

    response = client.get(url_for(route))

    expected = EXPECTED[route][PERSONAS.index(persona)]
    assert response.status_code == expected, f"{persona} on {url_for(route)}"
    if expected == 302 and persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_every_row_of_the_table_is_still_a_url_pattern():
    assert set(EXPECTED) - set(routes()) == set()
