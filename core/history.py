"""A record's change history as a reader sees it: who changed which fields, from what to what.

Built from django-simple-history's records; each page says how it shows a value of
its own model (labels for choices, names for linked rows).
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Field, Model
from django.utils.translation import gettext as _


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    changes: list[Change]


def author(record) -> str:
    user = record.history_user
    return (user.get_full_name() or user.get_username()) if user else _("het systeem")


def history_entries(
    records: Sequence,
    *,
    model: type[Model],
    show: Callable[[Field, object], str],
    hidden: set[str] = frozenset(),
    created: str,
    first_is_context: bool = False,
) -> list[HistoryEntry]:
    """One entry per record, oldest first; `records` are in that order.

    A record that made the row is `created` and shows its status; a later one shows
    the fields it changed, in the model's field order. With `first_is_context`, the
    first record only serves to show what the next one changed (a shortened history).
    """
    fields = {field.name: field for field in model._meta.fields if field.name not in hidden}
    order = {name: index for index, name in enumerate(fields)}
    entries = []
    for previous, record in zip([None, *records], records):
        if previous is None and first_is_context:
            continue
        if previous is None or record.history_type == "+":
            kind = created if record.history_type == "+" else _("Gewijzigd")
            status = fields["status"]
            changes = [Change(label=str(status.verbose_name), old="", new=show(status, record.status))]
        else:
            kind = _("Verwijderd") if record.history_type == "-" else _("Gewijzigd")
            delta = record.diff_against(previous, excluded_fields=hidden)
            changes = [
                Change(
                    label=str(fields[change.field].verbose_name),
                    old=show(fields[change.field], change.old),
                    new=show(fields[change.field], change.new),
                )
                # In the model's field order (the title before the dates), not alphabetically.
                for change in sorted(delta.changes, key=lambda change: order.get(change.field, 0))
                if change.field in fields
            ]
        entries.append(HistoryEntry(when=record.history_date, who=author(record), kind=kind, changes=changes))
    return entries
