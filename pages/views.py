"""The pages that combine apps: home, network home, body sheet, Mijn overzicht, coordination, people, organisations."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bodies import permissions
from bodies.models import Organization, Person
from meetings.models import Decision
from meetings.selectors.agenda import waiting_proposals
from meetings.selectors.meetings import my_overview
from meetings.selectors.planning import late_meetings, stacked_days
from referrals.models import Advice, Assignment

from . import selectors
from .forms import PeopleFilterForm

PEOPLE_PAGE_SIZE = 50


@login_required
def home(request: HttpRequest) -> HttpResponse:
    networks = list(permissions.networks_for_user(request.user))
    if len(networks) == 1:
        return redirect(networks[0])
    return render(request, "pages/home.html", {"networks": networks})


@login_required
def network_home(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        "overview": selectors.network_overview(network, today),
    }
    return render(request, "pages/network_home.html", ctx)


@login_required
def body_sheet(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body, queryset=selectors.body_sheet_queryset())
    today = timezone.localdate()
    ctx = {
        "network": body.network,
        "body": body,
        "today": today,
        "sheet": selectors.body_sheet_data(body, today),
    }
    return render(request, "pages/body_sheet.html", ctx)


@login_required
def mine(request: HttpRequest, network: str) -> HttpResponse:
    """Mijn overzicht: my bodies and roles, my upcoming meetings with my reply, my open actions."""
    network = permissions.get_network_for_user(request.user, network)
    today = timezone.localdate()
    overview = my_overview(network, request.user, today)
    ctx = {"network": network, "overview": overview, "today": today}
    return render(request, "pages/mine.html", ctx)


@login_required
def coordination(request: HttpRequest, network: str) -> HttpResponse:
    """The coordinator's overview: what waits for someone across the whole network."""
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
            escalated_to__isnull=False, escalated_to__meeting__date__gte=today
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
    return render(request, "pages/coordination.html", ctx)


@login_required
@require_safe
def people(request: HttpRequest, network: str) -> HttpResponse:
    """The network's people with their seats today; e-mail addresses for who coordinates it."""
    network = permissions.get_network_for_user(request.user, network)
    today = timezone.localdate()
    form = PeopleFilterForm(
        request.GET,
        organizations=list(Organization.objects.filter(network=network).order_by("name", "pk")),
        bodies=list(network.bodies.active_on(today).order_by("position", "name")),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.people_of(
        network, today, q=filters.get("q", ""), organization=filters.get("organization"), body=filters.get("body")
    )
    page = Paginator(found, PEOPLE_PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "network": network,
        "form": form,
        "page": page,
        "lines": selectors.people_lines(network, list(page.object_list), today),
        "shows_email": permissions.may(request.user, permissions.COORDINATE, network),
    }
    return render(request, "pages/people.html", ctx)


@login_required
@require_safe
def person(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """A person's seats now and before, and how often they came; the e-mail address for who coordinates."""
    network = permissions.get_network_for_user(request.user, network)
    found = get_object_or_404(Person, pk=pk, network=network)
    found.network = network
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        "sheet": selectors.person_page(network, found, today),
        "shows_email": permissions.may(request.user, permissions.COORDINATE, network),
        "attendance_months": selectors.ATTENDANCE_MONTHS,
    }
    return render(request, "pages/person.html", ctx)


@login_required
@require_safe
def organization(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """An organisation's representatives today per body, the bodies it has nobody in, and how often it came."""
    network = permissions.get_network_for_user(request.user, network)
    found = get_object_or_404(Organization, pk=pk, network=network)
    found.network = network
    today = timezone.localdate()
    ctx = {
        "network": network,
        "today": today,
        "sheet": selectors.organization_page(network, found, today),
        "attendance_months": selectors.ATTENDANCE_MONTHS,
    }
    return render(request, "pages/organization.html", ctx)
