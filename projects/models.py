"""Projects ("projectfiches"): the network's project work, followed up by a body.

The seed document names project sheets among the tools of the network's project
work ("3 concrete projecten"); agenda items link to the project they are about, so
that a project's sheet shows where it was discussed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bodies.models import Body, Network, Person


class ProjectQuerySet(models.QuerySet):
    def active(self):
        """Projects still in preparation or running: those an agenda item can be linked to."""
        return self.filter(status__in=Project.ACTIVE)


class Project(models.Model):
    """A project sheet: what the project wants to reach, who leads it, which body follows it up."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In voorbereiding")
        RUNNING = "running", _("Lopend")
        FINISHED = "finished", _("Afgerond")
        STOPPED = "stopped", _("Stopgezet")

    ACTIVE = (Status.PREPARING, Status.RUNNING)

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="projects", verbose_name=_("netwerk")
    )
    title = models.CharField(_("titel"), max_length=200)
    goal = models.TextField(_("doel"), max_length=5000, blank=True, help_text=_("Wat het project wil bereiken."))
    description = models.TextField(
        _("aanpak"), max_length=10000, blank=True, help_text=_("Hoe het project te werk gaat, met wie.")
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("opgevolgd door"),
        help_text=_("Het orgaan dat het project opvolgt."),
    )
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects_led",
        verbose_name=_("projecttrekker"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREPARING)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("einde"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projecten")
        ordering = ["title", "pk"]
        constraints = [
            # Also what keeps a double submit from making the project twice.
            models.UniqueConstraint(
                Lower("title"),
                "network",
                name="project_title_unique_in_network",
                violation_error_message=_("Er bestaat al een project met deze titel."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", kwargs={"network": self.network.slug, "pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    def clean(self):
        errors = {}
        if self.body_id and self.network_id and self.body.network_id != self.network_id:
            errors["body"] = _("Dit orgaan hoort bij een ander netwerk.")
        if self.lead_id and self.network_id and self.lead.network_id != self.network_id:
            errors["lead"] = _("Deze persoon hoort bij een ander netwerk.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("Het einde ligt voor de start.")
        if errors:
            raise ValidationError(errors)
