"""Meetings of a body: when it meets, who attends and what is on its agenda.

Issue 4 plans meetings from cadences and adds minutes and reminders; the decisions
taken in a meeting live in the `decisions` app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bodies.models import Body, Person


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

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("orgaan"))
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["date", "start_time", "pk"]
        indexes = [models.Index(fields=["body", "date"], name="meeting_body_date")]

    def __str__(self):
        return f"{self.body} – {self.date:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("meetings:detail", kwargs={"network": self.body.network.slug, "pk": self.pk})


class Attendance(models.Model):
    """Whether a person was at a meeting; only attending voting members may vote."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Aanwezig")
        EXCUSED = "excused", _("Verontschuldigd")
        ABSENT = "absent", _("Afwezig")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("vergadering")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("persoon")
    )
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=Status.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        ordering = ["person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class AgendaItem(models.Model):
    """An item on a meeting's agenda; an escalated decision arrives as one."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Informatie")
        DISCUSSION = "discussion", _("Bespreking")
        DECISION = "decision", _("Besluit")
        ADVICE = "advice", _("Advies")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("vergadering")
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=5000, blank=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegevoegd door"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.meeting_id and self.meeting.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("Een geannuleerde vergadering krijgt geen agendapunten meer."))
