"""Reads for the project pages: the list, one sheet with where it was discussed, and its history.

Each read declares what it loads; the tests pin the query counts at two sizes.
"""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bodies import permissions
from bodies.models import Body, Network, Person
from core.dates import long_date
from core.history import HistoryEntry, history_entries

from .models import Project

# Bookkeeping a reader of the history does not need: who made it and when is the first line.
HISTORY_HIDDEN_FIELDS = {"id", "network", "created_by", "created_at"}
HISTORY_LENGTH = 10


def projects_of(network: Network, *, status: str, body: Body | None = None) -> QuerySet[Project]:
    """The network's projects for the list: `status` is "active", "all" or one of Project.Status."""
    projects = Project.objects.filter(network=network).select_related("body", "lead")
    if status == "active":
        projects = projects.active()
    elif status != "all":
        projects = projects.filter(status=status)
    if body is not None:
        projects = projects.filter(body=body)
    return projects.order_by("title", "pk")


def discussed_in(project: Project, user) -> list:
    """The agenda items about this project that `user` may see, the latest meeting first.

    Read through the reverse relation: meetings builds on projects, not the other way round.

    Seen are the items of published agendas and, for who sees a body's internals,
    the draft agendas of that body too. Queries: the items with their meetings and
    bodies; the user's grants and group grants on those bodies and the project's.
    """
    items = list(
        project.agenda_items.on_agenda()
        .select_related("meeting__body")
        .order_by("-meeting__date", "-meeting__start_time", "meeting__pk", "position", "pk")
    )
    bodies = {item.meeting.body.pk: item.meeting.body for item in items}
    # The project's own body too: the sheet asks next whether the reader runs it.
    permissions.prefetch(user, [project.body, *(body for pk, body in bodies.items() if pk != project.body_id)])
    insider = {pk for pk, body in bodies.items() if permissions.may(user, permissions.VIEW_INTERNALS, body)}
    return [item for item in items if item.meeting.is_agenda_published or item.meeting.body.pk in insider]


def _show(field, value, names: dict) -> str:
    """A field's value as a reader knows it: labels for choices, names for linked rows."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if field.is_relation:
        return names.get((field.name, value), f"#{value}")
    if isinstance(value, datetime.date):
        return long_date(value)
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def project_history(project: Project) -> tuple[list[HistoryEntry], bool]:
    """The last changes to the sheet, newest first, and whether older ones were left out.

    Queries: the historical records with their users; the bodies and people they name
    that the sheet has not loaded (two at most, none when body and lead never changed).
    """
    records = list(
        project.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : HISTORY_LENGTH + 1
        ]
    )
    records.reverse()
    names = {("body", project.body_id): project.body.name}
    if project.lead is not None:
        names[("lead", project.lead_id)] = project.lead.name
    for name, model in (("body", Body), ("lead", Person)):
        missing = {getattr(record, f"{name}_id") for record in records} - {pk for key, pk in names if key == name}
        missing.discard(None)
        if missing:
            # Through the project's network, so a tampered history cannot show another network's names.
            for row in model.objects.filter(pk__in=missing, network=project.network_id):
                names[(name, row.pk)] = str(row)
    truncated = len(records) > HISTORY_LENGTH
    entries = history_entries(
        records,
        model=Project,
        show=lambda field, value: _show(field, value, names),
        hidden=HISTORY_HIDDEN_FIELDS,
        created=_("Aangemaakt"),
        # The oldest record fetched is there to show what the oldest change shown changed.
        first_is_context=truncated,
    )
    entries.reverse()
    return entries, truncated
