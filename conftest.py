"""The cast of the tests: the seed network and the people who use it.

Every persona is a login with a known password, so browser tests can sign in
through the form like a person would. The seed and each persona are made once per
test database and written again per test from snapshots (core/tests/snapshot.py),
with the rows their signals wrote (access groups, history); core/tests/test_cast.py
checks that they are what the factories make.
"""

import io
import os
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

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
from core.tests.snapshot import WRITES, Snapshot
from mfa.policy import mfa_required
from mfa.tests.helpers import verified_login as verified_login_of

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM
# calls from such a thread unless told that the tests know what they do.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def on_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql"))


def pytest_collection_modifyitems(config, items):
    # Deselected, not skipped: on SQLite such a test could only pass without meaning.
    if on_postgresql():
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


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


@pytest.fixture(autouse=True)
def _watch_writes():
    # Writes a test makes itself; persona snapshots are written again only before any.
    WRITES.seen = False
    with connection.execute_wrapper(WRITES):
        yield


@pytest.fixture(scope="session")
def seed_rows(django_db_setup, django_db_blocker):
    """The seed network's rows, loaded once per test database (the load is some 1,300 queries)."""
    with django_db_blocker.unblock(), WRITES.quiet():
        return Snapshot(lambda: network_load_seed(demo_people=False))


@pytest.fixture
def network(cast, seed_rows):
    """The Plan-trekkers network as the seed documents describe it, without demo people."""
    if not connection.in_atomic_block:
        # A transactional test: the flush after the one before made content types and
        # permissions anew, with other ids than the snapshot refers to.
        return network_load_seed(demo_people=False).network
    try:
        with WRITES.quiet():
            seed_rows.restore()
    except IntegrityError:
        # Rows made before this fixture (another network, say) hold some of the snapshot's ids.
        return network_load_seed(demo_people=False).network
    cast.restored.add("network")
    return Network.objects.get(slug=seed.NETWORK["slug"])


def load_demo_network() -> Network:
    call_command("load_plantrekkers", "--demo-people", stdout=io.StringIO())
    return Network.objects.get(slug=seed.NETWORK["slug"])


@pytest.fixture(scope="session")
def demo_rows(django_db_setup, django_db_blocker):
    """The network with its demo people, loaded once per test database (some 2 s a load)."""
    with django_db_blocker.unblock(), WRITES.quiet():
        return Snapshot(load_demo_network), timezone.localdate()


@pytest.fixture
def demo_network(cast, demo_rows):
    """The Plan-trekkers network with the demo people, as `make run` loads it."""
    snapshot, taken_on = demo_rows
    if taken_on == cast.taken_on and cast.restore("demo_network", snapshot, ()):
        return snapshot.made_again()
    return load_demo_network()


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


# How each persona is made, by fixture name, with the fixtures it is made from. Made in
# this order once per test database (cast_rows), each on top of those before it, so that
# their rows have ids of their own and any of them can be written again with any other.
CAST: dict[str, tuple[tuple[str, ...], Callable]] = {}


def persona(*needs: str):
    def register(make):
        CAST[make.__name__.removeprefix("make_")] = (needs, make)
        return make

    return register


@persona("network")
def make_coordinator(network):
    return seat_person(
        network,
        username="coordinator",
        name="Sara Peeters",
        organization="Plan-trekkers",
        seats=[(seed.KERNTEAM, "Coördinator"), (seed.BELEIDSGROEP, "Coördinator")],
    )


@persona("network")
def make_voting_member(network):
    return seat_person(
        network,
        username="kernpartner",
        name="Tom Janssens",
        organization="Jeugdzorg Maasland vzw",
        seats=[(seed.KERNTEAM, "Kernpartner"), (seed.BELEIDSGROEP, "Kernpartner")],
    )


@persona("network")
def make_member_without_vote(network):
    return seat_person(
        network,
        username="expert",
        name="Ilse Vermeulen",
        organization="Expertisecentrum Jeugd",
        seats=[(seed.BELEIDSGROEP, "Ad hoc expert")],
        has_voting_right=False,
        is_ad_hoc=True,
    )


@persona("network")
def make_chair(network):
    return seat_person(
        network,
        username="voorzitter",
        name="An Maes",
        organization="Opvoedingshuis Kempenland",
        seats=[(seed.BELEIDSGROEP, "Contractant (werkgever)")],
        office="chair",
    )


@persona("network")
def make_working_group(network):
    return BodyFactory(
        network=network,
        name="Werkgroep Vorming",
        kind=Body.Kind.WORKING_GROUP,
        parent=network.bodies.get(name=seed.BELEIDSGROEP),
    )


@persona("network", "working_group")
def make_working_group_member(network, working_group):
    user = UserFactory(username="werkgroeplid", first_name="Ilse", last_name="Vos")
    MembershipFactory(
        seat=SeatFactory(body=working_group),
        person=PersonFactory(network=network, name="Ilse Vos", user=user),
        start_date=seed.GOVERNANCE_START,
    )
    return user


@persona("network")
def make_forum_member(network):
    return seat_person(
        network,
        username="sector",
        name="Julie Lambrechts",
        organization="Sectoroverleg Welzijn",
        seats=[(seed.FORUM, "Vertegenwoordiger sector")],
    )


@persona()
def make_outsider():
    return UserFactory(username="outsider")


@persona()
def make_other_network():
    return NetworkFactory(name="Ander netwerk", slug="ander-netwerk")


@persona("other_network")
def make_other_network_member(other_network):
    body = BodyFactory(network=other_network, name="Stuurgroep", slug="stuurgroep")
    membership = MembershipFactory(
        seat=SeatFactory(body=body), person__user=UserFactory(username="elders"), person__name="Piet Anders"
    )
    return membership.person.user


@persona()
def make_network_admin():
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture(scope="session")
def cast_rows(seed_rows, django_db_blocker):
    """Each persona's rows (logins, people, memberships and the access rows their signals
    wrote), made once per test database on top of the seed, then rolled back."""
    snapshots = {}
    with django_db_blocker.unblock(), WRITES.quiet(), transaction.atomic():
        seed_rows.restore()
        made = {"network": Network.objects.get(slug=seed.NETWORK["slug"])}
        for name, (needs, make) in CAST.items():
            snapshots[name] = Snapshot(lambda: make(*(made[need] for need in needs)), keep=True)
            made[name] = snapshots[name].made
        transaction.set_rollback(True)
    return snapshots, timezone.localdate()


class Cast:
    """One test's cast: which snapshots it wrote again, to know which others fit on top."""

    def __init__(self, snapshots: dict[str, Snapshot], taken_on):
        self.snapshots = snapshots
        self.taken_on = taken_on
        self.makers = CAST
        self.restored: set[str] = set()

    def get(self, name: str, *made):
        needs, make = CAST[name]
        snapshot = self.snapshots[name]
        if self.restore(name, snapshot, needs):
            return snapshot.made_again()
        return make(*made)

    def restore(self, name: str, snapshot: Snapshot, needs) -> bool:
        """Write the snapshot's rows again if they fit on this test's rows; False if not."""
        # The same fallback as `network`'s, and: what it is made from must be the snapshot's
        # rows, the test must not have written rows of its own (signals would have seen them),
        # and the day must be the one the access groups were worked out for.
        if not (
            connection.in_atomic_block
            and not WRITES.seen
            and self.restored.issuperset(needs)
            and timezone.localdate() == self.taken_on
        ):
            return False
        try:
            with WRITES.quiet():
                snapshot.restore()
        except IntegrityError:
            return False
        self.restored.add(name)
        return True


@pytest.fixture
def cast(db, cast_rows):
    return Cast(*cast_rows)


@pytest.fixture
def coordinator(cast, network):
    """Sits in the Kernteam and, without vote, in the Beleidsgroep (seed 000)."""
    return cast.get("coordinator", network)


@pytest.fixture
def voting_member(cast, network):
    return cast.get("voting_member", network)


@pytest.fixture
def member_without_vote(cast, network):
    """An ad hoc expert invited to the Beleidsgroep, without voting right."""
    return cast.get("member_without_vote", network)


@pytest.fixture
def chair(cast, network):
    """An employer who chairs the Beleidsgroep: the coordinator's rights, for that body only."""
    return cast.get("chair", network)


@pytest.fixture
def working_group(cast, network):
    """A working group under the Beleidsgroep: no body sits in it ex officio."""
    return cast.get("working_group", network)


@pytest.fixture
def working_group_member(cast, network, working_group):
    """Sits only in a working group: of the network, outside the four bodies (and the Forum)."""
    return cast.get("working_group_member", network, working_group)


@pytest.fixture
def forum_member(cast, network):
    return cast.get("forum_member", network)


@pytest.fixture
def outsider(cast):
    """A login that belongs to no network at all."""
    return cast.get("outsider")


@pytest.fixture
def other_network(cast):
    return cast.get("other_network")


@pytest.fixture
def other_network_member(cast, other_network):
    """Sits in a body of another network on the same installation."""
    return cast.get("other_network_member", other_network)


@pytest.fixture
def network_admin(cast):
    return cast.get("network_admin")


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
