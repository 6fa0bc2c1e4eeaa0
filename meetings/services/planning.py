"""Keeping every body's meetings planned from its cadence (the daily beat task calls this),
and the coordinator's moves and cancellations of them.

Idempotent, also against a second planner running at the same moment: the meetings
are inserted with ON CONFLICT DO NOTHING against the constraint
`meeting_once_per_cadence_date` (one meeting per body and cadence date), so the
database, not a check before the insert, decides which planner makes a meeting.
The history gets a "+" row only for the meetings this run actually inserted.

Queries, whatever the number of bodies (bulk inserts split in batches only past
hundreds of meetings on SQLite):
  1. the bodies with their cadence (select_related)
  2. their cadence phases (prefetch)
  3. the cadence dates that already have a meeting
  4. the insert of the missing meetings (ON CONFLICT DO NOTHING)
  5. the meetings this run inserted (stamped with this run's created_at, no history yet)
  6. the insert of their history rows
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.models import Body, CadencePhase

from .. import permissions, planning
from ..cadence import cadence_anchor
from ..models import Meeting
from ..signals import meeting_cancelled, meeting_rescheduled

DEFAULT_HORIZON_DAYS = 120


def _bodies_to_plan(today: datetime.date, bodies: Iterable[Body] | None):
    queryset = (
        Body.objects.filter(cadence__isnull=False)
        .exclude(active_until__lt=today)
        .select_related("cadence")
        .prefetch_related(Prefetch("cadence__phases", queryset=CadencePhase.objects.order_by("position", "id")))
        .order_by("pk")
    )
    if bodies is not None:
        queryset = queryset.filter(pk__in=[body.pk for body in bodies])
    return list(queryset)


@transaction.atomic
def meetings_plan(
    *, today: datetime.date, horizon_days: int = DEFAULT_HORIZON_DAYS, bodies=None, include_today: bool = False
) -> int:
    """Make the meetings of the cadence dates after `today` up to `today + horizon_days`.

    Today itself only with `include_today` (a new body whose first meeting was asked
    for today): nobody is invited to a meeting planned the same day without asking.
    `bodies` limits the run to those bodies (default: every body with a cadence that
    has not ended). A cadence date that already has a meeting — planned, moved or
    cancelled — is left alone. Returns the number of meetings made.
    """
    first = today if include_today else today + datetime.timedelta(days=1)
    end = today + datetime.timedelta(days=horizon_days)
    to_plan = _bodies_to_plan(today, bodies)
    if not to_plan:
        return 0
    existing: dict[int, set[datetime.date]] = defaultdict(set)
    rows = (
        Meeting.objects.filter(body_id__in=[body.pk for body in to_plan], cadence_date__range=(today, end))
        .values_list("body_id", "cadence_date")
        .order_by()
    )
    for body_id, cadence_date in rows:
        existing[body_id].add(cadence_date)

    holidays = planning.belgian_holidays(today, end)
    stamp = timezone.now()
    new = []
    for body in to_plan:
        cadence = body.cadence
        phases = list(cadence.phases.all())
        planned = planning.planned_dates(
            phases,
            anchor=cadence_anchor(active_from=body.active_from, phases=phases),
            start=first,
            end=end,
            rule=body.holiday_rule,
            holidays=holidays,
            active_from=body.active_from,
            active_until=body.active_until,
        )
        for item in planning.missing(planned, existing[body.pk]):
            new.append(
                Meeting(
                    body=body,
                    date=item.date,
                    cadence_date=item.cadence_date,
                    start_time=cadence.start_time,
                    duration_minutes=cadence.duration_minutes,
                    location=cadence.location[: Meeting._meta.get_field("location").max_length],
                    created_at=stamp,
                )
            )
    if not new:
        return 0
    # Sorted, so two planners insert in the same order and wait on each other
    # instead of deadlocking on PostgreSQL.
    new.sort(key=lambda meeting: (meeting.body_id, meeting.cadence_date))
    Meeting.objects.bulk_create(new, ignore_conflicts=True)

    # Which rows are ours: stamped with this run's instant and without history yet. A
    # planner that inserted a row first committed it together with its history, and
    # ours waited for that commit before skipping the row.
    history_model = Meeting.history.model
    inserted = list(
        Meeting.objects.filter(body_id__in=[body.pk for body in to_plan], created_at=stamp, cadence_date__isnull=False)
        .exclude(Exists(history_model.objects.filter(id=OuterRef("pk"))))
        .order_by("body_id", "cadence_date")
    )
    Meeting.history.bulk_history_create(inserted, default_date=stamp)
    return len(inserted)


def _changes_allowed(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Deze vergadering is al geannuleerd."))


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    date: datetime.date,
    start_time: datetime.time | None,
    duration_minutes: int | None,
    location: str,
    by=None,
    today: datetime.date | None = None,
) -> bool:
    """Move a meeting to another date, hour, length or place; False when nothing changed.

    The meeting keeps its cadence date (the planner will not make that date's meeting
    again) and its history; its calendar sequence goes up and `meeting_rescheduled`
    is sent (with the date, hour, length and place it had before), so those who were
    told of the meeting are mailed and feeds follow. A new date in the past is refused.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    new = {"date": date, "start_time": start_time, "duration_minutes": duration_minutes, "location": location}
    return _reschedule(meeting, new, by=by, today=today or timezone.localdate())


@transaction.atomic
def meeting_details_update(
    *,
    meeting: Meeting,
    start_time: datetime.time | None,
    duration_minutes: int | None,
    location: str,
    by=None,
) -> bool:
    """Set a meeting's hour, length and place, on the day it has; False when nothing changed.

    Like a move for calendars (the sequence goes up) and for those who were already
    told of the meeting (they are mailed the change); the others learn the hour and
    place from the mails still to come. A past meeting may get its hour corrected.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    new = {"start_time": start_time, "duration_minutes": duration_minutes, "location": location}
    return _reschedule(meeting, new, by=by, today=timezone.localdate())


def _reschedule(meeting: Meeting, new: dict, *, by, today: datetime.date) -> bool:
    # Two people changing the meeting at once take turns; the second sees the first one's change.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _changes_allowed(locked)
    changed = [field for field, value in new.items() if getattr(locked, field) != value]
    if not changed:
        return False
    if "date" in changed and new["date"] < today:
        raise ValidationError({"date": _("Een vergadering verplaats je niet naar een dag die al voorbij is.")})
    fields = ["date", "start_time", "duration_minutes", "location"]
    previous = {field: getattr(locked, field) for field in fields}
    for field in changed:
        setattr(locked, field, new[field])
    locked.full_clean(exclude=["body", "minutes_approved_in"])
    locked.sequence = F("sequence") + 1
    if getattr(by, "is_authenticated", False):
        locked._history_user = by
    locked.save()
    locked.refresh_from_db()
    meeting.__dict__.update({field: getattr(locked, field) for field in [*fields, "sequence"]})
    meeting_rescheduled.send(sender=Meeting, meeting=locked, by=by, changes=changed, previous=previous)
    return True


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by=None) -> Meeting:
    """Cancel a meeting with a reason: it stays (with its history), is never planned again,
    its calendar sequence goes up and `meeting_cancelled` is sent, so the invited are
    mailed and feeds follow."""
    permissions.require_of(by, permissions.RUN, meeting.body)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor de annulering.")})
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _changes_allowed(locked)
    locked.status = Meeting.Status.CANCELLED
    locked.cancel_reason = reason
    locked.full_clean(exclude=["body", "minutes_approved_in"])
    locked.sequence = F("sequence") + 1
    if getattr(by, "is_authenticated", False):
        locked._history_user = by
    locked.save()
    locked.refresh_from_db()
    meeting.__dict__.update(
        {"status": locked.status, "cancel_reason": locked.cancel_reason, "sequence": locked.sequence}
    )
    meeting_cancelled.send(sender=Meeting, meeting=locked, by=by)
    return locked
