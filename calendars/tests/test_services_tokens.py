"""Making, replacing and revoking the secret calendar link; finding its owner."""

import pytest
from django.db import IntegrityError, transaction

from calendars.models import FeedToken, token_digest
from calendars.services import feed_token_create, feed_token_owner, feed_token_revoke
from calendars.tests.factories import FeedTokenFactory

pytestmark = pytest.mark.django_db


def test_a_new_link_carries_256_random_bits_and_stores_their_digest(voting_member):
    feed_token, replaced = feed_token_create(user=voting_member)

    assert replaced is False
    assert len(feed_token.token) == 43
    assert feed_token.digest == token_digest(feed_token.token)
    assert feed_token.is_live
    assert feed_token_owner(feed_token.token) == voting_member


def test_two_links_are_never_the_same(voting_member, chair):
    first, _ = feed_token_create(user=voting_member)
    second, _ = feed_token_create(user=chair)
    assert first.token != second.token


def test_a_new_link_revokes_the_previous_one_and_keeps_it_in_the_history(voting_member):
    old, _ = feed_token_create(user=voting_member)
    old_token = old.token

    new, replaced = feed_token_create(user=voting_member)

    assert replaced is True
    assert feed_token_owner(old_token) is None
    assert feed_token_owner(new.token) == voting_member
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert old.token == ""  # the secret is gone, the row stays
    assert FeedToken.objects.filter(user=voting_member).count() == 2
    assert FeedToken.objects.live().filter(user=voting_member).get() == new


def test_revoking_kills_the_link_and_revoking_again_does_nothing(voting_member):
    feed_token, _ = feed_token_create(user=voting_member)

    assert feed_token_revoke(user=voting_member) == 1
    assert feed_token_owner(feed_token.token) is None
    assert feed_token_revoke(user=voting_member) == 0


def test_revoking_touches_only_the_own_link(voting_member, chair):
    mine, _ = feed_token_create(user=voting_member)
    theirs, _ = feed_token_create(user=chair)

    feed_token_revoke(user=voting_member)

    assert feed_token_owner(theirs.token) == chair


def test_the_database_allows_one_live_link_per_login(voting_member):
    FeedTokenFactory(user=voting_member)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedTokenFactory(user=voting_member)


@pytest.mark.parametrize("token", ["", "x", "test-agendalink-9999", "a" * 65, "../../etc/passwd"])
def test_unknown_empty_and_odd_tokens_have_no_owner(voting_member, token):
    FeedTokenFactory(user=voting_member, token="test-agendalink-0001")
    assert feed_token_owner(token) is None


def test_a_deactivated_login_has_no_link(voting_member):
    feed_token, _ = feed_token_create(user=voting_member)
    voting_member.is_active = False
    voting_member.save()
    assert feed_token_owner(feed_token.token) is None
