"""Who may do what with meetings: the combined rules over bodies.permissions.may, and the loaders.

A view or a service asks here; none says the rule again. The loaders fetch an object of
the URL's network for a user (404 for another network's id or a non-member, 403 where a
permission is asked and missing), the way healthchecks' `_get_rw_check_for_user` does.
"""

from django.shortcuts import get_object_or_404

from bodies import permissions

# Handed on, so that the meeting views ask one module.
from bodies.permissions import (
    COORDINATE,
    PROPOSE_DECISION,
    RUN,
    VIEW_INTERNALS,
    VIEW_NETWORK,
    VOTE,
    get_body_for_user,
    get_network_for_user,
    may,
    require,
    require_of,
)

from .models import ActionItem, AgendaAttachment, AgendaItem, Decision, Meeting

__all__ = [
    "COORDINATE",
    "PROPOSE_DECISION",
    "RUN",
    "VIEW_INTERNALS",
    "VIEW_NETWORK",
    "VOTE",
    "get_body_for_user",
    "get_network_for_user",
    "may",
    "require",
    "require_of",
    "may_see_agenda",
    "may_read_minutes",
    "may_read_decision",
    "may_mark_action_done",
    "may_download_attachment",
    "get_meeting_for_user",
    "get_agenda_item_for_user",
    "get_decision_for_user",
    "get_action_for_user",
    "get_attachment_for_user",
]


def may_see_agenda(user, meeting: Meeting) -> bool:
    """A draft agenda is for the body's insiders; a published one for the whole network."""
    if permissions.may(user, VIEW_INTERNALS, meeting.body):
        return True
    return meeting.is_agenda_published and permissions.is_network_member(user, meeting.body.network)


def may_read_minutes(user, meeting: Meeting) -> bool:
    """Minutes under way are for the body's insiders; approved minutes for the whole network."""
    body = meeting.body
    if permissions.may(user, VIEW_INTERNALS, body):
        return True
    return meeting.are_minutes_approved and permissions.may(user, VIEW_NETWORK, body.network)


def may_read_decision(user, decision: Decision) -> bool:
    """Final decisions are for the whole network; others for the body's insiders.

    An escalated decision is also for the insiders of the body it was put before:
    its agenda item links to it.
    """
    if decision.is_final:
        return True
    if permissions.may(user, VIEW_INTERNALS, decision.meeting.body):
        return True
    return decision.escalated_to is not None and permissions.may(
        user, VIEW_INTERNALS, decision.escalated_to.meeting.body
    )


def may_mark_action_done(user, action: ActionItem) -> bool:
    """The owner of an action item, or someone who runs the body."""
    is_owner = action.owner.user_id is not None and action.owner.user_id == user.pk
    return is_owner or permissions.may(user, RUN, action.meeting.body)


def may_download_attachment(user, attachment: AgendaAttachment) -> bool:
    """Insiders always; the rest of the network the attachments of a visible agenda's accepted items."""
    item = attachment.item
    if permissions.may(user, VIEW_INTERNALS, item.meeting.body):
        return True
    return may_see_agenda(user, item.meeting) and item.status == AgendaItem.Status.ACCEPTED


def get_meeting_for_user(user, network_slug: str, pk: int, permission: str | None = None) -> Meeting:
    """A meeting of the URL's network the user belongs to, checked against `permission` if one is asked."""
    network = permissions.get_network_for_user(user, network_slug)
    meeting = get_object_or_404(
        Meeting.objects.select_related("body", "minutes_approved_in"), pk=pk, body__network=network
    )
    meeting.body.network = network
    if permission is not None:
        permissions.require(user, permission, meeting.body)
    return meeting


def get_agenda_item_for_user(user, network_slug: str, pk: int, permission: str | None = RUN) -> AgendaItem:
    network = permissions.get_network_for_user(user, network_slug)
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__body"), pk=pk, meeting__body__network=network)
    item.meeting.body.network = network
    if permission is not None:
        permissions.require(user, permission, item.meeting.body)
    return item


def get_decision_for_user(user, network_slug: str, pk: int) -> Decision:
    """A decision of the URL's network with what its pages show; who may read it is `may_read_decision`."""
    network = permissions.get_network_for_user(user, network_slug)
    decision = get_object_or_404(
        Decision.objects.select_related(
            "meeting__body",
            "agenda_item",
            "mandate__body",
            "mandate_record",
            "mandate_holder",
            "escalated_to__meeting__body",
            "proposed_by",
        ),
        pk=pk,
        meeting__body__network=network,
    )
    decision.meeting.body.network = network
    return decision


def get_action_for_user(user, network_slug: str, pk: int) -> ActionItem:
    network = permissions.get_network_for_user(user, network_slug)
    action = get_object_or_404(
        ActionItem.objects.select_related("meeting__body", "owner"), pk=pk, meeting__body__network=network
    )
    action.meeting.body.network = network
    return action


def get_attachment_for_user(user, network_slug: str, pk: int) -> AgendaAttachment:
    network = permissions.get_network_for_user(user, network_slug)
    attachment = get_object_or_404(
        AgendaAttachment.objects.select_related("item__meeting__body"), pk=pk, item__meeting__body__network=network
    )
    attachment.item.meeting.body.network = network
    return attachment
