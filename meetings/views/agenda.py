"""The agenda of a meeting: building it, ordering it, proposals, suggestions, attachments, publishing.

Who sees it: those who see the body's internals always; every member of the
network once it is published (PRODUCT.md: published agendas are for the whole
network). Who builds it: RUN on the body (the coordinator, the chair or the
secretary). Who proposes: the body's members (PROPOSE_DECISION).
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from bodies.models import Person
from core.forms import show_errors, show_refusal
from core.submissions import KEY_FIELD, AlreadySubmitted, submit_once

from .. import permissions
from ..selectors import agenda as selectors
from ..forms.agenda import AgendaItemAddForm, AgendaItemForm, AttachmentForm, DeclineForm, ProposalForm
from ..models import AgendaItem, Meeting
from ..services import agenda as services


def _agenda_url(meeting: Meeting, anchor: str = "", query: str = "") -> str:
    url = reverse("meetings:agenda", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})
    return url + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _page(request: HttpRequest, meeting: Meeting, *, item_form=None, proposal_form=None, status: int = 200):
    user = request.user
    body = meeting.body
    runs = permissions.may(user, permissions.RUN, body)
    internals = runs or permissions.may(user, permissions.VIEW_INTERNALS, body)
    page = selectors.agenda_page(meeting, user, internals=internals, runs=runs)
    planned = meeting.status == Meeting.Status.PLANNED
    # Who runs the body puts items on the agenda directly; members propose them.
    can_propose = permissions.may(user, permissions.PROPOSE_DECISION, body) and planned and not runs
    projects = selectors.linkable_projects(meeting)
    if runs and item_form is None:
        item_form = AgendaItemAddForm(presenters=selectors.presenters(meeting), projects=projects, prefix="item")
    if can_propose and proposal_form is None:
        proposal_form = ProposalForm(projects=projects, prefix="proposal")
    moved = request.GET.get("moved", "")
    ctx = {
        "network": body.network,
        "body": body,
        "meeting": meeting,
        "page": page,
        "runs": runs and planned,
        "internals": internals,
        "is_planned": planned,
        "item_form": item_form if runs and planned else None,
        "proposal_form": proposal_form if can_propose else None,
        "proposals_open": services.proposals_open(meeting),
        "proposals_close_on": services.proposals_close_on(meeting),
        "call_for_items_on": meeting.date - datetime.timedelta(days=body.call_for_items_days),
        "over_time": selectors.over_time(meeting, page),
        "decline_form": DeclineForm(),
        "attachment_types": ", ".join(sorted(settings.ATTACHMENT_CONTENT_TYPES)),
        "attachment_max_bytes": settings.ATTACHMENT_MAX_BYTES,
        "moved": int(moved) if moved.isdigit() else None,
        "quiet_minutes": settings.AGENDA_CHANGES_QUIET_MINUTES,
        "moved_direction": request.GET.get("dir", ""),
    }
    return render(request, "meetings/agenda/agenda.html", ctx, status=status)


@login_required
def agenda(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk)
    if not permissions.may_see_agenda(request.user, meeting):
        raise PermissionDenied
    return _page(request, meeting)


@require_POST
@login_required
def agenda_item_add(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    form = AgendaItemAddForm(
        request.POST,
        presenters=selectors.presenters(meeting),
        projects=selectors.linkable_projects(meeting),
        prefix="item",
    )
    if form.is_valid():
        try:
            with submit_once(request, form.submit_key) as submission:
                item = services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
                submission.leads_to(_agenda_url(meeting, f"item-{item.pk}"))
        except AlreadySubmitted as earlier:
            return earlier.redirect(request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("“%(title)s” staat op de agenda.") % {"title": item.title})
            return redirect(_agenda_url(meeting, f"item-{item.pk}"))
    return _page(request, meeting, item_form=form, status=400)


@login_required
def agenda_item_edit(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    meeting = item.meeting
    initial = {name: getattr(item, name) for name in services.EDITABLE_FIELDS}
    form = AgendaItemForm(
        request.POST or None,
        initial=initial,
        presenters=selectors.presenters(meeting),
        projects=selectors.linkable_projects(meeting, current_id=item.project_id),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agenda_item_update(item=item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("Het agendapunt is bewaard."))
                return redirect(_agenda_url(meeting, f"item-{item.pk}"))
        status = 400
    ctx = {"network": meeting.body.network, "body": meeting.body, "meeting": meeting, "item": item, "form": form}
    return render(request, "meetings/agenda/item_form.html", ctx, status=status)


@require_POST
@login_required
def agenda_item_remove(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    try:
        outcome = services.agenda_item_remove(item=item, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if outcome == "archived":
            messages.success(request, _("“%(title)s” is van de agenda gehaald en bewaard.") % {"title": item.title})
        else:
            messages.success(request, _("“%(title)s” is van de agenda geschrapt.") % {"title": item.title})
    return redirect(_agenda_url(item.meeting, "agenda-heading"))


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@login_required
def agenda_item_move(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """One place up or down: the keyboard's way to reorder (the script does it without a reload)."""
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    direction = request.POST.get("direction", "")
    try:
        services.agenda_item_move(item=item, direction=direction, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(_agenda_url(item.meeting, f"item-{item.pk}"))
    text = _("“%(title)s” is een plaats omhoog geschoven.") if direction == "up" else _(
        "“%(title)s” is een plaats omlaag geschoven."
    )
    messages.success(request, text % {"title": item.title})
    return redirect(_agenda_url(item.meeting, f"item-{item.pk}", f"moved={item.pk}&dir={direction}"))


@require_POST
@login_required
def agenda_reorder(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The whole order at once (drag and drop): `order` is every item's id, top first."""
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    try:
        services.agenda_reorder(meeting=meeting, order=request.POST.getlist("order"), by=request.user)
    except ValidationError as error:
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=400)
        show_refusal(request, error)
    else:
        if _wants_json(request):
            return JsonResponse({"ok": True, "message": _("De nieuwe volgorde is bewaard.")})
        messages.success(request, _("De nieuwe volgorde is bewaard."))
    return redirect(_agenda_url(meeting, "agenda-heading"))


@require_POST
@login_required
def agenda_publish(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    try:
        services.agenda_publish(meeting=meeting, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De agenda is gepubliceerd: de leden worden verwittigd."))
    return redirect(_agenda_url(meeting))


@require_POST
@login_required
def agenda_changes_announce(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """Announce the gathered changes now, instead of after the quiet period."""
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    if services.agenda_changes_announce(meeting=meeting, by=request.user):
        messages.success(request, _("De wijzigingen zijn bekendgemaakt: de leden krijgen één mail."))
    else:
        # A second press, or the beat was first: nothing is announced twice.
        messages.info(request, _("Er zijn geen wijzigingen meer om bekend te maken."))
    return redirect(_agenda_url(meeting, "agenda-heading"))


@require_POST
@login_required
def agenda_item_propose(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.PROPOSE_DECISION)
    form = ProposalForm(request.POST, projects=selectors.linkable_projects(meeting), prefix="proposal")
    if form.is_valid():
        try:
            with submit_once(request, form.submit_key) as submission:
                item = services.agenda_item_propose(
                    meeting=meeting,
                    by=request.user,
                    person=Person.objects.of_login(request.user, meeting.body.network_id),
                    **form.cleaned_data,
                )
                submission.leads_to(_agenda_url(meeting, "mine-heading"))
        except AlreadySubmitted as earlier:
            return earlier.redirect(request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(
                request,
                _("Je voorstel “%(title)s” is ingediend. Je ziet hier wat ermee gebeurt.") % {"title": item.title},
            )
            return redirect(_agenda_url(meeting, "mine-heading"))
    return _page(request, meeting, proposal_form=form, status=400)


@require_POST
@login_required
def agenda_proposal_accept(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    try:
        services.agenda_proposal_accept(item=item, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("“%(title)s” staat nu op de agenda.") % {"title": item.title})
    return redirect(_agenda_url(item.meeting, "proposals-heading"))


@require_POST
@login_required
def agenda_proposal_merge(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    into_pk = request.POST.get("into", "")
    into = None
    if into_pk.isdigit():
        into = AgendaItem.objects.filter(pk=int(into_pk), meeting=item.meeting).first()
    try:
        if into is None:
            raise ValidationError(_("Kies een punt van deze agenda om het voorstel mee samen te voegen."))
        services.agenda_proposal_merge(item=item, into=into, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("“%(title)s” is samengevoegd met “%(into)s”.") % {"title": item.title, "into": into.title}
        )
    return redirect(_agenda_url(item.meeting, "proposals-heading"))


@require_POST
@login_required
def agenda_proposal_decline(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    form = DeclineForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Geef een reden (hoogstens 1000 tekens) waarom het voorstel niet op de agenda komt."))
        services.agenda_proposal_decline(item=item, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Het voorstel “%(title)s” is afgewezen.") % {"title": item.title})
    return redirect(_agenda_url(item.meeting, "proposals-heading"))


@require_POST
@login_required
def agenda_suggestion_add(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    try:
        with submit_once(request, request.POST.get(KEY_FIELD)) as submission:
            item = services.agenda_suggestion_add(
                meeting=meeting, key=request.POST.get("key", "")[:40], by=request.user
            )
            submission.leads_to(_agenda_url(meeting, f"item-{item.pk}"))
    except AlreadySubmitted as earlier:
        return earlier.redirect(request)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(_agenda_url(meeting, "suggestions-heading"))
    messages.success(request, _("“%(title)s” staat op de agenda.") % {"title": item.title})
    return redirect(_agenda_url(meeting, f"item-{item.pk}"))


# Room for the multipart envelope and the form's other fields around the file.
UPLOAD_OVERHEAD = 64 * 1024


@csrf_exempt  # checked below, after the size: the CSRF check would read the whole body first
@require_POST
def attachment_add(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """Refuse an upload that announces more bytes than allowed before reading any of them."""
    try:
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        announced = 0
    if request.user.is_authenticated and announced > settings.ATTACHMENT_MAX_BYTES + UPLOAD_OVERHEAD:
        item = permissions.get_agenda_item_for_user(request.user, network, pk)
        messages.error(request, services.too_big_message())
        return redirect(_agenda_url(item.meeting, f"item-{item.pk}"))
    return _attachment_add(request, network, pk)


@csrf_protect
@login_required
def _attachment_add(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    item = permissions.get_agenda_item_for_user(request.user, network, pk)
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Kies een bestand om toe te voegen."))
        with submit_once(request, request.POST.get(KEY_FIELD)) as submission:
            attachment = services.attachment_add(item=item, upload=form.cleaned_data["file"], by=request.user)
            submission.leads_to(_agenda_url(item.meeting, f"item-{item.pk}"))
    except AlreadySubmitted as earlier:
        return earlier.redirect(request)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(
            request,
            _("“%(name)s” is toegevoegd bij “%(title)s”.") % {"name": attachment.name, "title": item.title},
        )
    return redirect(_agenda_url(item.meeting, f"item-{item.pk}"))


@require_POST
@login_required
def attachment_remove(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    attachment = permissions.get_attachment_for_user(request.user, network, pk)
    item = attachment.item
    permissions.require(request.user, permissions.RUN, item.meeting.body)
    try:
        services.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("De bijlage “%(name)s” is verwijderd.") % {"name": attachment.name})
    return redirect(_agenda_url(item.meeting, f"item-{item.pk}"))


@login_required
def attachment_download(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The file, always as a download, to those who may see the meeting's agenda.

    Members of the network outside the body get the attachments of a published
    agenda's items only; proposals and withdrawn items stay internal.
    """
    attachment = permissions.get_attachment_for_user(request.user, network, pk)
    if not permissions.may_download_attachment(request.user, attachment):
        raise PermissionDenied
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
