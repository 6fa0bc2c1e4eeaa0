"""Writes on meetings: planning one, recording who attended (and who came in whose place).

Who may call these is the views' question (bodies.permissions, RUN on the body);
these functions keep the data right whoever calls them.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from bodies.models import Body, Person
from bodies.sittings import members_on
from core.dates import long_date

from .. import permissions
from ..models import Attendance, Meeting
from ..signals import meeting_added


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    date: datetime.date,
    start_time: datetime.time | None = None,
    location: str = "",
    by=None,
    duration_minutes: int | None = None,
) -> Meeting:
    """Plan a meeting of a body on a date (by hand: it has no cadence date).

    `meeting_added` is sent, so its members get at once what a planned meeting's get
    on the same day (the call for items, or the reminder that is due).
    """
    permissions.require_of(by, permissions.RUN, body)
    meeting = Meeting(
        body=body, date=date, start_time=start_time, duration_minutes=duration_minutes, location=location
    )
    meeting.full_clean()
    if getattr(by, "is_authenticated", False):
        # The history names the planner, also when no request is around (a shell, a task).
        meeting._history_user = by
    meeting.save()
    meeting_added.send(sender=Meeting, meeting=meeting, by=by)
    return meeting


MEETING_RULE_FIELDS = ("call_for_items_days", "agenda_days", "reminder_days", "holiday_rule")


@transaction.atomic
def meeting_rules_update(*, body: Body, by, **rules) -> Body:
    """Change a body's deadlines, reminders and holiday rule; they apply from the next planning run."""
    permissions.require_of(by, permissions.RUN, body)
    unknown = set(rules) - set(MEETING_RULE_FIELDS)
    if unknown:
        raise ValueError(f"Not a meeting rule: {sorted(unknown)}")
    body = Body.objects.select_for_update().get(pk=body.pk)
    for name, value in rules.items():
        setattr(body, name, value)
    body.full_clean()
    if getattr(by, "is_authenticated", False):
        body._history_user = by
    body.save(update_fields=list(rules))
    return body


def meeting_members(meeting: Meeting) -> dict[int, bool]:
    """The people who sit in the meeting's body on its date (ex officio too), with whether they may vote."""
    return members_on(meeting.body_id, meeting.date)


@transaction.atomic
def attendance_record(
    *,
    meeting: Meeting,
    statuses: Mapping[int, str],
    substitutes: Mapping[int, int] | None = None,
    outside_substitutes: Mapping[int, str] | None = None,
    by=None,
) -> list[Attendance]:
    """Record present, excused, absent or substituted for members of the body on the meeting date.

    `statuses` maps person ids to a status; `substitutes` maps the person ids marked
    substituted to the person who came in their place, someone of the same network;
    `outside_substitutes` to the name (and organisation) of someone from outside it.
    Someone who is not a member of the body on that date is refused, and then nothing
    is written. Returns the attendances created or changed.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    substitutes = {person_id: substitute_id for person_id, substitute_id in (substitutes or {}).items() if substitute_id}
    outside = {person_id: name.strip() for person_id, name in (outside_substitutes or {}).items() if name and name.strip()}
    # Two recorders saving at once take turns, so neither sees a half-written list.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Deze vergadering is geannuleerd: er worden geen aanwezigheden genoteerd."))
    meeting.refuse_before_it_begins(timezone.localdate())
    unknown = [status for status in statuses.values() if status not in Attendance.Status.values]
    if unknown:
        raise ValidationError(_("Kies aanwezig, verontschuldigd, afwezig of vervangen."))
    members = meeting_members(meeting)
    strangers = sorted(person_id for person_id in statuses if person_id not in members)
    if strangers:
        raise ValidationError(
            _("Alleen wie op %(date)s lid is van %(body)s, krijgt een aanwezigheid.")
            % {"body": meeting.body, "date": long_date(meeting.date)}
        )
    for person_id, status in statuses.items():
        if status == Attendance.Status.SUBSTITUTED and not (substitutes.get(person_id) or outside.get(person_id)):
            raise ValidationError(_("Kies wie in de plaats kwam van een lid dat zich liet vervangen."))
    if set(substitutes) & set(outside):
        raise ValidationError(
            _("Een lid heeft één vervanger: kies iemand uit het netwerk of typ een naam van buiten, niet allebei.")
        )
    if any(len(name) > Attendance.SUBSTITUTE_NAME_MAX for name in outside.values()):
        raise ValidationError(
            _("De naam van een vervanger telt hoogstens %(limit)s tekens.") % {"limit": Attendance.SUBSTITUTE_NAME_MAX}
        )
    # A substitute stands in for a member marked substituted, never beside one who came.
    if any(
        statuses.get(person_id, Attendance.Status.SUBSTITUTED) != Attendance.Status.SUBSTITUTED
        for person_id in [*substitutes, *outside]
    ):
        raise ValidationError(
            _("Een vervanger hoort alleen bij een lid dat zich liet vervangen; kies \"vervangen\" of laat de vervanger leeg.")
        )
    if any(person_id == substitute_id for person_id, substitute_id in substitutes.items()):
        raise ValidationError(_("Een lid kan zichzelf niet vervangen."))
    if any(substitute_id in members for substitute_id in substitutes.values()):
        # A fellow member already counts (and votes) in their own right.
        raise ValidationError(
            _("Een lid van %(body)s kan geen ander lid vervangen: het neemt zelf deel.") % {"body": meeting.body}
        )
    if substitutes:
        known = set(
            Person.objects.filter(network_id=meeting.body.network_id, pk__in=set(substitutes.values()))
            .values_list("pk", flat=True)
            .order_by()
        )
        if set(substitutes.values()) - known:
            raise ValidationError(_("Een vervanger moet bij dit netwerk horen."))
    existing = {attendance.person_id: attendance for attendance in meeting.attendances.all()}
    new, changed = [], []
    for person_id, status in statuses.items():
        substitute_id, substitute_name = substitutes.get(person_id), outside.get(person_id, "")
        attendance = existing.get(person_id)
        if attendance is None:
            new.append(
                Attendance(
                    meeting=meeting,
                    person_id=person_id,
                    status=status,
                    substitute_id=substitute_id,
                    substitute_name=substitute_name,
                )
            )
        elif (attendance.status, attendance.substitute_id, attendance.substitute_name) != (
            status,
            substitute_id,
            substitute_name,
        ):
            attendance.status = status
            attendance.substitute_id = substitute_id
            attendance.substitute_name = substitute_name
            changed.append(attendance)
    # In bulk, with their history rows: the same few queries for 3 members or 40.
    user = by if getattr(by, "is_authenticated", False) else None
    if new:
        bulk_create_with_history(new, Attendance, default_user=user)
    if changed:
        bulk_update_with_history(changed, Attendance, ["status", "substitute", "substitute_name"], default_user=user)
    return [*new, *changed]
