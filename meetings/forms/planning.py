"""Forms for moving a meeting, changing its hour and place, and cancelling it; the times shared with planning one."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Meeting


class MeetingDetailsForm(forms.Form):
    """Start and end hour, place; the end hour becomes the meeting's length."""

    start_time = forms.TimeField(
        label=_("Beginuur"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Einduur"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    location = forms.CharField(
        label=_("Plaats"), required=False, max_length=Meeting._meta.get_field("location").max_length
    )

    @staticmethod
    def initial_for(meeting: Meeting) -> dict:
        ends_at = meeting.ends_at
        return {
            "date": meeting.date,  # for MeetingTimesForm; a form without the field ignores it
            "start_time": meeting.start_time,
            "end_time": ends_at.time() if ends_at and ends_at.date() == meeting.date else None,
            "location": meeting.location,
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        cleaned["duration_minutes"] = None
        if end is not None:
            if start is None:
                self.add_error("start_time", _("Vul ook het beginuur in als je een einduur geeft."))
            elif end <= start:
                self.add_error("end_time", _("Het einduur ligt niet na het beginuur."))
            else:
                day = datetime.date(2000, 1, 1)
                span = datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)
                cleaned["duration_minutes"] = int(span.total_seconds() // 60)
        # The services take a length, not an end: cleaned_data fits meeting_create(**...).
        cleaned.pop("end_time", None)
        return cleaned

    def meeting_data(self) -> dict:
        """The cleaned fields as the services take them."""
        data = self.cleaned_data
        return {
            "start_time": data.get("start_time"),
            "duration_minutes": data.get("duration_minutes"),
            "location": data.get("location", ""),
        }


class MeetingTimesForm(MeetingDetailsForm):
    """Date, start and end hour, place; the end hour becomes the meeting's length."""

    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    field_order = ["date", "start_time", "end_time", "location"]

    def meeting_data(self) -> dict:
        return {"date": self.cleaned_data["date"], **super().meeting_data()}


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de annulering"),
        max_length=Meeting._meta.get_field("cancel_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De genodigden krijgen deze reden te zien."),
        error_messages={"required": _("Geef een reden voor de annulering.")},
    )
