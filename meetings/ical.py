"""Meetings as iCalendar (RFC 5545): the calendar feeds and the invitation mailed with a reminder.

One VEVENT per meeting, with a UID that never changes (``meeting-<pk>@governance.plan-trekkers``,
independent of the host the site runs on) and SEQUENCE = ``Meeting.sequence``, which the
move and cancel services raise: a subscribed calendar or a mail client that received an
earlier invitation replaces its copy instead of adding a second one. A cancelled meeting
stays in with STATUS:CANCELLED so that calendars take it out or strike it through.

Times are wall-clock times in Europe/Brussels (the network's time), written with TZID and
a VTIMEZONE component; a meeting without a start time is an all-day event, transparent
(it does not mark the day busy).

    calendar_for(meetings, name="Beleidsgroep")                     # a feed: METHOD:PUBLISH
    calendar_for([meeting], name=..., method="REQUEST",             # an invitation
                 organizer=("Plan-trekkers", "governance@…"), attendees=[("An Maes", "an@…")])
    invitation_method(meeting)                                      # "REQUEST" or "CANCEL"

An invitation may carry the published agenda in its DESCRIPTION (`agenda_for`, lines of
text per meeting); the feeds do not.

Meetings must come with ``body`` and ``body__network`` loaded (select_related) when the
default ``url_for`` (the meeting's page, relative) is used; pass ``url_for`` to make the
links absolute (``request.build_absolute_uri``).
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from .models import Meeting

UID_DOMAIN = "governance.plan-trekkers"
PRODID = "-//Plan-trekkers//Netwerkbestuur//NL"
TIMEZONE = ZoneInfo("Europe/Brussels")

PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
METHODS = (PUBLISH, REQUEST, CANCEL)

Person = tuple[str, str]  # (name, email address)


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@{UID_DOMAIN}"


def meeting_summary(meeting: Meeting) -> str:
    summary = _("%(body)s – vergadering") % {"body": meeting.body.name}
    if meeting.status == Meeting.Status.CANCELLED:
        # Some clients (Outlook subscriptions) ignore STATUS: say it in the title too.
        summary = _("Geannuleerd: %(summary)s") % {"summary": summary}
    return summary


def invitation_method(meeting: Meeting) -> str:
    """The iTIP method of a mailed invitation: a cancelled meeting is withdrawn."""
    return CANCEL if meeting.status == Meeting.Status.CANCELLED else REQUEST


def _address(person: Person, **params) -> vCalAddress:
    name, email = person
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = value
    return address


def meeting_event(
    meeting: Meeting,
    *,
    url: str,
    stamp: datetime.datetime | None = None,
    organizer: Person | None = None,
    attendees: Iterable[Person] = (),
    agenda: Sequence[str] = (),
) -> Event:
    """The VEVENT of one meeting; `url` is the meeting's page (absolute in mails and feeds).

    `agenda`, the lines of a published agenda, go in the DESCRIPTION before the link.
    """
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event = Event()
    event.add("UID", meeting_uid(meeting))
    event.add("DTSTAMP", (stamp or timezone.now()).astimezone(datetime.UTC))
    event.add("SEQUENCE", meeting.sequence)
    if meeting.start_time is None:
        # All-day: DTEND is exclusive, the next day.
        event.add("DTSTART", meeting.date)
        event.add("DTEND", meeting.date + datetime.timedelta(days=1))
    else:
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=TIMEZONE)
        event.add("DTSTART", start)
        if meeting.ends_at is not None:
            event.add("DTEND", meeting.ends_at.replace(tzinfo=TIMEZONE))
        # Without a length the event ends when it starts (RFC 5545 3.6.1); we do not guess one.
    event.add("SUMMARY", meeting_summary(meeting))
    if meeting.location:
        event.add("LOCATION", meeting.location)
    description = [url]
    if agenda and not cancelled:
        description[:0] = [_("Agenda:"), *agenda, ""]
    if cancelled:
        description.insert(0, _("Deze vergadering is geannuleerd."))
        if meeting.cancel_reason:
            description.insert(1, _("Reden: %(reason)s") % {"reason": meeting.cancel_reason})
    event.add("DESCRIPTION", "\n".join(description))
    event.add("URL", url)
    event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
    # A meeting without an hour does not take the whole day: it must not mark the
    # day busy in the reader's calendar (nor does a cancelled one).
    event.add("TRANSP", "TRANSPARENT" if cancelled or meeting.start_time is None else "OPAQUE")
    if organizer is not None:
        event.add("ORGANIZER", _address(organizer))
    for attendee in attendees:
        event.add("ATTENDEE", _address(attendee, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="FALSE"))
    return event


def _default_url(meeting: Meeting) -> str:
    return meeting.get_absolute_url()


def calendar_for(
    meetings: Iterable[Meeting],
    *,
    name: str,
    method: str | None = None,
    url_for: Callable[[Meeting], str] = _default_url,
    stamp: datetime.datetime | None = None,
    organizer: Person | None = None,
    attendees: Iterable[Person] = (),
    agenda_for: Callable[[Meeting], Sequence[str]] | None = None,
) -> bytes:
    """A VCALENDAR with one VEVENT per meeting, as bytes (UTF-8, CRLF line ends, folded).

    `method` None means a feed (METHOD:PUBLISH). Invitations pass REQUEST or CANCEL
    (see `invitation_method`) with an organizer and the attendees, as iTIP (RFC 5546) asks.
    """
    method = method or PUBLISH
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    stamp = stamp or timezone.now()
    attendees = list(attendees)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", method)
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    calendar.add("X-WR-TIMEZONE", TIMEZONE.key)
    if method == PUBLISH:
        # A hint to subscribing clients (RFC 7986 and its older Microsoft spelling).
        calendar.add("REFRESH-INTERVAL", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", "PT1H")
    dates = []
    for meeting in meetings:
        calendar.add_component(
            meeting_event(
                meeting,
                url=url_for(meeting),
                stamp=stamp,
                organizer=organizer,
                attendees=attendees if method != PUBLISH else (),
                agenda=agenda_for(meeting) if agenda_for else (),
            )
        )
        dates.append(meeting.date)
    # The VTIMEZONE covering the meetings' years, before the events. An empty feed gets
    # it too: RFC 5545 wants at least one component in a calendar.
    dates = dates or [timezone.localdate(stamp)]
    vtimezone = Timezone.from_tzid(
        TIMEZONE.key,
        first_date=datetime.date(min(dates).year, 1, 1),
        last_date=datetime.date(max(dates).year + 1, 12, 31),
    )
    # The package notes in English which years the definition covers; clients show
    # COMMENT to some readers, and the feed speaks the reader's language only.
    vtimezone.pop("COMMENT", None)
    calendar.add_component(vtimezone)
    calendar.subcomponents.insert(0, calendar.subcomponents.pop())
    return calendar.to_ical()
