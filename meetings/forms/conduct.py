"""Forms of the meeting itself: the minutes of all agenda items together, and action items.

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
    """The minutes of every agenda item of one meeting: one form, saved together.

    A field per item (`minutes_<id>`); an item whose field was not posted (put on the
    agenda after the page was loaded) is left alone by `minutes()`.
    """

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[self.field_name(item)] = forms.CharField(
                label=_("Verslag bij “%(title)s”") % {"title": item.title},
                required=False,
                max_length=AgendaItem._meta.get_field("minutes").max_length,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 4, "class": "form-control", "form": "minutes-form"}),
            )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = "form-control is-invalid"
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"

    @staticmethod
    def field_name(item) -> str:
        return f"minutes_{item.pk}"

    def minutes(self) -> dict[int, str]:
        """The posted text per agenda item id."""
        return {
            item.pk: self.cleaned_data[self.field_name(item)]
            for item in self.items
            if self.add_prefix(self.field_name(item)) in self.data
        }


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
