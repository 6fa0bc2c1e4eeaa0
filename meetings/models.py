"""Meetings of a body: when it meets, who attends, its agenda, minutes and action items.

Meetings are planned from the body's cadence (meetings.planning) or added by hand;
the decisions taken in a meeting live in the `decisions` app, the mails about them in
`notifications`.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bodies.models import Body, Person
from core.dates import long_date


class MeetingQuerySet(models.QuerySet):
    def of_network(self, network):
        return self.filter(body__network=network)

    def upcoming(self, day):
        return self.filter(date__gte=day, status=Meeting.Status.PLANNED).order_by("date", "start_time", "pk")


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
        if self.project_id and self.meeting_id and self.project.network_id != self.meeting.body.network_id:
            raise ValidationError({"project": _("Dit project hoort bij een ander netwerk.")})


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
