"""The meeting pages: a body's meetings, planning one, and one meeting with its decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import show_errors, show_refusal
from core.submissions import AlreadySubmitted, submit_once

from .. import permissions
from ..forms.decisions import DecisionProposeForm
from ..selectors import meetings as selectors
from ..services.decisions import meeting_quorum
from ..services import meetings as services
from ..forms.meetings import AttendanceForm, MeetingForm, MeetingRulesForm
from ..forms.planning import MeetingDetailsForm


@login_required
def meeting_list(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    today = timezone.localdate()
    ctx = {
        "network": body.network,
        "body": body,
        "today": today,
        "meetings": selectors.body_meetings(body, today),
        "can_run": permissions.may(request.user, permissions.RUN, body),
        "can_view_internals": permissions.may(request.user, permissions.VIEW_INTERNALS, body),
    }
    return render(request, "meetings/meeting_list.html", ctx)


@login_required
def meeting_create(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    permissions.require(request.user, permissions.RUN, body)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for_body(body))
    if request.method == "POST" and form.is_valid():
        try:
            with submit_once(request, form.submit_key) as submission:
                meeting = services.meeting_create(body=body, by=request.user, **form.cleaned_data)
                submission.leads_to(meeting)
        except AlreadySubmitted as earlier:
            return earlier.redirect(request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De vergadering is gepland."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"network": body.network, "body": body, "form": form})


@login_required
def meeting_rules(request: HttpRequest, network: str, body: str) -> HttpResponse:
    """The body's deadlines for agenda items and the agenda, its reminders and its holiday rule."""
    body = permissions.get_body_for_user(request.user, network, body)
    permissions.require(request.user, permissions.RUN, body)
    initial = {name: getattr(body, name) for name in services.MEETING_RULE_FIELDS}
    form = MeetingRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_rules_update(body=body, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De afspraken van %(body)s zijn bewaard.") % {"body": body.name})
            return redirect("meetings:list", network=body.network.slug, body=body.slug)
    ctx = {"network": body.network, "body": body, "form": form}
    return render(request, "meetings/meeting_rules.html", ctx, status=400 if form.errors else 200)


def _meeting_page(request: HttpRequest, meeting, *, attendance_form=None, status: int = 200) -> HttpResponse:
    user = request.user
    body = meeting.body
    page = selectors.meeting_page(meeting, user)
    can_run = permissions.may(user, permissions.RUN, body)
    can_propose = permissions.may(user, permissions.PROPOSE_DECISION, body) and page.holds_decide_mandate
    if attendance_form is None and can_run:
        attendance_form = _attendance_form(meeting, page.members)
    ctx = {
        "network": body.network,
        "body": body,
        "meeting": meeting,
        "page": page,
        "quorum": meeting_quorum(meeting),
        "can_run": can_run,
        "can_propose": can_propose,
        "can_vote": permissions.may(user, permissions.VOTE, body),
        "can_coordinate": permissions.may(user, permissions.COORDINATE, body.network),
        "attendance_form": attendance_form if can_run else None,
        "propose_form": DecisionProposeForm(meeting=meeting) if can_propose else None,
        "is_planned": meeting.status == meeting.Status.PLANNED,
        # Who runs the body sets the hour, length and place here, without moving the day.
        "details_form": MeetingDetailsForm(initial=MeetingDetailsForm.initial_for(meeting), auto_id="details_%s")
        if can_run and meeting.status == meeting.Status.PLANNED
        else None,
        "today": timezone.localdate(),
        "substituted": sum(1 for line in page.members if line.status == "substituted"),
    }
    return render(request, "meetings/meeting_detail.html", ctx, status=status)


@login_required
def meeting_detail(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.VIEW_INTERNALS)
    return _meeting_page(request, meeting)


def _quorum_block(request: HttpRequest, meeting, *, error: str = "", saved: bool = False) -> HttpResponse:
    """The quorum block alone, for htmx to swap in after an attendance change."""
    ctx = {"quorum": meeting_quorum(meeting), "error": error, "saved": saved, "substituted": _substituted(meeting)}
    return render(request, "meetings/conduct/quorum.html", ctx)


def _attendance_form(meeting, members, data=None) -> AttendanceForm:
    network = meeting.body.network
    return AttendanceForm(
        data,
        members=members,
        people=selectors.network_people(network),
        organizations=selectors.organizations_of_people(network, meeting.date),
    )


def _substituted(meeting) -> int:
    return meeting.attendances.filter(status="substituted").count()


@require_POST
@login_required
def attendance_record(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """Record attendance; from htmx (a change in the form) the answer is the refreshed quorum block."""
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    members = selectors.member_lines(meeting)
    form = _attendance_form(meeting, members, request.POST)
    if form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                statuses=form.statuses(),
                substitutes=form.substitutes(),
                outside_substitutes=form.outside_substitutes(),
                by=request.user,
            )
        except ValidationError as error:
            if request.htmx:
                return _quorum_block(request, meeting, error=" ".join(error.messages))
            show_refusal(request, error)
        else:
            if request.htmx:
                return _quorum_block(request, meeting, saved=True)
            messages.success(request, _("De aanwezigheden zijn bewaard."))
        return redirect(meeting)
    if request.htmx:
        return _quorum_block(request, meeting, error=_("Kies een geldige aanwezigheid en vervanger."))
    return _meeting_page(request, meeting, attendance_form=form, status=400)
