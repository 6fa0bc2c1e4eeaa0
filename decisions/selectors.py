"""Reads for the decision pages: one decision with its history, and the registers.

Each read declares what it loads; the tests pin the query counts at two sizes.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Mandate, Network

from .models import Decision, euro

# Internal bookkeeping a reader of the history does not need to see.
HISTORY_HIDDEN_FIELDS = {"mandate_record"}


def body_holds_decide_mandate(body: Body) -> bool:
    """Whether a body decides at all; an advisory body (the Forum) gives advice instead."""
    return Mandate.objects.filter(body=body, kind=Mandate.Kind.DECIDE).exists()


def decision_for_network(network: Network, pk: int) -> Decision:
    """A decision of this network with what its page shows, or 404."""
    decision = get_object_or_404(
        Decision.objects.select_related(
            "meeting__body",
            "agenda_item",
            "mandate__body",
            "mandate_record",
            "mandate_holder",
            "escalated_to__meeting__body",
            "proposed_by",
        ),
        pk=pk,
        meeting__body__network=network,
    )
    decision.meeting.body.network = network
    return decision


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    changes: list[Change]


def _show(decision: Decision, field, value) -> str:
    """A field's value as a reader knows it: labels for choices, names for linked rows."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.name == "amount_eur":
        return euro(value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j F Y H:i")
    if field.is_relation:
        known = {
            "meeting": decision.meeting,
            "agenda_item": decision.agenda_item,
            "mandate": decision.mandate,
            "mandate_holder": decision.mandate_holder,
            "escalated_to": decision.escalated_to,
        }.get(field.name)
        if known is not None and known.pk == value:
            return str(known)
        return f"#{value}"
    return str(localize(value))


def decision_history(decision: Decision) -> list[HistoryEntry]:
    """Who changed what and when, oldest first.

    Queries: one, the historical records with their users.
    """
    records = list(decision.history.select_related("history_user").order_by("history_date", "history_id"))
    fields = {field.name: field for field in Decision._meta.fields}
    order = {name: index for index, name in enumerate(fields)}
    entries = []
    previous = None
    for record in records:
        user = record.history_user
        who = (user.get_full_name() or user.get_username()) if user else str(_("het systeem"))
        if previous is None:
            kind = str(_("Voorgesteld")) if record.history_type == "+" else str(_("Gewijzigd"))
            status = fields["status"]
            changes = [Change(label=str(status.verbose_name), old="", new=_show(decision, status, record.status))]
        else:
            kind = str(_("Verwijderd")) if record.history_type == "-" else str(_("Gewijzigd"))
            delta = record.diff_against(previous, excluded_fields=HISTORY_HIDDEN_FIELDS)
            changes = [
                Change(
                    label=str(fields[change.field].verbose_name),
                    old=_show(decision, fields[change.field], change.old),
                    new=_show(decision, fields[change.field], change.new),
                )
                # In the model's field order (the status before the counts), not alphabetically.
                for change in sorted(delta.changes, key=lambda change: order[change.field])
                if change.field in fields
            ]
        entries.append(HistoryEntry(when=record.history_date, who=who, kind=kind, changes=changes))
        previous = record
    return entries


def register_queryset(
    network: Network,
    *,
    body: Body | None = None,
    q: str = "",
    domain: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Decision]:
    """The final decisions (adopted and rejected) of a network or one body, filtered, newest first.

    One query per page of rows (body, meeting, mandate and its version joined in),
    plus the paginator's count.
    """
    decisions = (
        Decision.objects.of_network(network)
        .filter(status__in=[Decision.Status.ADOPTED, Decision.Status.REJECTED])
        .for_register()
        .select_related("mandate_record")
    )
    if body is not None:
        decisions = decisions.filter(meeting__body=body)
    if q:
        decisions = decisions.filter(Q(text__icontains=q))
    if domain:
        decisions = decisions.filter(domain=domain)
    if date_from:
        decisions = decisions.filter(meeting__date__gte=date_from)
    if date_to:
        decisions = decisions.filter(meeting__date__lte=date_to)
    return decisions
