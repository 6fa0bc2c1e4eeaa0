"""The personas are written again from snapshots; they must be what the factories make."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bodies.access import access_sync_network
from bodies.models import Network, Organization, Person
from bodies.tests.factories import PASSWORD
from core.tests.snapshot import Snapshot

pytestmark = pytest.mark.django_db

USERS = [
    "coordinator",
    "voting_member",
    "member_without_vote",
    "chair",
    "working_group_member",
    "forum_member",
    "outsider",
    "other_network_member",
    "network_admin",
]


def test_a_test_that_asks_for_the_coordinator_gets_only_the_coordinator(coordinator):
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["coordinator"]
    assert list(Person.objects.values_list("name", flat=True)) == ["Sara Peeters"]


@pytest.mark.parametrize("persona", USERS)
def test_each_persona_signs_in_through_the_form_with_the_known_password(client, request, persona):
    user = request.getfixturevalue(persona)

    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})

    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_written_cast_holds_the_access_rows_its_signals_made(request):
    for persona in USERS:
        request.getfixturevalue(persona)

    # Another synchronisation would write the rows the snapshots lack, or delete extra ones.
    with CaptureQueriesContext(connection) as queries:
        for network in Network.objects.all():
            access_sync_network(network=network, today=timezone.localdate())

    writes = [query["sql"] for query in queries if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert request.getfixturevalue("cast").restored == {"network", "working_group", "other_network", *USERS}


def test_each_persona_made_alone_writes_the_same_rows_as_in_the_cast(network, cast):
    for name, (needs, make) in cast.makers.items():
        with transaction.atomic():
            made = {"network": network}
            for need in needs[1:] if needs[:1] == ("network",) else needs:
                cast.snapshots[need].restore()
                made[need] = cast.snapshots[need].made_again()
            alone = Snapshot(lambda: make(*(made[need] for need in needs)))
            transaction.set_rollback(True)

        assert counts(alone) == counts(cast.snapshots[name]), name


def counts(snapshot: Snapshot) -> dict[str, int]:
    return {model._meta.label: len(rows) for model, rows in snapshot.rows.items()}


def test_three_personas_cost_a_few_queries_each(network, request, django_assert_max_num_queries):
    with django_assert_max_num_queries(3 * 12):
        for persona in ("coordinator", "voting_member", "chair"):
            request.getfixturevalue(persona)


def test_a_persona_asked_for_after_the_test_wrote_rows_is_made_by_the_factories(network, request):
    # The factories' signals see the test's rows; a snapshot taken without them would not.
    Organization.objects.create(network=network, name="Eerder gemaakt")

    coordinator = request.getfixturevalue("coordinator")

    assert "coordinator" not in request.getfixturevalue("cast").restored
    assert coordinator.groups.exists()
