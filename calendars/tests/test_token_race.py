"""Two "new link" clicks at the same moment (two tabs) leave exactly one live link."""

import threading

import pytest
from django.db import OperationalError, connection

from calendars.models import FeedToken
from calendars.services import feed_token_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("had_a_link", [False, True])
def test_two_simultaneous_new_links_leave_one_live_link(voting_member, had_a_link):
    if had_a_link:
        feed_token_create(user=voting_member)
    start = threading.Barrier(2)
    outcomes = []

    def renew():
        try:
            start.wait()
            feed_token_create(user=voting_member)
            outcomes.append("made")
        except OperationalError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=renew) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert FeedToken.objects.live().filter(user=voting_member).count() == 1
    assert FeedToken.objects.filter(user=voting_member).count() == int(had_a_link) + outcomes.count("made")
    # PostgreSQL makes the second click wait on the login's row lock, SQLite on the write
    # lock of its immediate transaction; then both succeed one after the other.
    assert outcomes == ["made", "made"]
