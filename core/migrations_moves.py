"""What a migration that moves models from one app to another needs besides the tables.

The models keep their content types, only under the new app's label, so that
permissions, admin log entries and object permissions that point at them still do.
"""

from django.db import migrations


def move_content_types(old_app: str, new_app: str, models: list[str]) -> migrations.RunPython:
    """A RunPython that relabels the models' content types from `old_app` to `new_app` (and back)."""

    def relabel(source: str, target: str):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            types = ContentType.objects.using(schema_editor.connection.alias)
            for model in models:
                if not types.filter(app_label=source, model=model).exists():
                    continue
                # One made under the new label in between (by a post_migrate) holds only
                # its own fresh permissions: the moved one, with what points at it, wins.
                types.filter(app_label=target, model=model).delete()
                types.filter(app_label=source, model=model).update(app_label=target)

        return run

    return migrations.RunPython(relabel(old_app, new_app), relabel(new_app, old_app))
