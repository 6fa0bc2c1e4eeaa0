"""The pages of a network: its bodies, each body's sheet and the organisation chart."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from . import selectors
from .permissions import get_body_for_user, get_network_for_user, networks_for_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    networks = list(networks_for_user(request.user))
    if len(networks) == 1:
        return redirect(networks[0])
    return render(request, "bodies/home.html", {"networks": networks})


@login_required
def network_home(request: HttpRequest, network: str) -> HttpResponse:
    network = get_network_for_user(request.user, network)
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        "overview": selectors.network_overview(network, today),
    }
    return render(request, "bodies/network_home.html", ctx)


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


@login_required
def body_sheet(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = get_body_for_user(request.user, network, body, queryset=selectors.body_sheet_queryset())
    today = timezone.localdate()
    ctx = {
        "network": body.network,
        "body": body,
        "today": today,
        "sheet": selectors.body_sheet_data(body, today),
    }
    return render(request, "bodies/body_sheet.html", ctx)
