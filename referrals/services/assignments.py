"""Assignments between bodies and the thematic working groups they start.

From the seed documents: the Beleidsgroep "kan opdrachten geven aan de inhoudelijke
ondersteuningsgroep of kan thema-gebonden werkgroepen laten opstarten" (an assign
mandate), and the support group "aansturen en opvolgen van werkgroepen" (a steer
mandate). So a body with an assign mandate gives assignments to the mandate's
targets and starts working groups that one of those targets steers; a body with a
steer mandate for working groups starts groups it steers itself.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from bodies.models import (
    Body,
    BodyTask,
    Cadence,
    CadencePhase,
    Domain,
    Mandate,
    Membership,
    Person,
    Role,
    Seat,
    validate_rrule,
)
from meetings.services.planning import meetings_plan

from .. import permissions
from ..models import Assignment
from .advice import join_names, mandate_targets, mandates_of_kind

# A key, read in the reader's language (Role.display_name).
MEMBER_ROLE = Role.MEMBER


def _target_mandate(mandates, to_body: Body) -> Mandate | None:
    return next(
        (mandate for mandate in mandates if to_body.pk in {target.pk for target in mandate.targets.all()}), None
    )


@transaction.atomic
def assignment_give(
    *, from_body: Body, to_body: Body, title: str, description: str, due_date: datetime.date, by
) -> Assignment:
    """Give `to_body` an assignment under an assign mandate of `from_body` valid today."""
    permissions.require_of(by, permissions.RUN, from_body)
    today = timezone.localdate()
    # First, so that no later refusal names a body of another network.
    Assignment(from_body=from_body, to_body=to_body).clean_bodies()
    if to_body.pk == from_body.pk:
        raise ValidationError({"to_body": _("Een orgaan geeft geen opdracht aan zichzelf.")})
    mandates = mandates_of_kind(from_body, Mandate.Kind.ASSIGN, today)
    if not mandates:
        raise ValidationError(
            _("%(body)s heeft vandaag geen geldig mandaat om opdrachten te geven.") % {"body": from_body}
        )
    mandate = _target_mandate(mandates, to_body)
    if mandate is None:
        raise ValidationError(
            {
                "to_body": _("%(from)s geeft alleen opdrachten aan %(targets)s, niet aan %(to)s.")
                % {"from": from_body, "targets": join_names(mandate_targets(mandates)), "to": to_body}
            }
        )
    _check_due_date(due_date, today)
    assignment = Assignment(
        from_body=from_body,
        to_body=to_body,
        mandate=mandate,
        title=title.strip(),
        description=description.strip(),
        due_date=due_date,
        given_on=today,
        given_by=by,
    )
    assignment.full_clean()
    assignment.save()
    return assignment


def _check_due_date(due_date: datetime.date | None, today: datetime.date) -> None:
    if due_date is None:
        raise ValidationError({"due_date": _("Geef de datum waarop de terugkoppeling verwacht wordt.")})
    if due_date < today:
        raise ValidationError({"due_date": _("De datum voor de terugkoppeling ligt in het verleden.")})


@transaction.atomic
def assignment_report(*, assignment: Assignment, report: str, by) -> Assignment:
    """The receiving body reports back, once, even when two reports are submitted at once."""
    permissions.require_of(by, permissions.RUN, assignment.to_body)
    # The row lock makes a second, simultaneous report wait and then see the first.
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if not assignment.is_open:
        raise ValidationError(
            _("Over deze opdracht is al teruggekoppeld op %(date)s.")
            % {"date": date_format(assignment.reported_on, "j F Y")}
        )
    report = (report or "").strip()
    if not report:
        raise ValidationError({"report": _("Schrijf de terugkoppeling.")})
    assignment.report = report
    assignment.reported_on = timezone.localdate()
    assignment.reported_by = by
    # The giver's login may be gone since (SET_NULL): that must not block the report.
    assignment.full_clean(exclude=["given_by"])
    assignment.save()
    return assignment


# Thematic working groups ----------------------------------------------------------------


@dataclass(frozen=True)
class Steerer:
    """A body that may steer a working group `from_body` starts, and the assign mandate behind it.

    Without a mandate the body starts the group itself under its steer mandate, and
    no assignment is needed: it follows up its own group.
    """

    body: Body
    mandate: Mandate | None


def working_group_steerers(from_body: Body, mandates) -> list[Steerer]:
    """Who may steer a working group that `from_body` starts, given its valid mandates."""
    steerers, seen = [], set()
    for mandate in mandates:
        if Domain.WORKING_GROUPS not in mandate.domains:
            continue
        if mandate.kind == Mandate.Kind.ASSIGN:
            candidates = [(target, mandate) for target in mandate.targets.all()]
        elif mandate.kind == Mandate.Kind.STEER:
            candidates = [(from_body, None)]
        else:
            continue
        for body, behind in candidates:
            if body.pk not in seen:
                seen.add(body.pk)
                steerers.append(Steerer(body=body, mandate=behind))
    return steerers


def working_group_mandates(from_body: Body, day: datetime.date) -> list[Mandate]:
    """The body's assign and steer mandates valid on `day`, with their targets loaded."""
    return list(
        Mandate.objects.valid_on(day)
        .filter(body=from_body, kind__in=[Mandate.Kind.ASSIGN, Mandate.Kind.STEER])
        .prefetch_related("targets")
        .order_by("position", "pk")
    )


def _unique_slug(network_id: int, name: str) -> str:
    base = slugify(name)[:70].strip("-") or "werkgroep"
    taken = set(Body.objects.filter(network_id=network_id, slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def working_group_start(
    *,
    from_body: Body,
    name: str,
    tasks: list[str],
    members: list[Person],
    cadence_description: str,
    rrule: str,
    by,
    due_date: datetime.date | None = None,
    steered_by: Body | None = None,
    start_time: datetime.time | None = None,
    duration_minutes: int | None = None,
    location: str = "",
    first_meeting_on: datetime.date | None = None,
) -> Body:
    """Start a thematic working group: the body, its remit, members and rhythm, and its follow-up.

    Its rhythm `rrule` starts on `first_meeting_on` (default tomorrow; today only when
    asked, never a day gone by) and its meetings are planned at once, with the hour,
    length and place the cadence gives them.

    Steered by a target of `from_body`'s assign mandate for working groups, which
    gets an assignment to start and follow it up (due on `due_date`), or by
    `from_body` itself under a steer mandate for working groups. `steered_by` is
    needed only where more than one body qualifies.
    """
    permissions.require_of(by, permissions.RUN, from_body)
    try:
        with transaction.atomic():
            return _working_group_start(
                from_body=from_body,
                name=name,
                tasks=tasks,
                members=members,
                cadence_description=cadence_description,
                rrule=rrule,
                by=by,
                due_date=due_date,
                steered_by=steered_by,
                start_time=start_time,
                duration_minutes=duration_minutes,
                location=location,
                first_meeting_on=first_meeting_on,
            )
    except IntegrityError:
        # Two submits at once: the unique name in the network let exactly one through.
        raise ValidationError(
            {"name": _("Er bestaat al een orgaan met de naam %(name)s.") % {"name": name.strip()}}
        ) from None


def _working_group_start(
    *,
    from_body,
    name,
    tasks,
    members,
    cadence_description,
    rrule,
    by,
    due_date,
    steered_by,
    start_time,
    duration_minutes,
    location,
    first_meeting_on,
) -> Body:
    today = timezone.localdate()
    first_meeting_on = first_meeting_on or today + datetime.timedelta(days=1)
    network_id = from_body.network_id
    steerers = working_group_steerers(from_body, working_group_mandates(from_body, today))
    if not steerers:
        raise ValidationError(
            _(
                "%(body)s kan geen themawerkgroep opstarten: daarvoor is vandaag een geldig mandaat nodig "
                "om opdrachten te geven over werkgroepen of om werkgroepen aan te sturen."
            )
            % {"body": from_body}
        )

    errors: dict[str, list[str]] = {}
    if steered_by is None:
        steerer = steerers[0] if len(steerers) == 1 else None
        if steerer is None:
            errors["steered_by"] = [_("Kies het orgaan dat de werkgroep aanstuurt.")]
    else:
        steerer = next((item for item in steerers if item.body.pk == steered_by.pk), None)
        if steerer is None:
            errors["steered_by"] = [
                _("Een werkgroep van %(body)s wordt aangestuurd door %(steerers)s.")
                % {"body": from_body, "steerers": join_names(item.body for item in steerers)}
            ]

    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Geef de werkgroep een naam.")]
    elif Body.objects.filter(network_id=network_id, name__iexact=name).exists():
        errors["name"] = [_("Er bestaat al een orgaan met de naam %(name)s.") % {"name": name}]

    tasks = [task.strip() for task in tasks if task and task.strip()]
    if not tasks:
        errors["tasks"] = [_("Geef de werkgroep minstens één taak.")]

    people = list({person.pk: person for person in members}.values())
    if not people:
        errors["members"] = [_("Kies minstens één lid.")]
    elif any(person.network_id != network_id for person in people):
        errors["members"] = [_("Kies alleen personen van dit netwerk.")]

    try:
        validate_rrule(rrule)
    except ValidationError as error:
        errors["rrule"] = error.messages
    if first_meeting_on < today:
        errors["first_meeting_on"] = [_("De eerste vergadering ligt niet in het verleden.")]

    if steerer is not None and steerer.mandate is not None:
        try:
            _check_due_date(due_date, today)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    steering = steerer.body
    group = Body(
        network_id=network_id,
        name=name,
        slug=_unique_slug(network_id, name),
        kind=Body.Kind.WORKING_GROUP,
        parent=steering,
        position=steering.position,
        active_from=today,
    )
    _clean(group, {"name": "name", "description": "name"})
    group.save()

    for position, text in enumerate(tasks):
        task = BodyTask(body=group, text=text, position=position)
        _clean(task, {"text": "tasks"})
        task.save()

    role = Role.objects.filter(network_id=network_id, name=MEMBER_ROLE).first()
    if role is None:
        role = Role.objects.create(network_id=network_id, name=MEMBER_ROLE)
    seat = Seat.objects.create(body=group, role=role, count=None, has_voting_right=True)
    for person in people:
        membership = Membership(body=group, seat=seat, person=person, has_voting_right=True, start_date=today)
        _clean(membership, {"person": "members"})
        membership.save()

    cadence = Cadence(
        body=group,
        description=(cadence_description or "").strip(),
        start_time=start_time,
        duration_minutes=duration_minutes,
        location=(location or "").strip(),
    )
    _clean(cadence, {"description": "cadence_description"})
    cadence.save()
    phase = CadencePhase(cadence=cadence, rrule=rrule.strip(), position=0, starts_on=first_meeting_on)
    _clean(phase, {"rrule": "rrule"})
    phase.save()
    meetings_plan(
        today=today,
        horizon_days=settings.MEETING_PLANNING_HORIZON_DAYS,
        bodies=[group],
        include_today=first_meeting_on == today,
    )

    if steerer.mandate is not None:
        assignment = Assignment(
            from_body=from_body,
            to_body=steering,
            mandate=steerer.mandate,
            # The group's name only: Assignment.display_title says "… opstarten en opvolgen"
            # in the reader's language.
            title=Truncator(name).chars(Assignment._meta.get_field("title").max_length),
            description="\n".join(f"- {task}" for task in tasks),
            due_date=due_date,
            working_group=group,
            given_on=today,
            given_by=by,
        )
        assignment.full_clean()
        assignment.save()
    return group


def _clean(obj, fields: dict[str, str]) -> None:
    """full_clean, with the model's field errors named after the service's parameters."""
    try:
        obj.full_clean()
    except ValidationError as error:
        raise ValidationError(
            {fields.get(field, field): messages for field, messages in error.message_dict.items()}
        ) from None
