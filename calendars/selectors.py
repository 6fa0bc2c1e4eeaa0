"""Which meetings go into which calendar feed, and what the subscription page lists."""

import datetime

from django.db.models import Exists, F, OuterRef

from bodies.models import Body, Membership, Network
from bodies.permissions import networks_for_user
from bodies.sittings import seating
from meetings.models import Meeting

from .models import FeedToken

# Feeds show the recent past (for the minutes and follow-up) and everything planned ahead.
PAST_DAYS = 90


def _feed_meetings(today: datetime.date):
    return (
        Meeting.objects.filter(date__gte=today - datetime.timedelta(days=PAST_DAYS))
        .select_related("body__network")
        .order_by("date", "start_time", "pk")
    )


def personal_meetings(user, today: datetime.date):
    """The meetings of the bodies `user` is a member of on the meeting's date.

    The same rule as the invitations ("invited are the members of the body on that
    date"): a membership that ends drops the later meetings, one that starts adds
    them. Only in networks the user may still see. One query.
    """
    return _feed_meetings(today).of_member(person__user=user).filter(body__network__in=networks_for_user(user))


def network_meetings(network: Network, today: datetime.date):
    return _feed_meetings(today).filter(body__network=network)


def body_meetings(body: Body, today: datetime.date):
    return _feed_meetings(today).filter(body=body)


def subscription_page(user, today: datetime.date) -> dict:
    """The user's links: all of their tokens (live first), their networks with bodies, their own bodies.

    Three queries: tokens, bodies of the user's networks (with the network), the user's bodies today.
    """
    tokens = list(
        FeedToken.objects.filter(user=user).order_by(F("revoked_at").asc(nulls_first=True), "-created_at", "-pk")
    )
    live = tokens[0] if tokens and tokens[0].is_live else None
    bodies = list(
        Body.objects.active_on(today)
        .filter(network__in=networks_for_user(user))
        .select_related("network")
        .order_by("network__name", "position", "name")
    )
    networks: dict[int, dict] = {}
    for body in bodies:
        networks.setdefault(body.network_id, {"network": body.network, "bodies": []})["bodies"].append(body)
    my_bodies = list(
        Body.objects.filter(
            Exists(Membership.objects.current_on(today).filter(seating(OuterRef("pk")), person__user=user))
        )
        .select_related("network")
        .order_by("network__name", "position", "name")
    )
    return {
        "live_token": live,
        "revoked_tokens": [token for token in tokens if not token.is_live],
        "networks": list(networks.values()),
        "my_bodies": my_bodies,
    }
