"""The tables of decisions, votes, advice and assignments take the names of their new apps.

Decisions and votes go to meetings, advice and assignments to referrals (meetings 0007,
referrals 0001 take over the models; 0006 lets go of them here). Renaming keeps every
row, history record, id and sequence.
"""

from django.db import migrations

NEW_TABLES = {
    "decision": "meetings_decision",
    "vote": "meetings_vote",
    "historicaldecision": "meetings_historicaldecision",
    "historicalvote": "meetings_historicalvote",
    "advice": "referrals_advice",
    "assignment": "referrals_assignment",
    "historicaladvice": "referrals_historicaladvice",
    "historicalassignment": "referrals_historicalassignment",
}


class Migration(migrations.Migration):
    dependencies = [("decisions", "0004_founding_assignment_titles")]

    operations = [migrations.AlterModelTable(name=model, table=table) for model, table in NEW_TABLES.items()]
