"""The network admin's workplace: bodies with their remit, seats, members, powers and rhythm.

Also the one place where an admin grants a right by hand: the "Objectrechten" page of a
network or a body gives one login (or a group the admin made) a governance right on that
one object, such as an outside expert reading the internals of one body. Such grants use
guardian's direct foreign-key models, so they go with the object. The groups that follow
the memberships (AccessGroup) are shown read-only: the synchronisation owns them.
"""

from operator import attrgetter

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from guardian.admin import AdminGroupObjectPermissionsForm, AdminUserObjectPermissionsForm, GroupManage
from guardian.admin import GuardedModelAdminMixin
from guardian.shortcuts import get_perms_for_model

from core.admin import HistoryAdmin

from . import permissions
from .cadence import rule_words
from .models import (
    AccessGroup,
    Body,
    BodyTask,
    Cadence,
    CadencePhase,
    Domain,
    Mandate,
    Membership,
    Network,
    Organization,
    Person,
    Role,
    Seat,
)


class NetworkScopedChoicesMixin:
    """Offer only rows of the edited object's network in the listed choice fields.

    The one place for this rule, on a model admin (the edited object) and on an inline
    (its parent object). It only narrows what is offered; the models' clean() and the
    forms refuse another network's rows that are posted anyway.
    """

    network_scoped_fields: dict[str, type] = {}
    # How to reach the network id from the object the page edits.
    network_id_path = "network_id"

    def scope_to_network(self, form_class, obj):
        network_id = attrgetter(self.network_id_path)(obj) if obj is not None else None
        if network_id is not None:
            for name, model in self.network_scoped_fields.items():
                field = form_class.base_fields.get(name)
                if field is not None:
                    field.queryset = model.objects.filter(network_id=network_id)
        return form_class

    def get_form(self, request, obj=None, **kwargs):
        return self.scope_to_network(super().get_form(request, obj, **kwargs), obj)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        self.scope_to_network(formset.form, obj)
        return formset


# --- grants by hand on one network or body ------------------------------------------------


# The rights the application asks about (bodies.permissions); Django's own
# add/change/delete permissions mean nothing on one object and are not offered.
GRANTABLE = {
    Network: (permissions.VIEW_NETWORK, permissions.COORDINATE),
    Body: (permissions.VIEW_INTERNALS, permissions.PROPOSE_DECISION, permissions.VOTE, permissions.RUN),
}


def grantable_permissions(obj):
    codenames = GRANTABLE[type(obj)]
    return [permission for permission in get_perms_for_model(obj) if permission.codename in codenames]


class GrantableChoicesMixin:
    def get_obj_perms_field_choices(self):
        return [(permission.codename, permission.name) for permission in grantable_permissions(self.obj)]

    def get_obj_perms_field_widget(self):
        return forms.CheckboxSelectMultiple

    def get_obj_perms_field_label(self):
        return _("Rechten op dit object")


class UserGrantForm(GrantableChoicesMixin, AdminUserObjectPermissionsForm):
    pass


class GroupGrantForm(GrantableChoicesMixin, AdminGroupObjectPermissionsForm):
    pass


def managed_group_message():
    return _(
        "Deze groep volgt de lidmaatschappen en wordt automatisch bijgewerkt. "
        "Geef het recht aan een persoon of aan een eigen groep."
    )


class OwnGroupManage(GroupManage):
    """Only groups an admin made: the managed ones would be overwritten by the next sync."""

    def clean_group(self):
        group = super().clean_group()
        if AccessGroup.objects.filter(group=group).exists():
            raise forms.ValidationError(managed_group_message())
        return group


class ObjectGrantsAdminMixin(GuardedModelAdminMixin):
    """Guardian's "Object permissions" page, narrowed to the governance rights."""

    # Guardian's own template, without an inline <style> element the CSP refuses.
    obj_perms_manage_template = "admin/bodies/obj_perms_manage.html"

    def get_deleted_objects(self, objs, request):
        # The access groups go with their network or body, although the admin may
        # not delete one by itself (AccessGroupAdmin).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        perms_needed.discard(AccessGroup._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def get_obj_perms_base_context(self, request, obj):
        context = super().get_obj_perms_base_context(request, obj)
        context["model_perms"] = grantable_permissions(obj)
        context["title"] = _("Objectrechten")
        return context

    def get_obj_perms_manage_user_form(self, request):
        return UserGrantForm

    def get_obj_perms_manage_group_form(self, request):
        return GroupGrantForm

    def get_obj_perms_group_select_form(self, request):
        return OwnGroupManage

    def obj_perms_manage_group_view(self, request, object_pk, group_id):
        if AccessGroup.objects.filter(group_id=group_id).exists():
            messages.error(request, managed_group_message())
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_permissions", object_pk)
        return super().obj_perms_manage_group_view(request, object_pk, group_id)


class MandateForm(forms.ModelForm):
    domains = forms.MultipleChoiceField(
        label=_("Domeinen"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één domein.")},
    )

    class Meta:
        model = Mandate
        fields = "__all__"
        # A network has a handful of bodies: checkboxes read better than a dual list.
        widgets = {"targets": forms.CheckboxSelectMultiple}

    def clean(self):
        cleaned_data = super().clean()
        # On the body's page the inline formset has set the body on the instance.
        body = cleaned_data.get("body") or (self.instance.body if self.instance.body_id else None)
        targets = cleaned_data.get("targets")
        if body is not None and targets and any(target.network_id != body.network_id for target in targets):
            self.add_error("targets", _("Dit orgaan hoort bij een ander netwerk."))
        return cleaned_data


class BodyTaskInline(admin.TabularInline):
    model = BodyTask
    extra = 0
    fields = ["position", "text"]


class SeatInline(NetworkScopedChoicesMixin, admin.TabularInline):
    model = Seat
    fk_name = "body"
    extra = 0
    fields = ["position", "role", "count", "has_voting_right", "is_ad_hoc", "filled_by_body"]
    network_scoped_fields = {"role": Role, "filled_by_body": Body}


class MandateInline(NetworkScopedChoicesMixin, admin.StackedInline):
    model = Mandate
    form = MandateForm
    fk_name = "body"
    extra = 0
    fields = [
        "position",
        "text",
        ("kind", "limit_eur", "is_unlimited"),
        "domains",
        ("delegated_by", "valid_from", "valid_until"),
        "targets",
    ]
    network_scoped_fields = {"delegated_by": Body, "targets": Body}


class CadenceInline(admin.StackedInline):
    model = Cadence
    extra = 0
    max_num = 1
    fields = ["description", ("start_time", "duration_minutes"), "location"]
    show_change_link = True


@admin.register(Body)
class BodyAdmin(ObjectGrantsAdminMixin, NetworkScopedChoicesMixin, HistoryAdmin):
    list_display = [
        "name",
        "kind",
        "network",
        "parent",
        "quorum_percent",
        "majority_rule",
        "active_from",
        "active_until",
    ]
    list_filter = ["network", "kind", "majority_rule"]
    search_fields = ["name", "description", "tasks__text"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["network", "parent"]
    fieldsets = [
        (None, {"fields": ["network", "name", "slug", "kind", "parent", "description"]}),
        (_("Stemmen"), {"fields": [("quorum_percent", "majority_rule")]}),
        (_("Periode"), {"fields": [("active_from", "active_until"), "position"]}),
        (
            _("Vergaderingen"),
            {"fields": ["holiday_rule", ("call_for_items_days", "agenda_days"), "reminder_days"]},
        ),
    ]
    inlines = [BodyTaskInline, SeatInline, MandateInline, CadenceInline]
    network_scoped_fields = {"parent": Body}

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        if obj is not None:
            inlines.insert(2, MembershipInline)
        return inlines

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "parent" in form.base_fields:
            form.base_fields["parent"].queryset = form.base_fields["parent"].queryset.exclude(pk=obj.pk)
        return form


class MembershipInline(admin.TabularInline):
    """Members of a body, edited on the body's page."""

    model = Membership
    fk_name = "body"
    extra = 0
    fields = [
        "seat",
        "person",
        "organization",
        "has_voting_right",
        "office",
        "start_date",
        "end_date",
        "is_ad_hoc",
        "substitute_for",
    ]
    autocomplete_fields = ["person", "organization"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        seats = Seat.objects.filter(body=obj).select_related("role")
        formset.form.base_fields["seat"].queryset = seats
        formset.form.base_fields["substitute_for"].queryset = Membership.objects.filter(
            body=obj
        ).select_related("person", "seat__role", "seat__body")
        return formset


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = [
        "person",
        "seat",
        "organization",
        "has_voting_right",
        "office",
        "start_date",
        "end_date",
        "is_ad_hoc",
    ]
    list_filter = ["seat__body__network", "seat__body", "has_voting_right", "office", "is_ad_hoc"]
    search_fields = ["person__name", "person__email", "organization__name", "seat__role__name"]
    list_select_related = ["person", "seat__body", "seat__role", "organization"]
    autocomplete_fields = ["person", "organization", "substitute_for"]
    date_hierarchy = "start_date"


@admin.register(Mandate)
class MandateAdmin(NetworkScopedChoicesMixin, HistoryAdmin):
    form = MandateForm
    list_display = ["body", "kind", "text", "limit_eur", "is_unlimited", "delegated_by", "valid_from", "valid_until"]
    list_filter = ["body__network", "kind", "is_unlimited", "body"]
    search_fields = ["text", "body__name"]
    list_select_related = ["body", "delegated_by"]
    network_scoped_fields = {"body": Body, "delegated_by": Body, "targets": Body}
    network_id_path = "body.network_id"


class CadencePhaseInline(admin.TabularInline):
    """The raw rule stays editable here, for experts; next to it, what it means in words."""

    model = CadencePhase
    extra = 0
    fields = ["position", "label", "rrule", "in_words", "starts_on", "ends_on"]
    readonly_fields = ["in_words"]

    @admin.display(description=_("in woorden"))
    def in_words(self, phase: CadencePhase) -> str:
        return rule_words(phase.rrule) if phase.rrule else "—"


@admin.register(Cadence)
class CadenceAdmin(HistoryAdmin):
    list_display = ["body", "description", "start_time", "duration_minutes", "location"]
    list_filter = ["body__network"]
    search_fields = ["body__name", "description", "location"]
    list_select_related = ["body"]
    inlines = [CadencePhaseInline]


@admin.register(Network)
class NetworkAdmin(ObjectGrantsAdminMixin, HistoryAdmin):
    list_display = ["name", "slug", "require_mfa_for_coordinators"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(HistoryAdmin):
    list_display = ["name", "network"]
    list_filter = ["network"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "email", "network", "user"]
    list_filter = ["network"]
    search_fields = ["name", "email", "user__username"]
    list_select_related = ["network", "user"]
    raw_id_fields = ["user"]


@admin.register(Role)
class RoleAdmin(HistoryAdmin):
    list_display = ["name", "network", "is_coordinator"]
    list_filter = ["network", "is_coordinator"]
    search_fields = ["name", "description"]
    list_select_related = ["network"]


@admin.register(AccessGroup)
class AccessGroupAdmin(admin.ModelAdmin):
    """Derived from the memberships by bodies.access: to read, never to edit."""

    list_display = ["__str__", "network", "body", "kind", "member_count"]
    list_filter = ["network", "kind", "body"]
    search_fields = ["body__name", "network__name", "group__user__username"]
    list_select_related = ["network", "body__network"]
    fields = ["network", "body", "kind", "group", "members"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("group__user"))

    @admin.display(description=_("leden"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description=_("logins"))
    def members(self, obj):
        return ", ".join(sorted(user.get_username() for user in obj.group.user_set.all())) or "-"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
