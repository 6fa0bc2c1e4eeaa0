"""Which notifications are due: rows added by the periodic planner and by signal receivers.

Everything here only *adds rows* (bulk_create with ignore_conflicts on the unique
key), so running it twice, from two beats at once or from a retried task, adds
nothing twice. Sending is notifications.sending's job.

Keys (Notification.object_key), one mail each:
- call for items:      "meeting:<pk>:call"
- meeting reminder:    "meeting:<pk>:<date>:<days>d"  (a moved meeting is reminded for its new date)
- agenda published:    "meeting:<pk>:agenda"
- agenda changed:      "meeting:<pk>:agenda-change:<last change pk>" (each announcement once)
- meeting moved:       "meeting:<pk>:moved:<sequence>" (each move once: the move raised the sequence)
- meeting cancelled:   "meeting:<pk>:cancelled"
- action item due:     "action:<pk>:<due date>"
- minutes to approve:  "minutes:<pk>"
- a new proposal:      "proposal:<agenda item pk>" (to who runs the body)
- what became of it:   "proposal:<agenda item pk>:<status>" (to its proposer)
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from bodies.sittings import sittings
from meetings.models import ActionItem, Attendance, Meeting

from .models import Kind, Notification

# Mails planned for a day go out from this hour (Brussels time), not at midnight.
SEND_HOUR = 7
# How far ahead the planner looks for meetings (the largest reminder or call for items).
LOOKAHEAD_DAYS = 120
# Minutes awaiting approval of meetings older than this are not announced any more.
MINUTES_LOOKBACK_DAYS = 120


def morning_of(day: datetime.date) -> datetime.datetime:
    """SEND_HOUR on that day in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(SEND_HOUR)))


def members_by_body(body_ids: Iterable[int], first: datetime.date, last: datetime.date):
    """{body_id: [membership]} for sittings (ex officio too) overlapping [first, last]; two queries."""
    members = defaultdict(list)
    for sitting in sittings(first, last, body_ids=body_ids):
        members[sitting.body_id].append(sitting.membership)
    return members


def _on(memberships, day: datetime.date) -> set[int]:
    return {membership.person_id for membership in memberships if membership.is_current_on(day)}


def reminder_days_due(meeting: Meeting, today: datetime.date) -> int | None:
    """The reminder (days before) due today for the meeting, or None.

    Only the latest reminder whose day has come: after a beat was down, one catch-up
    mail, not every missed one. A reminder of 1 or more days is not sent on the day itself.
    """
    passed = [days for days in meeting.body.reminder_day_list if meeting.date - datetime.timedelta(days=days) <= today]
    if not passed:
        return None
    days = min(passed)
    if days > 0 and today >= meeting.date:
        return None
    return days


def call_for_items_due(meeting: Meeting, today: datetime.date) -> bool:
    """The call for items goes out from its day until the agenda deadline, while the agenda is unpublished."""
    body = meeting.body
    opens = meeting.date - datetime.timedelta(days=body.call_for_items_days)
    closes = meeting.date - datetime.timedelta(days=body.agenda_days)
    return opens <= today < closes and not meeting.is_agenda_published


def plan_due(*, now: datetime.datetime | None = None) -> int:
    """Add the rows due today for calls for items, reminders, action items and minutes.

    Five reads and a bulk insert, whatever the number of meetings or people.
    Returns the number of rows offered (existing ones are left as they are).
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    rows: list[Notification] = []

    meetings = list(
        Meeting.objects.filter(
            status=Meeting.Status.PLANNED, date__gte=today, date__lte=today + datetime.timedelta(days=LOOKAHEAD_DAYS)
        )
        .select_related("body")
        .order_by()
    )
    if meetings:
        members = members_by_body((m.body_id for m in meetings), today, max(m.date for m in meetings))
        for meeting in meetings:
            rows += _meeting_rows(meeting, _on(members[meeting.body_id], meeting.date), today)

    tomorrow = today + datetime.timedelta(days=1)
    for item in ActionItem.objects.open().filter(due_date__in=[today, tomorrow]).only("pk", "owner_id", "due_date"):
        due = morning_of(item.due_date - datetime.timedelta(days=1))
        rows += _rows([item.owner_id], Kind.ACTION_ITEM_DUE, action_key(item), due, action_item=item)

    awaiting = list(
        Meeting.objects.filter(
            minutes_status=Meeting.MinutesStatus.AWAITING_APPROVAL,
            date__gte=today - datetime.timedelta(days=MINUTES_LOOKBACK_DAYS),
            date__lte=today,
        )
        .only("pk", "body_id")
        .order_by()
    )
    if awaiting:
        members = members_by_body((m.body_id for m in awaiting), today, today)
        for meeting in awaiting:
            # Who approves the minutes: the body's members today.
            rows += _rows(
                _on(members[meeting.body_id], today),
                Kind.MINUTES_AWAITING_APPROVAL,
                minutes_key(meeting),
                now,
                meeting=meeting,
            )

    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


# The mails that tell someone of a meeting, its day, hour and place.
TELLING_KINDS = (Kind.CALL_FOR_ITEMS, Kind.AGENDA_PUBLISHED, Kind.AGENDA_CHANGED, Kind.MEETING_REMINDER, Kind.MEETING_MOVED)


def told_of(meeting: Meeting) -> set[int]:
    """The people already told of the meeting: a mail about it went out (or may have), or they replied. One query.

    A mail still waiting is not counted: it gives the meeting as it is when it goes out.
    """
    mailed = (
        Notification.objects.filter(
            meeting_id=meeting.pk,
            kind__in=TELLING_KINDS,
            state__in=[Notification.State.SENT, Notification.State.SENDING],
        )
        .values_list("recipient_id", flat=True)
        .order_by()
    )
    replied = Attendance.objects.filter(meeting_id=meeting.pk).exclude(reply="").values_list("person_id", flat=True).order_by()
    return set(mailed.union(replied).order_by())


def _meeting_rows(meeting: Meeting, invited: set[int], today: datetime.date) -> list[Notification]:
    """The call for items and the reminder due today for one meeting."""
    rows = []
    if call_for_items_due(meeting, today):
        opens = meeting.date - datetime.timedelta(days=meeting.body.call_for_items_days)
        rows += _rows(invited, Kind.CALL_FOR_ITEMS, f"meeting:{meeting.pk}:call", morning_of(opens), meeting=meeting)
    days = reminder_days_due(meeting, today)
    if days is not None:
        key = f"meeting:{meeting.pk}:{meeting.date.isoformat()}:{days}d"
        due = morning_of(meeting.date - datetime.timedelta(days=days))
        rows += _rows(invited, Kind.MEETING_REMINDER, key, due, meeting=meeting)
    return rows


def plan_meeting(meeting: Meeting, *, now: datetime.datetime | None = None) -> int:
    """Add what plan_due would add today for this one meeting (a meeting added by hand); the same keys.

    Two reads (the members on the meeting date) and one insert.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if meeting.status != Meeting.Status.PLANNED or not today <= meeting.date <= today + datetime.timedelta(
        days=LOOKAHEAD_DAYS
    ):
        return 0
    members = members_by_body([meeting.body_id], today, meeting.date)
    rows = _meeting_rows(meeting, _on(members[meeting.body_id], meeting.date), today)
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)


def action_key(item: ActionItem) -> str:
    """Per due date: an action item whose due date moves is reminded for its new date."""
    return f"action:{item.pk}:{item.due_date.isoformat()}"


def minutes_key(meeting: Meeting) -> str:
    return f"minutes:{meeting.pk}"


def moved_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:moved:{meeting.sequence}"


def proposal_key(item) -> str:
    return f"proposal:{item.pk}"


def proposal_outcome_key(item) -> str:
    return f"proposal:{item.pk}:{item.status}"


def cancelled_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:cancelled"


def _rows(person_ids, kind, key, due_at, **about) -> list[Notification]:
    return [
        Notification(recipient_id=person_id, kind=kind, object_key=key, due_at=due_at, **about)
        for person_id in sorted(set(person_ids))
    ]


def add_for_people(
    person_ids: Iterable[int], *, kind: str, key: str, due_at=None, details: dict | None = None, **about
) -> int:
    """Add one row per person (existing keys left alone); one insert. Returns the rows offered."""
    rows = _rows(person_ids, kind, key, due_at or timezone.now(), **about)
    for row in rows:
        row.details = details or {}
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return len(rows)
