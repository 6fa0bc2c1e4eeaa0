"""The meeting itself: replies to the invitation, minutes, action items, approval, and Mijn overzicht."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bodies.models import Person
from core.dates import long_date
from core.forms import show_errors, show_refusal
from core.submissions import AlreadySubmitted, submit_once

from .. import permissions
from ..selectors import meetings as selectors
from ..forms.conduct import ActionItemForm, MinutesForm
from ..models import Attendance, Meeting
from ..services import conduct as services


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """To the page the form was on (a local `next`), else to `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(target)
    return redirect(fallback)


def _minutes_url(meeting: Meeting, item_pk: int | None = None) -> str:
    url = reverse("meetings:minutes", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})
    return f"{url}#item-{item_pk}" if item_pk else url


@require_POST
@login_required
def attendance_reply(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.VIEW_INTERNALS)
    person = Person.objects.of_login(request.user, meeting.body.network)
    try:
        if person is None:
            raise ValidationError(_("Alleen de leden van het orgaan zijn uitgenodigd."))
        attendance = services.attendance_reply(
            meeting=meeting, person=person, reply=request.POST.get("reply", ""), by=request.user
        )
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if attendance.reply == Attendance.Reply.ATTENDING:
            messages.success(request, _("Bewaard: je komt naar de vergadering."))
        else:
            messages.success(request, _("Bewaard: je kunt niet komen."))
    return _back(request, meeting.get_absolute_url())


def _minutes_forms(meeting, page, people, *, minutes_form=None, bound_item=None, bound_form=None):
    """The meeting's one minutes form, and one action form per agenda item; posted ones keep their input."""
    items = page.agenda
    form = minutes_form or MinutesForm(items=items)
    for item in items:
        prefix = f"item{item.pk}"
        item.minutes_field = form[MinutesForm.field_name(item)] if MinutesForm.field_name(item) in form.fields else None
        item.action_form = ActionItemForm(
            items=items, people=people, initial={"item": item.pk}, auto_id=f"id_{prefix}_action_%s"
        )
        if bound_item == item.pk and bound_form is not None:
            item.action_form = bound_form
    return form


def _render_minutes(
    request, meeting, *, minutes_form=None, bound_item=None, bound_form=None, status=200
) -> HttpResponse:
    user = request.user
    body = meeting.body
    page = selectors.minutes_page(meeting)
    can_run = permissions.may(user, permissions.RUN, body)
    can_view_internals = permissions.may(user, permissions.VIEW_INTERNALS, body)
    editable = can_run and meeting.status == Meeting.Status.PLANNED and not meeting.are_minutes_approved
    if editable:
        minutes_form = _minutes_forms(
            meeting,
            page,
            selectors.network_people(body.network),
            minutes_form=minutes_form,
            bound_item=bound_item,
            bound_form=bound_form,
        )
    ctx = {
        "network": body.network,
        "body": body,
        "meeting": meeting,
        "page": page,
        "can_run": can_run,
        "can_view_internals": can_view_internals,
        "editable": editable,
        "minutes_form": minutes_form if editable else None,
        "today": timezone.localdate(),
    }
    return render(request, "meetings/conduct/minutes.html", ctx, status=status)


def _focus(request: HttpRequest, items) -> int | None:
    """The item whose save button was pressed: the page returns to it."""
    try:
        pk = int(request.POST.get("focus", ""))
    except ValueError:
        return None
    return pk if any(item.pk == pk for item in items) else None


@login_required
def minutes(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The minutes; those who run the body write them here, every agenda item in one form."""
    meeting = permissions.get_meeting_for_user(request.user, network, pk)
    if request.method != "POST":
        if not permissions.may_read_minutes(request.user, meeting):
            raise PermissionDenied
        return _render_minutes(request, meeting)
    permissions.require(request.user, permissions.RUN, meeting.body)
    items = list(meeting.agenda_items.on_agenda().only("pk", "title", "minutes"))
    form = MinutesForm(request.POST, items=items)
    if not form.is_valid():
        # Every item keeps what was typed, not only the one in error.
        return _render_minutes(request, meeting, minutes_form=form, status=400)
    try:
        services.meeting_minutes_save(meeting=meeting, minutes=form.minutes(), by=request.user)
    except ValidationError as error:
        show_errors(form, error)
        return _render_minutes(request, meeting, minutes_form=form, status=400)
    messages.success(request, _("Het verslag is bewaard."))
    return redirect(_minutes_url(meeting, _focus(request, items)))


@require_POST
@login_required
def action_create(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    items = list(meeting.agenda_items.on_agenda().select_related("meeting__body"))
    people = selectors.network_people(meeting.body.network)
    form = ActionItemForm(
        request.POST, items=items, people=people, auto_id=f"id_item{request.POST.get('item', '')}_action_%s"
    )
    if not form.is_valid():
        if "item" in form.errors:
            messages.error(request, _("Kies een agendapunt van deze vergadering."))
            return redirect(_minutes_url(meeting))
        return _render_minutes(request, meeting, bound_item=form.cleaned_data["item"], bound_form=form, status=400)
    item = next(item for item in items if item.pk == form.cleaned_data["item"])
    owner = next(person for person in people if person.pk == form.cleaned_data["owner"])
    owner.network = meeting.body.network
    try:
        with submit_once(request, form.submit_key) as submission:
            services.action_item_create(
                item=item,
                title=form.cleaned_data["title"],
                owner=owner,
                due_date=form.cleaned_data["due_date"],
                by=request.user,
            )
            submission.leads_to(_minutes_url(meeting, item.pk))
    except AlreadySubmitted as earlier:
        return earlier.redirect(request)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Het actiepunt is genoteerd."))
    return redirect(_minutes_url(meeting, item.pk))


@require_POST
@login_required
def action_done(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The owner, or someone who runs the body, marks an action done."""
    action = permissions.get_action_for_user(request.user, network, pk)
    if not permissions.may_mark_action_done(request.user, action):
        raise PermissionDenied
    services.action_item_done(action=action, by=request.user)
    messages.success(request, _("“%(action)s” is afgewerkt.") % {"action": action.title})
    return _back(request, action.meeting.get_absolute_url())


@require_POST
@login_required
def minutes_submit(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    try:
        services.minutes_submit(meeting=meeting, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Het verslag ligt ter goedkeuring op de volgende vergadering."))
    return _back(request, _minutes_url(meeting))


@require_POST
@login_required
def minutes_approve(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    """The later meeting approves the minutes of meeting `pk` on its agenda item posted as `agenda_item`."""
    meeting = permissions.get_meeting_for_user(request.user, network, pk, permissions.RUN)
    try:
        item_pk = int(request.POST.get("agenda_item", ""))
    except ValueError:
        messages.error(request, _("Kies het agendapunt waarop het verslag wordt goedgekeurd."))
        return redirect(_minutes_url(meeting))
    item = permissions.get_agenda_item_for_user(request.user, network, item_pk, permission=None)
    try:
        if item.minutes_of_id != meeting.pk:
            raise ValidationError(_("Dit agendapunt legt een ander verslag ter goedkeuring voor."))
        services.minutes_approve(item=item, by=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return _back(request, item.meeting.get_absolute_url())
    messages.success(
        request,
        _("Het verslag van %(day)s is goedgekeurd en voor het hele netwerk zichtbaar.")
        % {"day": long_date(meeting.date)},
    )
    return redirect(f"{item.meeting.get_absolute_url()}#item-{item.pk}")


@login_required
def mine(request: HttpRequest, network: str) -> HttpResponse:
    """Mijn overzicht: my bodies and roles, my upcoming meetings with my reply, my open actions."""
    network = permissions.get_network_for_user(request.user, network)
    today = timezone.localdate()
    overview = selectors.my_overview(network, request.user, today)
    ctx = {"network": network, "overview": overview, "today": today}
    return render(request, "pages/mine.html", ctx)

