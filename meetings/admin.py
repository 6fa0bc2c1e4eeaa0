"""Meetings in the admin: planned or cancelled, with their agenda and who attended.

Coordinators and chairs keep meetings in the application; the admin is for the
network admin's corrections, each kept in the meeting's history.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin

from .models import AgendaItem, Attendance, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "title", "kind", "description", "created_by"]
    readonly_fields = ["created_by"]


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["person", "status", "substitute", "substitute_name"]

    def clean(self):
        cleaned_data = super().clean()
        # The inline formset has put the meeting on the instance before validation.
        if self.instance.meeting_id:
            for name in ("person", "substitute"):
                person = cleaned_data.get(name)
                if person is not None and person.network_id != self.instance.meeting.body.network_id:
                    self.add_error(name, _("Deze persoon hoort bij een ander netwerk."))
        return cleaned_data


class AttendanceInline(admin.TabularInline):
    model = Attendance
    form = AttendanceForm
    extra = 0
    autocomplete_fields = ["person", "substitute"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "substitute")


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["__str__", "body", "date", "start_time", "location", "status"]
    list_filter = ["status", "body__network", "body"]
    search_fields = ["body__name", "location", "agenda_items__title"]
    list_select_related = ["body__network"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendanceInline]
    fieldsets = [
        (None, {"fields": ["body", "date", ("start_time", "duration_minutes"), "location"]}),
        (_("Status"), {"fields": ["status", "cancel_reason"]}),
        (_("Planning"), {"fields": ["cadence_date", "sequence", "created_at"]}),
        (_("Agenda en verslag"), {"fields": ["agenda_published_at", "minutes_status", "minutes_approved_in"]}),
    ]
    # The planner's cadence date and the calendar sequence are kept by the application.
    readonly_fields = ["cadence_date", "sequence", "created_at"]

    # A correction calendars must follow raises the sequence, as a move in the application does.
    CALENDAR_FIELDS = {"date", "start_time", "duration_minutes", "location", "status"}

    def save_model(self, request, obj, form, change):
        if change and self.CALENDAR_FIELDS & set(form.changed_data):
            obj.sequence = (obj.sequence or 0) + 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            for item in formset.save(commit=False):
                if item.pk is None:
                    item.created_by = request.user
                item.save()
            for item in formset.deleted_objects:
                item.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)
