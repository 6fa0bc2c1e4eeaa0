"""The network's registers: decisions taken in meetings, advice between bodies, assignments.

Every record keeps its history. A decision keeps the mandate it was checked against,
and the version of that mandate on the day, so a later change to the mandate never
rewrites why a decision stood.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import localize, number_format
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from simple_history.models import HistoricalRecords

from bodies.models import Body, Domain, Mandate, Person
from meetings.models import AgendaItem, Meeting

AMOUNT = {"max_digits": 12, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


def euro(amount: Decimal) -> str:
    return f"€ {number_format(amount, decimal_pos=2, force_grouping=True)}"


class DecisionQuerySet(models.QuerySet):
    def of_network(self, network):
        return self.filter(meeting__body__network=network)

    def for_register(self):
        """What a register row shows, in one query: body, meeting and mandate."""
        return self.select_related("meeting__body__network", "mandate__body").order_by("-meeting__date", "-pk")


class Decision(models.Model):
    """A decision ("besluit") proposed in a meeting of a body and put to the vote.

    It stands only on a decide mandate of that body for its domain, valid on the
    meeting date, with the amount within the limit. Without one it is kept as
    out of mandate, naming the body that does hold the mandate, so the coordinator
    can put it on that body's agenda (`escalated_to`).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("In stemming")
        ADOPTED = "adopted", _("Aangenomen")
        REJECTED = "rejected", _("Verworpen")
        OUT_OF_MANDATE = "out_of_mandate", _("Buiten mandaat")

    class Refusal(models.TextChoices):
        NO_MANDATE = "no_mandate", _("Geen beslissingsmandaat voor dit domein")
        OVER_LIMIT = "over_limit", _("Bedrag boven de limiet")
        NO_LIMIT = "no_limit", _("Mandaat zonder limiet voor bedragen")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("vergadering")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agendapunt"),
    )
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    text = models.TextField(_("besluit"), max_length=5000)
    amount_eur = models.DecimalField(_("bedrag (EUR)"), null=True, blank=True, **AMOUNT)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("mandaat"),
        help_text=_("Het mandaat waarop het besluit steunt, of dat te krap was."),
    )
    mandate_record = models.ForeignKey(
        "bodies.HistoricalMandate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versie van het mandaat"),
    )
    refusal = models.CharField(_("reden van weigering"), max_length=12, choices=Refusal.choices, blank=True)
    mandate_holder = models.ForeignKey(
        Body,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("orgaan met het mandaat"),
    )
    escalated_to = models.OneToOneField(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalated_decision",
        verbose_name=_("voorgelegd op agendapunt"),
    )
    voting_members = models.PositiveSmallIntegerField(_("stemgerechtigde leden"), null=True, blank=True)
    voting_members_present = models.PositiveSmallIntegerField(_("stemgerechtigden aanwezig"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("stemmen voor"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("stemmen tegen"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("onthoudingen"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    created_at = models.DateTimeField(_("voorgesteld op"), auto_now_add=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_eur__isnull=True) | Q(amount_eur__gte=0), name="decision_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status="out_of_mandate", refusal__gt="") | (~Q(status="out_of_mandate") & Q(refusal="")),
                name="decision_refusal_iff_out_of_mandate",
            ),
            models.CheckConstraint(
                condition=Q(status="out_of_mandate") | Q(mandate__isnull=False),
                name="decision_within_mandate_has_mandate",
            ),
            models.CheckConstraint(
                condition=Q(escalated_to__isnull=True) | Q(status="out_of_mandate"),
                name="decision_escalated_only_out_of_mandate",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("decisions:detail", kwargs={"network": self.meeting.body.network.slug, "pk": self.pk})

    @property
    def body(self) -> Body:
        return self.meeting.body

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.ADOPTED, self.Status.REJECTED)

    @property
    def follow_up(self) -> "Decision | None":
        """What became of an escalated decision: the latest one taken on the item it was put on.

        Reads `escalated_to.decisions` (prefetch it for a list; one query otherwise).
        """
        if self.escalated_to_id is None:
            return None
        taken = list(self.escalated_to.decisions.all())
        return max(taken, key=lambda decision: (decision.created_at, decision.pk), default=None)

    def refusal_message(self) -> str:
        """Why the body could not take this decision, naming who can (PRODUCT.md)."""
        if not self.refusal:
            return ""
        body = self.meeting.body
        if self.refusal == self.Refusal.OVER_LIMIT:
            reason = _("Het bedrag van %(amount)s overschrijdt de limiet van %(limit)s van %(body)s.") % {
                "amount": euro(self.amount_eur),
                "limit": euro(self.mandate.limit_eur),
                "body": body,
            }
        elif self.refusal == self.Refusal.NO_LIMIT:
            reason = _("Het mandaat van %(body)s heeft geen limiet: een besluit met een bedrag valt erbuiten.") % {
                "body": body
            }
        else:
            reason = _("%(body)s heeft op %(date)s geen beslissingsmandaat voor %(domain)s.") % {
                "body": body,
                "date": localize(self.meeting.date),
                "domain": self.get_domain_display().lower(),
            }
        if self.mandate_holder_id:
            holder = _("Dit mandaat ligt bij %(holder)s.") % {"holder": self.mandate_holder}
        else:
            holder = _("Geen enkel orgaan van het netwerk heeft dit mandaat.")
        return f"{reason} {holder}"


class Vote(models.Model):
    """One voting member's vote on a decision; cast once, so a double submit counts once."""

    class Choice(models.TextChoices):
        FOR = "for", _("Voor")
        AGAINST = "against", _("Tegen")
        ABSTAIN = "abstain", _("Onthouding")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes", verbose_name=_("besluit"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="votes", verbose_name=_("persoon"))
    choice = models.CharField(_("stem"), max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField(_("uitgebracht op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        ordering = ["cast_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "person"], name="vote_once_per_person")]

    def __str__(self):
        return f"{self.person}: {self.get_choice_display()}"


class AdviceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(response="")


class Advice(models.Model):
    """Advice ("advies") one body gives another under an advise mandate; it waits for an answer."""

    class Response(models.TextChoices):
        FOLLOWED = "followed", _("Gevolgd")
        PARTLY = "partly", _("Gedeeltelijk gevolgd")
        NOT_FOLLOWED = "not_followed", _("Niet gevolgd")

    from_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="advice_given", verbose_name=_("adviserend orgaan")
    )
    to_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="advice_received", verbose_name=_("geadviseerd orgaan")
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advice_given",
        verbose_name=_("vergadering"),
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="advice", verbose_name=_("mandaat")
    )
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    text = models.TextField(_("advies"), max_length=10000)
    given_on = models.DateField(_("gegeven op"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("ingevoerd door")
    )
    response = models.CharField(_("antwoord"), max_length=12, choices=Response.choices, blank=True)
    response_reasons = models.TextField(_("motivering"), max_length=10000, blank=True)
    answered_on = models.DateField(_("beantwoord op"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwoord door"),
    )

    objects = AdviceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("advies")
        verbose_name_plural = _("adviezen")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_body=models.F("to_body")), name="advice_to_another_body"),
            models.CheckConstraint(
                condition=Q(response="", answered_on__isnull=True) | (~Q(response="") & Q(answered_on__isnull=False)),
                name="advice_answer_complete",
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("decisions:advice", kwargs={"network": self.from_body.network.slug, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        return not self.response


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(reported_on__isnull=True)


class Assignment(models.Model):
    """An assignment ("opdracht") a body gives another under an assign mandate, reported back."""

    from_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="assignments_given", verbose_name=_("opdrachtgever")
    )
    to_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="assignments_received", verbose_name=_("uitvoerder")
    )
    mandate = models.ForeignKey(
        Mandate, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("mandaat")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), max_length=10000, blank=True)
    due_date = models.DateField(_("terugkoppeling tegen"))
    working_group = models.OneToOneField(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="founding_assignment",
        verbose_name=_("opgestarte werkgroep"),
    )
    given_on = models.DateField(_("gegeven op"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("gegeven door")
    )
    report = models.TextField(_("terugkoppeling"), max_length=10000, blank=True)
    reported_on = models.DateField(_("teruggekoppeld op"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teruggekoppeld door"),
    )

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("assignment", "opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_body=models.F("to_body")), name="assignment_to_another_body"),
            models.CheckConstraint(
                condition=Q(reported_on__isnull=True, report="") | (Q(reported_on__isnull=False) & ~Q(report="")),
                name="assignment_report_complete",
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("decisions:assignment", kwargs={"network": self.from_body.network.slug, "pk": self.pk})

    @property
    def display_title(self) -> str:
        """The title as the reader reads it.

        The assignment that comes with a new working group stores only the group's name
        (in `title`): the words around it are said in the reader's language.
        """
        if self.working_group_id is None:
            return self.title
        if self.title.lower().startswith("werkgroep"):
            return _("%(name)s opstarten en opvolgen") % {"name": self.title}
        return _("Werkgroep %(name)s opstarten en opvolgen") % {"name": self.title}

    @property
    def is_open(self) -> bool:
        return self.reported_on is None
