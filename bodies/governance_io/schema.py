"""What an import file must look like, declared once as pydantic models.

Every value gets its type checked here, before anything is written, so the models'
own validation (full_clean, in load.py) only sees values of the right kind. A key a
file may leave out gets the model field's default: an old file reads as a new body.
The first problem is reported in Dutch with its place in the file
(`bodies[2].seats[0].count: verwacht een geheel getal of null`).
"""

import datetime
import enum
import re
from decimal import Decimal
from typing import Annotated, Literal

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext as _
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WrapValidator
from pydantic_core import PydanticCustomError

from ..models import Body, Mandate, Role, Seat

FORMAT = "governance-export/1"


class GovernanceImportError(Exception):
    """A file that cannot be imported; the message names the place in the file."""


# --- the values ---------------------------------------------------------------------
#
# Each kind of value reports any failure as its own error type, which _problem()
# turns into a message: pydantic's own types do not say whether null was allowed.


def _reported_as(kind: str) -> WrapValidator:
    def wrap(value, handler):
        try:
            return handler(value)
        except ValidationError:
            raise PydanticCustomError(kind, kind) from None

    return WrapValidator(wrap)


def _parsed(pattern: str, parse):
    """Text matching `pattern` parsed to its Python value; anything else is left to fail the strict type."""
    matches = re.compile(pattern).fullmatch
    return BeforeValidator(lambda value: parse(value) if isinstance(value, str) and matches(value) else value)


_DATE = _parsed(r"\d{4}-\d{2}-\d{2}", datetime.date.fromisoformat)

Text = Annotated[str, _reported_as("text")]
TextOrNull = Annotated[str | None, _reported_as("text_or_null")]
Flag = Annotated[bool, _reported_as("flag")]
Whole = Annotated[int, _reported_as("whole")]
WholeOrNull = Annotated[int | None, _reported_as("whole_or_null")]
Day = Annotated[datetime.date, _DATE, _reported_as("day")]
DayOrNull = Annotated[datetime.date | None, _DATE, _reported_as("day_or_null")]
ClockOrNull = Annotated[
    datetime.time | None,
    _parsed(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", datetime.time.fromisoformat),
    _reported_as("clock_or_null"),
]
# An amount is text, so that no float rounds it on the way.
EuroOrNull = Annotated[Decimal | None, _parsed(r"-?\d+(\.\d+)?", Decimal), _reported_as("euro_or_null")]


def _default(model: type[models.Model], field: str):
    """The model field's default, so that a file that leaves a key out reads like a new object."""
    default = model._meta.get_field(field).default
    return default.value if isinstance(default, enum.Enum) else default


def _problem(error: dict) -> str:
    """One pydantic error as the Dutch message the file's author reads."""
    place = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error["loc"]).lstrip(".")
    kind = error["type"]
    if kind == "model_type" and not place:
        return _("Het bestand bevat geen JSON-object.")
    if kind == "literal_error":  # only the format marker is a literal
        found = "null" if error["input"] is None else f"\"{error['input']}\""
        message = _("onbekend formaat %(found)s; verwacht \"%(format)s\"") % {"found": found, "format": FORMAT}
    else:
        message = {
            "missing": _("ontbreekt"),
            "extra_forbidden": _("onbekende sleutel"),
            "model_type": _("verwacht een object {…}"),
            "list_type": _("verwacht een lijst […]"),
            "text": _("verwacht tekst"),
            "text_or_null": _("verwacht tekst of null"),
            "flag": _("verwacht true of false"),
            "whole": _("verwacht een geheel getal"),
            "whole_or_null": _("verwacht een geheel getal of null"),
            "day": _("verwacht een datum JJJJ-MM-DD"),
            "day_or_null": _("verwacht een datum JJJJ-MM-DD of null"),
            "clock_or_null": _("verwacht een uur UU:MM of null"),
            "euro_or_null": _("verwacht een bedrag als tekst, zoals \"5000.00\", of null"),
        }[kind]
    return f"{place}: {message}"


# --- the file -----------------------------------------------------------------------
#
# Fields come in the order they are checked: the first problem in that order is the
# one reported. A file's unknown keys are refused, so a misspelt key is not lost.


class _Part(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class NetworkSpec(_Part):
    slug: Text
    name: Text
    description: Text = ""


class OrganizationSpec(_Part):
    name: Text


class RoleSpec(_Part):
    name: Text
    description: Text = ""
    # Who sits in a seat with this role coordinates the whole network.
    coordinator: Flag = _default(Role, "is_coordinator")


class PersonSpec(_Part):
    name: Text
    email: Text


class MandateSpec(_Part):
    text: Text
    kind: Text
    domains: list[Text]
    limit_eur: EuroOrNull
    # Any amount is allowed (then limit_eur is null).
    unlimited: Flag = _default(Mandate, "is_unlimited")
    delegated_by: TextOrNull
    targets: list[Text]
    valid_from: DayOrNull
    valid_until: DayOrNull


class SeatSpec(_Part):
    role: Text
    count: WholeOrNull
    voting: Flag
    ad_hoc: Flag = _default(Seat, "is_ad_hoc")
    via: TextOrNull = None


class MemberSpec(_Part):
    person: Text
    role: Text
    organization: TextOrNull
    voting: Flag
    # "chair" or "secretary": the member runs the body.
    office: TextOrNull = None
    start: Day
    end: DayOrNull
    ad_hoc: Flag
    substitute_for: TextOrNull = None


class PhaseSpec(_Part):
    label: Text = ""
    rrule: Text
    from_: DayOrNull = Field(alias="from")
    until: DayOrNull


class CadenceSpec(_Part):
    description: Text = ""
    phases: list[PhaseSpec]
    start_time: ClockOrNull
    duration_minutes: WholeOrNull
    location: Text


class BodySpec(_Part):
    name: Text
    slug: Text = Field(default_factory=lambda data: slugify(data["name"]))
    kind: Text
    parent: TextOrNull
    description: Text = ""
    active_from: DayOrNull = None
    active_until: DayOrNull = None
    # How the body votes.
    quorum_percent: Whole = _default(Body, "quorum_percent")
    majority_rule: Text = _default(Body, "majority_rule")
    # What the planner does with a meeting on a Belgian public holiday, and the
    # meeting's deadlines and reminders in days before it.
    holiday_rule: Text = _default(Body, "holiday_rule")
    call_for_items_days: Whole = _default(Body, "call_for_items_days")
    agenda_days: Whole = _default(Body, "agenda_days")
    reminder_days: list[Whole] = [int(day) for day in _default(Body, "reminder_days").split(",")]
    tasks: list[Text]
    mandates: list[MandateSpec]
    seats: list[SeatSpec]
    members: list[MemberSpec]
    cadence: CadenceSpec | None


class GovernanceFile(_Part):
    format: Literal[FORMAT]
    as_of: Day
    network: NetworkSpec
    organizations: list[OrganizationSpec]
    roles: list[RoleSpec]
    people: list[PersonSpec]
    bodies: list[BodySpec]


def read(data) -> GovernanceFile:
    """`data` (a parsed JSON file) checked for shape and types, with values as Python (dates, Decimal)."""
    try:
        spec = GovernanceFile.model_validate(data)
    except ValidationError as error:
        raise GovernanceImportError(_problem(_first(error.errors(include_url=False)))) from None
    for key in ("organizations", "roles", "people", "bodies"):
        _unique(getattr(spec, key), key, "name")
    _unique(spec.bodies, "bodies", "slug")
    return spec


def _first(errors: list[dict]) -> dict:
    """The problem to name: the format marker's, else per object its missing keys, its unknown
    keys, then the problems in its values, in file order (pydantic puts unknown keys last)."""
    seen = {}  # each place, in the order pydantic reached it
    for error in errors:
        for depth in range(len(error["loc"])):
            seen.setdefault(error["loc"][: depth + 1], len(seen))

    def order(error):
        loc = error["loc"]
        if loc == ("format",):
            return [(-1, 0)]
        steps = [(2, seen[loc[: depth + 1]]) for depth in range(len(loc))]
        if steps and error["type"] in ("missing", "extra_forbidden"):
            steps[-1] = (0 if error["type"] == "missing" else 1, steps[-1][1])
        return steps

    return min(errors, key=order)


def _unique(items: list, place: str, key: str) -> None:
    """Names are what the file refers by, so each one names a single thing."""
    seen = set()
    for index, item in enumerate(items):
        value = getattr(item, key)
        if value in seen:
            message = _("komt twee keer voor: \"%(name)s\"") % {"name": value}
            raise GovernanceImportError(f"{place}[{index}].{key}: {message}")
        seen.add(value)
