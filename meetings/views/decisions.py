"""The decision pages: propose, vote, close, escalate, one decision, and the registers.

The rules live in meetings.services.decisions and the rights in bodies.permissions;
these views load, ask, call and redirect. A refused action changes nothing and
says why in a message on the meeting page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import localize
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies.models import Person
from core.forms import show_errors, show_refusal
from core.submissions import AlreadySubmitted, submit_once

from .. import permissions
from ..forms.decisions import DecisionProposeForm, RegisterFilterForm, VoteForm
from ..models import Decision
from ..selectors import decisions as selectors
from ..services import decisions as services

REGISTER_PAGE_SIZE = 50


@login_required
def decision_propose(request: HttpRequest, network: str, meeting: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, meeting, permissions.PROPOSE_DECISION)

    initial = {}
    raw_item = request.GET.get("agenda_item")
    if raw_item is not None:
        # An escalated item brings the original decision's words, domain and amount.
        item = None
        if raw_item.isdigit():
            item = meeting.agenda_items.select_related("escalated_decision").filter(pk=raw_item).first()
        if item is None:
            raise Http404
        initial["agenda_item"] = item
        original = getattr(item, "escalated_decision", None)
        if original is not None:
            initial.update(domain=original.domain, text=original.text, amount_eur=original.amount_eur)
        else:
            initial["text"] = item.title

    form = DecisionProposeForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with submit_once(request, form.submit_key) as submission:
                decision = services.decision_propose(
                    meeting=meeting,
                    domain=data["domain"],
                    text=data["text"],
                    amount_eur=data["amount_eur"],
                    by=request.user,
                    agenda_item=data["agenda_item"],
                )
                submission.leads_to(meeting)
        except AlreadySubmitted as earlier:
            return earlier.redirect(request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            if decision.status == Decision.Status.OUT_OF_MANDATE:
                messages.warning(request, decision.refusal_message())
            else:
                messages.success(request, _("Het besluit is voorgelegd ter stemming."))
            return redirect(meeting)
    ctx = {
        "network": meeting.body.network,
        "body": meeting.body,
        "meeting": meeting,
        "form": form,
        "holds_decide_mandate": selectors.body_holds_decide_mandate(meeting.body),
    }
    return render(request, "meetings/decisions/decision_form.html", ctx, status=400 if form.errors else 200)


@require_POST
@login_required
def decision_vote(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    decision = permissions.get_decision_for_user(request.user, network, pk)
    meeting = decision.meeting
    permissions.require(request.user, permissions.VOTE, meeting.body)
    form = VoteForm(request.POST)
    person = Person.objects.of_login(request.user, meeting.body.network)
    if not form.is_valid():
        messages.error(request, _("Kies voor, tegen of onthouding."))
    elif person is None:
        messages.error(request, _("Je bent geen lid van dit netwerk en kunt niet stemmen."))
    else:
        try:
            vote = services.decision_vote(decision=decision, person=person, choice=form.cleaned_data["choice"])
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Je stem is geteld: %(choice)s.") % {"choice": vote.get_choice_display()})
    return redirect(meeting)


@require_POST
@login_required
def decision_close(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    decision = permissions.get_decision_for_user(request.user, network, pk)
    meeting = decision.meeting
    permissions.require(request.user, permissions.RUN, meeting.body)
    try:
        closed = services.decision_close(decision=decision, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("De stemming is afgesloten: %(outcome)s.") % {"outcome": closed.get_status_display()}
        )
    return redirect(meeting)


def _back(request: HttpRequest, fallback) -> HttpResponse:
    """To the page the button was on (a local `next`: the decision, the coordination list), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(target)
    return redirect(fallback)


@require_POST
@login_required
def decision_escalate(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The coordinator's one step, from the meeting, the decision or the coordination list."""
    decision = permissions.get_decision_for_user(request.user, network, pk)
    meeting = decision.meeting
    permissions.require(request.user, permissions.COORDINATE, meeting.body.network)
    try:
        item = services.decision_escalate(decision=decision, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            _("Voorgelegd aan %(body)s: het staat op de agenda van %(date)s.")
            % {"body": item.meeting.body, "date": localize(item.meeting.date)},
        )
    return _back(request, meeting)


@login_required
def decision_detail(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    decision = permissions.get_decision_for_user(request.user, network, pk)
    if not permissions.may_read_decision(request.user, decision):
        raise PermissionDenied
    ctx = {
        "network": decision.meeting.body.network,
        "body": decision.meeting.body,
        "decision": decision,
        "mandate": decision.mandate_record or decision.mandate,
        "history": selectors.decision_history(decision),
        "can_view_meeting": permissions.may(request.user, permissions.VIEW_INTERNALS, decision.meeting.body),
        "can_coordinate": permissions.may(request.user, permissions.COORDINATE, decision.meeting.body.network),
    }
    return render(request, "meetings/decisions/decision_detail.html", ctx)


def _register(request: HttpRequest, network, *, body=None) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None, network=network, with_body=body is None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        # Fields with an error are left out of cleaned_data: the others still filter.
        filters = {key: value for key, value in form.cleaned_data.items() if value not in (None, "")}
    chosen_body = filters.pop("body", None) or body
    decisions = selectors.register_queryset(network, body=chosen_body, **filters)
    page = Paginator(decisions, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "network": network,
        "body": body,
        "form": form,
        "page_obj": page,
        "is_filtered": bool(filters) or chosen_body is not body,
    }
    return render(request, "meetings/decisions/register.html", ctx)


@login_required
def register(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    return _register(request, network)


@login_required
def body_register(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    return _register(request, body.network, body=body)
