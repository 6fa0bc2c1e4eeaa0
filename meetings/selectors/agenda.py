"""Reads for the agenda page: the items, the proposals, the suggestions and who may present.

Each read declares its queries, so the page costs the same for 2 items as for 40
(meetings/tests/test_agenda_views.py pins the counts).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bodies.models import Membership, Person
from bodies.sittings import seating
from core.dates import long_date, short_date
from projects.models import Project

from ..models import ActionItem, AgendaAttachment, AgendaChange, AgendaItem, Decision, Meeting
from ..signals import agenda_suggestions_wanted


def waiting_proposals(network, today: datetime.date) -> list[AgendaItem]:
    """Proposals nobody has decided on yet, for planned meetings from today on, soonest first.

    Queries: one, the proposals with their meeting, body and proposer.
    """
    proposals = list(
        AgendaItem.objects.filter(
            status=AgendaItem.Status.PROPOSED,
            meeting__body__network=network,
            meeting__status=Meeting.Status.PLANNED,
            meeting__date__gte=today,
        )
        .select_related("meeting__body", "proposed_by")
        .order_by("meeting__date", "meeting__pk", "created_at", "pk")
    )
    for proposal in proposals:
        proposal.meeting.body.network = network
    return proposals


def presenters(meeting: Meeting):
    """The people who are members of the body on the meeting date (a queryset, one query)."""
    seats = Membership.objects.current_on(meeting.date).filter(seating(meeting.body_id), person=OuterRef("pk"))
    return Person.objects.filter(Exists(seats)).order_by("name", "pk")


def linkable_projects(meeting: Meeting, current_id: int | None = None):
    """The projects an item of this meeting can be about: the network's active ones, and the one it has."""
    linkable = Q(status__in=Project.ACTIVE)
    if current_id is not None:
        linkable |= Q(pk=current_id)
    return Project.objects.filter(linkable, network_id=meeting.body.network_id).order_by("title", "pk")


@dataclass
class Suggestion:
    """Something that belongs on this agenda: an open action, unanswered advice, an escalated decision."""

    key: str
    pk: int
    kind: str
    label: str
    title: str
    description: str
    detail: str
    url: str = ""


def suggestions(meeting: Meeting, today: datetime.date | None = None) -> list[Suggestion]:
    """What the body should look at in this meeting and is not on its agenda yet.

    - open action items of the body's earlier meetings (they return until done);
    - what other apps offer through `agenda_suggestions_wanted` (referrals: advice given
      to the body before the meeting, not answered yet);
    - decisions escalated to the body whose item sits on a cancelled meeting, or on
      one that took place (before today and before this one) without deciding on it;
    - minutes of the body's earlier meetings awaiting approval, the same way.
    Each once per meeting (AgendaItem.source_key). Queries: the keys already on this
    agenda and one per kind.
    """
    today = today or timezone.localdate()
    body = meeting.body
    taken = set(
        AgendaItem.objects.filter(meeting=meeting).exclude(source_key="").values_list("source_key", flat=True)
    )
    found: list[Suggestion] = []

    actions = (
        ActionItem.objects.open()
        .filter(meeting__body=body, meeting__date__lt=meeting.date)
        .select_related("owner", "meeting")
        .order_by("due_date", "pk")
    )
    for action in actions:
        key = f"action:{action.pk}"
        if key in taken:
            continue
        found.append(
            Suggestion(
                key=key,
                pk=action.pk,
                kind=AgendaItem.Kind.INFORMATION,
                label=_("Open actiepunt"),
                title=_("Actiepunt: %(title)s") % {"title": action.title},
                description=_("%(owner)s, tegen %(due)s (afgesproken op %(day)s).")
                % {
                    "owner": action.owner.name,
                    "due": long_date(action.due_date),
                    "day": long_date(action.meeting.date),
                },
                detail=_("%(owner)s · tegen %(due)s")
                % {"owner": action.owner.name, "due": short_date(action.due_date)},
            )
        )

    # Other apps offer what they hold for this agenda (referrals: advice not answered yet).
    for _receiver, offered in agenda_suggestions_wanted.send(sender=Meeting, meeting=meeting):
        found.extend(suggestion for suggestion in offered if suggestion.key not in taken)

    decided = Decision.objects.filter(agenda_item=OuterRef("escalated_to"))
    escalated = (
        Decision.objects.filter(escalated_to__meeting__body=body)
        .exclude(escalated_to__meeting=meeting)
        .filter(
            Q(escalated_to__meeting__status=Meeting.Status.CANCELLED)
            | Q(escalated_to__meeting__date__lt=min(today, meeting.date))
        )
        .exclude(Exists(decided))
        .select_related("meeting__body__network", "escalated_to__meeting")
        .order_by("created_at", "pk")
    )
    for decision in escalated:
        key = f"decision:{decision.pk}"
        if key in taken:
            continue
        found.append(
            Suggestion(
                key=key,
                pk=decision.pk,
                kind=AgendaItem.Kind.DECISION,
                label=_("Voorgelegd besluit"),
                title=decision.escalated_to.title,
                description=decision.escalated_to.description,
                detail=_("voorgelegd door %(body)s, stond op %(day)s")
                % {
                    "body": decision.meeting.body.name,
                    "day": short_date(decision.escalated_to.meeting.date),
                },
                url=decision.get_absolute_url(),
            )
        )

    found.extend(_minutes_suggestions(meeting, today, taken))
    return found


def _order_key(meeting: Meeting):
    return (meeting.date, meeting.start_time or datetime.time.min, meeting.pk)


def _minutes_suggestions(meeting: Meeting, today: datetime.date, taken: set[str]) -> list[Suggestion]:
    """Minutes of the body's earlier meetings awaiting approval, not on a meeting still to come.

    Put on the next meeting when they are submitted; suggested again when that meeting
    was cancelled or took place without approving them. Queries: one.
    """
    from django.urls import reverse

    pending_elsewhere = (
        AgendaItem.objects.on_agenda()
        .filter(minutes_of=OuterRef("pk"), meeting__status=Meeting.Status.PLANNED, meeting__date__gte=min(today, meeting.date))
        .exclude(meeting=meeting)
    )
    awaiting = (
        Meeting.objects.filter(
            body_id=meeting.body_id, minutes_status=Meeting.MinutesStatus.AWAITING_APPROVAL, date__lte=meeting.date
        )
        .exclude(pk=meeting.pk)
        .exclude(Exists(pending_elsewhere))
        .order_by("date", "start_time", "pk")
    )
    found = []
    for earlier in awaiting:
        key = f"minutes:{earlier.pk}"
        if key in taken or _order_key(earlier) >= _order_key(meeting):
            continue
        day = long_date(earlier.date)
        found.append(
            Suggestion(
                key=key,
                pk=earlier.pk,
                kind=AgendaItem.Kind.DECISION,
                label=_("Verslag ter goedkeuring"),
                title=_("Goedkeuring van het verslag van %(day)s") % {"day": day},
                description=_("Het verslag van de vergadering van %(day)s ligt ter goedkeuring.") % {"day": day},
                detail=_("vergadering van %(day)s") % {"day": day},
                url=reverse("meetings:minutes", kwargs={"network": meeting.body.network.slug, "pk": earlier.pk}),
            )
        )
    return found


@dataclass
class AgendaPage:
    items: list[AgendaItem]
    proposals: list[AgendaItem] = field(default_factory=list)
    handled: list[AgendaItem] = field(default_factory=list)
    mine: list[AgendaItem] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    person: Person | None = None
    # Changes to the published agenda not announced yet (news only), for who runs the body.
    pending_changes: list[AgendaChange] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return sum(item.planned_minutes or 0 for item in self.items)

    @property
    def unplanned(self) -> int:
        """Items without a planned time."""
        return sum(1 for item in self.items if not item.planned_minutes)


def agenda_page(meeting: Meeting, user, *, internals: bool, runs: bool) -> AgendaPage:
    """The agenda as this user may see it.

    Queries: the user's person in the network; all items of the meeting with
    presenter, proposer, merged-into item, escalated decision and project; their
    attachments; for those who run the body the suggestions (four more) and, once the
    agenda is published, the changes still to announce (one more). Members of the network who are not of the body see
    the published items only (no proposals).
    """
    person = Person.objects.of_login(user, meeting.body.network_id)
    items = list(
        meeting.agenda_items.select_related(
            "presenter", "proposed_by", "merged_into", "escalated_decision__meeting__body__network", "project"
        )
        .prefetch_related(Prefetch("attachments", queryset=AgendaAttachment.objects.order_by("uploaded_at", "pk")))
        .order_by("position", "pk")
    )
    merged: dict[int, list[AgendaItem]] = {}
    for item in items:
        item.meeting = meeting
        if item.merged_into_id:
            merged.setdefault(item.merged_into_id, []).append(item)
    for item in items:
        # The proposals merged into an item, with their proposer and project (for insiders).
        item.merged_here = merged.get(item.pk, []) if internals else []
    page = AgendaPage(items=[item for item in items if item.status == AgendaItem.Status.ACCEPTED], person=person)
    if internals:
        page.mine = [item for item in items if person and item.proposed_by_id == person.pk]
    if runs:
        page.proposals = [item for item in items if item.status == AgendaItem.Status.PROPOSED]
        page.handled = [
            item
            for item in items
            if item.proposed_by_id and item.status in (AgendaItem.Status.MERGED, AgendaItem.Status.DECLINED)
        ]
        if meeting.status == Meeting.Status.PLANNED:
            page.suggestions = suggestions(meeting)
            if meeting.is_agenda_published:
                page.pending_changes = list(
                    meeting.agenda_changes.filter(announced_at__isnull=True, is_news=True).order_by("made_at", "pk")
                )
    return page


def over_time(meeting: Meeting, page: AgendaPage) -> int:
    """Minutes planned beyond the meeting's length (0 when it fits or has no length)."""
    if not meeting.duration_minutes:
        return 0
    return max(0, page.total_minutes - meeting.duration_minutes)


@dataclass
class AgendaLine:
    """One item of a published agenda as the mails and invitations list it."""

    number: int
    title: str
    kind: str
    presenter: str
    minutes: int | None
    # When it is planned to start: from the meeting's start hour and the planned times
    # of the items before it; unknown after an item without a planned time.
    starts_at: datetime.time | None

    @property
    def facts(self) -> str:
        """"Besluit; inbreng: An Maes; 19:30, 30 min", in the active language."""
        facts = [self.kind]
        if self.presenter:
            facts.append(_("inbreng: %(name)s") % {"name": self.presenter})
        when = []
        if self.starts_at is not None:
            when.append(self.starts_at.strftime("%H:%M"))
        if self.minutes:
            when.append(_("%(minutes)s min") % {"minutes": self.minutes})
        if when:
            facts.append(", ".join(when))
        return "; ".join(facts)

    def text(self) -> str:
        """"2. Begroting 2027 (Besluit; inbreng: An Maes; 19:30, 30 min)"."""
        return f"{self.number}. {self.title} ({self.facts})"


def agenda_lines(meeting: Meeting) -> list[AgendaLine]:
    """The items on the meeting's agenda, in order, for a mail or an invitation (one query)."""
    items = meeting.agenda_items.on_agenda().select_related("presenter").order_by("position", "pk")
    clock = datetime.datetime.combine(meeting.date, meeting.start_time) if meeting.start_time else None
    lines = []
    for number, item in enumerate(items, start=1):
        lines.append(
            AgendaLine(
                number=number,
                title=item.title,
                kind=str(item.get_kind_display()),
                presenter=item.presenter.name if item.presenter else "",
                minutes=item.planned_minutes,
                starts_at=clock.time() if clock else None,
            )
        )
        clock = clock + datetime.timedelta(minutes=item.planned_minutes) if clock and item.planned_minutes else None
    return lines
