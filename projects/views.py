"""Project sheets ("projectfiches"): the list, one sheet, making and changing one.

Every member of the network reads the projects. The coordinator makes and changes
any of them; a chair or secretary does so for the bodies they run, and puts a
project only under those bodies (projects.permissions). Another network's project is
a 404; a member without the right gets a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body
from core.submissions import AlreadySubmitted, submit_once
from core.forms import show_errors

from . import permissions, selectors, services
from .forms import ProjectCreateForm, ProjectFilterForm, ProjectForm

PAGE_SIZE = 50


def _form_data(form: ProjectForm) -> dict:
    return {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}


@login_required
@require_safe
def project_list(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    bodies = list(Body.objects.filter(network=network).with_is_active(timezone.localdate()).order_by("position", "name"))
    form = ProjectFilterForm(request.GET, bodies=bodies)
    status, body = ProjectFilterForm.ACTIVE, None
    if form.is_valid():
        status, body = form.cleaned_data["status"], form.cleaned_data["body"]
    projects = selectors.projects_of(network, status=status, body=body)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "network": network,
        "form": form,
        "page": page,
        "status": status,
        "can_create": bool(
            permissions.bodies_to_file_under(request.user, network, [body for body in bodies if body.is_active])
        ),
    }
    return render(request, "projects/project_list.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_create(request: HttpRequest, network: str) -> HttpResponse:
    network = permissions.get_network_for_user(request.user, network)
    bodies = permissions.bodies_to_file_under(request.user, network)
    if not bodies:
        raise PermissionDenied
    form = ProjectCreateForm(request.POST if request.method == "POST" else None, bodies=bodies, network=network)
    if form.is_bound and form.is_valid():
        try:
            with submit_once(request, form.submit_key) as submission:
                project = services.project_create(network=network, by=request.user, **_form_data(form))
                submission.leads_to(project)
        except AlreadySubmitted as earlier:
            return earlier.redirect(request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Het project “%(title)s” is aangemaakt.") % {"title": project.title})
            return redirect(project)
    return render(request, "projects/project_form.html", {"network": network, "form": form, "project": None})


@login_required
@require_safe
def project_detail(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    project = permissions.get_project_for_user(request.user, network, pk)
    history, history_truncated = selectors.project_history(project)
    ctx = {
        "network": project.network,
        "project": project,
        # Before can_edit: it loads the reader's grants on the project's body with the others.
        "agenda_items": selectors.discussed_in(project, request.user),
        "can_edit": permissions.may_edit_project(request.user, project),
        "history": history,
        "history_truncated": history_truncated,
    }
    return render(request, "projects/project_detail.html", ctx)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def project_edit(request: HttpRequest, network: str, pk: int) -> HttpResponse:
    project = permissions.get_project_for_user(request.user, network, pk)
    if not permissions.may_edit_project(request.user, project):
        raise PermissionDenied
    bodies = permissions.bodies_to_file_under(request.user, project.network)
    if project.body.pk not in {body.pk for body in bodies}:
        # The body that follows it up now may stay, even when it is no longer active.
        bodies = [project.body, *bodies]
    initial = {
        "title": project.title,
        "goal": project.goal,
        "description": project.description,
        "body": project.body_id,
        "lead": project.lead_id,
        "status": project.status,
        "start_date": project.start_date,
        "end_date": project.end_date,
    }
    form = ProjectForm(
        request.POST if request.method == "POST" else None, initial=initial, bodies=bodies, network=project.network
    )
    if form.is_bound and form.is_valid():
        try:
            changed = services.project_update(project=project, by=request.user, **_form_data(form))
        except ValidationError as error:
            show_errors(form, error)
        else:
            if changed:
                messages.success(request, _("De wijzigingen aan “%(title)s” zijn bewaard.") % {"title": project.title})
            else:
                messages.info(request, _("Er was niets gewijzigd."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"network": project.network, "form": form, "project": project})
