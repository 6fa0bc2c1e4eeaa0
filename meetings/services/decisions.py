"""Taking decisions: the mandate check, the vote, the outcome and the escalation.

The rules are the seed documents' (PRODUCT.md, "Who may decide what"):
- a decision stands only on a decide mandate of the body for its domain, valid on
  the meeting date, with the amount within the limit (an unset limit allows no
  amount unless the mandate is unlimited);
- otherwise it is kept as out of mandate, naming the body that holds the mandate,
  and the coordinator puts it on that body's next agenda in one step;
- only voting members who attend may vote; quorum and majority rule are the body's;
  the outcome is computed from the votes, never typed in.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from bodies.models import Body, MajorityRule, Mandate, Person
from bodies.sittings import members_on
from core.dates import long_date

from .. import permissions
from ..models import AgendaItem, Attendance, Decision, Meeting, Vote


def _decide_mandates(network, day) -> list[Mandate]:
    """The network's decide mandates, each with `is_valid` on `day`, in the order bodies are listed."""
    return list(
        Mandate.objects.filter(body__network=network, kind=Mandate.Kind.DECIDE)
        .with_is_valid(day)
        .select_related("body")
        .order_by("body__position", "body__name", "position", "pk")
    )


@transaction.atomic
def decision_propose(
    *,
    meeting: Meeting,
    domain: str,
    text: str,
    amount_eur: Decimal | None,
    by,
    agenda_item: AgendaItem | None = None,
) -> Decision:
    """Record a proposed decision, checked against the body's mandates on the meeting date."""
    permissions.require_of(by, permissions.PROPOSE_DECISION, meeting.body)
    body = meeting.body
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(_("Deze vergadering is geannuleerd: er worden geen besluiten genomen."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("Dit agendapunt hoort bij een andere vergadering."))

    mandates = _decide_mandates(body.network, meeting.date)
    if not any(mandate.body_id == body.pk for mandate in mandates):
        raise ValidationError(
            _("%(body)s is een adviesorgaan en neemt geen besluiten. Geef een advies aan het orgaan dat beslist.")
            % {"body": body}
        )

    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        domain=domain,
        text=text,
        amount_eur=amount_eur,
        proposed_by=by,
    )
    valid = [mandate for mandate in mandates if mandate.is_valid and domain in mandate.domains]
    for_domain = [mandate for mandate in valid if mandate.body_id == body.pk]
    fitting = next((mandate for mandate in for_domain if mandate.allows_amount(amount_eur)), None)
    if fitting is not None:
        decision.mandate = fitting
    else:
        decision.status = Decision.Status.OUT_OF_MANDATE
        if not for_domain:
            decision.refusal = Decision.Refusal.NO_MANDATE
        else:
            decision.mandate = for_domain[0]
            decision.refusal = (
                Decision.Refusal.NO_LIMIT if decision.mandate.limit_eur is None else Decision.Refusal.OVER_LIMIT
            )
        decision.mandate_holder = next(
            (
                mandate.body
                for mandate in valid
                if mandate.body_id != body.pk and mandate.allows_amount(amount_eur)
            ),
            None,
        )
    if decision.mandate is not None:
        decision.mandate_record = decision.mandate.history.order_by("-history_date", "-history_id").first()
    decision.full_clean()
    decision.save()
    return decision


def _voting_members_on(meeting: Meeting) -> set[int]:
    return {person_id for person_id, votes in members_on(meeting.body_id, meeting.date).items() if votes}


@dataclass(frozen=True)
class Quorum:
    voting_members: int
    present: int
    needed: int

    @property
    def is_met(self) -> bool:
        return self.voting_members > 0 and self.present >= self.needed


def meeting_quorum(meeting: Meeting) -> Quorum:
    """How many voting members attend, against the share the body's quorum asks."""
    voters = _voting_members_on(meeting)
    present = Attendance.objects.filter(
        meeting=meeting, person_id__in=voters, status=Attendance.Status.PRESENT
    ).count()
    needed = max(1, math.ceil(len(voters) * meeting.body.quorum_percent / 100))
    return Quorum(voting_members=len(voters), present=present, needed=needed)


def decision_vote(*, decision: Decision, person: Person, choice: str) -> Vote:
    """Cast one person's vote; a second vote of the same person is refused, even in a race."""
    if choice not in Vote.Choice.values:
        raise ValidationError(_("Kies voor, tegen of onthouding."))
    try:
        with transaction.atomic():
            decision = Decision.objects.select_for_update().select_related("meeting__body").get(pk=decision.pk)
            if not decision.is_open:
                raise ValidationError(_("De stemming over dit besluit is afgesloten."))
            meeting = decision.meeting
            meeting.refuse_before_it_begins(timezone.localdate())
            if person.pk not in _voting_members_on(meeting):
                raise ValidationError(
                    _("Alleen leden met stemrecht in %(body)s op %(date)s kunnen stemmen.")
                    % {"body": meeting.body, "date": long_date(meeting.date)}
                )
            attends = Attendance.objects.filter(
                meeting=meeting, person=person, status=Attendance.Status.PRESENT
            ).exists()
            if not attends:
                raise ValidationError(_("Alleen wie op de vergadering aanwezig is, kan stemmen."))
            if Vote.objects.filter(decision=decision, person=person).exists():
                raise ValidationError(_("Je hebt al gestemd over dit besluit."))
            return Vote.objects.create(decision=decision, person=person, choice=choice)
    except IntegrityError:
        # Two submits at once: the unique constraint let exactly one through.
        raise ValidationError(_("Je hebt al gestemd over dit besluit.")) from None


def outcome(rule: str, *, votes_for: int, votes_against: int) -> str:
    """Adopted or rejected under a body's majority rule; abstentions are not votes cast."""
    if rule == MajorityRule.TWO_THIRDS:
        adopted = votes_for > 0 and 3 * votes_for >= 2 * (votes_for + votes_against)
    elif rule == MajorityRule.CONSENSUS:
        adopted = votes_for > 0 and votes_against == 0
    else:
        adopted = votes_for > votes_against
    return Decision.Status.ADOPTED if adopted else Decision.Status.REJECTED


@transaction.atomic
def decision_close(*, decision: Decision, by) -> Decision:
    """Close the vote and compute the outcome, if the quorum is met."""
    permissions.require_of(by, permissions.RUN, decision.meeting.body)
    decision = Decision.objects.select_for_update().select_related("meeting__body").get(pk=decision.pk)
    if not decision.is_open:
        raise ValidationError(_("De stemming over dit besluit is al afgesloten."))
    decision.meeting.refuse_before_it_begins(timezone.localdate())
    quorum = meeting_quorum(decision.meeting)
    if not quorum.is_met:
        raise ValidationError(
            _(
                "Het quorum is niet bereikt: %(present)s van de %(total)s stemgerechtigde leden zijn aanwezig, "
                "%(needed)s zijn nodig."
            )
            % {"present": quorum.present, "total": quorum.voting_members, "needed": quorum.needed}
        )
    counts = decision.votes.aggregate(
        votes_for=Count("pk", filter=Q(choice=Vote.Choice.FOR)),
        votes_against=Count("pk", filter=Q(choice=Vote.Choice.AGAINST)),
        abstentions=Count("pk", filter=Q(choice=Vote.Choice.ABSTAIN)),
    )
    decision.voting_members = quorum.voting_members
    decision.voting_members_present = quorum.present
    decision.votes_for = counts["votes_for"]
    decision.votes_against = counts["votes_against"]
    decision.abstentions = counts["abstentions"]
    decision.status = outcome(
        decision.meeting.body.majority_rule, votes_for=counts["votes_for"], votes_against=counts["votes_against"]
    )
    decision.closed_at = timezone.now()
    decision.save()
    return decision


@transaction.atomic
def decision_escalate(*, decision: Decision, by) -> AgendaItem:
    """Put an out-of-mandate decision on the next agenda of the body that holds the mandate."""
    permissions.require_of(by, permissions.COORDINATE, decision.meeting.body.network)
    # mandate_holder is a nullable join, which PostgreSQL will not lock: lock the row only.
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("meeting__body", "mandate_holder")
        .get(pk=decision.pk)
    )
    if decision.status != Decision.Status.OUT_OF_MANDATE:
        raise ValidationError(_("Alleen een besluit buiten mandaat wordt voorgelegd aan een ander orgaan."))
    if decision.escalated_to_id:
        raise ValidationError(_("Dit besluit is al voorgelegd aan %(holder)s.") % {"holder": decision.mandate_holder})
    holder: Body | None = decision.mandate_holder
    if holder is None:
        raise ValidationError(_("Geen enkel orgaan van het netwerk heeft dit mandaat."))
    since = max(timezone.localdate(), decision.meeting.date)
    meeting = Meeting.objects.filter(body=holder).upcoming(since).first()
    if meeting is None:
        raise ValidationError(
            _("%(holder)s heeft nog geen geplande vergadering. Plan er eerst een.") % {"holder": holder}
        )
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem(
        meeting=meeting,
        kind=AgendaItem.Kind.DECISION,
        # The decision's own words: who put it before the holder is read from the link
        # (item.escalated_decision) and said in the reader's language where it is shown.
        title=Truncator(decision.text).chars(AgendaItem._meta.get_field("title").max_length),
        description=decision.text,
        position=0 if last is None else last + 1,
        created_by=by,
    )
    item.full_clean()
    item.save()
    decision.escalated_to = item
    decision.save(update_fields=["escalated_to"])
    return item
