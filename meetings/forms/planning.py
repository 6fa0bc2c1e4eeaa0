"""Forms for moving and cancelling a meeting, and the times shared with planning one."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Meeting


class MeetingTimesForm(forms.Form):
    """Date, start and end hour, place; the end hour becomes the meeting's length."""

    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
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
            "date": meeting.date,
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
            "date": data["date"],
            "start_time": data.get("start_time"),
            "duration_minutes": data.get("duration_minutes"),
            "location": data.get("location", ""),
        }


class MeetingCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van de annulering"),
        max_length=Meeting._meta.get_field("cancel_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De genodigden krijgen deze reden te zien."),
        error_messages={"required": _("Geef een reden voor de annulering.")},
    )
