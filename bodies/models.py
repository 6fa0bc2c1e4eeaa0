"""The governance structure of a network: its bodies, who sits in them and what they may do.

Everything here is governance data: each model keeps its full history (who changed
what, and when), so the structure on any past date can be rebuilt (see
`bodies.governance_io.export_network(..., as_of=...)`).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, validate_comma_separated_integer_list
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from .cadence import (
    MAX_COUNT,
    MAX_DATES_PER_YEAR,
    MAX_INTERVALS,
    PROBE_YEARS,
    rule_problem,
    rule_words,
)


class Network(models.Model):
    """A collaboration network ("samenwerkingsverband"): the root that keeps tenants apart."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    description = models.TextField(_("beschrijving"), max_length=5000, validators=[MaxLengthValidator(5000)], blank=True)
    require_mfa_for_coordinators = models.BooleanField(
        _("tweestapsverificatie verplicht voor coördinatoren"),
        default=False,
        help_text=_(
            "Wie dit netwerk coördineert, moet een authenticator-app instellen voor hij of zij de site "
            "kan gebruiken. Beheerders moeten dat altijd."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        ordering = ["name"]
        permissions = [("coordinate_network", _("Het netwerk coördineren"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:network", kwargs={"network": self.slug})


class Organization(models.Model):
    """A partner organisation whose people take seats in the network's bodies."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="organizations", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="organization_name_unique_in_network")
        ]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def of_login(self, user, network) -> "Person | None":
        """The person this login is in `network` (at most one: a constraint), or None (one query)."""
        if not user.is_authenticated:
            return None
        network_id = network if isinstance(network, int) else network.pk
        return self.filter(network_id=network_id, user=user).first()


class Person(models.Model):
    """Someone in the network, optionally linked to a login."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="people", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("login"),
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name"]
        constraints = [
            # Exports and imports refer to people by name.
            models.UniqueConstraint(fields=["network", "name"], name="person_name_unique_in_network"),
            models.UniqueConstraint(
                fields=["network", "user"],
                condition=Q(user__isnull=False),
                name="person_login_unique_in_network",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.Model):
    """A role a seat asks for (kernpartner, coördinator, …); a catalogue per network."""

    # The role the site itself gives (the members of a working group it starts). Its
    # name is a key, the same in every language; the reader reads it in theirs.
    MEMBER = "Lid"

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="roles", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("beschrijving"), max_length=5000, validators=[MaxLengthValidator(5000)], blank=True)
    is_coordinator = models.BooleanField(
        _("netwerkcoördinator"),
        default=False,
        help_text=_("Wie een zetel met deze rol inneemt, coördineert het hele netwerk."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="role_name_unique_in_network")
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name as read: the network's own words, and the site's member role in the reader's language."""
        return str(_("Lid")) if self.name == self.MEMBER else self.name


class BodyQuerySet(models.QuerySet):
    @staticmethod
    def _active(day: datetime.date) -> Q:
        return (Q(active_from__isnull=True) | Q(active_from__lte=day)) & (
            Q(active_until__isnull=True) | Q(active_until__gte=day)
        )

    def active_on(self, day: datetime.date):
        return self.filter(self._active(day))

    def with_is_active(self, day: datetime.date):
        """Every body, each with `is_active` on `day`: for a page that lists them all and acts on the active ones."""
        return self.annotate(is_active=models.ExpressionWrapper(self._active(day), output_field=models.BooleanField()))


class MajorityRule(models.TextChoices):
    """How a body's votes are counted; abstentions never count as votes cast."""

    SIMPLE = "simple", _("Gewone meerderheid")
    TWO_THIRDS = "two_thirds", _("Tweederdemeerderheid")
    CONSENSUS = "consensus", _("Consensus")


class HolidayRule(models.TextChoices):
    """What the planner does with a meeting date that falls on a Belgian public holiday."""

    NEXT_WORKING_DAY = "next", _("Verschuiven naar de volgende werkdag")
    PREVIOUS_WORKING_DAY = "previous", _("Verschuiven naar de vorige werkdag")
    SKIP = "skip", _("Overslaan")
    KEEP = "keep", _("Toch vergaderen")


class Body(models.Model):
    """A governance body ("orgaan") of a network, or a thematic working group."""

    class Kind(models.TextChoices):
        CORE_TEAM = "core_team", _("Kernteam")
        POLICY_GROUP = "policy_group", _("Beleidsgroep")
        SUPPORT_GROUP = "support_group", _("Inhoudelijke ondersteuningsgroep")
        FORUM = "forum", _("Netwerk Forum")
        WORKING_GROUP = "working_group", _("Themawerkgroep")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="bodies", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), max_length=80)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="working_groups",
        verbose_name=_("aangestuurd door"),
        help_text=_("Voor een themawerkgroep: het orgaan dat de werkgroep aanstuurt en opvolgt."),
    )
    description = models.TextField(_("omschrijving"), max_length=5000, validators=[MaxLengthValidator(5000)], blank=True)
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (%)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Het deel van de stemgerechtigde leden dat aanwezig moet zijn om te kunnen stemmen."),
    )
    majority_rule = models.CharField(
        _("meerderheid"), max_length=12, choices=MajorityRule.choices, default=MajorityRule.SIMPLE
    )
    holiday_rule = models.CharField(
        _("op een feestdag"), max_length=10, choices=HolidayRule.choices, default=HolidayRule.NEXT_WORKING_DAY
    )
    call_for_items_days = models.PositiveSmallIntegerField(
        _("oproep voor agendapunten (dagen vooraf)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_(
            "Hoeveel dagen vóór de vergadering leden gevraagd worden punten voor te stellen; "
            "dat kan tot de agenda gepubliceerd is."
        ),
    )
    agenda_days = models.PositiveSmallIntegerField(
        _("agenda verstuurd (dagen vooraf)"),
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
        help_text=_("Uiterlijk hoeveel dagen vóór de vergadering de agenda gepubliceerd is."),
    )
    reminder_days = models.CharField(
        _("herinneringen (dagen vooraf)"),
        max_length=30,
        default="7,1",
        blank=True,
        validators=[validate_comma_separated_integer_list],
        help_text=_("Bijvoorbeeld 7,1: een herinnering een week en een dag vóór de vergadering."),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active_from = models.DateField(_("actief vanaf"), null=True, blank=True)
    active_until = models.DateField(_("actief tot en met"), null=True, blank=True)

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["position", "name"]
        permissions = [
            ("view_body_internals", _("Interne stukken van het orgaan inzien")),
            ("propose_decision", _("Besluiten voorstellen in het orgaan")),
            ("vote_in_body", _("Stemmen in het orgaan")),
            ("run_body", _("Het orgaan leiden: vergaderingen, aanwezigheden, stemmingen, adviezen en opdrachten")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="body_name_unique_in_network"),
            models.UniqueConstraint(fields=["network", "slug"], name="body_slug_unique_in_network"),
            models.CheckConstraint(
                condition=Q(kind="working_group", parent__isnull=False)
                | (~Q(kind="working_group") & Q(parent__isnull=True)),
                name="body_parent_only_for_working_groups",
            ),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="body_active_until_after_from",
            ),
            models.CheckConstraint(condition=Q(quorum_percent__lte=100), name="body_quorum_at_most_100"),
            models.CheckConstraint(
                condition=Q(call_for_items_days__gt=models.F("agenda_days")), name="body_items_called_before_agenda"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("pages:body", kwargs={"network": self.network.slug, "body": self.slug})

    def clean(self):
        errors = {}
        if self.kind == self.Kind.WORKING_GROUP and not self.parent_id:
            errors["parent"] = _("Een themawerkgroep heeft een orgaan nodig dat haar aanstuurt.")
        if self.kind != self.Kind.WORKING_GROUP and self.parent_id:
            errors["parent"] = _("Alleen een themawerkgroep wordt door een ander orgaan aangestuurd.")
        if self.parent_id and self.parent.network_id != self.network_id:
            errors["parent"] = _("Het aansturende orgaan hoort bij een ander netwerk.")
        if self.active_from and self.active_until and self.active_until < self.active_from:
            errors["active_until"] = _("De einddatum ligt vóór de begindatum.")
        if self.call_for_items_days is not None and self.agenda_days is not None:
            if self.call_for_items_days <= self.agenda_days:
                errors["call_for_items_days"] = _(
                    "De oproep voor agendapunten moet vroeger vallen dan het versturen van de agenda."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def is_working_group(self) -> bool:
        return self.kind == self.Kind.WORKING_GROUP

    @property
    def reminder_day_list(self) -> list[int]:
        """The days before a meeting on which its members are reminded, largest first."""
        return sorted({int(day) for day in self.reminder_days.split(",") if day.strip()}, reverse=True)


class BodyTask(models.Model):
    """One bullet of a body's remit ("opdracht"), in the body's own words and order."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("orgaan"))
    text = models.TextField(_("taak"), max_length=2000, validators=[MaxLengthValidator(2000)])
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("taak")
        verbose_name_plural = _("opdracht")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text


class Seat(models.Model):
    """A place in a body's composition as the governance prescribes it.

    `count` is empty where the seed names a group without a number
    ("vertegenwoordigers ACT"). A seat filled "via" another body is held by that
    body's members ex officio (the Kernteam sits in the support group and the Forum).
    """

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats", verbose_name=_("orgaan"))
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="seats", verbose_name=_("rol"))
    count = models.PositiveSmallIntegerField(
        _("aantal"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leeg als het aantal niet vastligt."),
    )
    has_voting_right = models.BooleanField(_("stemrecht"), default=True)
    is_ad_hoc = models.BooleanField(_("ad hoc"), default=False)
    filled_by_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seats_held_elsewhere",
        verbose_name=_("ingevuld door de leden van"),
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("zetel")
        verbose_name_plural = _("zetels")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "role"], name="seat_role_unique_in_body"),
            models.CheckConstraint(
                condition=Q(count__isnull=True) | Q(count__gte=1), name="seat_count_positive"
            ),
        ]

    def __str__(self):
        return f"{self.role} ({self.body})"

    def clean(self):
        errors = {}
        if self.role_id and self.body_id and self.role.network_id != self.body.network_id:
            errors["role"] = _("Deze rol hoort bij een ander netwerk.")
        if self.filled_by_body_id and self.body_id:
            if self.filled_by_body_id == self.body_id:
                errors["filled_by_body"] = _("Een orgaan kan niet zijn eigen zetel invullen.")
            elif self.filled_by_body.network_id != self.body.network_id:
                errors["filled_by_body"] = _("Dit orgaan hoort bij een ander netwerk.")
        if errors:
            raise ValidationError(errors)


class MembershipQuerySet(models.QuerySet):
    def overlapping(self, first: datetime.date, last: datetime.date):
        """Memberships that run on at least one day of first..last."""
        return self.filter(Q(start_date__lte=last), Q(end_date__isnull=True) | Q(end_date__gte=first))

    def current_on(self, day: datetime.date):
        return self.overlapping(day, day)


class Office(models.TextChoices):
    CHAIR = "chair", _("Voorzitter")
    SECRETARY = "secretary", _("Secretaris")


class Membership(models.Model):
    """A person filling a seat of a body for a period, possibly as its chair or secretary.

    `body` repeats `seat.body` (filled in from the seat) so that "the members of a
    body" is one join away and the admin can edit members on the body's page.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, blank=True, related_name="memberships", verbose_name=_("orgaan")
    )
    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("zetel"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("persoon")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("vertegenwoordigt"),
    )
    has_voting_right = models.BooleanField(_("stemrecht"), default=True)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    is_ad_hoc = models.BooleanField(_("ad hoc"), default=False)
    office = models.CharField(
        _("functie"),
        max_length=10,
        choices=Office.choices,
        blank=True,
        help_text=_("De voorzitter en de secretaris hebben voor dit orgaan de rechten van de coördinator."),
    )
    substitute_for = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitutes",
        verbose_name=_("vervanger van"),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["seat__position", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.seat}"

    def is_current_on(self, day: datetime.date) -> bool:
        """MembershipQuerySet.current_on for a membership already loaded (one range, many days)."""
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    def save(self, *args, **kwargs):
        if self.seat_id and not self.body_id:
            self.body_id = self.seat.body_id
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.seat_id:
            if not self.body_id:
                self.body_id = self.seat.body_id
            elif self.seat.body_id != self.body_id:
                errors["seat"] = _("Deze zetel hoort bij een ander orgaan.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Een lidmaatschap kan niet eindigen vóór het begint.")
        if self.seat_id and self.person_id:
            network_id = self.seat.body.network_id
            if self.person.network_id != network_id:
                errors["person"] = _("Deze persoon hoort bij een ander netwerk.")
            if self.organization_id and self.organization.network_id != network_id:
                errors["organization"] = _("Deze organisatie hoort bij een ander netwerk.")
            if self.has_voting_right and not self.seat.has_voting_right:
                errors["has_voting_right"] = _("Deze zetel heeft geen stemrecht.")
        if self.substitute_for_id:
            if self.substitute_for_id == self.pk:
                errors["substitute_for"] = _("Een lid kan zichzelf niet vervangen.")
            elif self.seat_id and self.substitute_for.body_id != self.seat.body_id:
                errors["substitute_for"] = _("Een vervanger vervangt een lid van hetzelfde orgaan.")
        if errors:
            raise ValidationError(errors)


class Domain(models.TextChoices):
    """What a decision or mandate is about."""

    FINANCE = "finance", _("Financiën")
    STAFF = "staff", _("Personeel")
    CONTENT = "content", _("Inhoud en procedures")
    WORKING_GROUPS = "working_groups", _("Werkgroepen en opdrachten")
    COMMUNICATION = "communication", _("Communicatie")
    POLICY = "policy", _("Beleid")


def validate_domains(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Kies minstens één domein."))
    unknown = [item for item in value if item not in Domain.values]
    if unknown:
        raise ValidationError(
            _("Onbekend domein: %(domains)s."), params={"domains": ", ".join(map(str, unknown))}
        )


class MandateQuerySet(models.QuerySet):
    @staticmethod
    def _valid(day: datetime.date) -> Q:
        return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def valid_on(self, day: datetime.date):
        return self.filter(self._valid(day))

    def with_is_valid(self, day: datetime.date):
        """Every mandate, each with `is_valid` on `day`: for lists that show the past and future ones too."""
        return self.annotate(is_valid=models.ExpressionWrapper(self._valid(day), output_field=models.BooleanField()))


class Mandate(models.Model):
    """A power ("bevoegdheid") a body holds, possibly delegated by another body, with limits."""

    class Kind(models.TextChoices):
        DECIDE = "decide", _("Beslissen")
        ADVISE = "advise", _("Adviseren")
        PREPARE = "prepare", _("Voorbereiden")
        STEER = "steer", _("Aansturen")
        INFORM = "inform", _("Informeren")
        ASSIGN = "assign", _("Opdracht geven")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("orgaan"))
    text = models.TextField(_("brontekst"), max_length=2000, validators=[MaxLengthValidator(2000)], help_text=_("De bevoegdheid zoals de governance ze omschrijft."))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    domains = models.JSONField(_("domeinen"), default=list, validators=[validate_domains])
    limit_eur = models.DecimalField(
        _("limiet (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Zonder limiet mag een besluit onder dit mandaat geen bedrag hebben, tenzij het mandaat onbeperkt is."),
    )
    is_unlimited = models.BooleanField(
        _("onbeperkt bedrag"),
        default=False,
        help_text=_("Besluiten onder dit mandaat mogen elk bedrag hebben (zoals een raad van bestuur)."),
    )
    delegated_by = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegated_mandates",
        verbose_name=_("gedelegeerd door"),
    )
    targets = models.ManyToManyField(
        Body, blank=True, related_name="mandates_towards", verbose_name=_("ten aanzien van")
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = MandateQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[targets])

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaten")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_eur__isnull=True) | Q(limit_eur__gte=0), name="mandate_limit_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(is_unlimited=False) | Q(limit_eur__isnull=True), name="mandate_limit_or_unlimited"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="mandate_valid_until_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_kind_display()}"

    def clean(self):
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De einddatum ligt vóór de begindatum.")
        if self.is_unlimited and self.limit_eur is not None:
            errors["limit_eur"] = _("Een onbeperkt mandaat heeft geen limiet.")
        if self.delegated_by_id and self.body_id:
            if self.delegated_by_id == self.body_id:
                errors["delegated_by"] = _("Een orgaan kan geen mandaat aan zichzelf delegeren.")
            elif self.delegated_by.network_id != self.body.network_id:
                errors["delegated_by"] = _("Dit orgaan hoort bij een ander netwerk.")
        if errors:
            raise ValidationError(errors)

    def get_domains_display(self) -> list[str]:
        labels = dict(Domain.choices)
        return [labels.get(domain, domain) for domain in self.domains]

    def allows_amount(self, amount: Decimal | None) -> bool:
        """An unset limit allows no amount at all, unless the mandate is unlimited."""
        if amount is None or self.is_unlimited:
            return True
        return self.limit_eur is not None and amount <= self.limit_eur


def validate_rrule(value: str) -> None:
    """A meeting rhythm as an RFC 5545 RRULE value without DTSTART, such as FREQ=WEEKLY;INTERVAL=2.

    The one check for every way a rule gets in (this model, the working-group form and
    service, the admin, import_governance): what is allowed is `bodies.cadence.rule_problem`.
    """
    text = (value or "").strip()
    problem = rule_problem(text)
    if problem is None:
        return
    allowed = _(
        "Toegelaten: FREQ=DAILY, WEEKLY, MONTHLY of YEARLY; INTERVAL tot %(daily)s (DAILY), %(weekly)s (WEEKLY), "
        "%(monthly)s (MONTHLY) of %(yearly)s (YEARLY); COUNT tot %(count)s; verder alleen UNTIL, WKST, BYDAY, "
        "BYMONTHDAY, BYMONTH en BYSETPOS; hoogstens %(per_year)s data per jaar en een eerste datum binnen "
        "%(years)s jaar. Voorbeeld: FREQ=WEEKLY;INTERVAL=2."
    )
    if problem == "unreadable":
        message = _("Onleesbare herhalingsregel: %(rule)s.")
    else:
        message = _("Deze herhalingsregel is geen vergaderritme: %(rule)s.")
    raise ValidationError(
        f"{message} {allowed}",
        params={
            "rule": text[:100] or "—",
            "daily": MAX_INTERVALS["DAILY"],
            "weekly": MAX_INTERVALS["WEEKLY"],
            "monthly": MAX_INTERVALS["MONTHLY"],
            "yearly": MAX_INTERVALS["YEARLY"],
            "count": MAX_COUNT,
            "per_year": MAX_DATES_PER_YEAR,
            "years": PROBE_YEARS,
        },
        code="invalid_rrule",
    )


class Cadence(models.Model):
    """A body's meeting rhythm ("overlegritme"): one or more phases, each with its own rule."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="cadence", verbose_name=_("orgaan"))
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    location = models.CharField(_("plaats"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("overlegritme")
        verbose_name_plural = _("overlegritmes")

    def __str__(self):
        return self.description or str(self.body)


class CadencePhase(models.Model):
    """One phase of a cadence ("1 x per maand in de beginfase").

    Phases follow one another in order: an open end runs until the next phase's
    start, so "monthly, then every 2 months" stays monthly until an admin sets the
    date the start phase ends.
    """

    cadence = models.ForeignKey(Cadence, on_delete=models.CASCADE, related_name="phases", verbose_name=_("ritme"))
    label = models.CharField(_("fase"), max_length=200, blank=True)
    rrule = models.CharField(_("herhalingsregel (RFC 5545)"), max_length=500, validators=[validate_rrule])
    starts_on = models.DateField(_("vanaf"), null=True, blank=True)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="cadence_phase_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.label or rule_words(self.rrule)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("De einddatum ligt vóór de begindatum.")})


# Object permissions with a real foreign key (django-guardian's "direct" models):
# a grant disappears with its object, and a lookup is a join, not a generic key.


class NetworkUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Network, on_delete=models.CASCADE)


class NetworkGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Network, on_delete=models.CASCADE)


class BodyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)


class BodyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)


class AccessGroup(models.Model):
    """A login group the application keeps in step with the memberships (bodies.access).

    Network groups have no body; body groups have one. Admins read them, never edit
    them: a hand-made change would be undone by the next synchronisation.
    """

    class Kind(models.TextChoices):
        NETWORK_MEMBERS = "network_members", _("Leden van het netwerk")
        COORDINATORS = "coordinators", _("Coördinatoren")
        BODY_MEMBERS = "body_members", _("Leden")
        VOTING_MEMBERS = "voting_members", _("Stemgerechtigde leden")
        OFFICERS = "officers", _("Voorzitter en secretaris")

    NETWORK_KINDS = (Kind.NETWORK_MEMBERS, Kind.COORDINATORS)

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="access", verbose_name=_("groep"))
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="access_groups", verbose_name=_("netwerk")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, related_name="access_groups", verbose_name=_("orgaan")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("toegangsgroep")
        verbose_name_plural = _("toegangsgroepen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "kind"], condition=Q(body__isnull=True), name="access_group_unique_per_network"
            ),
            models.UniqueConstraint(fields=["body", "kind"], name="access_group_unique_per_body"),
            models.CheckConstraint(
                condition=Q(kind__in=["network_members", "coordinators"], body__isnull=True)
                | (~Q(kind__in=["network_members", "coordinators"]) & Q(body__isnull=False)),
                name="access_group_body_matches_kind",
            ),
        ]

    def __str__(self):
        where = self.body or self.network
        return f"{where}: {self.get_kind_display()}"
