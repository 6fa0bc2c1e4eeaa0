"""Forms of the meeting pages. Plain forms with named fields: anything else posted is ignored."""

import datetime

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from bodies.models import Body
from core.submissions import SubmitOnceMixin

from ..models import Attendance, Meeting
from .planning import MeetingTimesForm

REMINDER_DAYS_MAX = 90


class MeetingForm(SubmitOnceMixin, MeetingTimesForm):
    """Planning a meeting by hand: date, start and end hour (kept as a length), place."""

    @staticmethod
    def initial_for_body(body: Body) -> dict:
        """The body's usual hour, length and place (its cadence), as a planned meeting gets them."""
        try:
            cadence = body.cadence
        except Body.cadence.RelatedObjectDoesNotExist:
            return {}
        initial = {"start_time": cadence.start_time, "location": cadence.location[: Meeting._meta.get_field("location").max_length]}
        if cadence.start_time and cadence.duration_minutes:
            end = datetime.datetime.combine(datetime.date(2000, 1, 1), cadence.start_time) + datetime.timedelta(
                minutes=cadence.duration_minutes
            )
            if end.date() == datetime.date(2000, 1, 1):
                initial["end_time"] = end.time()
        return initial


def _body_field(name: str, **kwargs) -> forms.Field:
    """The form field of a Body field, with its label, limits and help text."""
    field = Body._meta.get_field(name)
    return field.formfield(label=capfirst(field.verbose_name), **kwargs)


class MeetingRulesForm(forms.Form):
    """A body's own deadlines and reminders, and what its planner does on a public holiday."""

    call_for_items_days = _body_field("call_for_items_days")
    agenda_days = _body_field("agenda_days")
    reminder_days = _body_field(
        "reminder_days",
        help_text=_("Dagen vóór de vergadering, gescheiden door komma's; bijvoorbeeld 7,1. Leeg: geen herinneringen."),
    )
    holiday_rule = _body_field("holiday_rule")

    def clean_reminder_days(self) -> str:
        parts = [part.strip() for part in self.cleaned_data["reminder_days"].split(",") if part.strip()]
        if not all(part.isdecimal() for part in parts):
            raise forms.ValidationError(_("Geef aantallen dagen, gescheiden door komma's; bijvoorbeeld 7,1."))
        days = sorted({int(part) for part in parts}, reverse=True)
        if any(day > REMINDER_DAYS_MAX for day in days):
            raise forms.ValidationError(
                _("Een herinnering gaat ten hoogste %(max)s dagen vooraf.") % {"max": REMINDER_DAYS_MAX}
            )
        return ",".join(str(day) for day in days)


class AttendanceForm(forms.Form):
    """One choice per member of the body on the meeting date, and who came in their place.

    `members` are MemberLines; `people` the persons of the network a substitute is chosen
    from, the member's colleagues of the same organisation first (`organizations`: person id →
    organisation ids); someone from outside the network is typed by name and organisation.
    """

    def __init__(self, *args, members, people=(), organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        organizations = organizations or {}
        choices = [("", _("— niet genoteerd —")), *Attendance.Status.choices]
        # Members take part themselves: a substitute comes from outside the body.
        member_ids = {line.person.pk for line in members}
        candidates = [person for person in people if person.pk not in member_ids]
        for line in members:
            colleagues = [
                (str(person.pk), person.name)
                for person in candidates
                if line.organization_ids & organizations.get(person.pk, set())
            ]
            others = [
                (str(person.pk), person.name)
                for person in candidates
                if not line.organization_ids & organizations.get(person.pk, set())
            ]
            people_choices = [("", _("— geen vervanger —"))]
            if colleagues:
                people_choices += [(_("Van dezelfde organisatie"), colleagues), (_("Anderen uit het netwerk"), others)]
            else:
                people_choices += others
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
            self.fields[self.outside_name(line.person.pk)] = forms.CharField(
                label=_("Of iemand van buiten het netwerk, voor %(name)s: naam en organisatie") % {"name": line.person.name},
                max_length=Attendance.SUBSTITUTE_NAME_MAX,
                required=False,
                initial=line.attendance.substitute_name if line.attendance else "",
                widget=forms.TextInput(
                    attrs={"class": "form-control form-control-sm mt-1", "placeholder": _("of: naam, organisatie")}
                ),
            )

    @staticmethod
    def field_name(person_id: int) -> str:
        return f"person_{person_id}"

    @staticmethod
    def substitute_name(person_id: int) -> str:
        return f"substitute_{person_id}"

    @staticmethod
    def outside_name(person_id: int) -> str:
        return f"outside_{person_id}"

    def rows(self):
        """(member line, status field, substitute field, outside substitute field), one row per member."""
        return [
            (
                line,
                self[self.field_name(line.person.pk)],
                self[self.substitute_name(line.person.pk)],
                self[self.outside_name(line.person.pk)],
            )
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

    def outside_substitutes(self) -> dict[int, str]:
        """Person id → the name typed for someone from outside the network who came in their place."""
        return {
            line.person.pk: self.cleaned_data[self.outside_name(line.person.pk)]
            for line in self.members
            if self.cleaned_data.get(self.outside_name(line.person.pk))
        }
