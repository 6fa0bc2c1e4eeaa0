"""What one body asks of another: advice ("advies") under an advise mandate and
assignments ("opdrachten") under an assign mandate, a working group's founding one included.

Every record keeps its history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy
from simple_history.models import HistoricalRecords

from bodies.models import Body, Domain, Mandate
from meetings.models import Meeting

class BetweenBodies:
    """What advice and assignments share: given by one body of a network to another of the same."""

    def clean_bodies(self):
        if self.from_body_id and self.to_body_id and self.to_body.network_id != self.from_body.network_id:
            raise ValidationError({"to_body": _("Dit orgaan hoort bij een ander netwerk.")})

    def clean(self):
        self.clean_bodies()


class AdviceQuerySet(models.QuerySet):
    def open(self):
        return self.filter(response="")

    def closed(self):
        return self.exclude(response="")


class Advice(BetweenBodies, models.Model):
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
        return reverse("referrals:advice", kwargs={"network": self.from_body.network.slug, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        return not self.response


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(reported_on__isnull=True)

    def closed(self):
        return self.filter(reported_on__isnull=False)


class Assignment(BetweenBodies, models.Model):
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
        return reverse("referrals:assignment", kwargs={"network": self.from_body.network.slug, "pk": self.pk})

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
