"""Forms for decisions: proposing one, voting, and filtering the register.

Plain forms with named fields: a posted status, body or voting right is ignored,
and ids are looked up only among the meeting's or the network's own objects.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Domain
from core.submissions import SubmitOnceMixin

from ..models import Decision, Vote


class DecisionProposeForm(SubmitOnceMixin, forms.Form):
    domain = forms.ChoiceField(label=_("Domein"), choices=[("", "—"), *Domain.choices])
    text = forms.CharField(
        label=_("Besluit"),
        max_length=Decision._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat het orgaan beslist, in één of enkele zinnen."),
    )
    amount_eur = forms.DecimalField(
        label=_("Bedrag (EUR)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=_("Alleen als het besluit over een bedrag gaat, bv. 7500 of 7500,50."),
    )
    agenda_item = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this meeting's items: an id of another meeting or network is not a choice.
        self.fields["agenda_item"].queryset = meeting.agenda_items.all()


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Stem"), choices=Vote.Choice.choices)


class RegisterFilterForm(forms.Form):
    """The register's search and filters; every field is optional."""

    q = forms.CharField(label=_("Zoeken in de tekst"), required=False, max_length=200)
    body = forms.ModelChoiceField(
        label=_("Orgaan"), queryset=Body.objects.none(), required=False, empty_label=_("Alle organen")
    )
    domain = forms.ChoiceField(label=_("Domein"), choices=[("", _("Alle domeinen")), *Domain.choices], required=False)
    date_from = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, network, with_body: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_body:
            # The network's own bodies only: another network's id is not a valid choice.
            self.fields["body"].queryset = Body.objects.filter(network=network).order_by("position", "name")
        else:
            del self.fields["body"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned
