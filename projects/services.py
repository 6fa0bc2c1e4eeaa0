"""Writes of project sheets: making one and changing it (its status too: that is how it is archived).

Who may call these is the views' question (bodies.permissions); these functions keep
the data right whoever calls them: the body and the lead from the project's own
network, an end that does not lie before the start, one title once per network,
and every change kept in the project's history with its author.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from bodies.models import Body, Network, Person

from . import permissions
from .models import Project

TITLE_CONSTRAINT = "project_title_unique_in_network"

# The fields a person edits on the sheet; the network and the creation stay as they were.
EDITABLE_FIELDS = ("title", "goal", "description", "body", "lead", "status", "start_date", "end_date")


def _title_taken() -> str:
    return _("Er bestaat al een project met deze titel.")


def _history_user(user):
    return user if getattr(user, "is_authenticated", False) else None


def _title_error_at_title(error: ValidationError) -> ValidationError:
    """The unique title is a constraint on an expression, so Django reports it for no field: put it at the title."""
    errors = dict(error.error_dict) if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.error_list}
    general = errors.pop(NON_FIELD_ERRORS, [])
    constraint = next(c for c in Project._meta.constraints if c.name == TITLE_CONSTRAINT)
    clash = [item for item in general if item.message == constraint.get_violation_error_message()]
    rest = [item for item in general if item not in clash]
    if clash:
        errors["title"] = [*errors.get("title", []), ValidationError(_title_taken(), code="unique")]
    if rest:
        errors[NON_FIELD_ERRORS] = rest
    return ValidationError(errors)


def _save(project: Project, by) -> Project:
    try:
        project.full_clean()
    except ValidationError as error:
        raise _title_error_at_title(error) from None
    project._history_user = _history_user(by)
    try:
        # A savepoint, so that the transaction stays usable after a refusal (PostgreSQL).
        with transaction.atomic():
            project.save()
    except IntegrityError:
        # Two submits at once both passed the check above; the database constraint
        # let one of them through. The end-after-start constraint cannot fail here:
        # clean() refused that already.
        raise ValidationError({"title": _title_taken()}) from None
    return project


@transaction.atomic
def project_create(
    *,
    network: Network,
    title: str,
    body: Body,
    goal: str = "",
    description: str = "",
    lead: Person | None = None,
    status: str = Project.Status.PREPARING,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    by=None,
) -> Project:
    """Make a project sheet of `network`, followed up by `body`.

    `by`, when a person acts, must be allowed to put a project under `body`.
    """
    if by is not None and body not in permissions.bodies_to_file_under(by, network):
        raise PermissionDenied
    project = Project(
        network=network,
        title=(title or "").strip(),
        goal=(goal or "").strip(),
        description=(description or "").strip(),
        body=body,
        lead=lead,
        status=status,
        start_date=start_date,
        end_date=end_date,
        created_by=_history_user(by),
    )
    return _save(project, by)


@transaction.atomic
def project_update(
    *,
    project: Project,
    title: str,
    body: Body,
    goal: str = "",
    description: str = "",
    lead: Person | None = None,
    status: str,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    by=None,
) -> bool:
    """Change a project sheet; False when nothing changed (and no history line is written).

    `by`, when a person acts, must be allowed to edit it and to put it under `body`.
    """
    if by is not None and not (
        permissions.may_edit_project(by, project)
        and (body == project.body or body in permissions.bodies_to_file_under(by, project.network))
    ):
        raise PermissionDenied
    values = {
        "title": (title or "").strip(),
        "goal": (goal or "").strip(),
        "description": (description or "").strip(),
        "body": body,
        "lead": lead,
        "status": status,
        "start_date": start_date,
        "end_date": end_date,
    }
    if all(getattr(project, name) == value for name, value in values.items()):
        return False
    before = {name: getattr(project, name) for name in values}
    for name, value in values.items():
        setattr(project, name, value)
    try:
        _save(project, by)
    except ValidationError:
        # The caller's object shows the sheet as it is stored, not the refused change.
        for name, value in before.items():
            setattr(project, name, value)
        raise
    return True
