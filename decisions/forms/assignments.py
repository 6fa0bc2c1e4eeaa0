"""Forms for assignments and working groups: giving, reporting, filtering, starting.

Plain forms with named fields, so a posted mandate, body kind, voting right or date
of giving is ignored; bodies and people are chosen only among those the caller
offers (the mandate's targets, the network's people), so another network's id is
not a valid choice. The rules themselves live in `decisions.services.assignments`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Cadence, CadencePhase, Person, validate_rrule
from core.submissions import SubmitOnceMixin

from ..models import Assignment
from ..services.assignments import Steerer

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _body_choices(field: forms.ModelChoiceField, bodies: list[Body]) -> None:
    field.queryset = Body.objects.filter(pk__in=[body.pk for body in bodies])
    # Rendered from the bodies already loaded, in the mandate's order.
    field.choices = [("", "—"), *((body.pk, body.name) for body in bodies)]


class AssignmentGiveForm(SubmitOnceMixin, forms.Form):
    to_body = forms.ModelChoiceField(label=_("Aan"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Titel"), max_length=Assignment._meta.get_field("title").max_length)
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=Assignment._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    due_date = forms.DateField(label=_("Terugkoppeling tegen"), widget=DATE_INPUT)

    def __init__(self, *args, targets: list[Body], **kwargs):
        super().__init__(*args, **kwargs)
        _body_choices(self.fields["to_body"], targets)


class AssignmentReportForm(forms.Form):
    report = forms.CharField(
        label=_("Terugkoppeling"),
        max_length=Assignment._meta.get_field("report").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class AssignmentFilterForm(forms.Form):
    """The register's filters; every field is optional."""

    OPEN, REPORTED = "open", "reported"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle opdrachten")), (OPEN, _("Lopend")), (REPORTED, _("Teruggekoppeld"))],
    )
    body = forms.ModelChoiceField(
        label=_("Orgaan"),
        queryset=Body.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle organen"),
        help_text=_("Opdrachten die dit orgaan gaf of kreeg."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        # The network's own bodies only: another network's body is not a valid choice.
        self.fields["body"].queryset = Body.objects.filter(network=network).order_by("position", "name")


class WorkingGroupStartForm(SubmitOnceMixin, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=Body._meta.get_field("name").max_length)
    steered_by = forms.ModelChoiceField(label=_("Aangestuurd door"), queryset=Body.objects.none())
    tasks = forms.CharField(
        label=_("Opdracht"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén taak per regel."),
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Leden"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Zij zijn lid vanaf vandaag."),
    )
    cadence_description = forms.CharField(
        label=_("Overlegritme"),
        required=False,
        max_length=Cadence._meta.get_field("description").max_length,
        help_text=_("In woorden, bijvoorbeeld: 1 X per maand."),
    )
    rrule = forms.CharField(
        label=_("Herhalingsregel"),
        max_length=CadencePhase._meta.get_field("rrule").max_length,
        validators=[validate_rrule],
        initial="FREQ=MONTHLY",
        help_text=_("Volgens RFC 5545, bijvoorbeeld FREQ=MONTHLY of FREQ=WEEKLY;INTERVAL=2."),
    )
    due_date = forms.DateField(
        label=_("Eerste terugkoppeling tegen"),
        widget=DATE_INPUT,
        help_text=_("Tegen wanneer het aansturende orgaan over de werkgroep terugkoppelt."),
    )

    def __init__(self, *args, network, steerers: list[Steerer], **kwargs):
        super().__init__(*args, **kwargs)
        if len(steerers) > 1:
            _body_choices(self.fields["steered_by"], [steerer.body for steerer in steerers])
        else:
            # One body can steer: nothing to choose.
            del self.fields["steered_by"]
        # A due date goes with the assignment to another body; a body steering its own group has none.
        assigned = [steerer.mandate is not None for steerer in steerers]
        if not any(assigned):
            del self.fields["due_date"]
        elif not all(assigned):
            self.fields["due_date"].required = False
        # The network's own people only: another network's person is not a valid choice.
        self.fields["members"].queryset = Person.objects.filter(network=network).order_by("name")

    def clean_tasks(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["tasks"].splitlines() if line.strip()]
