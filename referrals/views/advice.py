"""Advice between bodies: the network's register, giving advice, reading and answering it.

Every member of the network reads the register and each advice; giving advice
takes the right to run the advising body, answering it the right to run the body
advised (bodies.permissions). Another network's advice is a 404.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Mandate
from core.submissions import AlreadySubmitted, submit_once
from core.forms import show_errors
from meetings.models import Meeting

from .. import permissions
from ..forms.advice import AdviceAnswerForm, AdviceFilterForm, AdviceGiveForm
from ..models import Advice
from ..services import advice as services

PAGE_SIZE = 50


def _detail_url(advice: Advice) -> str:
    return reverse("referrals:advice", kwargs={"network": advice.from_body.network.slug, "pk": advice.pk})


@login_required
@require_safe
def advice_list(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    form = AdviceFilterForm(request.GET or None, network=network)
    advice = (
        Advice.objects.filter(from_body__network=network)
        .select_related("from_body", "to_body")
        # Open advice first: it waits for someone.
        .annotate(is_answered=Case(When(response="", then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("is_answered", "-given_on", "-pk")
    )
    page = Paginator(form.filter(advice), PAGE_SIZE).get_page(request.GET.get("page"))
    # The answer link shows for those who run the body advised: their rights in one go.
    permissions.prefetch(request.user, {item.to_body.pk: item.to_body for item in page}.values())
    ctx = {"network": network, "form": form, "page": page, "today": timezone.localdate()}
    return render(request, "referrals/advice_list.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_give(request: HttpRequest, network: str, body: str) -> HttpResponse:
    body = permissions.get_body_for_user(request.user, network, body)
    permissions.require(
        request.user,
        permissions.RECORD_ADVICE,
        body,
        _("Het advies van %(body)s wordt vastgelegd door een van zijn leden.") % {"body": body},
    )
    today = timezone.localdate()
    mandates = services.mandates_of_kind(body, Mandate.Kind.ADVISE, today)
    targets = services.mandate_targets(mandates)
    form = None
    if targets:
        meetings = (
            Meeting.objects.filter(body=body, date__gte=today - datetime.timedelta(days=366))
            .exclude(status=Meeting.Status.CANCELLED)
            .order_by("-date", "-pk")
        )
        form = AdviceGiveForm(
            request.POST if request.method == "POST" else None,
            targets=targets,
            domains=services.advice_domains(mandates),
            meetings=meetings,
        )
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            try:
                with submit_once(request, form.submit_key) as submission:
                    advice = services.advice_give(
                        from_body=body,
                        to_body=data["to_body"],
                        domain=data["domain"],
                        subject=data["subject"],
                        text=data["text"],
                        meeting=data["meeting"],
                        by=request.user,
                    )
                    submission.leads_to(_detail_url(advice))
            except AlreadySubmitted as earlier:
                return earlier.redirect(request)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("Het advies aan %(body)s is vastgelegd.") % {"body": advice.to_body})
                return redirect(_detail_url(advice))
    ctx = {"network": body.network, "body": body, "form": form, "mandates": mandates, "action": _("Advies geven")}
    return render(request, "referrals/advice_form.html", ctx)


def _history(advice: Advice) -> list[dict]:
    """Each recorded change of the advice: when, by whom, and what it came to."""
    lines, previous = [], None
    for record in advice.history.select_related("history_user").order_by("history_date", "history_id"):
        if previous is None:
            what = _("Advies vastgelegd")
        elif record.response and not previous.response:
            what = _("Beantwoord: %(response)s") % {"response": record.get_response_display().lower()}
        else:
            what = _("Gewijzigd")
        lines.append({"when": record.history_date, "who": record.history_user, "what": what})
        previous = record
    return lines


@login_required
@require_safe
def advice_detail(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    advice = permissions.get_advice_for_user(request.user, network, pk)
    ctx = {
        "network": advice.from_body.network,
        "advice": advice,
        "history": _history(advice),
        "can_answer": permissions.may_answer_advice(request.user, advice),
    }
    return render(request, "referrals/advice_detail.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_answer(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    advice = permissions.get_advice_for_user(request.user, network, pk)
    permissions.require(request.user, permissions.RUN, advice.to_body)
    if not advice.is_open:
        messages.info(request, _("Dit advies is al beantwoord."))
        return redirect(_detail_url(advice))
    form = AdviceAnswerForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.advice_answer(
                advice=advice,
                response=form.cleaned_data["response"],
                reasons=form.cleaned_data["reasons"],
                by=request.user,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Het antwoord van %(body)s is vastgelegd.") % {"body": advice.to_body})
            return redirect(_detail_url(advice))
    network = advice.from_body.network
    ctx = {
        "network": network,
        "advice": advice,
        "form": form,
        # What referrals/respond_base.html names.
        "action": _("Beantwoorden"),
        "record": advice,
        "record_title": advice.subject,
        "list_url": reverse("referrals:advice_list", kwargs={"network": network.slug}),
        "list_label": _("Adviezen"),
    }
    return render(request, "referrals/advice_answer.html", ctx)
