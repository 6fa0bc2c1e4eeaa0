"""Forms of the meeting pages. Plain forms with named fields: anything else posted is ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Attendance
from .planning import MeetingTimesForm


class MeetingForm(MeetingTimesForm):
    """Planning a meeting by hand: date, start and end hour (kept as a length), place."""


class AttendanceForm(forms.Form):
    """One choice per member of the body on the meeting date, and who came in their place.

    `members` are MemberLines; `people` the persons of the network a substitute is chosen from.
    """

    def __init__(self, *args, members, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        choices = [("", _("— niet genoteerd —")), *Attendance.Status.choices]
        people_choices = [("", _("— geen vervanger —")), *((str(person.pk), person.name) for person in people)]
        for line in members:
            self.fields[self.field_name(line.person.pk)] = forms.ChoiceField(
                label=line.person.name,
                choices=choices,
                required=False,
                initial=line.status,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[self.substitute_name(line.person.pk)] = forms.TypedChoiceField(
                label=_("Vervanger van %(name)s") % {"name": line.person.name},
                choices=people_choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=str(line.substitute_id or ""),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    @staticmethod
    def field_name(person_id: int) -> str:
        return f"person_{person_id}"

    @staticmethod
    def substitute_name(person_id: int) -> str:
        return f"substitute_{person_id}"

    def rows(self):
        """(member line, status field, substitute field), for a table with one row per member."""
        return [
            (line, self[self.field_name(line.person.pk)], self[self.substitute_name(line.person.pk)])
            for line in self.members
        ]

    def statuses(self) -> dict[int, str]:
        """Person id → status, for the members given a status (blank leaves one as it was)."""
        return {
            line.person.pk: self.cleaned_data[self.field_name(line.person.pk)]
            for line in self.members
            if self.cleaned_data.get(self.field_name(line.person.pk))
        }

    def substitutes(self) -> dict[int, int]:
        """Person id → the person who came in their place, for the members given one."""
        return {
            line.person.pk: self.cleaned_data[self.substitute_name(line.person.pk)]
            for line in self.members
            if self.cleaned_data.get(self.substitute_name(line.person.pk))
        }
