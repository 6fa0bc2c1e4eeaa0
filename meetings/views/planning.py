"""Moving a meeting, setting its hour and place, cancelling it (RUN on the body): the coordinator's hand on the planner's work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import show_errors

from .. import permissions
from ..models import Meeting
from ..forms.planning import MeetingCancelForm, MeetingDetailsForm, MeetingTimesForm
from ..services import planning as services


def _meeting_to_run(request: HttpRequest, network: str, pk: int) -> Meeting:
    return permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)


def _refuse_cancelled(request: HttpRequest, meeting: Meeting) -> HttpResponse | None:
    # A second submit of the same cancellation lands here too: say so, change nothing.
    if meeting.status == Meeting.Status.CANCELLED:
        messages.info(request, _("Deze vergadering is geannuleerd."))
        return redirect(meeting)
    return None


# Each page's last step in the breadcrumb.
CURRENT = {
    "meetings/planning/move.html": gettext_lazy("Verplaatsen"),
    "meetings/planning/details.html": gettext_lazy("Uur en plaats"),
    "meetings/planning/cancel.html": gettext_lazy("Annuleren"),
}


def _page(request, template: str, meeting: Meeting, form) -> HttpResponse:
    ctx = {
        "network": meeting.body.network,
        "body": meeting.body,
        "meeting": meeting,
        "form": form,
        "current": CURRENT[template],
    }
    return render(request, template, ctx)


@login_required
def meeting_move(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, network, pk)
    if refused := _refuse_cancelled(request, meeting):
        return refused
    if request.method != "POST":
        form = MeetingTimesForm(initial=MeetingTimesForm.initial_for(meeting))
        return _page(request, "meetings/planning/move.html", meeting, form)
    form = MeetingTimesForm(request.POST)
    if form.is_valid():
        try:
            moved = services.meeting_move(
                meeting=meeting, by=request.user, today=timezone.localdate(), **form.meeting_data()
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            if moved:
                messages.success(request, _("De vergadering is verplaatst; wie al over de vergadering hoorde, krijgt een mail."))
            else:
                messages.info(request, _("Er is niets gewijzigd aan de vergadering."))
            return redirect(meeting)
    return _page(request, "meetings/planning/move.html", meeting, form)


@login_required
def meeting_details(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The meeting's hour, length and place, on the day it has (the meeting page holds the same form)."""
    meeting = _meeting_to_run(request, network, pk)
    if refused := _refuse_cancelled(request, meeting):
        return refused
    if request.method != "POST":
        form = MeetingDetailsForm(initial=MeetingDetailsForm.initial_for(meeting))
        return _page(request, "meetings/planning/details.html", meeting, form)
    form = MeetingDetailsForm(request.POST)
    if form.is_valid():
        try:
            changed = services.meeting_details_update(meeting=meeting, by=request.user, **form.meeting_data())
        except ValidationError as error:
            show_errors(form, error)
        else:
            if changed:
                messages.success(
                    request, _("Het uur en de plaats zijn bewaard; wie al over de vergadering hoorde, krijgt een mail.")
                )
            else:
                messages.info(request, _("Er is niets gewijzigd aan de vergadering."))
            return redirect(meeting)
    return _page(request, "meetings/planning/details.html", meeting, form)


@login_required
def meeting_cancel(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, network, pk)
    if refused := _refuse_cancelled(request, meeting):
        return refused
    form = MeetingCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De vergadering is geannuleerd; de genodigden krijgen een mail."))
            return redirect(meeting)
    return _page(request, "meetings/planning/cancel.html", meeting, form)
