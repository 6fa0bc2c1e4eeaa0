"""The import file's schema on its own: types, defaults and the Dutch message for each kind of problem.

No database: the schema is checked before anything is written, so these run in
milliseconds where an import test loads the demo network first.
"""

import copy
import datetime
from decimal import Decimal

import pytest

from bodies.governance_io import FORMAT, GovernanceImportError
from bodies.governance_io.schema import read
from bodies.models import Body


def a_file() -> dict:
    """A small file that reads: one body with a seat, a member, a mandate and a cadence."""
    return {
        "format": FORMAT,
        "as_of": "2024-06-01",
        "network": {"slug": "klein", "name": "Klein netwerk"},
        "organizations": [{"name": "Huis A"}],
        "roles": [{"name": "Lid"}],
        "people": [{"name": "An Maes", "email": "an@example.org"}],
        "bodies": [
            {
                "name": "Kern Team",
                "kind": "core_team",
                "parent": None,
                "tasks": ["Het netwerk trekken."],
                "mandates": [
                    {
                        "text": "Kan kleine uitgaven doen.",
                        "kind": "decide",
                        "domains": ["finance"],
                        "limit_eur": "500.00",
                        "delegated_by": None,
                        "targets": [],
                        "valid_from": None,
                        "valid_until": None,
                    }
                ],
                "seats": [{"role": "Lid", "count": 2, "voting": True}],
                "members": [
                    {
                        "person": "An Maes",
                        "role": "Lid",
                        "organization": "Huis A",
                        "voting": True,
                        "start": "2024-01-01",
                        "end": None,
                        "ad_hoc": False,
                    }
                ],
                "cadence": {
                    "phases": [{"rrule": "FREQ=MONTHLY", "from": "2024-01-01", "until": None}],
                    "start_time": "09:30",
                    "duration_minutes": 90,
                    "location": "Hasselt",
                },
            }
        ],
    }


def test_a_file_reads_into_python_values():
    spec = read(a_file())
    body = spec.bodies[0]
    assert body.mandates[0].limit_eur == Decimal("500.00")
    assert body.members[0].start == datetime.date(2024, 1, 1)
    assert body.cadence.start_time == datetime.time(9, 30)
    assert body.cadence.phases[0].from_ == datetime.date(2024, 1, 1)


def test_keys_a_file_leaves_out_get_the_defaults_of_a_new_body():
    body = read(a_file()).bodies[0]
    new = Body()
    assert (body.quorum_percent, body.majority_rule, body.holiday_rule) == (
        new.quorum_percent,
        new.majority_rule,
        new.holiday_rule,
    )
    assert (body.call_for_items_days, body.agenda_days) == (new.call_for_items_days, new.agenda_days)
    assert body.reminder_days == new.reminder_day_list == [7, 1]
    assert body.slug == "kern-team"
    assert (body.seats[0].ad_hoc, body.seats[0].via, body.members[0].office) == (False, None, None)


# (change to a_file(), the message the import stops with). The import tests cover the
# rest; these are the kinds of problem no import test reaches.
BAD_FILES = {
    "an unreadable hour": (
        lambda data: data["bodies"][0]["cadence"].update(start_time="9u30"),
        "bodies[0].cadence.start_time: verwacht een uur UU:MM of null",
    ),
    "a cadence that is a list": (
        lambda data: data["bodies"][0].update(cadence=[]),
        "bodies[0].cadence: verwacht een object {…}",
    ),
    "a date with an hour": (
        lambda data: data["bodies"][0]["members"][0].update(start="2024-01-01T00:00"),
        "bodies[0].members[0].start: verwacht een datum JJJJ-MM-DD",
    ),
    "no as-of day": (lambda data: data.update(as_of=None), "as_of: verwacht een datum JJJJ-MM-DD"),
    "a null format marker": (
        lambda data: data.update(format=None),
        f'format: onbekend formaat null; verwacht "{FORMAT}"',
    ),
    "an unknown key at the top": (lambda data: data.update(extra=1), "extra: onbekende sleutel"),
    "the phase's key spelt as in Python": (
        lambda data: data["bodies"][0]["cadence"]["phases"][0].update(from_="2024-01-01"),
        "bodies[0].cadence.phases[0].from_: onbekende sleutel",
    ),
    "a count that is true": (
        lambda data: data["bodies"][0]["seats"][0].update(count=True),
        "bodies[0].seats[0].count: verwacht een geheel getal of null",
    ),
    "a voting right that is 1": (
        lambda data: data["bodies"][0]["seats"][0].update(voting=1),
        "bodies[0].seats[0].voting: verwacht true of false",
    ),
    "a null slug": (lambda data: data["bodies"][0].update(slug=None), "bodies[0].slug: verwacht tekst"),
    "an amount in exponent notation": (
        lambda data: data["bodies"][0]["mandates"][0].update(limit_eur="5e2"),
        'bodies[0].mandates[0].limit_eur: verwacht een bedrag als tekst, zoals "5000.00", of null',
    ),
    "a domain that is a number": (
        lambda data: data["bodies"][0]["mandates"][0]["domains"].append(3),
        "bodies[0].mandates[0].domains[1]: verwacht tekst",
    ),
    "two people with one name": (
        lambda data: data["people"].append({"name": "An Maes", "email": "an2@example.org"}),
        'people[1].name: komt twee keer voor: "An Maes"',
    ),
    "two bodies with one slug": (
        lambda data: data["bodies"].append(dict(copy.deepcopy(data["bodies"][0]), name="Kern-team")),
        'bodies[1].slug: komt twee keer voor: "kern-team"',
    ),
}


@pytest.mark.parametrize("mutate, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_the_place_and_the_problem_in_dutch(mutate, message):
    data = a_file()
    mutate(data)
    with pytest.raises(GovernanceImportError) as excinfo:
        read(data)
    assert str(excinfo.value) == message


def test_the_first_problem_in_the_file_is_the_one_named():
    data = a_file()
    data["people"][0]["name"] = 1
    data["bodies"][0]["seats"][0]["count"] = "2"
    with pytest.raises(GovernanceImportError, match=r"^people\[0\]\.name: verwacht tekst$"):
        read(data)


def test_an_objects_missing_and_unknown_keys_are_named_before_the_problems_in_its_values():
    data = a_file()
    body = data["bodies"][0]
    body["name"] = 1
    body["kleur"] = "rood"
    with pytest.raises(GovernanceImportError, match=r"^bodies\[0\]\.kleur: onbekende sleutel$"):
        read(data)
    del body["kind"]
    with pytest.raises(GovernanceImportError, match=r"^bodies\[0\]\.kind: ontbreekt$"):
        read(data)


def test_a_wrong_format_marker_is_named_before_anything_else():
    data = a_file()
    del data["roles"]
    data["format"] = "governance-export/2"
    with pytest.raises(GovernanceImportError, match=r"^format: onbekend formaat"):
        read(data)
