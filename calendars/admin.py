"""Calendar links in the admin: superusers see whose links exist and revoke a leaked one.

Read-only: the secret itself is never shown (only its owner sees it, on their page);
links are made by their owner only.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import FeedToken


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at", "revoked_at", "is_live"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    list_select_related = ["user"]
    fields = ["user", "created_at", "revoked_at"]
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(boolean=True, description=_("actief"))
    def is_live(self, obj):
        return obj.is_live

    @admin.action(description=_("Geselecteerde agendalinks intrekken"))
    def revoke(self, request, queryset):
        users = {token.user for token in queryset.live().select_related("user")}
        count = sum(services.feed_token_revoke(user=user) for user in users)
        messages.success(
            request, ngettext("%(count)d agendalink ingetrokken.", "%(count)d agendalinks ingetrokken.", count) % {"count": count}
        )

    # Only superusers: a link is personal and not scoped to one network.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
