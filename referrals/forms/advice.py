"""Forms for advice: giving it, answering it, and filtering the register.

Plain forms with named fields, so a posted mandate, date or answering body is
ignored; bodies and meetings are chosen only among those the caller offers (the
mandate's targets, the advising body's meetings), so another network's id is not
a valid choice. The rules themselves live in `referrals.services.advice`.
"""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Domain
from core.submissions import SubmitOnceMixin

from ..models import Advice
from .registers import RegisterFilterForm


class AdviceGiveForm(SubmitOnceMixin, forms.Form):
    to_body = forms.ModelChoiceField(label=_("Aan"), queryset=Body.objects.none(), empty_label="—")
    domain = forms.ChoiceField(label=_("Domein"))
    subject = forms.CharField(label=_("Onderwerp"), max_length=Advice._meta.get_field("subject").max_length)
    text = forms.CharField(
        label=_("Advies"),
        max_length=Advice._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    meeting = forms.ModelChoiceField(
        label=_("Vergadering"),
        queryset=None,
        required=False,
        empty_label=_("Geen vergadering"),
        help_text=_("De vergadering waarin het advies werd opgesteld, als die er was."),
    )

    def __init__(self, *args, targets: list[Body], domains: list[str], meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_body"].queryset = Body.objects.filter(pk__in=[body.pk for body in targets])
        # The choices are rendered from the targets already loaded, in the mandate's order.
        self.fields["to_body"].choices = [("", "—"), *((body.pk, body.name) for body in targets)]
        labels = dict(Domain.choices)
        self.fields["domain"].choices = [("", "—"), *((domain, labels[domain]) for domain in domains)]
        self.fields["meeting"].queryset = meetings
        # The body is the advising body for every choice: the date says which meeting.
        self.fields["meeting"].label_from_instance = lambda meeting: date_format(meeting.date, "l j F Y")


class AdviceAnswerForm(forms.Form):
    response = forms.ChoiceField(label=_("Antwoord"), choices=Advice.Response.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=Advice._meta.get_field("response_reasons").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verplicht als het advies gedeeltelijk of niet gevolgd wordt."),
    )


class AdviceFilterForm(RegisterFilterForm):
    CLOSED = "answered"  # in links people keep
    status_choices = [
        ("", _("Alle adviezen")),
        (RegisterFilterForm.OPEN, _("Wacht op antwoord")),
        (CLOSED, _("Beantwoord")),
    ]
    body_help = _("Adviezen die dit orgaan gaf of kreeg.")
