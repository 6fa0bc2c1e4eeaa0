"""Read a `governance-export/1` file (from `export_governance`) into this database.

Creates the network and everything under it, each object validated like a form
would (every field limit of the forms included). The network's short name must be
new here. One transaction: a file with any error writes nothing, and the error names
the place in the file. A file larger than settings.IMPORT_MAX_BYTES is refused before
it is parsed.
"""

import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from bodies.governance_io import GovernanceImportError, import_network


class Command(BaseCommand):
    help = "Leest een governance-export (JSON) in als nieuw netwerk; FILE '-' leest van stdin."
    # Lets tests hand in stdin through call_command.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="Pad naar het JSON-bestand, of '-' voor stdin.")

    def handle(self, *args, file: str, **options):
        data = _load(file, options.get("stdin") or sys.stdin)
        try:
            with transaction.atomic():
                network = import_network(data)
        except GovernanceImportError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Netwerk \"%(name)s\" (%(slug)s) ingelezen: %(bodies)d organen, %(people)d personen.")
            % {
                "name": network.name,
                "slug": network.slug,
                "bodies": network.bodies.count(),
                "people": network.people.count(),
            }
        )


def _too_large(limit: int) -> CommandError:
    return CommandError(
        _("Het bestand is groter dan %(limit)d bytes (IMPORT_MAX_BYTES); het wordt niet ingelezen.")
        % {"limit": limit}
    )


def _read_bytes(file: str, stdin, limit: int) -> bytes:
    """At most `limit` + 1 bytes: enough to know a file is too large without reading it all."""
    if file != "-":
        with open(file, "rb") as handle:
            return handle.read(limit + 1)
    if hasattr(stdin, "buffer"):
        return stdin.buffer.read(limit + 1)
    # A text stream (tests): every character is at least one byte.
    return stdin.read(limit + 1).encode("utf-8")


def _load(file: str, stdin):
    limit = settings.IMPORT_MAX_BYTES
    try:
        raw = _read_bytes(file, stdin, limit)
        if len(raw) > limit:
            raise _too_large(limit)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(_("Kan %(file)s niet lezen: %(error)s") % {"file": file, "error": error}) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            _("Geen geldige JSON (regel %(line)d, kolom %(column)d): %(error)s")
            % {"line": error.lineno, "column": error.colno, "error": error.msg}
        ) from None
    except RecursionError:
        raise CommandError(_("Geen geldige JSON: te diep genest.")) from None
