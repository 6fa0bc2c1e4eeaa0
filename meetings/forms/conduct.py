"""Forms of the meeting itself: minutes per agenda item and action items.

Items and people are chosen from lists the view loads for this meeting and this
network, so a forged id is simply not a valid choice.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.submissions import SubmitOnceMixin

from ..models import ActionItem, AgendaItem


def _choices(objects, label):
    return [(str(obj.pk), label(obj)) for obj in objects]


class MinutesForm(forms.Form):
    item = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    minutes = forms.CharField(
        label=_("Verslag"),
        required=False,
        max_length=AgendaItem._meta.get_field("minutes").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = _choices(items, str)


class ActionItemForm(SubmitOnceMixin, forms.Form):
    item = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    title = forms.CharField(
        label=_("Actie"),
        max_length=ActionItem._meta.get_field("title").max_length,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    owner = forms.TypedChoiceField(
        label=_("Wie"), coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    due_date = forms.DateField(
        label=_("Tegen"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, items, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = _choices(items, str)
        self.fields["owner"].choices = [("", _("— kies iemand —")), *_choices(people, lambda person: person.name)]
