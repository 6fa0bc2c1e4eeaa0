"""The assignment that came with a working group stores the group's name, not a Dutch sentence.

Assignments made before held "Werkgroep <name> opstarten en opvolgen"; the sentence is
now said in the reader's language (Assignment.display_title). A title someone has since
rewritten is left alone.
"""

from django.db import migrations
from django.utils.text import Truncator


def _generated(name: str, max_length: int) -> set[str]:
    sentences = {f"{name} opstarten en opvolgen", f"Werkgroep {name} opstarten en opvolgen"}
    return {Truncator(sentence).chars(max_length) for sentence in sentences}


def keep_the_group_name(apps, schema_editor):
    Assignment = apps.get_model("decisions", "Assignment")
    max_length = Assignment._meta.get_field("title").max_length
    for assignment in Assignment.objects.filter(working_group__isnull=False).select_related("working_group"):
        name = assignment.working_group.name
        if assignment.title in _generated(name, max_length):
            assignment.title = Truncator(name).chars(max_length)
            assignment.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [("decisions", "0003_escalated_item_titles")]

    operations = [migrations.RunPython(keep_the_group_name, migrations.RunPython.noop)]
