"""Reads for the decision pages: one decision with its history, and the registers.

Each read declares what it loads; the tests pin the query counts at two sizes.
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, localize
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Mandate, Network
from core.history import HistoryEntry, history_entries

from ..models import Decision, euro

# Internal bookkeeping a reader of the history does not need to see.
HISTORY_HIDDEN_FIELDS = {"mandate_record"}


def body_holds_decide_mandate(body: Body) -> bool:
    """Whether a body decides at all; an advisory body (the Forum) gives advice instead."""
    return Mandate.objects.filter(body=body, kind=Mandate.Kind.DECIDE).exists()


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
    return history_entries(
        records,
        model=Decision,
        show=lambda field, value: _show(decision, field, value),
        hidden=HISTORY_HIDDEN_FIELDS,
        created=str(_("Voorgesteld")),
    )


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
