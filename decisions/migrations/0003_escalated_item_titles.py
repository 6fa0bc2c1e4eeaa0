"""Escalated agenda items carry the decision's own words, not a sentence in one language.

Items made before held "Voorgelegd door <body>: <text>" (in the language of whoever
escalated); the page now says who put the item forward, in the reader's language.
A title the coordinator has since rewritten is left alone.
"""

from django.db import migrations
from django.utils.text import Truncator

# The generated prefix in every language the site spoke when the item was made.
PREFIXES = ("Voorgelegd door {body}: ", "Referred by {body}: ")


def strip_generated_prefix(apps, schema_editor):
    Decision = apps.get_model("decisions", "Decision")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    max_length = AgendaItem._meta.get_field("title").max_length
    escalated = Decision.objects.filter(escalated_to__isnull=False).select_related("escalated_to", "meeting__body")
    for decision in escalated:
        item = decision.escalated_to
        if any(item.title.startswith(prefix.format(body=decision.meeting.body.name)) for prefix in PREFIXES):
            item.title = Truncator(decision.text).chars(max_length)
            item.save(update_fields=["title"])


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_links"),
        ("meetings", "0003_agenda_item_project"),
    ]

    operations = [migrations.RunPython(strip_generated_prefix, migrations.RunPython.noop)]
