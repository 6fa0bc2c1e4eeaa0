"""Notifications in the admin: read-only, with the uncertain ones easy to find.

A row stuck in "sending" (its worker died between sending and recording) is never
re-sent by itself; after 15 minutes it is shown as uncertain and a network admin
decides: send it again, or leave it.
"""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import UNCERTAIN_AFTER, Notification, NotificationPreference, PasswordResetMail


class UncertainFilter(admin.SimpleListFilter):
    title = _("onzeker")
    parameter_name = "uncertain"

    def lookups(self, request, model_admin):
        return [("yes", _("Onzeker of de mail vertrok (worker viel uit)"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.uncertain()
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "object_key", "state_shown", "due_at", "sent_at", "attempts", "last_error"]
    list_filter = ["state", UncertainFilter, "kind", "recipient__network"]
    search_fields = ["recipient__name", "recipient__email", "object_key"]
    list_select_related = ["recipient"]
    date_hierarchy = "due_at"
    actions = ["send_again"]
    readonly_fields = [
        "recipient", "kind", "meeting", "action_item", "object_key", "details", "state", "due_at",
        "claimed_at", "claimed_by", "sent_at", "attempts", "last_error", "created_at",
    ]  # fmt: skip

    @admin.display(description=_("status"), ordering="state")
    def state_shown(self, obj):
        if obj.state == Notification.State.SENDING and obj.claimed_at and obj.claimed_at < timezone.now() - UNCERTAIN_AFTER:
            return _("Onzeker: misschien verstuurd")
        return obj.get_state_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_notification")

    @admin.action(description=_("Opnieuw versturen (mislukt of onzeker)"), permissions=["resend"])
    def send_again(self, request, queryset):
        stale = queryset.filter(state=Notification.State.FAILED) | queryset.uncertain()
        count = Notification.objects.filter(pk__in=stale.values("pk")).update(
            state=Notification.State.PENDING, due_at=timezone.now(), claimed_by="", last_error=""
        )
        self.message_user(
            request,
            ngettext("%d melding wordt opnieuw verstuurd.", "%d meldingen worden opnieuw verstuurd.", count) % count,
            messages.SUCCESS,
        )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", *[kind.value for kind in Notification.Kind], "updated_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    readonly_fields = ["user"]

    def has_add_permission(self, request):
        return False


@admin.register(PasswordResetMail)
class PasswordResetMailAdmin(admin.ModelAdmin):
    """Read-only: whether a reset mail went out. Never re-sent from here: the person asks again."""

    list_display = ["user", "state", "created_at", "sent_at", "last_error"]
    list_filter = ["state"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    date_hierarchy = "created_at"
    readonly_fields = ["request_id", "user", "language", "state", "created_at", "claimed_at", "sent_at", "last_error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
