"""The coordinator's overview: what waits for someone across the whole network."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bodies import permissions
from meetings.selectors.agenda import waiting_proposals
from meetings.selectors.planning import late_meetings, stacked_days

from ..models import Advice, Assignment, Decision


@login_required
def overview(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    permissions.require(request.user, permissions.COORDINATE, network)
    decisions = Decision.objects.of_network(network).select_related(
        "meeting__body__network", "mandate_holder", "escalated_to__meeting__body__network"
    )
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        # Upcoming meetings whose call for items opened without a published agenda.
        "late_meetings": late_meetings(network, today),
        "proposals": waiting_proposals(network, today),
        "stacked_days": stacked_days(network, today),
        "to_escalate": decisions.filter(status=Decision.Status.OUT_OF_MANDATE, escalated_to__isnull=True).order_by(
            "meeting__date", "pk"
        ),
        "escalated": decisions.filter(
            escalated_to__isnull=False, escalated_to__meeting__date__gte=timezone.localdate()
        ).order_by("escalated_to__meeting__date", "pk"),
        "open_votes": decisions.filter(status=Decision.Status.OPEN).order_by("meeting__date", "pk"),
        "open_advice": Advice.objects.open()
        .filter(to_body__network=network)
        .select_related("from_body__network", "to_body")
        .order_by("given_on", "pk"),
        "open_assignments": Assignment.objects.open()
        .filter(to_body__network=network)
        .select_related("from_body__network", "to_body")
        .order_by("due_date", "pk"),
    }
    return render(request, "decisions/coordination.html", ctx)
