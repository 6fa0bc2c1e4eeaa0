"""Load the Plan-trekkers network from its seed documents.

Idempotent: what exists is left as it is (an admin's later edits survive), what is
missing is created, so a second run changes nothing and writes no history.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from bodies.seed import DEMO_PASSWORD
from bodies.services import network_load_seed


class Command(BaseCommand):
    help = "Laadt het Plan-trekkers-netwerk uit de seed-documenten (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-people",
            action="store_true",
            help="Voeg fictieve personen, organisaties, logins en een demolimiet toe.",
        )

    def handle(self, *args, demo_people: bool, **options):
        with transaction.atomic():
            report = network_load_seed(demo_people=demo_people)
        self.stdout.write(
            f"{report.network.name}: {report.created} aangemaakt, {report.unchanged} ongewijzigd."
        )
        if demo_people:
            self.stdout.write(f"Demo-logins (wachtwoord: {DEMO_PASSWORD}):")
            for username, description in report.logins:
                self.stdout.write(f"  {username:<12} {description}")
