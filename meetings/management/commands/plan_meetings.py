"""Plan every body's meetings from its cadence now, as the daily beat task does.

`make run` calls it after loading the network, so a new installation shows its
meetings at once instead of after the first night.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import ngettext

from meetings.services.planning import meetings_plan


class Command(BaseCommand):
    help = "Plant de vergaderingen van elk orgaan volgens zijn overlegritme (zoals de dagelijkse taak)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--horizon",
            type=int,
            default=settings.MEETING_PLANNING_HORIZON_DAYS,
            metavar="DAGEN",
            help="Hoeveel dagen vooruit (standaard MEETING_PLANNING_HORIZON_DAYS).",
        )

    def handle(self, *args, horizon: int, **options):
        made = meetings_plan(today=timezone.localdate(), horizon_days=horizon)
        message = ngettext(
            "%(count)d vergadering gepland, %(days)d dagen vooruit.",
            "%(count)d vergaderingen gepland, %(days)d dagen vooruit.",
            made,
        )
        self.stdout.write(message % {"count": made, "days": horizon})
