"""Rows made once per test database and written again in one go for each test that wants them.

Loading the seed network runs some 1,300 queries with their signals (access groups,
history) for every test that asks for it. A snapshot records what the load wrote, every
table included, and a test gets the same rows, same ids, in one insert per table. The
test's own transaction rolls them back as before, so no test sees another's rows.
"""

from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction


class Snapshot:
    """The rows `make` writes, by model, taken inside a transaction that is rolled back."""

    def __init__(self, make: Callable[[], object]):
        self.rows: dict[type[models.Model], list[dict]] = {}
        all_models = apps.get_models(include_auto_created=True)
        with transaction.atomic():
            before = {model: set(model._base_manager.values_list("pk", flat=True)) for model in all_models}
            make()
            for model in all_models:
                written = [row for row in model._base_manager.values() if row[model._meta.pk.attname] not in before[model]]
                if written:
                    self.rows[model] = written
            transaction.set_rollback(True)

    def restore(self) -> None:
        """Write the rows again, in one transaction: foreign keys are checked at its commit, so the order is free."""
        with transaction.atomic():
            for model, rows in self.rows.items():
                model._base_manager.bulk_create([model(**row) for row in rows])
            # Rows came with their ids: PostgreSQL's sequences must move past them.
            with connection.cursor() as cursor:
                for statement in connection.ops.sequence_reset_sql(no_style(), list(self.rows)):
                    cursor.execute(statement)
