"""The organisation chart of a network."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import selectors
from .permissions import get_network_for_user


@login_required
def org_chart(request: HttpRequest, network: str) -> HttpResponse:
    network = get_network_for_user(request.user, network)
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        "chart": selectors.org_chart_relations(network, today),
    }
    return render(request, "bodies/org_chart.html", ctx)
