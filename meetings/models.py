"""Meetings of a body: when it meets, who attends, its agenda, minutes and action items.

Meetings are planned from the body's cadence (meetings.planning) or added by hand.
A decision is taken in a meeting: it keeps the mandate it was checked against, and the
version of that mandate on the day, so a later change to the mandate never rewrites why
a decision stood. The mails about all this live in `notifications`.
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, localize, number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bodies.models import Body, Domain, Mandate, Membership, Person
from bodies.sittings import seating
from core.dates import long_date


class MeetingQuerySet(models.QuerySet):
    def of_network(self, network):
        return self.filter(body__network=network)

    def upcoming(self, day):
        return self.filter(date__gte=day, status=Meeting.Status.PLANNED).order_by("date", "start_time", "pk")

    def of_member(self, **person):
        """The meetings of bodies in which the person (`person=…` or `person__user=…`) sits on
        the meeting's date, ex officio included: who is invited is decided by that date."""
        sits = Membership.objects.current_on(OuterRef("date")).filter(seating(OuterRef("body")), **person)
        return self.filter(Exists(sits))


class Meeting(models.Model):
    """A meeting ("vergadering") of one body on one date."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        CANCELLED = "cancelled", _("Geannuleerd")

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("In opmaak")
        AWAITING_APPROVAL = "awaiting", _("Ter goedkeuring")
        APPROVED = "approved", _("Goedgekeurd")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("orgaan"))
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("reden van annulering"), max_length=500, blank=True)
    # The cadence date the planner made this meeting for; it stays when the meeting
    # is moved or cancelled, so the planner never makes that date's meeting again.
    cadence_date = models.DateField(_("datum volgens het ritme"), null=True, blank=True, editable=False)
    # Raised on every change a calendar must follow (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(_("volgnummer"), default=0, editable=False)
    agenda_published_at = models.DateTimeField(_("agenda gepubliceerd op"), null=True, blank=True)
    minutes_status = models.CharField(
        _("verslag"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minutes_approved_in = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
        verbose_name=_("verslag goedgekeurd in"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["body", "date"], name="meeting_body_date")]
        constraints = [
            # Two planners running at once cannot both make a cadence date's meeting.
            models.UniqueConstraint(
                fields=["body", "cadence_date"],
                condition=Q(cadence_date__isnull=False),
                name="meeting_once_per_cadence_date",
            ),
        ]

    def __str__(self):
        return f"{self.body} – {long_date(self.date)}"

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"network": self.body.network.slug, "pk": self.pk})

    @property
    def is_agenda_published(self) -> bool:
        return self.agenda_published_at is not None

    def has_begun(self, today: datetime.date) -> bool:
        """Attendance, votes and closing a vote are recorded from the meeting's day on, not before."""
        return self.date <= today

    def refuse_before_it_begins(self, today: datetime.date) -> None:
        if not self.has_begun(today):
            raise ValidationError(
                _("Deze vergadering vindt pas plaats op %(date)s: aanwezigheden en stemmen worden vanaf die dag genoteerd.")
                % {"date": date_format(self.date, "j F Y")}
            )

    @property
    def are_minutes_approved(self) -> bool:
        return self.minutes_status == self.MinutesStatus.APPROVED

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.start_time is None or self.duration_minutes is None:
            return None
        return datetime.datetime.combine(self.date, self.start_time) + datetime.timedelta(
            minutes=self.duration_minutes
        )


class Attendance(models.Model):
    """Whether a member said they would come, and whether they were there.

    Only attending voting members may vote. A member who sends a substitute is
    recorded as substituted, with who came in their place: a person of the network,
    or someone from outside it named by name and organisation. A substitute neither
    counts towards the quorum nor votes.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("Aanwezig")
        EXCUSED = "excused", _("Verontschuldigd")
        ABSENT = "absent", _("Afwezig")
        SUBSTITUTED = "substituted", _("Vervangen")

    class Reply(models.TextChoices):
        ATTENDING = "attending", _("Ik kom")
        NOT_ATTENDING = "not_attending", _("Ik kan niet komen")

    SUBSTITUTE_NAME_MAX = 200

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("vergadering")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("persoon")
    )
    # Empty until recorded at or after the meeting.
    status = models.CharField(_("aanwezigheid"), max_length=12, choices=Status.choices, blank=True)
    substitute = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitutions",
        verbose_name=_("vervangen door"),
    )
    substitute_name = models.CharField(
        _("vervanger van buiten het netwerk"),
        max_length=SUBSTITUTE_NAME_MAX,
        blank=True,
        help_text=_("Naam en organisatie, voor wie niet bij het netwerk hoort."),
    )
    reply = models.CharField(_("antwoord op de uitnodiging"), max_length=14, choices=Reply.choices, blank=True)
    replied_at = models.DateTimeField(_("geantwoord op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person"),
            # Substituted: by exactly one, a person of the network or a name from outside.
            models.CheckConstraint(
                condition=Q(status="substituted", substitute__isnull=False, substitute_name="")
                | Q(status="substituted", substitute__isnull=True) & ~Q(substitute_name="")
                | (~Q(status="substituted") & Q(substitute__isnull=True, substitute_name="")),
                name="attendance_substitute_only_when_substituted",
            ),
        ]

    @property
    def substitute_label(self) -> str:
        """Who came in the member's place, as the page names them."""
        return self.substitute.name if self.substitute_id else self.substitute_name

    def clean(self):
        if self.meeting_id:
            network_id = self.meeting.body.network_id
            errors = {
                name: _("Deze persoon hoort bij een ander netwerk.")
                for name in ("person", "substitute")
                if getattr(self, f"{name}_id") and getattr(self, name).network_id != network_id
            }
            if errors:
                raise ValidationError(errors)
        substituted = self.status == self.Status.SUBSTITUTED
        chosen = bool(self.substitute_id) + bool(self.substitute_name.strip())
        if substituted and chosen != 1:
            raise ValidationError(
                _("Een lid dat zich liet vervangen, heeft één vervanger: iemand uit het netwerk of een naam van buiten.")
            )
        if not substituted and chosen:
            raise ValidationError(
                _("Een vervanger hoort alleen bij een lid dat zich liet vervangen; kies \"vervangen\" of laat de vervanger leeg.")
            )

    def __str__(self):
        return f"{self.person}: {self.get_status_display() or self.get_reply_display()}"


class AgendaItemQuerySet(models.QuerySet):
    def on_agenda(self):
        """The items that make up the agenda: not proposals still waiting, declined or merged."""
        return self.filter(status=AgendaItem.Status.ACCEPTED)


class AgendaItem(models.Model):
    """An item on a meeting's agenda; an escalated decision arrives as one.

    Members propose items (status proposed); the coordinator or the body's chair or
    secretary accepts, merges or declines them.
    """

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Informatie")
        DISCUSSION = "discussion", _("Bespreking")
        DECISION = "decision", _("Besluit")
        ADVICE = "advice", _("Advies")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Voorgesteld")
        ACCEPTED = "accepted", _("Op de agenda")
        MERGED = "merged", _("Samengevoegd")
        DECLINED = "declined", _("Afgewezen")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("vergadering")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=5000, blank=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    presenter = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("inbreng door")
    )
    planned_minutes = models.PositiveSmallIntegerField(
        _("voorziene tijd (minuten)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACCEPTED)
    proposed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("voorgesteld door")
    )
    decline_reason = models.CharField(_("reden"), max_length=1000, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("project"),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_items",
        verbose_name=_("samengevoegd met"),
    )
    # What a suggested item came from ("action:12", "advice:3", "minutes:7"), so it is suggested once.
    source_key = models.CharField(_("herkomst"), max_length=40, blank=True, editable=False)
    # The earlier meeting whose minutes this item puts before the meeting for approval.
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="minutes_approval_items",
        verbose_name=_("goedkeuring van het verslag van"),
    )
    minutes = models.TextField(_("verslag"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = AgendaItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_key"], condition=~Q(source_key=""), name="agenda_item_source_once"
            ),
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="agenda_item_merged_into_only_when_merged",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.meeting_id and self.meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("Een geannuleerde vergadering krijgt geen agendapunten meer."))
        if self.project_id and self.meeting_id:
            self._clean_project()

    def _clean_project(self):
        # The network first: the refusal of an inactive project names it, which another network must not read.
        project = self.project
        if project.network_id != self.meeting.body.network_id:
            raise ValidationError({"project": _("Dit project hoort bij een ander netwerk.")})
        already_about_it = self.pk and AgendaItem.objects.filter(pk=self.pk, project_id=project.pk).exists()
        if not project.is_active and not already_about_it:
            raise ValidationError(
                {
                    "project": _(
                        "Het project “%(title)s” is %(status)s: kies een project in voorbereiding of een lopend project."
                    )
                    % {"title": project.title, "status": project.get_status_display().lower()}
                }
            )


class AgendaChange(models.Model):
    """A change to a published agenda, kept until it is announced.

    Changes are gathered, not mailed one by one: they go out together in one "agenda
    gewijzigd" mail once the agenda has been left alone for
    settings.AGENDA_CHANGES_QUIET_MINUTES, or at once when who runs the body announces
    them. Nobody is told of their own changes. A new order alone is no news
    (`is_news` False): it goes along with the next real change, never on its own.
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_changes", verbose_name=_("vergadering")
    )
    # Always Dutch, as the mails say it (meetings.services.agenda).
    description = models.CharField(_("wijziging"), max_length=500)
    is_news = models.BooleanField(_("nieuws"), default=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    made_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    announced_at = models.DateTimeField(_("bekendgemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("agendawijziging")
        verbose_name_plural = _("agendawijzigingen")
        ordering = ["made_at", "pk"]
        # The beat's question: which meetings have changes still to announce.
        indexes = [models.Index(fields=["announced_at", "meeting"], name="agenda_change_pending")]

    def __str__(self):
        return self.description


def attachment_path(attachment: "AgendaAttachment", filename: str) -> str:
    # A random directory per upload: names are never guessed, never collide.
    return f"agenda/{attachment.item.meeting_id}/{uuid.uuid4().hex}/{filename}"


class AgendaAttachment(models.Model):
    """A file attached to an agenda item, served only as a download to who may see the meeting."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("agendapunt")
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("naam"), max_length=200)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    content_type = models.CharField(_("soort bestand"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgeladen door"),
    )
    uploaded_at = models.DateTimeField(_("opgeladen op"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ActionItem.Status.OPEN)


class ActionItem(models.Model):
    """An action ("actiepunt") agreed in a meeting: it returns on the body's next agenda until done."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Afgewerkt")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("vergadering")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agendapunt"),
    )
    title = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="action_items", verbose_name=_("wie")
    )
    due_date = models.DateField(_("tegen"))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    done_at = models.DateTimeField(_("afgewerkt op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("genoteerd door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", done_at__isnull=False) | (~Q(status="done") & Q(done_at__isnull=True)),
                name="action_item_done_at_only_when_done",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.owner_id and self.meeting_id and self.owner.network_id != self.meeting.body.network_id:
            raise ValidationError({"owner": _("Wie de actie opneemt, moet bij dit netwerk horen.")})


class MinutesApproval(models.Model):
    """A meeting's act of approving the minutes of an earlier meeting of the same body.

    Taken on the agenda item that put those minutes before it, from the day the
    approving meeting takes place, by the people recorded present there (kept as they
    were at the approval). `Meeting.minutes_approved_in` on the approved meeting points
    to the approving one, for the pages that only say where.
    """

    minutes_of = models.OneToOneField(
        Meeting, on_delete=models.PROTECT, related_name="minutes_approval", verbose_name=_("verslag van")
    )
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="minutes_approval", verbose_name=_("agendapunt")
    )
    present = models.ManyToManyField(
        Person, related_name="minutes_approvals_attended", verbose_name=_("aanwezig")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("genoteerd door"),
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), default=timezone.now, editable=False)

    history = HistoricalRecords(m2m_fields=[present])

    class Meta:
        verbose_name = _("goedkeuring van een verslag")
        verbose_name_plural = _("goedkeuringen van verslagen")

    def __str__(self):
        return f"{self.minutes_of} – {self.agenda_item.meeting}"

    def get_absolute_url(self):
        return f"{self.agenda_item.meeting.get_absolute_url()}#item-{self.agenda_item_id}"

    def clean(self):
        approving = self.agenda_item.meeting
        if approving.body_id != self.minutes_of.body_id:
            raise ValidationError(_("Een verslag wordt goedgekeurd in een vergadering van hetzelfde orgaan."))
        if self.agenda_item.minutes_of_id != self.minutes_of_id:
            raise ValidationError(_("Dit agendapunt legt een ander verslag ter goedkeuring voor."))


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
        return reverse("meetings:decision", kwargs={"network": self.meeting.body.network.slug, "pk": self.pk})

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
