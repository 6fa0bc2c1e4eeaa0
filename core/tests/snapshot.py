"""Rows made once per test database and written again in one go for each test that wants them.

Loading the seed network runs some 1,300 queries with their signals (access groups,
history) for every test that asks for it. A snapshot records what the load wrote, every
table included, and a test gets the same rows, same ids, in one insert per table. The
test's own transaction rolls them back as before, so no test sees another's rows.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction


class Snapshot:
    """The rows `make` writes, by model, taken inside a transaction that is rolled back.

    With keep=True the rows stay in the enclosing transaction, so that the next snapshot
    is taken on top of them (and gets other ids); the caller rolls that transaction back.
    """

    def __init__(self, make: Callable[[], object], *, keep: bool = False):
        self.rows: dict[type[models.Model], list[dict]] = {}
        all_models = apps.get_models(include_auto_created=True)
        with transaction.atomic():
            before = {model: _rows_by_pk(model) for model in all_models}
            self.made = make()
            for model in all_models:
                after = _rows_by_pk(model)
                # Only new rows can be written again: a change to a row that was there
                # (or its deletion) would silently be missing from every restore.
                changed = [pk for pk, row in before[model].items() if after.get(pk) != row]
                assert not changed, f"{make} changed or deleted {model.__name__} rows {changed[:5]}"
                written = [row for pk, row in after.items() if pk not in before[model]]
                if written:
                    self.rows[model] = written
            if not keep:
                transaction.set_rollback(True)

    def restore(self) -> None:
        """Write the rows again, in one transaction: foreign keys are checked at its commit, so the order is free."""
        with transaction.atomic():
            for model, rows in self.rows.items():
                model._base_manager.bulk_create([model(**row) for row in rows])
            # Rows came with their ids: PostgreSQL's sequences must move past them (one round trip).
            statements = connection.ops.sequence_reset_sql(no_style(), list(self.rows))
            if statements:
                with connection.cursor() as cursor:
                    cursor.execute(";\n".join(statements))

    def made_again(self):
        """What `make` returned, read afresh from the restored rows (no state shared between tests)."""
        return type(self.made)._base_manager.get(pk=self.made.pk)


def _rows_by_pk(model: type[models.Model]) -> dict:
    return {row[model._meta.pk.attname]: row for row in model._base_manager.values()}


class Writes:
    """Whether the test wrote rows itself (outside restores): an execute wrapper.

    A snapshot taken on top of the seed alone does not know those rows; written again
    after them it could disagree with what the factories would make (access groups, say).
    """

    WRITE = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self):
        self.seen = False
        self._quiet = 0

    def __call__(self, execute, sql, params, many, context):
        if not self._quiet and str(sql).lstrip()[:7].upper().startswith(self.WRITE):
            self.seen = True
        return execute(sql, params, many, context)

    @contextmanager
    def quiet(self) -> Iterator[None]:
        """Writes of snapshots (taking and restoring them) do not count."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1


# The tests' watch (installed by the root conftest.py for every test).
WRITES = Writes()
