"""Making and revoking a person's secret calendar link, and finding the owner of a link."""

import hmac
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import FeedToken, token_digest

TOKEN_BYTES = 32  # 256 bits, 43 URL-safe characters


@transaction.atomic
def feed_token_revoke(*, user: AbstractBaseUser) -> int:
    """Revoke the user's live link (if any); returns how many were revoked (0 or 1)."""
    # Two clicks at once (two tabs) wait for each other on the login's row: the second
    # sees the first one's result instead of breaking the one-live-link constraint.
    # The old link is dead on the next request: every feed request looks the token up.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    live = list(FeedToken.objects.live().filter(user=user))
    now = timezone.now()
    for token in live:
        token.revoked_at = now
        token.token = ""  # the secret is no longer needed; the digest stays for the history
        token.save(update_fields=["revoked_at", "token"])
    return len(live)


@transaction.atomic
def feed_token_create(*, user: AbstractBaseUser) -> tuple[FeedToken, bool]:
    """A new secret link for the user, and whether it replaced a live one (revoked in the same transaction)."""
    replaced = feed_token_revoke(user=user) > 0
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed_token = FeedToken(user=user, token=token, digest=token_digest(token))
    feed_token.full_clean()
    feed_token.save()
    return feed_token, replaced


def feed_token_owner(token: str):
    """The active login whose live link carries `token`, or None. Costs one query.

    The login comes with its language choice: the feed speaks it (core.languages.language_of).
    """
    if not token or len(token) > 64:
        return None
    found = (
        FeedToken.objects.live()
        .select_related("user__language_preference")
        .filter(digest=token_digest(token))
        .first()
    )
    if found is None or not hmac.compare_digest(found.token.encode(), token.encode()):
        return None
    if not found.user.is_active:
        return None
    return found.user
