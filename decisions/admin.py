"""The registers in the admin: to read, search and correct wording, never to rule.

Whether a decision stands, its vote counts and the mandate it rests on are computed
by decisions.services; advice answers, assignment reports and votes are given in the
application by the people entitled to them. The admin shows all of that read-only
and adds nothing: a record typed in here would skip the mandate check.
"""

from django.contrib import admin

from core.admin import HistoryAdmin

from .models import Advice, Assignment, Decision, Vote


class RegisterAdmin(HistoryAdmin):
    """Records are made in the application, where the rules are checked."""

    def has_add_permission(self, request, obj=None):
        return False


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


@admin.register(Advice)
class AdviceAdmin(RegisterAdmin):
    list_display = ["subject", "from_body", "to_body", "domain", "given_on", "response", "answered_on"]
    list_filter = ["response", "domain", "from_body__network", "from_body", "to_body"]
    search_fields = ["subject", "text", "response_reasons"]
    list_select_related = ["from_body", "to_body"]
    date_hierarchy = "given_on"
    fields = [
        "subject",
        "text",
        ("from_body", "to_body"),
        "mandate",
        "domain",
        "meeting",
        ("given_on", "given_by"),
        "response",
        "response_reasons",
        ("answered_on", "answered_by"),
    ]
    readonly_fields = [
        "from_body",
        "to_body",
        "mandate",
        "domain",
        "meeting",
        "given_on",
        "given_by",
        "response",
        "response_reasons",
        "answered_on",
        "answered_by",
    ]


@admin.register(Assignment)
class AssignmentAdmin(RegisterAdmin):
    list_display = ["title", "from_body", "to_body", "due_date", "given_on", "reported_on", "working_group"]
    list_filter = ["reported_on", "from_body__network", "from_body", "to_body"]
    search_fields = ["title", "description", "report"]
    list_select_related = ["from_body", "to_body", "working_group"]
    date_hierarchy = "due_date"
    fields = [
        "title",
        "description",
        "due_date",
        ("from_body", "to_body"),
        "mandate",
        "working_group",
        ("given_on", "given_by"),
        "report",
        ("reported_on", "reported_by"),
    ]
    readonly_fields = [
        "from_body",
        "to_body",
        "mandate",
        "working_group",
        "given_on",
        "given_by",
        "report",
        "reported_on",
        "reported_by",
    ]
