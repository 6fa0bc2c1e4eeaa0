"""The mails themselves: Dutch, a text and an HTML part, a link, an .ics where a date is at stake.

Templates: templates/emails/notifications/<kind>.txt and .html, both extending
_base.txt / _base.html. Links are absolute, from settings.SITE_URL.
"""

import datetime
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.dates import long_date
from meetings import ical
from meetings.models import ActionItem, Meeting
from meetings.selectors.agenda import agenda_lines

from .models import Kind, Notification
from .planning import action_key

# The kinds that carry the meeting as a calendar invitation (for a cancelled
# meeting: its cancellation, METHOD:CANCEL).
WITH_INVITATION = {Kind.AGENDA_PUBLISHED, Kind.MEETING_REMINDER, Kind.MEETING_MOVED, Kind.MEETING_CANCELLED}


# Where on the agenda page a proposal's mail leads: to it among the proposals (who
# runs the body), or to "Mijn voorstellen" (its proposer).
PROPOSAL_ANCHORS = {Kind.PROPOSAL_RECEIVED: "#proposal-{item}", Kind.PROPOSAL_DECIDED: "#mine-heading"}

# The kinds whose mail lists the items of the published agenda.
WITH_AGENDA = {Kind.AGENDA_PUBLISHED, Kind.AGENDA_CHANGED}


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def still_relevant(row: Notification) -> str | None:
    """Why a due row should not be mailed any more (a reason for the admin), or None."""
    meeting = row.meeting
    if row.kind in (Kind.MEETING_MOVED, Kind.MEETING_CANCELLED) and meeting.date < timezone.localdate():
        # Moved or cancelled afterwards (a correction of the record): nobody needs a mail.
        return "vergadering voorbij"
    if row.kind == Kind.MEETING_CANCELLED:
        return None
    if meeting is not None and meeting.status == Meeting.Status.CANCELLED:
        return "vergadering geannuleerd"
    if row.kind == Kind.MINUTES_AWAITING_APPROVAL and meeting.minutes_status != Meeting.MinutesStatus.AWAITING_APPROVAL:
        return "verslag niet meer ter goedkeuring"
    if row.kind == Kind.ACTION_ITEM_DUE and row.action_item.status != ActionItem.Status.OPEN:
        return "actiepunt afgewerkt"
    if row.kind == Kind.ACTION_ITEM_DUE and row.object_key != action_key(row.action_item):
        return "vervaldatum gewijzigd"
    if row.kind == Kind.CALL_FOR_ITEMS and meeting.is_agenda_published:
        return "agenda al gepubliceerd"
    if row.kind == Kind.MEETING_REMINDER and meeting.date < timezone.localdate():
        return "vergadering voorbij"
    return None


def subject_of(row: Notification) -> str:
    meeting = row.meeting or (row.action_item.meeting if row.action_item else None)
    values = {
        "body": meeting.body.name if meeting else "",
        "date": long_date(meeting.date) if meeting else "",
        "title": row.action_item.title if row.action_item else "",
        "proposal": row.details.get("title", ""),
    }
    if row.kind == Kind.MEETING_MOVED and not _date_moved(row):
        return _("Gewijzigd: %(body)s van %(date)s") % values
    subjects = {
        Kind.CALL_FOR_ITEMS: _("Agendapunten voor %(body)s van %(date)s"),
        Kind.AGENDA_PUBLISHED: _("Agenda %(body)s van %(date)s"),
        Kind.AGENDA_CHANGED: _("Agenda gewijzigd: %(body)s van %(date)s"),
        Kind.MEETING_REMINDER: _("Herinnering: %(body)s op %(date)s"),
        Kind.MEETING_MOVED: _("Verplaatst: %(body)s, nu op %(date)s"),
        Kind.MEETING_CANCELLED: _("Geannuleerd: %(body)s van %(date)s"),
        Kind.ACTION_ITEM_DUE: _("Actiepunt vervalt: %(title)s"),
        Kind.MINUTES_AWAITING_APPROVAL: _("Verslag ter goedkeuring: %(body)s van %(date)s"),
        Kind.PROPOSAL_RECEIVED: _("Nieuw voorstel voor %(body)s van %(date)s: %(proposal)s"),
        Kind.PROPOSAL_DECIDED: _("Je voorstel voor %(body)s van %(date)s: %(proposal)s"),
    }
    return subjects[row.kind] % values


def context_of(row: Notification) -> dict:
    meeting = row.meeting
    item = row.action_item
    if item is not None:
        meeting = item.meeting
        url = absolute(meeting.get_absolute_url() + f"#actiepunt-{item.pk}")
    elif row.kind in PROPOSAL_ANCHORS:
        # A proposal is decided on, and followed, on the agenda page.
        agenda = reverse("meetings:agenda", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})
        url = absolute(agenda + PROPOSAL_ANCHORS[row.kind].format(item=row.details.get("item", "")))
    else:
        url = absolute(meeting.get_absolute_url())
    return {
        "notification": row,
        "recipient": row.recipient,
        "meeting": meeting,
        "body": meeting.body,
        "network": meeting.body.network,
        "action_item": item,
        "changes": row.details.get("changes", []),
        "proposal": row.details if row.kind in PROPOSAL_ANCHORS else None,
        "url": url,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "with_invitation": row.kind in WITH_INVITATION,
        # The agenda as it is now, in the mails about it.
        "agenda": agenda_lines(meeting) if row.kind in WITH_AGENDA and meeting.is_agenda_published else [],
        # A moved meeting: where it was before this move, and where it is now (like the
        # .ics: were it moved again before this mail went out, both mails give the last place).
        "date_moved": row.kind == Kind.MEETING_MOVED and _date_moved(row),
        "before": _moment(**_from_json(row.details.get("previous", {}))),
        "after": _moment(meeting.date, meeting.start_time, meeting.duration_minutes, meeting.location),
    }


def _date_moved(row: Notification) -> bool:
    """Whether a MEETING_MOVED row is about another day, not only another hour or place."""
    fields = row.details.get("fields")
    return fields is None or "date" in fields


def _moment(date=None, start_time=None, duration_minutes=None, location="") -> dict | None:
    """A meeting's day, hours and place for the mails; None without a day."""
    if date is None:
        return None
    end_time = None
    if start_time is not None and duration_minutes:
        end_time = (datetime.datetime.combine(date, start_time) + datetime.timedelta(minutes=duration_minutes)).time()
    return {"date": date, "start_time": start_time, "end_time": end_time, "location": location}


def _from_json(previous: dict) -> dict:
    """The values notifications.receivers stored for a move, as dates and times again."""
    values = dict(previous)
    if values.get("date"):
        values["date"] = datetime.date.fromisoformat(values["date"])
    if values.get("start_time"):
        values["start_time"] = datetime.time.fromisoformat(values["start_time"])
    return values


def invitation(row: Notification, meeting: Meeting) -> tuple[bytes, str]:
    """The meeting as an iTIP invitation to this one person (meetings.ical), and its MIME type."""
    method = ical.invitation_method(meeting)
    lines = [line.text() for line in agenda_lines(meeting)] if meeting.is_agenda_published else []
    data = ical.calendar_for(
        [meeting],
        name=meeting.body.name,
        method=method,
        url_for=lambda m: absolute(m.get_absolute_url()),
        organizer=(meeting.body.network.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]),
        attendees=[(row.recipient.name, row.recipient.email)],
        # Every invitation after publication carries the agenda: a later one replaces
        # the earlier in the calendar, and must not lose it.
        agenda_for=lambda _meeting: lines,
    )
    return data, f"text/calendar; method={method}; charset=utf-8"


def build_message(row: Notification) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = context_of(row)
        text = render_to_string(f"emails/notifications/{row.kind}.txt", context)
        html = render_to_string(f"emails/notifications/{row.kind}.html", context)
        message = EmailMultiAlternatives(
            subject=subject_of(row),
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[formataddr((row.recipient.name, row.recipient.email))],
            headers={
                # One Message-ID per notification: were a mail ever handed over twice,
                # mail clients show it once.
                "Message-ID": f"<notification-{row.pk}-{row.object_key.replace(':', '-')}@{_domain()}>",
                "Auto-Submitted": "auto-generated",
                "X-Auto-Response-Suppress": "All",
            },
        )
        message.attach_alternative(html, "text/html")
        if row.kind in WITH_INVITATION:
            data, mimetype = invitation(row, context["meeting"])
            message.attach("vergadering.ics", data, mimetype)
    return message


def _domain() -> str:
    from urllib.parse import urlsplit

    return urlsplit(settings.SITE_URL).hostname or "localhost"
