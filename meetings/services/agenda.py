"""Writes on a meeting's agenda: items, their order, proposals, suggestions, attachments, publication.

Who may call these is the views' question (bodies.permissions: RUN on the body for
building the agenda, PROPOSE_DECISION for proposing); these functions keep the data
right whoever calls them. Each one locks the meeting row, so two people working on
one agenda take turns, and writes in one transaction.

Once the agenda is published, every change to it is recorded (simple_history, with
the author) and noted as an AgendaChange with a short Dutch description. The changes
are gathered and announced together (`agenda_changes_announce`): by the beat once the
agenda has been quiet for settings.AGENDA_CHANGES_QUIET_MINUTES, or at once when who
runs the body asks. Then `meetings.signals.agenda_changed` goes out, inside the
transaction (receivers enqueue on commit), and nobody is mailed their own changes. A
new order alone is not news: it waits for a real change to go along with.

Proposals: members propose until the agenda is published, and at the latest on the
day the agenda is due (meeting date minus the body's `agenda_days`). Who runs the
body is told of a new proposal (`proposal_made`), the proposer of what became of it
(`proposal_decided`: accepted, merged or declined).

Removing an item from a draft agenda deletes it (its history stays); from a
published agenda, or an item that carries an escalated decision or a decision, it is
kept as declined with the reason "Van de agenda gehaald", so what was announced
stays traceable.
"""

import datetime
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from simple_history.utils import bulk_update_with_history

from bodies.models import Person
from core.dates import long_date
from projects.models import Project

from .. import permissions
from ..models import AgendaAttachment, AgendaChange, AgendaItem, Decision, Meeting
from ..signals import agenda_changed, agenda_published, proposal_decided, proposal_made
from .meetings import meeting_members

EDITABLE_FIELDS = ("title", "description", "kind", "presenter", "planned_minutes", "project")
REMOVED_REASON = "Van de agenda gehaald"


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _lock(meeting: Meeting) -> Meeting:
    """The meeting, locked for this transaction (PostgreSQL; SQLite writes one at a time anyway)."""
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("body__network").get(pk=meeting.pk)
    if locked.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Deze vergadering is geannuleerd: de agenda verandert niet meer."))
    return locked


def _lock_item(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    meeting = _lock(item.meeting)
    item = AgendaItem.objects.select_related("presenter").get(pk=item.pk)
    item.meeting = meeting
    return meeting, item


def _save(obj, by) -> None:
    obj.full_clean()
    user = _user(by)
    if user is not None:
        obj._history_user = user
    obj.save()


def _announce(meeting: Meeting, by, changes: list[str], *, news: bool = True) -> None:
    """Note what changed on a published agenda, to be announced later (nothing before publication)."""
    if meeting.agenda_published_at and changes:
        user = _user(by)
        AgendaChange.objects.bulk_create(
            AgendaChange(meeting=meeting, description=change[:500], is_news=news, made_by=user) for change in changes
        )


def _dutch(message: str, **values) -> str:
    """A change description for the mails: always Dutch, whatever language the author reads."""
    with translation.override("nl"):
        return _(message) % values


def _next_position(meeting: Meeting) -> int:
    last = meeting.agenda_items.on_agenda().aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def _check_title_free(meeting: Meeting, title: str, *, exclude: int | None = None) -> None:
    """One title once on an agenda (proposals included): also stops a form sent twice."""
    same = meeting.agenda_items.filter(
        title__iexact=title.strip(), status__in=[AgendaItem.Status.ACCEPTED, AgendaItem.Status.PROPOSED]
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise ValidationError(_("Er staat al een punt met de titel “%(title)s” op deze agenda.") % {"title": title})


def _check_presenter(meeting: Meeting, presenter: Person | None) -> None:
    if presenter is not None and presenter.pk not in meeting_members(meeting):
        raise ValidationError(
            _("Inbreng komt van een lid van %(body)s op %(date)s.")
            % {"body": meeting.body, "date": long_date(meeting.date)}
        )


# --- Items -------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_add(
    *,
    meeting: Meeting,
    by,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.DISCUSSION,
    presenter: Person | None = None,
    planned_minutes: int | None = None,
    project: Project | None = None,
    source_key: str = "",
) -> AgendaItem:
    """Put an item at the end of the agenda."""
    permissions.require_of(by, permissions.RUN, meeting.body)
    meeting = _lock(meeting)
    _check_title_free(meeting, title)
    _check_presenter(meeting, presenter)
    item = AgendaItem(
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        presenter=presenter,
        planned_minutes=planned_minutes,
        project=project,
        position=_next_position(meeting),
        status=AgendaItem.Status.ACCEPTED,
        source_key=source_key,
        created_by=_user(by),
    )
    _save(item, by)
    _announce(meeting, by, [_dutch(gettext_noop("Punt toegevoegd: %(title)s"), title=item.title)])
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by, **changes) -> AgendaItem:
    """Change an item's title, description, kind, presenter, planned time or project."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    meeting, item = _lock_item(item)
    if "title" in changes:
        changes["title"] = changes["title"].strip()
        _check_title_free(meeting, changes["title"], exclude=item.pk)
    if "description" in changes:
        changes["description"] = changes["description"].strip()
    if "presenter" in changes:
        _check_presenter(meeting, changes["presenter"])
    old_title = item.title
    changed = [name for name, value in changes.items() if getattr(item, name) != value]
    if not changed:
        return item
    for name in changed:
        setattr(item, name, changes[name])
    _save(item, by)
    if item.status == AgendaItem.Status.ACCEPTED:
        with translation.override("nl"):
            labels = ", ".join(str(AgendaItem._meta.get_field(name).verbose_name) for name in changed)
        _announce(meeting, by, [_dutch(gettext_noop("Punt gewijzigd: %(title)s (%(fields)s)"), title=old_title, fields=labels)])
    return item


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by) -> str:
    """Take an item off the agenda: "deleted" from a draft, "archived" once it matters later."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    meeting, item = _lock_item(item)
    if item.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Dit punt staat niet (meer) op de agenda."))
    keeps = (
        meeting.is_agenda_published
        or item.decisions.exists()
        or hasattr(item, "escalated_decision")
        or item.minutes.strip()
        or item.action_items.exists()
        or hasattr(item, "minutes_approval")
    )
    if keeps:
        item.status = AgendaItem.Status.DECLINED
        item.decline_reason = REMOVED_REASON
        _save(item, by)
        outcome = "archived"
    else:
        user = _user(by)
        if user is not None:
            item._history_user = user
        item.delete()
        outcome = "deleted"
    _announce(meeting, by, [_dutch(gettext_noop("Punt geschrapt: %(title)s"), title=item.title)])
    return outcome


@transaction.atomic
def agenda_reorder(*, meeting: Meeting, order: Sequence[int], by) -> list[AgendaItem]:
    """Put the agenda's items in this order: every item of the agenda, each once, nothing else.

    An id that is not an item of this meeting's agenda (another meeting's, another
    network's, a proposal, a made-up number) refuses the whole order.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    meeting = _lock(meeting)
    items = {item.pk: item for item in meeting.agenda_items.on_agenda()}
    try:
        order = [int(pk) for pk in order]
    except (TypeError, ValueError):
        raise ValidationError(_("Deze volgorde klopt niet met de agenda. Laad de pagina opnieuw.")) from None
    if len(order) != len(set(order)) or set(order) != set(items):
        raise ValidationError(_("Deze volgorde klopt niet met de agenda. Laad de pagina opnieuw."))
    moved = []
    for position, pk in enumerate(order):
        item = items[pk]
        if item.position != position:
            item.position = position
            moved.append(item)
    if moved:
        bulk_update_with_history(moved, AgendaItem, ["position"], default_user=_user(by))
        _announce(meeting, by, [_dutch(gettext_noop("Volgorde van de agenda gewijzigd"))], news=False)
    return [items[pk] for pk in order]


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> list[AgendaItem]:
    """Move an item one place up or down; at the top or bottom nothing changes."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    if direction not in ("up", "down"):
        raise ValidationError(_("Kies omhoog of omlaag."))
    meeting, item = _lock_item(item)
    if item.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Dit punt staat niet (meer) op de agenda."))
    order = list(meeting.agenda_items.on_agenda().order_by("position", "pk").values_list("pk", flat=True))
    index = order.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
    return agenda_reorder(meeting=meeting, order=order, by=by)


@transaction.atomic
def agenda_publish(*, meeting: Meeting, by) -> Meeting:
    """Publish the agenda: the network may read it, the invited are told (agenda_published)."""
    permissions.require_of(by, permissions.RUN, meeting.body)
    meeting = _lock(meeting)
    if meeting.is_agenda_published:
        raise ValidationError(_("Deze agenda is al gepubliceerd."))
    if not meeting.agenda_items.on_agenda().exists():
        raise ValidationError(_("Een lege agenda wordt niet gepubliceerd: zet er eerst punten op."))
    meeting.agenda_published_at = timezone.now()
    _save(meeting, by)
    agenda_published.send(sender=Meeting, meeting=meeting, by=_user(by))
    return meeting


# --- Announcing the changes ---------------------------------------------------------------


def quiet_period() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.AGENDA_CHANGES_QUIET_MINUTES)


@transaction.atomic
def agenda_changes_announce(*, meeting: Meeting, by=None, quiet_since: datetime.datetime | None = None) -> int:
    """Announce the changes gathered on a published agenda in one go; returns how many went out.

    Nothing goes out while only the order changed. With `quiet_since` (the beat) the
    changes wait while one of them is more recent than that. Under the meeting's lock,
    so the beat and a person pressing "bekendmaken" at once announce the changes once.
    A cancelled or past meeting's changes are closed without a mail.
    """
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("body__network").get(pk=meeting.pk)
    pending = list(locked.agenda_changes.filter(announced_at__isnull=True).order_by("made_at", "pk"))
    if not any(change.is_news for change in pending):
        return 0
    if quiet_since is not None and pending[-1].made_at > quiet_since:
        return 0
    now = timezone.now()
    AgendaChange.objects.filter(pk__in=[change.pk for change in pending]).update(announced_at=now)
    if locked.status == Meeting.Status.CANCELLED or locked.date < timezone.localdate(now):
        return 0
    # One line per change; the same line twice (an item edited twice) once, by each author.
    seen, changes = set(), []
    for change in pending:
        if (change.description, change.made_by_id) not in seen:
            seen.add((change.description, change.made_by_id))
            changes.append({"text": change.description, "by": change.made_by_id})
    agenda_changed.send(
        sender=Meeting, meeting=locked, by=_user(by), changes=changes, key=f"{pending[-1].pk}"
    )
    return len(pending)


def agenda_changes_announce_due(*, now: datetime.datetime | None = None) -> int:
    """Announce every agenda whose changes have been quiet long enough (the beat); returns the meetings told."""
    quiet_since = (now or timezone.now()) - quiet_period()
    waiting = (
        AgendaChange.objects.filter(announced_at__isnull=True, is_news=True, made_at__lte=quiet_since)
        .values_list("meeting_id", flat=True)
        .distinct()
        .order_by("meeting_id")
    )
    told = 0
    for meeting_id in list(waiting):
        if agenda_changes_announce(meeting=Meeting(pk=meeting_id), quiet_since=quiet_since):
            told += 1
    return told


# --- Proposals ---------------------------------------------------------------------------


def proposals_close_on(meeting: Meeting) -> datetime.date:
    """The last day members may propose items: the day the agenda is due."""
    return meeting.date - datetime.timedelta(days=meeting.body.agenda_days)


def proposals_open(meeting: Meeting, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        meeting.status == Meeting.Status.PLANNED
        and not meeting.is_agenda_published
        and today <= proposals_close_on(meeting)
    )


@transaction.atomic
def agenda_item_propose(
    *,
    meeting: Meeting,
    by,
    person: Person | None,
    title: str,
    description: str = "",
    kind: str = AgendaItem.Kind.DISCUSSION,
    project: Project | None = None,
) -> AgendaItem:
    """A member proposes an item; the coordinator or the chair decides on it."""
    permissions.require_of(by, permissions.PROPOSE_DECISION, meeting.body)
    meeting = _lock(meeting)
    if not proposals_open(meeting):
        if meeting.is_agenda_published:
            raise ValidationError(_("De agenda is al gepubliceerd: voorstellen kan niet meer."))
        raise ValidationError(
            _("Voorstellen kon tot en met %(day)s.") % {"day": long_date(proposals_close_on(meeting))}
        )
    _check_title_free(meeting, title)
    item = AgendaItem(
        meeting=meeting,
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        project=project,
        status=AgendaItem.Status.PROPOSED,
        proposed_by=person,
        created_by=_user(by),
        position=0,
    )
    _save(item, by)
    proposal_made.send(sender=AgendaItem, meeting=meeting, item=item, by=_user(by))
    return item


def _lock_proposal(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    meeting, item = _lock_item(item)
    if item.status != AgendaItem.Status.PROPOSED:
        raise ValidationError(_("Over dit voorstel is al beslist."))
    return meeting, item


@transaction.atomic
def agenda_proposal_accept(*, item: AgendaItem, by) -> AgendaItem:
    """The proposal joins the agenda, at the end."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    meeting, item = _lock_proposal(item)
    item.status = AgendaItem.Status.ACCEPTED
    item.position = _next_position(meeting)
    _save(item, by)
    _announce(meeting, by, [_dutch(gettext_noop("Punt toegevoegd: %(title)s"), title=item.title)])
    proposal_decided.send(sender=AgendaItem, meeting=meeting, item=item, by=_user(by))
    return item


def merged_description(into: AgendaItem, proposal: AgendaItem) -> str:
    """The target's text with the proposal's own words after it: its title, then its text."""
    added = proposal.title if not proposal.description else f"{proposal.title}\n{proposal.description}"
    return f"{into.description}\n\n{added}" if into.description else added


@transaction.atomic
def agenda_proposal_merge(*, item: AgendaItem, into: AgendaItem, by) -> AgendaItem:
    """The proposal is handled as part of another item of the same agenda.

    Nothing the proposer wrote is lost: the target's text gets the proposal's title
    and text appended, and takes the proposal's project when it has none (a target
    about another project keeps it; the merged proposal keeps its own and the agenda
    shows it under the target).
    """
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    meeting, item = _lock_proposal(item)
    if into.meeting_id != meeting.pk or into.pk == item.pk:
        raise ValidationError(_("Kies een punt van deze agenda om het voorstel mee samen te voegen."))
    into = AgendaItem.objects.get(pk=into.pk)
    into.meeting = meeting
    if into.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Kies een punt van deze agenda om het voorstel mee samen te voegen."))
    limit = AgendaItem._meta.get_field("description").max_length
    description = merged_description(into, item)
    if len(description) > limit:
        raise ValidationError(
            _(
                "Samen worden de toelichtingen te lang (%(length)s van hoogstens %(limit)s tekens): "
                "kort de toelichting van “%(title)s” eerst in."
            )
            % {"length": len(description), "limit": limit, "title": into.title}
        )
    changed = ["description"]
    into.description = description
    if into.project_id is None and item.project_id is not None:
        into.project_id = item.project_id
        changed.append("project")
    _save(into, by)
    item.status = AgendaItem.Status.MERGED
    item.merged_into = into
    _save(item, by)
    with translation.override("nl"):
        labels = ", ".join(str(AgendaItem._meta.get_field(name).verbose_name) for name in changed)
    _announce(meeting, by, [_dutch(gettext_noop("Punt gewijzigd: %(title)s (%(fields)s)"), title=into.title, fields=labels)])
    proposal_decided.send(sender=AgendaItem, meeting=meeting, item=item, by=_user(by))
    return item


@transaction.atomic
def agenda_proposal_decline(*, item: AgendaItem, reason: str, by) -> AgendaItem:
    """The proposal does not come on the agenda; the proposer reads why."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Geef een reden waarom het voorstel niet op de agenda komt."))
    meeting, item = _lock_proposal(item)
    item.status = AgendaItem.Status.DECLINED
    item.decline_reason = reason
    _save(item, by)
    proposal_decided.send(sender=AgendaItem, meeting=meeting, item=item, by=_user(by))
    return item


# --- Suggestions -------------------------------------------------------------------------


@transaction.atomic
def agenda_suggestion_add(*, meeting: Meeting, key: str, by) -> AgendaItem:
    """Put a suggestion on the agenda: an open action item, unanswered advice, an escalated
    decision or minutes awaiting approval.

    `key` is "action:<id>", "advice:<id>", "decision:<id>" or "minutes:<id>", taken from the
    suggestions for this meeting (meetings.selectors.agenda.suggestions), so a forged
    or foreign id is refused. Each is added once per meeting.
    """
    permissions.require_of(by, permissions.RUN, meeting.body)
    from ..selectors.agenda import suggestions

    meeting = _lock(meeting)
    offered = {suggestion.key: suggestion for suggestion in suggestions(meeting)}
    suggestion = offered.get(key)
    if suggestion is None:
        if meeting.agenda_items.filter(source_key=key).exists():
            raise ValidationError(_("Deze suggestie staat al op de agenda."))
        raise ValidationError(_("Deze suggestie hoort niet bij deze vergadering."))
    item = AgendaItem(
        meeting=meeting,
        title=suggestion.title[:200],
        description=suggestion.description[:5000],
        kind=suggestion.kind,
        position=_next_position(meeting),
        status=AgendaItem.Status.ACCEPTED,
        source_key=key,
        minutes_of_id=suggestion.pk if key.startswith("minutes:") else None,
        created_by=_user(by),
    )
    item.full_clean()
    if _user(by) is not None:
        item._history_user = by
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(_("Deze suggestie staat al op de agenda.")) from None
    if key.startswith("decision:"):
        # The escalated decision follows to this agenda; the earlier item keeps its history.
        decision = Decision.objects.select_for_update(of=("self",)).get(pk=suggestion.pk)
        if _user(by) is not None:
            decision._history_user = by
        decision.escalated_to = item
        decision.save(update_fields=["escalated_to"])
    _announce(meeting, by, [_dutch(gettext_noop("Punt toegevoegd: %(title)s"), title=item.title)])
    return item


# --- Attachments -------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def safe_filename(name: str, extension: str) -> str:
    """A file name fit for a download header: no path, no control or quoting characters."""
    name = unicodedata.normalize("NFC", PurePath(name.replace("\\", "/")).name)
    stem = _UNSAFE.sub("_", name.rsplit(".", 1)[0] if "." in name else name).strip(" ._")
    return f"{stem[:150] or _('bijlage')}.{extension}"


def _zip_names(upload) -> set[str] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
        return names | {f"mimetype={mimetype}"}
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None


def _content_matches(extension: str, upload) -> bool:
    """Whether the bytes are what the extension says (a renamed .exe is no .pdf)."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "txt":
        return b"\x00" not in head
    if extension in ("docx", "xlsx", "pptx", "odt", "ods"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(upload)
        upload.seek(0)
        if names is None:
            return False
        return {
            "docx": "word/document.xml" in names,
            "xlsx": "xl/workbook.xml" in names,
            "pptx": "ppt/presentation.xml" in names,
            "odt": "mimetype=application/vnd.oasis.opendocument.text" in names,
            "ods": "mimetype=application/vnd.oasis.opendocument.spreadsheet" in names,
        }[extension]
    # A type added to the settings without a check here: the extension decides.
    return True


def too_big_message() -> str:
    return _("Dit bestand is te groot: hoogstens %(size)s.") % {"size": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}


def check_upload(upload) -> tuple[str, str]:
    """(extension, content type) of an acceptable upload, or ValidationError in Dutch."""
    allowed: dict[str, str] = settings.ATTACHMENT_CONTENT_TYPES
    limit: int = settings.ATTACHMENT_MAX_BYTES
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in allowed:
        raise ValidationError(
            _("Dit soort bestand kan geen bijlage zijn. Toegelaten: %(types)s.")
            % {"types": ", ".join(sorted(allowed))}
        )
    if upload.size == 0:
        raise ValidationError(_("Dit bestand is leeg."))
    if upload.size > limit:
        raise ValidationError(too_big_message())
    if not _content_matches(extension, upload):
        raise ValidationError(
            _("De inhoud van dit bestand past niet bij de extensie .%(ext)s.") % {"ext": extension}
        )
    return extension, allowed[extension]


@transaction.atomic
def attachment_add(*, item: AgendaItem, upload, by) -> AgendaAttachment:
    """Attach a file to an agenda item, after checking its size, extension and content."""
    permissions.require_of(by, permissions.RUN, item.meeting.body)
    meeting, item = _lock_item(item)
    if item.status != AgendaItem.Status.ACCEPTED:
        raise ValidationError(_("Dit punt staat niet (meer) op de agenda."))
    extension, content_type = check_upload(upload)
    name = safe_filename(upload.name, extension)
    attachment = AgendaAttachment(
        item=item, name=name, size=upload.size, content_type=content_type, uploaded_by=_user(by)
    )
    if _user(by) is not None:
        attachment._history_user = by
    upload.seek(0)
    attachment.file.save(name, upload, save=False)
    stored = attachment.file.name
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored)
        raise
    _announce(meeting, by, [_dutch(gettext_noop("Bijlage toegevoegd bij %(title)s: %(name)s"), title=item.title, name=name)])
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: AgendaAttachment, by) -> None:
    """Remove an attachment; its file goes once the transaction commits."""
    permissions.require_of(by, permissions.RUN, attachment.item.meeting.body)
    meeting, item = _lock_item(attachment.item)
    attachment = AgendaAttachment.objects.get(pk=attachment.pk)
    if _user(by) is not None:
        attachment._history_user = by
    storage, stored = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))
    _announce(
        meeting, by, [_dutch(gettext_noop("Bijlage verwijderd bij %(title)s: %(name)s"), title=item.title, name=attachment.name)]
    )

