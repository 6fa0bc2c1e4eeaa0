"""Rows for what meetings' services announce, written in the sender's transaction.

The rows commit or roll back with the change that caused them; the send task is
enqueued only once they are committed (transaction.on_commit), so a worker never
looks for rows that are not there yet. Two queries per signal, whatever the size of
the body: its members on the meeting date (for a proposal: who runs the body, or
its proposer), and one insert.
"""

import datetime
import logging

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from bodies import permissions
from bodies.models import Person
from meetings import signals
from meetings.services.meetings import meeting_members

from .models import Kind, Notification
from .planning import (
    add_for_people,
    cancelled_key,
    members_by_body,
    minutes_key,
    moved_key,
    plan_meeting,
    proposal_key,
    proposal_outcome_key,
    told_of,
)

logger = logging.getLogger(__name__)


def enqueue_sending() -> None:
    """Ask a worker to send what is due, once the current transaction has committed."""

    def enqueue():
        from .tasks import send_due_notifications

        send_due_notifications.delay()

    # robust: a broker that is down must not turn a committed change into an error
    # page; the periodic send task picks the rows up a minute later.
    transaction.on_commit(enqueue, robust=True)


@receiver(signals.meeting_added, dispatch_uid="notifications.meeting_added")
def on_meeting_added(sender, meeting, **kwargs):
    # What the planner would add in its next run, now: the same keys, so it adds nothing twice.
    if plan_meeting(meeting):
        enqueue_sending()


@receiver(signals.agenda_published, dispatch_uid="notifications.agenda_published")
def on_agenda_published(sender, meeting, **kwargs):
    add_for_people(meeting_members(meeting), kind=Kind.AGENDA_PUBLISHED, key=f"meeting:{meeting.pk}:agenda", meeting=meeting)
    enqueue_sending()


@receiver(signals.agenda_changed, dispatch_uid="notifications.agenda_changed")
def on_agenda_changed(sender, meeting, changes=(), key="", **kwargs):
    # One mail per announcement (the key names it), each member told only of the
    # changes others made: whoever made them all gets none. One query more than the
    # others: the members' logins.
    members = meeting_members(meeting)
    logins = dict(Person.objects.filter(pk__in=members).values_list("pk", "user_id").order_by())
    rows = []
    for person_id in sorted(members):
        told = [change["text"] for change in changes if change["by"] is None or change["by"] != logins.get(person_id)]
        if told:
            rows.append(
                Notification(
                    recipient_id=person_id,
                    kind=Kind.AGENDA_CHANGED,
                    object_key=f"meeting:{meeting.pk}:agenda-change:{key}",
                    details={"changes": told},
                    meeting=meeting,
                )
            )
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    enqueue_sending()


@receiver(signals.minutes_submitted, dispatch_uid="notifications.minutes_submitted")
def on_minutes_submitted(sender, meeting, **kwargs):
    # Who approves the minutes: the body's members today (as the planner's catch-up does).
    today = timezone.localdate()
    members = members_by_body([meeting.body_id], today, today)[meeting.body_id]
    add_for_people(
        {membership.person_id for membership in members},
        kind=Kind.MINUTES_AWAITING_APPROVAL,
        key=minutes_key(meeting),
        meeting=meeting,
    )
    enqueue_sending()


@receiver(signals.meeting_rescheduled, dispatch_uid="notifications.meeting_rescheduled")
def on_meeting_rescheduled(sender, meeting, changes=(), previous=None, **kwargs):
    # Only who was already told of the meeting hears of the change; the others learn
    # the new day, hour and place from the mails still to come. One mail per change:
    # the key carries the sequence this change gave the meeting, so a second change is
    # announced again and a retried signal is not. Where the meeting was is kept in
    # the row (the meeting itself already says where it is now).
    told = told_of(meeting)
    add_for_people(
        (person_id for person_id in meeting_members(meeting) if person_id in told),
        kind=Kind.MEETING_MOVED,
        key=moved_key(meeting),
        details={"previous": _as_json(previous or {}), "fields": list(changes or ())},
        meeting=meeting,
    )
    enqueue_sending()


@receiver(signals.meeting_cancelled, dispatch_uid="notifications.meeting_cancelled")
def on_meeting_cancelled(sender, meeting, **kwargs):
    # Its reminders, call for items and agenda mails still waiting are skipped when
    # they come up (notifications.mails.still_relevant); this notice is not.
    add_for_people(meeting_members(meeting), kind=Kind.MEETING_CANCELLED, key=cancelled_key(meeting), meeting=meeting)
    enqueue_sending()


def _proposal_details(item) -> dict:
    """What the mails say of a proposal, kept as it was when it was made or decided on."""
    return {
        "item": item.pk,
        "title": item.title,
        "status": item.status,
        "reason": item.decline_reason,
        "into": item.merged_into.title if item.merged_into_id else "",
    }


def _not_by(people, by):
    """Nobody is told of what they did themselves."""
    return people.exclude(user=by) if by is not None else people


@receiver(signals.proposal_made, dispatch_uid="notifications.proposal_made")
def on_proposal_made(sender, meeting, item, by=None, **kwargs):
    # Who decides on it: who runs the body (its chair and secretary, the coordinators).
    runners = _not_by(permissions.people_who_may(permissions.RUN, meeting.body), by)
    add_for_people(
        runners.values_list("pk", flat=True),
        kind=Kind.PROPOSAL_RECEIVED,
        key=proposal_key(item),
        details=_proposal_details(item),
        meeting=meeting,
    )
    enqueue_sending()


@receiver(signals.proposal_decided, dispatch_uid="notifications.proposal_decided")
def on_proposal_decided(sender, meeting, item, by=None, **kwargs):
    if item.proposed_by_id is None:
        return
    proposer = _not_by(Person.objects.filter(pk=item.proposed_by_id), by)
    add_for_people(
        proposer.values_list("pk", flat=True),
        kind=Kind.PROPOSAL_DECIDED,
        key=proposal_outcome_key(item),
        details=_proposal_details(item),
        meeting=meeting,
    )
    enqueue_sending()


def _as_json(values: dict) -> dict:
    def plain(value):
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return {field: plain(value) for field, value in values.items()}
