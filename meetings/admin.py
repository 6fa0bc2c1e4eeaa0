"""Meetings in the admin: planned or cancelled, with their agenda and who attended.

Coordinators and chairs keep meetings in the application; the admin is for the
network admin's corrections, each kept in the meeting's history. Decisions and votes
are shown read-only: whether a decision stands, its vote counts and the mandate it rests
on are computed by meetings.services.decisions, and a record typed in here would skip
the mandate check.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, RegisterAdmin

from .models import AgendaItem, Attendance, Decision, Meeting, Vote


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


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0
    fields = ["person", "choice", "cast_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


@admin.register(Decision)
class DecisionAdmin(RegisterAdmin):
    list_display = ["__str__", "meeting", "domain", "amount_eur", "status", "mandate"]
    list_filter = ["status", "domain", "refusal", "meeting__body__network", "meeting__body"]
    search_fields = ["text", "meeting__body__name"]
    list_select_related = ["meeting__body", "mandate__body"]
    date_hierarchy = "created_at"
    # Only the wording may be corrected; everything the outcome rests on is fixed.
    fields = [
        "text",
        "meeting",
        "agenda_item",
        "domain",
        "amount_eur",
        "status",
        "refusal",
        "mandate",
        "mandate_record",
        "mandate_holder",
        "escalated_to",
        ("voting_members", "voting_members_present"),
        ("votes_for", "votes_against", "abstentions"),
        "proposed_by",
        ("created_at", "closed_at"),
    ]
    readonly_fields = [
        "meeting",
        "agenda_item",
        "domain",
        "amount_eur",
        "status",
        "refusal",
        "mandate",
        "mandate_record",
        "mandate_holder",
        "escalated_to",
        "voting_members",
        "voting_members_present",
        "votes_for",
        "votes_against",
        "abstentions",
        "proposed_by",
        "created_at",
        "closed_at",
    ]
    inlines = [VoteInline]


@admin.register(Vote)
class VoteAdmin(RegisterAdmin):
    list_display = ["person", "choice", "decision", "cast_at"]
    list_filter = ["choice", "decision__meeting__body__network", "decision__meeting__body"]
    search_fields = ["person__name", "decision__text"]
    list_select_related = ["person", "decision"]
    fields = ["decision", "person", "choice", "cast_at"]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        return False
