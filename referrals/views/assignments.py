"""Assignments between bodies and thematic working groups: register, giving, reporting, starting.

Every member of the network reads the register and each assignment; giving an
assignment or starting a working group takes the right to run the giving body,
reporting back the right to run the receiving body (bodies.permissions). Another
network's assignment is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Mandate
from core.submissions import AlreadySubmitted, submit_once
from core.forms import show_errors

from .. import permissions
from ..forms.assignments import (
    AssignmentFilterForm,
    AssignmentGiveForm,
    AssignmentReportForm,
    WorkingGroupStartForm,
)
from ..models import Assignment
from ..services import advice as advice_services
from ..services import assignments as services
from .advice import PAGE_SIZE


def _detail_url(assignment: Assignment) -> str:
    return reverse(
        "referrals:assignment", kwargs={"network": assignment.from_body.network.slug, "pk": assignment.pk}
    )


@login_required
@require_safe
def assignment_list(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    form = AssignmentFilterForm(request.GET or None, network=network)
    # Open assignments first, the most urgent on top; then what was reported, latest first.
    assignments = (
        Assignment.objects.filter(from_body__network=network)
        .select_related("from_body", "to_body", "working_group")
        .order_by(F("reported_on").desc(nulls_first=True), "due_date", "-pk")
    )
    page = Paginator(form.filter(assignments), PAGE_SIZE).get_page(request.GET.get("page"))
    # The report link shows for those who run the receiving body: their rights in one go.
    permissions.prefetch(request.user, {item.to_body.pk: item.to_body for item in page}.values())
    ctx = {"network": network, "form": form, "page": page, "today": timezone.localdate()}
    return render(request, "referrals/assignment_list.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_give(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    permissions.require(request.user, permissions.RUN, body)
    mandates = advice_services.mandates_of_kind(body, Mandate.Kind.ASSIGN, timezone.localdate())
    targets = advice_services.mandate_targets(mandates)
    form = None
    if targets:
        form = AssignmentGiveForm(request.POST if request.method == "POST" else None, targets=targets)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                with submit_once(request, form.submit_key) as submission:
                    assignment = services.assignment_give(
                        from_body=body,
                        to_body=data["to_body"],
                        title=data["title"],
                        description=data["description"],
                        due_date=data["due_date"],
                        by=request.user,
                    )
                    submission.leads_to(_detail_url(assignment))
            except AlreadySubmitted as earlier:
                return earlier.redirect(request)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(
                    request, _("De opdracht aan %(body)s is vastgelegd.") % {"body": assignment.to_body}
                )
                return redirect(_detail_url(assignment))
    ctx = {"network": body.network, "body": body, "form": form, "mandates": mandates, "action": _("Opdracht geven")}
    return render(request, "referrals/assignment_form.html", ctx)


@login_required
@require_safe
def assignment_detail(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment_for_user(request.user, network, pk)
    ctx = {
        "network": assignment.from_body.network,
        "assignment": assignment,
        "today": timezone.localdate(),
        "can_report": permissions.may_report_assignment(request.user, assignment),
    }
    return render(request, "referrals/assignment_detail.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_report(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    assignment = permissions.get_assignment_for_user(request.user, network, pk)
    permissions.require(request.user, permissions.RUN, assignment.to_body)
    if not assignment.is_open:
        messages.info(request, _("Over deze opdracht is al teruggekoppeld."))
        return redirect(_detail_url(assignment))
    form = AssignmentReportForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.assignment_report(
                assignment=assignment, report=form.cleaned_data["report"], by=request.user
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De terugkoppeling van %(body)s is vastgelegd.") % {"body": assignment.to_body})
            return redirect(_detail_url(assignment))
    network = assignment.from_body.network
    ctx = {
        "network": network,
        "assignment": assignment,
        "form": form,
        "today": timezone.localdate(),
        # What referrals/respond_base.html names.
        "action": _("Terugkoppelen"),
        "record": assignment,
        "record_title": assignment.display_title,
        "list_url": reverse("referrals:assignment_list", kwargs={"network": network.slug}),
        "list_label": _("Opdrachten"),
    }
    return render(request, "referrals/assignment_report.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def working_group_start(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    permissions.require(request.user, permissions.RUN, body)
    steerers = services.working_group_steerers(
        body, services.working_group_mandates(body, timezone.localdate())
    )
    form = None
    if steerers:
        form = WorkingGroupStartForm(
            request.POST if request.method == "POST" else None, network=body.network, steerers=steerers
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                with submit_once(request, form.submit_key) as submission:
                    group = services.working_group_start(
                        from_body=body,
                        name=data["name"],
                        tasks=data["tasks"],
                        members=list(data["members"]),
                        cadence_description=data["cadence_description"],
                        rrule=data["rrule"],
                        by=request.user,
                        due_date=data.get("due_date"),
                        steered_by=data.get("steered_by"),
                        start_time=data["start_time"],
                        duration_minutes=data.get("duration_minutes"),
                        location=data["location"],
                        first_meeting_on=data["first_meeting_on"],
                    )
                    submission.leads_to(
                        reverse("pages:body", kwargs={"network": body.network.slug, "body": group.slug})
                    )
            except AlreadySubmitted as earlier:
                return earlier.redirect(request)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(group)s is opgestart, aangestuurd door %(steering)s.")
                    % {"group": group.name, "steering": group.parent},
                )
                return redirect(submission.url)
    ctx = {"network": body.network, "body": body, "form": form, "steerers": steerers}
    return render(request, "referrals/working_group_form.html", ctx)
