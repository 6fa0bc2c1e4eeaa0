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
from projects.models import Project

from ..models import ActionItem, AgendaAttachment, AgendaItem, Meeting


def agenda_item_for_network(network, pk: int, queryset=None) -> AgendaItem:
    """An agenda item of this network, or 404: another network's id never leaks."""
    from django.shortcuts import get_object_or_404

    queryset = AgendaItem.objects.all() if queryset is None else queryset
    item = get_object_or_404(queryset.select_related("meeting__body"), pk=pk, meeting__body__network=network)
    item.meeting.body.network = network
    return item


def attachment_for_network(network, pk: int) -> AgendaAttachment:
    from django.shortcuts import get_object_or_404

    attachment = get_object_or_404(
        AgendaAttachment.objects.select_related("item__meeting__body"), pk=pk, item__meeting__body__network=network
    )
    attachment.item.meeting.body.network = network
    return attachment


def person_of(user, meeting: Meeting) -> Person | None:
    """The user's person in the meeting's network (one query)."""
    if not user.is_authenticated:
        return None
    return Person.objects.filter(network_id=meeting.body.network_id, user=user).first()


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
    - advice given to the body before the meeting, not answered yet;
    - decisions escalated to the body whose item sits on a cancelled meeting, or on
      one that took place (before today and before this one) without deciding on it;
    - minutes of the body's earlier meetings awaiting approval, the same way.
    Each once per meeting (AgendaItem.source_key). Queries: five, the keys already
    on this agenda and one per kind.
    """
    from decisions.models import Advice, Decision

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
                    "due": action.due_date.strftime("%d-%m-%Y"),
                    "day": action.meeting.date.strftime("%d-%m-%Y"),
                },
                detail=_("%(owner)s · tegen %(due)s")
                % {"owner": action.owner.name, "due": action.due_date.strftime("%d-%m-%Y")},
            )
        )

    advice_list = (
        Advice.objects.open()
        .filter(to_body=body, given_on__lte=meeting.date)
        .select_related("from_body__network")
        .order_by("given_on", "pk")
    )
    for advice in advice_list:
        key = f"advice:{advice.pk}"
        if key in taken:
            continue
        found.append(
            Suggestion(
                key=key,
                pk=advice.pk,
                kind=AgendaItem.Kind.ADVICE,
                label=_("Advies zonder antwoord"),
                title=_("Advies van %(body)s: %(subject)s") % {"body": advice.from_body.name, "subject": advice.subject},
                description=advice.text,
                detail=_("gegeven op %(day)s") % {"day": advice.given_on.strftime("%d-%m-%Y")},
                url=advice.get_absolute_url(),
            )
        )

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
                    "day": decision.escalated_to.meeting.date.strftime("%d-%m-%Y"),
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
    from django.utils.formats import date_format

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
        day = date_format(earlier.date, "j F Y")
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
    attachments; for those who run the body the suggestions (four more). Members of the network who are not of the body see
    the published items only (no proposals).
    """
    person = person_of(user, meeting)
    items = list(
        meeting.agenda_items.select_related(
            "presenter", "proposed_by", "merged_into", "escalated_decision", "project"
        )
        .prefetch_related(Prefetch("attachments", queryset=AgendaAttachment.objects.order_by("uploaded_at", "pk")))
        .order_by("position", "pk")
    )
    for item in items:
        item.meeting = meeting
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
    return page


def over_time(meeting: Meeting, page: AgendaPage) -> int:
    """Minutes planned beyond the meeting's length (0 when it fits or has no length)."""
    if not meeting.duration_minutes:
        return 0
    return max(0, page.total_minutes - meeting.duration_minutes)

