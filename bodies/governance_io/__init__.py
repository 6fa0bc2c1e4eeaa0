"""A network's governance structure as JSON, and back (`governance-export/1`).

The export names things, never ids: bodies, roles, people and organisations are
referred to by their name (unique within a network), so a file reads on its own
and loads into any database. Lists come in a fixed order, so two exports of the
same structure are the same text: bodies by position then name; tasks, seats,
mandates and phases by position; members by seat, then person name. The order of
a list is the position: an import numbers positions 0, 1, 2, … in file order.
Logins are not exported: a person keeps a name and an e-mail address.

The parts, each importing only the ones before it:

- schema.py declares the file: every key, its type, and the default an import
  uses for a key the file leaves out;
- as_of.py rebuilds the rows as they stood at the end of a past day, from the
  history every governance model keeps;
- export.py writes the rows, live or rebuilt, as a file (`export_network`);
- load.py writes a checked file into a database in one transaction (`import_network`),
  stopping at the first problem with a Dutch message that names the place in the file
  (`bodies[2].mandates[0].delegated_by: onbekend orgaan "Beleidsgroepp"`).
"""

from .as_of import GovernanceExportError
from .export import export_network
from .load import import_network
from .schema import FORMAT, GovernanceImportError

__all__ = ["FORMAT", "GovernanceExportError", "GovernanceImportError", "export_network", "import_network"]
