"""Migrations keep the data: a database made at a pinned state, with rows in every table,
migrated to the latest migrations, still holds every row and every history record.

Today nothing moves and the migration forward is empty; the test guards the moves to come
(Decision and Vote into meetings, Advice and Assignment into an app of their own). A move
that renames a table, drops a column or gives a model another app label says so in the
dicts below; anything else that changes a recorded row fails the test.
"""

import datetime
import decimal
import uuid

import pytest
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

# The leaf migration of every app as of the main branch of 4 December 2026. Move it on only
# when a release has migrated the production databases past it.
BEFORE = {
    "admin": "0003_logentry_add_action_flag_choices",
    "auth": "0012_alter_user_first_name_max_length",
    "axes": "0010_accessattemptexpiration",
    "bodies": "0007_text_limits",
    "calendars": "0001_feed_tokens",
    "contenttypes": "0002_remove_content_type_name",
    "core": "0002_language_preference",
    "decisions": "0004_founding_assignment_titles",
    "guardian": "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more",
    "meetings": "0006_attendance_outside_substitute",
    "notifications": "0004_proposal_notifications",
    "otp_static": "0003_add_timestamps",
    "otp_totp": "0003_add_timestamps",
    "projects": "0001_initial",
    "sessions": "0001_initial",
}

# A move that renames a table adds old name -> new name here ("decisions_vote": "meetings_vote").
# Decisions and votes went to meetings, advice and assignments to referrals (decisions 0005).
MOVED_TO = {
    "decision": "meetings",
    "vote": "meetings",
    "historicaldecision": "meetings",
    "historicalvote": "meetings",
    "advice": "referrals",
    "assignment": "referrals",
    "historicaladvice": "referrals",
    "historicalassignment": "referrals",
}
RENAMED_TABLES: dict[str, str] = {f"decisions_{model}": f"{app}_{model}" for model, app in MOVED_TO.items()}
# A migration that drops a column on purpose names it here: table -> {column, ...}.
DROPPED_COLUMNS: dict[str, set[str]] = {}
# A move gives the model's content type another app label: "decisions.vote": "meetings.vote".
# Its row in django_content_type keeps its id, so permissions and admin log entries keep their target.
MOVED_MODELS: dict[str, str] = {f"decisions.{model}": f"{app}.{model}" for model, app in MOVED_TO.items()}

# The migrations' own bookkeeping changes by design.
NOT_RECORDED = {"django_migrations"}

ROWS_PER_MODEL = 2


# What the pinned state's CheckConstraints demand and the generic filler cannot guess: values
# for every row (a dict) or for each of the ROWS_PER_MODEL rows (a list). A self-referencing
# foreign key points at the model's first row, so a second row can be a working group or a merge.
_BODY = {"quorum_percent": 50, "agenda_days": 7, "call_for_items_days": 14}  # items called before the agenda
OVERRIDES = {
    "bodies.body": [_BODY | {"kind": "core_team", "parent": None}, _BODY | {"kind": "working_group"}],
    "bodies.mandate": {"is_unlimited": False},  # or no limit
    "bodies.accessgroup": [{"kind": "network_members", "body": None}, {"kind": "body_members"}],
    "meetings.attendance": [
        {"status": "present", "substitute": None, "substitute_name": ""},
        {"status": "substituted", "substitute": None, "substitute_name": "Iemand van buiten"},
    ],
    "meetings.agendaitem": [{"status": "accepted", "merged_into": None}, {"status": "merged"}],
    "meetings.actionitem": {"status": "done"},  # done_at only when done
    "decisions.decision": [
        {"status": "adopted", "refusal": "", "escalated_to": None},
        {"status": "out_of_mandate"},  # a refusal of its choices, from the filler
    ],
}

DAY = datetime.date(2026, 3, 2)
MOMENT = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)


def _value(model, field, n):
    """A value of the field's type for row n: distinct per row, within the column's limits."""
    if field.choices:
        flat = [value for value, _ in field.flatchoices]
        return flat[n % len(flat)]
    tag = f"{n}{model._meta.model_name}{field.name}"
    match field:
        case models.BooleanField():
            return n % 2 == 0
        case models.DecimalField():
            places = field.decimal_places
            return decimal.Decimal(n + 1) + (decimal.Decimal(5).scaleb(-places) if places else 0)
        case models.FloatField():
            return n + 1.5
        case models.IntegerField():  # also the small, big and positive ones
            return n + 1
        case models.DateTimeField():
            return MOMENT + datetime.timedelta(days=n)
        case models.DateField():
            # One date for all of a row's dates: "ends on or after it starts" holds.
            return DAY + datetime.timedelta(days=n)
        case models.TimeField():
            return datetime.time(9 + n, 30)
        case models.DurationField():
            return datetime.timedelta(minutes=30 * (n + 1))
        case models.UUIDField():
            return uuid.uuid5(uuid.NAMESPACE_URL, tag)
        case models.JSONField():
            return {"row": n, "field": field.name}
        case models.BinaryField():
            return tag.encode()
        case models.GenericIPAddressField():
            return f"192.0.2.{n + 1}"
        case models.EmailField():
            return f"{tag}@example.org"[-(field.max_length or 254) :]
        case models.URLField():
            return f"https://example.org/{tag}"[: field.max_length]
        case models.FileField():
            return f"migrations/{tag}.pdf"[: field.max_length]
        case models.CharField() | models.TextField():  # slugs too
            return tag[: field.max_length] if field.max_length else tag
    raise TypeError(f"No value for {model._meta.label}.{field.name} ({type(field).__name__})")


def _in_dependency_order(all_models):
    """Models after the models their required foreign keys point at; nullable ones may wait."""
    ordered, done, remaining = [], set(), list(all_models)
    while remaining:
        for model in remaining:
            needs = {
                field.related_model
                for field in model._meta.concrete_fields
                if field.is_relation and not field.null and field.related_model is not model
            }
            if needs <= done:
                ordered.append(model)
                done.add(model)
                remaining.remove(model)
                break
        else:
            raise AssertionError(f"Required foreign keys go round in circles: {remaining}")
    return ordered


def _fill(apps):
    """ROWS_PER_MODEL rows in every concrete model of the historical registry."""
    all_models = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    made = {model: list(model._base_manager.order_by("pk")) for model in all_models}
    left_empty = []  # nullable foreign keys whose target had no rows yet: (row, field)
    for model in _in_dependency_order(all_models):
        override = OVERRIDES.get(model._meta.label_lower, {})
        for n in range(ROWS_PER_MODEL):
            earlier = made[model]
            values = dict(override[n] if isinstance(override, list) else override)
            waiting = []
            relations_to = {}
            for field in model._meta.concrete_fields:
                if field.name in values or (field.primary_key and isinstance(field, models.AutoField)):
                    continue
                if field.is_relation:
                    # The k-th foreign key to the same model takes another row: from_body != to_body.
                    k = relations_to.setdefault(field.related_model, 0)
                    relations_to[field.related_model] += 1
                    targets = made[field.related_model]
                    if field.related_model is model:
                        targets = earlier[:1]
                    if targets:
                        values[field.name] = targets[(n + k) % len(targets)]
                    elif field.null:
                        waiting.append(field)
                    else:
                        raise AssertionError(f"{model._meta.label}.{field.name}: no row to point at")
                else:
                    values[field.name] = _value(model, field, n)
            row = model._base_manager.create(**values)
            made[model].append(row)
            left_empty += [(row, field) for field in waiting]
    for row, field in left_empty:
        targets = made[field.related_model]
        type(row)._base_manager.filter(pk=row.pk).update(**{field.name: targets[0]})
    return all_models


def _tables():
    """Every table's rows by primary key, each row as {column: value}, read through SQL only."""
    recorded = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in NOT_RECORDED:
                continue
            pk = connection.introspection.get_primary_key_column(cursor, table)
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            recorded[table] = {row[columns.index(pk)]: dict(zip(columns, row)) for row in cursor.fetchall()}
    return recorded


def _expected(table, row):
    """The row as it should read after the moves: a moved model's content type has its new label."""
    if table == "django_content_type":
        label = MOVED_MODELS.get(f"{row['app_label']}.{row['model']}")
        if label:
            app_label, model = label.split(".")
            return row | {"app_label": app_label, "model": model}
    return row


def _migrate(executor, targets):
    executor.migrate(targets)
    executor.loader.build_graph()  # it read which migrations are applied before migrating


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_of_the_pinned_state_to_the_latest_keeps_every_row_history_and_content_type():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    # Apps that came after the pinned state had no tables then.
    newer_apps = {app for app, _ in latest} - set(BEFORE)
    try:
        _migrate(executor, [*BEFORE.items(), *((app, None) for app in newer_apps)])
        apps = executor.loader.project_state(tuple(BEFORE.items())).apps
        ContentType = apps.get_model("contenttypes", "ContentType")
        all_models = _fill(apps)
        content_types = {
            model._meta.label_lower: ContentType.objects.get_or_create(
                app_label=model._meta.app_label, model=model._meta.model_name
            )[0].pk
            for model in all_models
        }
        before = _tables()
    finally:
        # Back at the latest schema also when a step failed: the next tests need it.
        _migrate(executor, latest)
    after = _tables()

    empty = [model._meta.db_table for model in all_models if not before[model._meta.db_table]]
    assert not empty, "the filling left tables empty"
    lost, changed, dropped = [], [], set()
    for table, rows in before.items():
        now = after.get(RENAMED_TABLES.get(table, table))
        if now is None:
            lost.append(f"table {table}")
            continue
        for pk, row in rows.items():
            if pk not in now:
                lost.append(f"{table} row {pk}")
                continue
            for column, value in _expected(table, row).items():
                if column not in now[pk]:
                    if column not in DROPPED_COLUMNS.get(table, set()):
                        dropped.add(f"{table}.{column}")
                elif now[pk][column] != value:
                    changed.append(f"{table} row {pk}: {column} {value!r} -> {now[pk][column]!r}")
    assert not lost, f"rows lost: {lost}"
    assert not dropped, f"columns dropped without a word in DROPPED_COLUMNS: {sorted(dropped)}"
    assert not changed, f"values changed: {changed}"

    latest_models = {
        (model._meta.app_label, model._meta.model_name)
        for model in executor.loader.project_state().apps.get_models(include_auto_created=True)
    }
    content_type_rows = after["django_content_type"]
    for label, pk in content_types.items():
        assert pk in content_type_rows, f"the content type of {label} is gone"
        row = content_type_rows[pk]
        assert (row["app_label"], row["model"]) in latest_models, f"the content type of {label} names no model"
