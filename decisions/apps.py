"""The app that held decisions, votes, advice and assignments until their move.

Decisions and votes now live in `meetings` (a decision is taken in a meeting), advice
and assignments in `referrals`. Their migrations moved the tables and kept every row
and history record; this app stays installed only so that those migrations, and the
ones before them, keep their place in the migration graph. Squashing them away is safe
once every database has run meetings 0007 and referrals 0001.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "decisions"
    verbose_name = _("Besluiten, adviezen en opdrachten (verhuisd)")
