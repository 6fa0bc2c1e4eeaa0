"""Projects in the admin, for the network admin's corrections; each is kept in the project's history.

No deleting: a project that ends is finished or stopped, and its agenda items keep
pointing at it.
"""

from django.contrib import admin

from bodies.admin import NetworkScopedChoicesMixin
from bodies.models import Body, Person
from core.admin import HistoryAdmin

from .models import Project


@admin.register(Project)
class ProjectAdmin(NetworkScopedChoicesMixin, HistoryAdmin):
    list_display = ["title", "network", "body", "lead", "status", "start_date", "end_date"]
    list_filter = ["network", "status", "body"]
    search_fields = ["title", "goal", "lead__name"]
    list_select_related = ["network", "body", "lead"]
    autocomplete_fields = ["lead"]
    readonly_fields = ["created_by", "created_at"]
    network_scoped_fields = {"body": Body, "lead": Person}

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
