"""Writes of the meeting itself: replies to the invitation, minutes, action items and their approval.

Who may call these is the views' question (bodies.permissions); these functions keep
the data right whoever calls them: an invitation only for the members of the body on
the meeting date, action items only for people of the same network, minutes approved
only by a later meeting of the body, on the agenda item that puts them before it.
"""

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.models import Person
from core.dates import long_date

from .. import signals
from .. import permissions
from ..models import ActionItem, AgendaItem, Attendance, Meeting, MinutesApproval
from .meetings import meeting_members


def _history_user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _refuse_cancelled(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Deze vergadering is geannuleerd."))


@transaction.atomic
def attendance_reply(
    *, meeting: Meeting, person: Person, reply: str, today: datetime.date | None = None, by=None
) -> Attendance:
    """A member says whether they will come to an upcoming meeting of their body.

    Only the invited (members of the body on the meeting date) reply, up to the
    meeting date itself; a cancelled meeting takes no replies. Replying again
    changes the answer; the attendance recorded at the meeting is left alone.
    """
    today = today or timezone.localdate()
    if reply not in Attendance.Reply.values:
        raise ValidationError(_("Kies of je komt of niet."))
    # One reply at a time per meeting: a double submit finds the first one's row.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _refuse_cancelled(meeting)
    if meeting.date < today:
        raise ValidationError(_("Deze vergadering is voorbij: je kunt niet meer antwoorden."))
    if person.pk not in meeting_members(meeting):
        raise ValidationError(
            _("Alleen wie op %(date)s lid is van %(body)s, is uitgenodigd.")
            % {"body": meeting.body, "date": long_date(meeting.date)}
        )
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first()
    if attendance is None:
        attendance = Attendance(meeting=meeting, person=person)
    elif attendance.reply == reply:
        return attendance
    attendance.reply = reply
    attendance.replied_at = timezone.now()
    attendance._history_user = _history_user(by)
    try:
        with transaction.atomic():
            attendance.save()
    except IntegrityError:
        raise ValidationError(_("Je antwoord is al bewaard.")) from None
    return attendance


def _editable_minutes(meeting: Meeting) -> None:
    _refuse_cancelled(meeting)
    if meeting.minutes_status == Meeting.MinutesStatus.APPROVED:
        raise ValidationError(_("Het verslag van deze vergadering is goedgekeurd en verandert niet meer."))


@transaction.atomic
def meeting_minutes_save(*, meeting: Meeting, minutes: Mapping[int, str], by=None) -> list[AgendaItem]:
    """Write the minutes of the meeting's agenda items, all together or none.

    `minutes` maps agenda item ids to their text; items left out keep theirs (an item
    put on the agenda after the page was loaded), an id that is not an item of this
    meeting's agenda refuses the whole save. Returns the items whose text changed.
    Approved minutes stay as they were approved.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _editable_minutes(meeting)
    items = {item.pk: item for item in meeting.agenda_items.on_agenda().filter(pk__in=list(minutes))}
    if set(minutes) - set(items):
        raise ValidationError(_("Kies een agendapunt van deze vergadering."))
    limit = AgendaItem._meta.get_field("minutes").max_length
    too_long = [items[pk].title for pk, text in minutes.items() if len(text.strip()) > limit]
    if too_long:
        # A TextField's max_length is not checked by full_clean: say it here.
        raise ValidationError(
            _("Een verslag bij een agendapunt telt hoogstens %(limit)s tekens: %(items)s.")
            % {"limit": limit, "items": ", ".join(too_long)}
        )
    changed = []
    for pk, text in minutes.items():
        item = items[pk]
        if item.minutes == text.strip():
            continue
        item.meeting = meeting
        item.minutes = text.strip()
        item.full_clean()
        item._history_user = _history_user(by)
        item.save(update_fields=["minutes"])
        changed.append(item)
    return changed


@transaction.atomic
def action_item_create(
    *, item: AgendaItem, title: str, owner: Person, due_date: datetime.date, by=None
) -> ActionItem:
    """Note an action agreed on an agenda item: who does it, and by when."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    meeting = item.meeting
    _refuse_cancelled(meeting)
    if due_date < meeting.date:
        raise ValidationError(_("De vervaldatum mag niet vóór de vergadering liggen."))
    action = ActionItem(
        meeting=meeting,
        agenda_item=item,
        title=title.strip(),
        owner=owner,
        due_date=due_date,
        created_by=_history_user(by),
    )
    action.full_clean()
    action._history_user = _history_user(by)
    action.save()
    return action


@transaction.atomic
def action_item_done(*, action: ActionItem, by=None) -> ActionItem:
    """Mark an action done; a second click finds it done already and changes nothing."""
    if by is not None and not permissions.may_mark_action_done(by, action):
        raise PermissionDenied
    action = ActionItem.objects.select_for_update().get(pk=action.pk)
    if action.status == ActionItem.Status.DONE:
        return action
    action.status = ActionItem.Status.DONE
    action.done_at = timezone.now()
    action._history_user = _history_user(by)
    action.save(update_fields=["status", "done_at"])
    return action


@transaction.atomic
def minutes_submit(*, meeting: Meeting, by=None, today: datetime.date | None = None) -> Meeting:
    """Put the minutes up for approval: on the agenda of the body's next meeting; those concerned are told.

    Without a next meeting yet, the agenda of the next one suggests them
    (meetings.selectors.agenda.suggestions), as it does when that meeting is cancelled
    or passes without approving them.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    from .agenda import agenda_suggestion_add

    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _refuse_cancelled(meeting)
    if meeting.date > today:
        raise ValidationError(_("Een verslag gaat pas ter goedkeuring nadat de vergadering plaatsvond."))
    if meeting.minutes_status != Meeting.MinutesStatus.DRAFT:
        raise ValidationError(_("Dit verslag ligt al ter goedkeuring of is goedgekeurd."))
    meeting.minutes_status = Meeting.MinutesStatus.AWAITING_APPROVAL
    meeting._history_user = _history_user(by)
    meeting.save(update_fields=["minutes_status"])
    following = next_meeting(meeting)
    if following is not None:
        agenda_suggestion_add(meeting=following, key=f"minutes:{meeting.pk}", by=by)
    signals.minutes_submitted.send(sender=Meeting, meeting=meeting, by=_history_user(by))
    return meeting


def next_meeting(meeting: Meeting) -> Meeting | None:
    """The body's first meeting after this one that is not cancelled: where its minutes go for approval."""
    later = Meeting.objects.filter(body_id=meeting.body_id).exclude(pk=meeting.pk).exclude(
        status=Meeting.Status.CANCELLED
    )
    candidates = [
        other
        for other in later.filter(date__gte=meeting.date).order_by("date", "start_time", "pk")
        if _order_key(other) > _order_key(meeting)
    ]
    return candidates[0] if candidates else None


def _order_key(meeting: Meeting):
    return (meeting.date, meeting.start_time or datetime.time.min, meeting.pk)


def present_at(meeting: Meeting) -> list[Person]:
    """Who was recorded at the meeting: members present and the substitutes who came in their place."""
    people = []
    for attendance in meeting.attendances.select_related("person", "substitute").order_by("person__name", "pk"):
        if attendance.status == Attendance.Status.PRESENT:
            people.append(attendance.person)
        elif attendance.status == Attendance.Status.SUBSTITUTED:
            people.append(attendance.substitute)
    return people


@transaction.atomic
def minutes_approve(*, item: AgendaItem, by=None, today: datetime.date | None = None) -> MinutesApproval:
    """The meeting approves, on agenda item `item`, the minutes of the earlier meeting that item puts before it.

    The meeting's act: from its day on, never before; by those recorded present,
    whose names are kept with the approval; the approved meeting then points to it.
    """
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    today = today or timezone.localdate()
    item = AgendaItem.objects.select_related("meeting__body", "minutes_of").get(pk=item.pk)
    if item.minutes_of_id is None or item.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Dit agendapunt legt geen verslag ter goedkeuring voor."))
    # The approving meeting first, then the approved one: every approval locks in that order.
    approving = Meeting.objects.select_for_update().select_related("body").get(pk=item.meeting_id)
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=item.minutes_of_id)
    _refuse_cancelled(approving)
    if meeting.minutes_status != Meeting.MinutesStatus.AWAITING_APPROVAL:
        raise ValidationError(_("Dit verslag ligt niet ter goedkeuring."))
    if approving.body_id != meeting.body_id:
        raise ValidationError(_("Een verslag wordt goedgekeurd in een vergadering van hetzelfde orgaan."))
    if _order_key(approving) <= _order_key(meeting):
        raise ValidationError(_("Een verslag wordt goedgekeurd in een latere vergadering van het orgaan."))
    if not approving.has_begun(today):
        raise ValidationError(
            _("Het verslag wordt goedgekeurd in de vergadering zelf, vanaf %(date)s.")
            % {"date": long_date(approving.date)}
        )
    present = present_at(approving)
    if not present:
        raise ValidationError(
            _("Noteer eerst wie er aanwezig is: het verslag wordt goedgekeurd door de aanwezigen van de vergadering.")
        )
    item.meeting, item.minutes_of = approving, meeting
    approval = MinutesApproval(minutes_of=meeting, agenda_item=item, approved_by=_history_user(by))
    approval.full_clean()
    approval._history_user = _history_user(by)
    approval.save()
    approval.present.set(present)
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_in = approving
    meeting._history_user = _history_user(by)
    meeting.save(update_fields=["minutes_status", "minutes_approved_in"])
    return approval
