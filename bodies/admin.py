"""The network admin's workplace: bodies with their remit, seats, members, powers and rhythm."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.instance.body if self.instance.body_id else None
        network_id = body.network_id if body else None
        for name in ("delegated_by", "targets"):
            if name in self.fields and network_id:
                self.fields[name].queryset = Body.objects.filter(network_id=network_id)


class NetworkScopedInlineMixin:
    """Offer only rows of the body's own network in the inline's choice fields."""

    network_scoped_fields: dict[str, type] = {}

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            for name, model in self.network_scoped_fields.items():
                field = formset.form.base_fields.get(name)
                if field is not None:
                    field.queryset = model.objects.filter(network_id=obj.network_id)
        return formset


class BodyTaskInline(admin.TabularInline):
    model = BodyTask
    extra = 0
    fields = ["position", "text"]


class SeatInline(NetworkScopedInlineMixin, admin.TabularInline):
    model = Seat
    fk_name = "body"
    extra = 0
    fields = ["position", "role", "count", "has_voting_right", "is_ad_hoc", "filled_by_body"]
    network_scoped_fields = {"role": Role, "filled_by_body": Body}


class MandateInline(NetworkScopedInlineMixin, admin.StackedInline):
    model = Mandate
    form = MandateForm
    fk_name = "body"
    extra = 0
    fields = [
        "position",
        "text",
        ("kind", "limit_eur"),
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
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "network", "parent", "active_from", "active_until"]
    list_filter = ["network", "kind"]
    search_fields = ["name", "description", "tasks__text"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["network", "parent"]
    fieldsets = [
        (None, {"fields": ["network", "name", "slug", "kind", "parent", "description"]}),
        (_("Periode"), {"fields": [("active_from", "active_until"), "position"]}),
    ]
    inlines = [BodyTaskInline, SeatInline, MandateInline, CadenceInline]

    def get_inlines(self, request, obj):
        inlines = list(self.inlines)
        if obj is not None:
            inlines.insert(2, MembershipInline)
        return inlines

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "parent" in form.base_fields:
            form.base_fields["parent"].queryset = Body.objects.filter(network_id=obj.network_id).exclude(pk=obj.pk)
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
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["person", "seat", "organization", "has_voting_right", "start_date", "end_date", "is_ad_hoc"]
    list_filter = ["seat__body__network", "seat__body", "has_voting_right", "is_ad_hoc"]
    search_fields = ["person__name", "person__email", "organization__name", "seat__role__name"]
    list_select_related = ["person", "seat__body", "seat__role", "organization"]
    autocomplete_fields = ["person", "organization", "substitute_for"]
    date_hierarchy = "start_date"


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    form = MandateForm
    list_display = ["body", "kind", "text", "limit_eur", "delegated_by", "valid_from", "valid_until"]
    list_filter = ["body__network", "kind", "body"]
    search_fields = ["text", "body__name"]
    list_select_related = ["body", "delegated_by"]


class CadencePhaseInline(admin.TabularInline):
    model = CadencePhase
    extra = 0
    fields = ["position", "label", "rrule", "starts_on", "ends_on"]


@admin.register(Cadence)
class CadenceAdmin(SimpleHistoryAdmin):
    list_display = ["body", "description", "start_time", "duration_minutes", "location"]
    list_filter = ["body__network"]
    search_fields = ["body__name", "description", "location"]
    list_select_related = ["body"]
    inlines = [CadencePhaseInline]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "network"]
    list_filter = ["network"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "network", "user"]
    list_filter = ["network"]
    search_fields = ["name", "email", "user__username"]
    list_select_related = ["network", "user"]
    raw_id_fields = ["user"]


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "network"]
    list_filter = ["network"]
    search_fields = ["name", "description"]
