"""Print a network's governance structure as JSON (format `governance-export/1`).

With `--at` the structure is the one that stood at the end of that day
(Europe/Brussels), rebuilt from the history of every governance model.
`import_governance` reads the output back into another database.
"""

import datetime
import json
import re

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from bodies.governance_io import GovernanceExportError, export_network
from bodies.models import Network


class Command(BaseCommand):
    help = "Schrijft de governance-structuur van een netwerk als JSON naar stdout."

    def add_arguments(self, parser):
        parser.add_argument(
            "--network", metavar="SLUG", help="Korte naam van het netwerk; nodig als er meer dan één is."
        )
        parser.add_argument(
            "--at", metavar="JJJJ-MM-DD", help="De structuur zoals ze was op het einde van die dag."
        )

    def handle(self, *args, network: str | None, at: str | None, **options):
        day = _parse_day(at) if at is not None else None
        with transaction.atomic():
            try:
                data = export_network(_network(network), as_of=day)
            except GovernanceExportError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))


def _parse_day(value: str) -> datetime.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        message = _("--at verwacht een datum JJJJ-MM-DD, niet \"%(value)s\".") % {"value": value}
        raise CommandError(message) from None


def _network(slug: str | None) -> Network:
    slugs = list(Network.objects.order_by("slug").values_list("slug", flat=True))
    if slug is None:
        if len(slugs) == 1:
            return Network.objects.get()
        if not slugs:
            raise CommandError(_("Er is nog geen netwerk om te exporteren."))
        raise CommandError(
            _("Er zijn meerdere netwerken; kies er een met --network: %(slugs)s.") % {"slugs": ", ".join(slugs)}
        )
    try:
        return Network.objects.get(slug=slug)
    except Network.DoesNotExist:
        raise CommandError(
            _("Onbekend netwerk \"%(slug)s\". Bestaande netwerken: %(slugs)s.")
            % {"slug": slug, "slugs": ", ".join(slugs) or "-"}
        ) from None
