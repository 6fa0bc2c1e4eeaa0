"""Advice and assignments in the admin: to read, search and correct wording, never to rule.

Advice answers and assignment reports are given in the application by the people
entitled to them; the admin shows them read-only and adds nothing.
"""

from django.contrib import admin

from core.admin import RegisterAdmin

from .models import Advice, Assignment


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
