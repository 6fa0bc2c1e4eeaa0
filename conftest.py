"""The cast of the tests: the seed network and the people who use it.

Every persona is a login with a known password, so browser tests can sign in
through the form like a person would.
"""

import os

import pytest
from django.db import IntegrityError, connection

from bodies import seed
from bodies.models import Body, Network, Seat
from bodies.services import network_load_seed
from bodies.tests.factories import (
    BodyFactory,
    MembershipFactory,
    NetworkFactory,
    OrganizationFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)
from core.tests.snapshot import Snapshot
from mfa.policy import mfa_required
from mfa.tests.helpers import verified_login as verified_login_of

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM
# calls from such a thread unless told that the tests know what they do.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, never a downloaded browser; no network chatter from it.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The users are Flemish: the browser asks for Dutch, as theirs would.
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """The seed network's rows, loaded once per test database (the load is some 1,300 queries)."""
    with django_db_blocker.unblock():
        return Snapshot(lambda: network_load_seed(demo_people=False))


@pytest.fixture
def network(db, seed_rows):
    """The Plan-trekkers network as the seed documents describe it, without demo people."""
    if not connection.in_atomic_block:
        # A transactional test: the flush after the one before made content types and
        # permissions anew, with other ids than the snapshot refers to.
        return network_load_seed(demo_people=False).network
    try:
        seed_rows.restore()
    except IntegrityError:
        # Rows made before this fixture (another network, say) hold some of the snapshot's ids.
        return network_load_seed(demo_people=False).network
    return Network.objects.get(slug=seed.NETWORK["slug"])


def seat(network, body_name: str, role_name: str) -> Seat:
    return Seat.objects.get(body__network=network, body__name=body_name, role__name=role_name)


def seat_person(network, *, username: str, name: str, organization: str, seats, **membership):
    """A login and a person filling the given (body, role) seats from the governance start."""
    user = UserFactory(username=username, first_name=name.split()[0], last_name=name.split()[-1])
    person = PersonFactory(network=network, name=name, user=user)
    org = OrganizationFactory(network=network, name=organization)
    for body_name, role_name in seats:
        place = seat(network, body_name, role_name)
        MembershipFactory(
            seat=place,
            person=person,
            organization=org,
            has_voting_right=membership.get("has_voting_right", place.has_voting_right),
            is_ad_hoc=membership.get("is_ad_hoc", place.is_ad_hoc),
            office=membership.get("office", ""),
            start_date=seed.GOVERNANCE_START,
        )
    return user


@pytest.fixture
def coordinator(network):
    """Sits in the Kernteam and, without vote, in the Beleidsgroep (seed 000)."""
    return seat_person(
        network,
        username="coordinator",
        name="Sara Peeters",
        organization="Plan-trekkers",
        seats=[(seed.KERNTEAM, "Coördinator"), (seed.BELEIDSGROEP, "Coördinator")],
    )


@pytest.fixture
def voting_member(network):
    return seat_person(
        network,
        username="kernpartner",
        name="Tom Janssens",
        organization="Jeugdzorg Maasland vzw",
        seats=[(seed.KERNTEAM, "Kernpartner"), (seed.BELEIDSGROEP, "Kernpartner")],
    )


@pytest.fixture
def member_without_vote(network):
    """An ad hoc expert invited to the Beleidsgroep, without voting right."""
    return seat_person(
        network,
        username="expert",
        name="Ilse Vermeulen",
        organization="Expertisecentrum Jeugd",
        seats=[(seed.BELEIDSGROEP, "Ad hoc expert")],
        has_voting_right=False,
        is_ad_hoc=True,
    )


@pytest.fixture
def chair(network):
    """An employer who chairs the Beleidsgroep: the coordinator's rights, for that body only."""
    return seat_person(
        network,
        username="voorzitter",
        name="An Maes",
        organization="Opvoedingshuis Kempenland",
        seats=[(seed.BELEIDSGROEP, "Contractant (werkgever)")],
        office="chair",
    )


@pytest.fixture
def working_group(network):
    """A working group under the Beleidsgroep: no body sits in it ex officio."""
    return BodyFactory(
        network=network,
        name="Werkgroep Vorming",
        kind=Body.Kind.WORKING_GROUP,
        parent=network.bodies.get(name=seed.BELEIDSGROEP),
    )


@pytest.fixture
def working_group_member(network, working_group):
    """Sits only in a working group: of the network, outside the four bodies (and the Forum)."""
    user = UserFactory(username="werkgroeplid", first_name="Ilse", last_name="Vos")
    MembershipFactory(
        seat=SeatFactory(body=working_group),
        person=PersonFactory(network=network, name="Ilse Vos", user=user),
        start_date=seed.GOVERNANCE_START,
    )
    return user


@pytest.fixture
def forum_member(network):
    return seat_person(
        network,
        username="sector",
        name="Julie Lambrechts",
        organization="Sectoroverleg Welzijn",
        seats=[(seed.FORUM, "Vertegenwoordiger sector")],
    )


@pytest.fixture
def outsider(db):
    """A login that belongs to no network at all."""
    return UserFactory(username="outsider")


@pytest.fixture
def other_network(db):
    return NetworkFactory(name="Ander netwerk", slug="ander-netwerk")


@pytest.fixture
def other_network_member(other_network):
    """Sits in a body of another network on the same installation."""
    body = BodyFactory(network=other_network, name="Stuurgroep", slug="stuurgroep")
    membership = MembershipFactory(
        seat=SeatFactory(body=body), person__user=UserFactory(username="elders"), person__name="Piet Anders"
    )
    return membership.person.user


@pytest.fixture
def network_admin(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture
def login(client):
    """Log `client` in as a user, as far as the site asks: login(coordinator).

    Whoever must use two-step verification (the network admin) is signed in with a
    verified session, as after the code step; tests of that step use force_login.
    """

    def log_in(user):
        if mfa_required(user):
            return verified_login_of(client, user)
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def verified_login(client):
    """Log `client` in with a session verified by an authenticator: verified_login(network_admin)."""

    def log_in(user):
        return verified_login_of(client, user)

    return log_in
