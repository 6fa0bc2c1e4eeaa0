"""Forms for assignments and working groups: giving, reporting, filtering, starting.

Plain forms with named fields, so a posted mandate, body kind, voting right or date
of giving is ignored; bodies and people are chosen only among those the caller
offers (the mandate's targets, the network's people), so another network's id is
not a valid choice. The rules themselves live in `referrals.services.assignments`.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext_lazy as _

from bodies.cadence import MAX_INTERVALS, RULE_DAYS, rhythm_rule
from bodies.models import Body, Cadence, Person, validate_rrule
from core.submissions import SubmitOnceMixin

from ..models import Assignment
from ..services.assignments import Steerer
from .registers import RegisterFilterForm

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



class AssignmentFilterForm(RegisterFilterForm):
    CLOSED = "reported"  # in links people keep
    status_choices = [
        ("", _("Alle opdrachten")),
        (RegisterFilterForm.OPEN, _("Lopend")),
        (CLOSED, _("Teruggekoppeld")),
    ]
    body_help = _("Opdrachten die dit orgaan gaf of kreeg.")


WEEKLY, MONTHLY, YEARLY = "weekly", "monthly", "yearly"
# The picker's fields, in the order the form shows them (the template groups them).
RHYTHM_FIELDS = ("rhythm", "every_weeks", "every_months", "ordinal", "weekday", "months", "start_time",
                 "duration_minutes", "location", "first_meeting_on")


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
        label=_("Omschrijving van het ritme"),
        required=False,
        max_length=Cadence._meta.get_field("description").max_length,
        help_text=_("Vrij te kiezen, bijvoorbeeld: 1 X per maand. Het ritme zelf kies je hieronder."),
    )
    # The rhythm picker: the rule is made from these (clean), never typed. Working days only:
    # a meeting is never planned on a weekend.
    rhythm = forms.ChoiceField(
        label=_("Hoe vaak"),
        widget=forms.RadioSelect,
        choices=[
            (WEEKLY, _("Om de zoveel weken, op een weekdag")),
            (MONTHLY, _("Om de zoveel maanden, op de zoveelste weekdag van de maand")),
            (YEARLY, _("Een aantal keer per jaar, in de maanden die je kiest")),
        ],
        initial=MONTHLY,
    )
    every_weeks = forms.IntegerField(
        label=_("Om de hoeveel weken"),
        min_value=1,
        max_value=MAX_INTERVALS["WEEKLY"],
        initial=2,
        required=False,
        help_text=_("Alleen bij om de zoveel weken: 1 is elke week, 2 om de twee weken."),
    )
    every_months = forms.IntegerField(
        label=_("Om de hoeveel maanden"),
        min_value=1,
        max_value=MAX_INTERVALS["MONTHLY"],
        initial=1,
        required=False,
        help_text=_("Alleen bij om de zoveel maanden: 1 is elke maand."),
    )
    ordinal = forms.TypedChoiceField(
        label=_("Welke in de maand"),
        coerce=int,
        choices=[
            (1, _("de eerste")),
            (2, _("de tweede")),
            (3, _("de derde")),
            (4, _("de vierde")),
            (-1, _("de laatste")),
        ],
        initial=1,
        help_text=_("Bij maanden en bij een aantal keer per jaar: de eerste dinsdag, de laatste vrijdag…"),
    )
    weekday = forms.ChoiceField(
        label=_("Weekdag"), choices=[(code, WEEKDAYS[index]) for index, code in enumerate(RULE_DAYS[:5])], initial="TU"
    )
    months = forms.TypedMultipleChoiceField(
        label=_("In de maanden"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(number, MONTHS[number]) for number in range(1, 13)],
        help_text=_("Alleen bij een aantal keer per jaar: één keer in elke gekozen maand."),
    )
    start_time = forms.TimeField(
        label=_("Beginuur"), initial=datetime.time(19, 0), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"), min_value=1, max_value=24 * 60, initial=120, required=False
    )
    location = forms.CharField(
        label=_("Plaats"), required=False, max_length=Cadence._meta.get_field("location").max_length
    )
    first_meeting_on = forms.DateField(
        label=_("Eerste vergadering vanaf"),
        widget=DATE_INPUT,
        help_text=_("De eerste dag van het ritme op of na deze datum. Vandaag kan, als je dat hier kiest."),
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
        self.fields["first_meeting_on"].initial = timezone.localdate() + datetime.timedelta(days=1)

    def fields_before_rhythm(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name in ("name", "steered_by", "tasks", "members")]

    def rhythm_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("cadence_description", *RHYTHM_FIELDS)]

    def fields_after_rhythm(self) -> list[forms.BoundField]:
        return [self[name] for name in ("due_date",) if name in self.fields]

    def clean(self):
        """The picker's choice as the stored rule (`rrule`), checked like every rule."""
        data = super().clean()
        rhythm = data.get("rhythm")
        needed = {
            WEEKLY: ("every_weeks", _("Geef aan om de hoeveel weken de groep vergadert.")),
            MONTHLY: ("every_months", _("Geef aan om de hoeveel maanden de groep vergadert.")),
            YEARLY: ("months", _("Kies de maanden waarin de groep vergadert.")),
        }.get(rhythm)
        # A field already refused (a value out of range) is not also reported as missing.
        if needed and not data.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(*needed)
        if self.errors or not {"rhythm", "weekday", "ordinal"} <= data.keys():
            return data
        rule = rhythm_rule(
            kind=rhythm,
            weekday=data["weekday"],
            interval=data.get("every_weeks") if rhythm == WEEKLY else data.get("every_months") or 1,
            ordinal=data["ordinal"],
            months=data.get("months") or (),
        )
        try:
            validate_rrule(rule)
        except ValidationError as error:
            self.add_error("rhythm", error)
        data["rrule"] = rule
        return data

    def clean_tasks(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["tasks"].splitlines() if line.strip()]
