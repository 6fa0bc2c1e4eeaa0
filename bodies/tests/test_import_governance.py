"""`import_governance` reads an export back without loss, or refuses it whole with the place named."""

import copy
import datetime
import io
import json
import time
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from bodies.models import Body, Cadence, CadencePhase, Mandate, Membership, Network, Person, Role, Seat
from bodies.tests.factories import (
    BodyFactory,
    BodyTaskFactory,
    MembershipFactory,
    OrganizationFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


def export(*args) -> dict:
    out = io.StringIO()
    call_command("export_governance", *args, stdout=out)
    return json.loads(out.getvalue())


def import_file(path) -> str:
    out = io.StringIO()
    call_command("import_governance", str(path), stdout=out)
    return out.getvalue()


def import_data(data, tmp_path) -> str:
    path = tmp_path / "governance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return import_file(path)


def empty_the_database() -> None:
    """Remove every network, in the order the PROTECT foreign keys allow."""
    Membership.objects.update(substitute_for=None)
    Membership.objects.all().delete()
    Mandate.objects.all().delete()
    Seat.objects.all().delete()
    while Body.objects.exists():
        Body.objects.exclude(pk__in=Body.objects.filter(parent__isnull=False).values("parent")).delete()
    Network.objects.all().delete()


def row_counts() -> dict[str, int]:
    """Rows in every table of the app, history included."""
    models = apps.get_app_config("bodies").get_models()
    return {model._meta.label: model._default_manager.count() for model in models}


@pytest.fixture
def rich_network(demo_network):
    """The demo network with every optional field filled in somewhere."""
    network = demo_network
    beleidsgroep = network.bodies.get(name="Beleidsgroep")
    network.description = "Met alle velden."
    network.save()
    Role.objects.filter(network=network, name="Coördinator").update(description="Trekt het netwerk.")
    working_group = BodyFactory(
        network=network,
        name="Werkgroep Vorming",
        slug="vorming",
        kind=Body.Kind.WORKING_GROUP,
        parent=beleidsgroep,
        description="Tijdelijke werkgroep.",
        position=4,
        quorum_percent=70,
        majority_rule="consensus",
        active_from=datetime.date(2024, 1, 1),
        active_until=datetime.date(2024, 12, 31),
    )
    BodyTaskFactory(body=working_group, text="Een vormingsaanbod uitwerken.", position=0)
    seat = SeatFactory(body=working_group, role__network=network, role__name="Trekker", count=2, is_ad_hoc=True)
    trekker = MembershipFactory(
        seat=seat,
        person=Person.objects.get(name="Lien Claes"),
        organization=None,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 6, 30),
        is_ad_hoc=True,
        office="secretary",
    )
    MembershipFactory(
        seat=seat,
        person=Person.objects.get(name="Emma Hermans"),
        start_date=datetime.date(2024, 2, 1),
        substitute_for=trekker,
    )
    mandate = Mandate.objects.create(
        body=working_group,
        text="Kan vormingen kiezen.",
        kind=Mandate.Kind.DECIDE,
        domains=["content"],
        limit_eur=Decimal("1234.50"),
        delegated_by=beleidsgroep,
        valid_from=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2024, 12, 31),
    )
    mandate.targets.set([beleidsgroep, network.bodies.get(name="Kernteam")])
    Mandate.objects.create(
        body=working_group,
        text="Kan een eigen budget besteden.",
        kind=Mandate.Kind.DECIDE,
        domains=["finance"],
        is_unlimited=True,
        position=1,
    )
    cadence = Cadence.objects.create(
        body=working_group,
        description="Om de zes weken",
        start_time=datetime.time(9, 15),
        duration_minutes=90,
        location="Hasselt",
    )
    CadencePhase.objects.create(
        cadence=cadence,
        label="Opstart",
        rrule="FREQ=WEEKLY;INTERVAL=6",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    OrganizationFactory(network=network, name="Zonder leden")
    return network


@pytest.fixture
def copy_of_the_demo_network(demo_network) -> dict:
    """The demo network's export under a new slug: valid to import into this database."""
    data = export()
    data["network"]["slug"] = "kopie"
    return data


# --- round trip --------------------------------------------------------------------------


def test_it_round_trips_the_demo_network_through_an_empty_database(demo_network, tmp_path):
    before = export()
    empty_the_database()
    assert Network.objects.count() == 0

    import_data(before, tmp_path)

    assert export() == before


def test_it_round_trips_every_field(rich_network, tmp_path):
    before = export()
    working_group = next(item for item in before["bodies"] if item["name"] == "Werkgroep Vorming")
    assert working_group["members"][0]["substitute_for"] == "Lien Claes"
    assert working_group["mandates"][0]["limit_eur"] == "1234.50"
    assert working_group["cadence"]["start_time"] == "09:15"
    assert (working_group["quorum_percent"], working_group["majority_rule"]) == (70, "consensus")
    assert working_group["members"][1]["office"] == "secretary"
    assert [mandate["unlimited"] for mandate in working_group["mandates"]] == [False, True]
    assert {role["name"]: role["coordinator"] for role in before["roles"]}["Coördinator"] is True
    empty_the_database()

    import_data(before, tmp_path)

    assert export() == before


def test_a_working_group_listed_before_the_body_that_steers_it_is_imported(rich_network, tmp_path):
    data = export()
    data["bodies"].insert(0, data["bodies"].pop(4))
    empty_the_database()

    import_data(data, tmp_path)

    assert Body.objects.get(name="Werkgroep Vorming").parent.name == "Beleidsgroep"
    assert export()["bodies"][0]["name"] == "Werkgroep Vorming"


def test_the_rules_of_who_may_do_what_are_imported_into_the_models(rich_network, tmp_path):
    data = export()
    empty_the_database()

    import_data(data, tmp_path)

    working_group = Body.objects.get(name="Werkgroep Vorming")
    assert (working_group.quorum_percent, working_group.majority_rule) == (70, "consensus")
    assert Role.objects.get(name="Coördinator").is_coordinator
    assert not Role.objects.get(name="Kernpartner").is_coordinator
    assert Membership.objects.get(body=working_group, person__name="Lien Claes").office == "secretary"
    assert Membership.objects.get(body__name="Beleidsgroep", person__name="An Maes").office == "chair"
    assert list(working_group.mandates.values_list("is_unlimited", "limit_eur")) == [
        (False, Decimal("1234.50")),
        (True, None),
    ]


def test_a_file_without_the_voting_rules_reads_with_the_defaults(rich_network, tmp_path):
    """A file written before roles, bodies, mandates and members carried them."""
    data = export()
    for role in data["roles"]:
        del role["coordinator"]
    for item in data["bodies"]:
        del item["quorum_percent"], item["majority_rule"]
        for mandate in item["mandates"]:
            del mandate["unlimited"]
        for member in item["members"]:
            del member["office"]
    body_named(data, "Werkgroep Vorming")["mandates"][1]["limit_eur"] = "0.00"
    empty_the_database()

    import_data(data, tmp_path)

    working_group = Body.objects.get(name="Werkgroep Vorming")
    assert (working_group.quorum_percent, working_group.majority_rule) == (50, "simple")
    assert not Role.objects.filter(is_coordinator=True).exists()
    assert not Mandate.objects.filter(is_unlimited=True).exists()
    assert not Membership.objects.exclude(office="").exists()


def test_imported_people_have_no_login(demo_network, tmp_path):
    data = export()
    empty_the_database()
    import_data(data, tmp_path)
    assert Person.objects.count() == 11
    assert not Person.objects.filter(user__isnull=False).exists()


def test_it_says_what_it_imported(copy_of_the_demo_network, tmp_path):
    assert import_data(copy_of_the_demo_network, tmp_path) == (
        'Netwerk "Plan-trekkers" (kopie) ingelezen: 4 organen, 11 personen.\n'
    )


def test_it_reads_from_stdin(copy_of_the_demo_network):
    stdin = io.StringIO(json.dumps(copy_of_the_demo_network))
    call_command("import_governance", "-", stdin=stdin, stdout=io.StringIO())
    assert Network.objects.get(slug="kopie").bodies.count() == 4


def test_an_imported_network_has_history_to_export_at_today(copy_of_the_demo_network, tmp_path):
    import_data(copy_of_the_demo_network, tmp_path)
    today = copy_of_the_demo_network["as_of"]
    assert export("--network", "kopie", "--at", today) == copy_of_the_demo_network


def test_a_substitute_is_linked_to_the_member_in_the_same_seat(demo_network, tmp_path):
    """Tom Janssens sits in two seats of the Kernteam here; the name alone does not say which one."""
    kernteam = demo_network.bodies.get(name="Kernteam")
    tom = Person.objects.get(name="Tom Janssens")
    coordinator_seat = kernteam.seats.get(role__name="Coördinator")
    MembershipFactory(seat=coordinator_seat, person=tom, start_date=datetime.date(2023, 2, 1))
    kernpartner = Membership.objects.get(seat__body=kernteam, seat__role__name="Kernpartner", person=tom)
    MembershipFactory(
        seat=kernpartner.seat,
        person__name="Zoë Vervanger",
        person__email="zoe@example.org",
        substitute_for=kernpartner,
    )
    data = export()
    empty_the_database()

    import_data(data, tmp_path)

    substitute = Membership.objects.get(person__name="Zoë Vervanger")
    assert substitute.substitute_for.seat.role.name == "Kernpartner"
    assert export() == data


# --- refused files -------------------------------------------------------------------------


def test_a_file_that_is_not_json_is_refused(demo_network, tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"format": "governance-export/1",\n  nope}', encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError, match=r"^Geen geldige JSON \(regel 2, kolom 3\): "):
        import_file(path)
    assert row_counts() == before


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="^Kan .*bestaat-niet.json niet lezen: "):
        import_file(tmp_path / "bestaat-niet.json")


def test_a_network_that_already_exists_is_refused_and_nothing_is_written(demo_network, tmp_path):
    data = export()
    before = row_counts()
    with pytest.raises(CommandError, match='^network.slug: het netwerk "plantrekkers" bestaat al$'):
        import_data(data, tmp_path)
    assert row_counts() == before


def body_named(data, name):
    return next(item for item in data["bodies"] if item["name"] == name)


def delete_key(obj, key):
    del obj[key]


# (mutation of the export, message). Most mutations hit the last body, so that a
# half-written import would have left the first bodies behind.
BAD_FILES = {
    "wrong format marker": (
        lambda data: data.update(format="governance-export/2"),
        'format: onbekend formaat "governance-export/2"; verwacht "governance-export/1"',
    ),
    "missing format marker": (lambda data: delete_key(data, "format"), "format: ontbreekt"),
    "missing top-level key": (lambda data: delete_key(data, "roles"), "roles: ontbreekt"),
    "missing key": (
        lambda data: delete_key(data["bodies"][3]["mandates"][0], "kind"),
        "bodies[3].mandates[0].kind: ontbreekt",
    ),
    "unknown key": (
        lambda data: data["bodies"][3]["seats"][0].update(stemrecht=True),
        "bodies[3].seats[0].stemrecht: onbekende sleutel",
    ),
    "boolean as text": (
        lambda data: data["bodies"][1]["seats"][2].update(voting="nee"),
        "bodies[1].seats[2].voting: verwacht true of false",
    ),
    "count as text": (
        lambda data: data["bodies"][3]["seats"][3].update(count="2"),
        "bodies[3].seats[3].count: verwacht een geheel getal of null",
    ),
    "limit as float": (
        lambda data: data["bodies"][0]["mandates"][3].update(limit_eur=5000.0),
        'bodies[0].mandates[3].limit_eur: verwacht een bedrag als tekst, zoals "5000.00", of null',
    ),
    "negative limit": (
        lambda data: data["bodies"][0]["mandates"][3].update(limit_eur="-1.00"),
        "bodies[0].mandates[3].limit_eur: ",
    ),
    "list as object": (
        lambda data: data["bodies"][3].update(members={}),
        "bodies[3].members: verwacht een lijst […]",
    ),
    "name as number": (lambda data: data["people"][4].update(name=4), "people[4].name: verwacht tekst"),
    "impossible date": (
        lambda data: data["bodies"][3]["members"][0].update(start="2023-02-30"),
        "bodies[3].members[0].start: verwacht een datum JJJJ-MM-DD",
    ),
    "unknown delegating body": (
        lambda data: data["bodies"][0]["mandates"][3].update(delegated_by="Beleidsgroepp"),
        'bodies[0].mandates[3].delegated_by: onbekend orgaan "Beleidsgroepp"',
    ),
    "unknown target body": (
        lambda data: data["bodies"][3]["mandates"][0]["targets"].append("Stuurgroep"),
        'bodies[3].mandates[0].targets[3]: onbekend orgaan "Stuurgroep"',
    ),
    "unknown seat-filling body": (
        lambda data: data["bodies"][3]["seats"][1].update(via="Beleidsgroepp"),
        'bodies[3].seats[1].via: onbekend orgaan "Beleidsgroepp"',
    ),
    "unknown parent body": (
        lambda data: data["bodies"][3].update(kind="working_group", parent="Stuurgroep"),
        'bodies[3].parent: onbekend orgaan "Stuurgroep"',
    ),
    "unknown role": (
        lambda data: data["bodies"][3]["seats"][4].update(role="Cliënt"),
        'bodies[3].seats[4].role: onbekende rol "Cliënt"',
    ),
    "member in a seat the body lacks": (
        lambda data: data["bodies"][3]["members"][0].update(role="Kernpartner"),
        'bodies[3].members[0].role: dit orgaan heeft geen zetel voor de rol "Kernpartner"',
    ),
    "unknown person": (
        lambda data: data["bodies"][3]["members"][1].update(person="Julie Lambrecht"),
        'bodies[3].members[1].person: onbekende persoon "Julie Lambrecht"',
    ),
    "unknown organisation": (
        lambda data: data["bodies"][3]["members"][1].update(organization="Sectoroverleg"),
        'bodies[3].members[1].organization: onbekende organisatie "Sectoroverleg"',
    ),
    "unknown substituted member": (
        lambda data: data["bodies"][3]["members"][1].update(substitute_for="Sara Peeters"),
        'bodies[3].members[1].substitute_for: geen lid van dit orgaan heet "Sara Peeters"',
    ),
    "unknown domain": (
        lambda data: data["bodies"][3]["mandates"][1].update(domains=["money"]),
        "bodies[3].mandates[1].domains: Onbekend domein: money.",
    ),
    "unreadable rrule": (
        lambda data: data["bodies"][3]["cadence"]["phases"][0].update(rrule="FREQ=SOMETIMES"),
        "bodies[3].cadence.phases[0].rrule: Onleesbare herhalingsregel: FREQ=SOMETIMES.",
    ),
    "network description over its limit": (
        lambda data: data["network"].update(description="x" * 5001),
        "network.description: Zorg dat deze waarde niet meer dan 5000",
    ),
    "a description of two million characters": (
        lambda data: data["bodies"][3].update(description="x" * 2_000_000),
        "bodies[3].description: Zorg dat deze waarde niet meer dan 5000",
    ),
    "role description over its limit": (
        lambda data: data["roles"][0].update(description="x" * 5001),
        "roles[0].description: Zorg dat deze waarde niet meer dan 5000",
    ),
    "task over its limit": (
        lambda data: data["bodies"][3]["tasks"].__setitem__(0, "x" * 2001),
        "bodies[3].tasks[0]: Zorg dat deze waarde niet meer dan 2000",
    ),
    "mandate text over its limit": (
        lambda data: data["bodies"][3]["mandates"][0].update(text="x" * 2001),
        "bodies[3].mandates[0].text: Zorg dat deze waarde niet meer dan 2000",
    ),
    "body name over its limit": (
        lambda data: data["bodies"][3].update(name="x" * 201),
        "bodies[3].name: Zorg dat deze waarde niet meer dan 200",
    ),
    "rrule every second": (
        lambda data: data["bodies"][3]["cadence"]["phases"][0].update(rrule="FREQ=SECONDLY"),
        "bodies[3].cadence.phases[0].rrule: Deze herhalingsregel is geen vergaderritme: FREQ=SECONDLY. "
        "Toegelaten: FREQ=DAILY, WEEKLY, MONTHLY of YEARLY;",
    ),
    "membership ending before it starts": (
        lambda data: data["bodies"][3]["members"][0].update(end="2023-01-31"),
        "bodies[3].members[0].end: Een lidmaatschap kan niet eindigen vóór het begint.",
    ),
    "mandate valid until before from": (
        lambda data: data["bodies"][3]["mandates"][1].update(valid_from="2024-02-01", valid_until="2024-01-01"),
        "bodies[3].mandates[1].valid_until: De einddatum ligt vóór de begindatum.",
    ),
    "body active until before from": (
        lambda data: data["bodies"][3].update(active_until="2023-01-31"),
        "bodies[3].active_until: De einddatum ligt vóór de begindatum.",
    ),
    "phase ending before it starts": (
        lambda data: data["bodies"][3]["cadence"]["phases"][0].update(
            {"from": "2024-02-01", "until": "2024-01-01"}
        ),
        "bodies[3].cadence.phases[0].until: De einddatum ligt vóór de begindatum.",
    ),
    "voting member in a seat without vote": (
        lambda data: body_named(data, "Beleidsgroep")["members"][3].update(voting=True),
        "bodies[1].members[3].voting: Deze zetel heeft geen stemrecht.",
    ),
    "quorum above 100": (
        lambda data: data["bodies"][3].update(quorum_percent=101),
        "bodies[3].quorum_percent: Zorg ervoor dat deze waarde hoogstens 100 is.",
    ),
    "quorum as text": (
        lambda data: data["bodies"][3].update(quorum_percent="50"),
        "bodies[3].quorum_percent: verwacht een geheel getal",
    ),
    "quorum null": (
        lambda data: data["bodies"][3].update(quorum_percent=None),
        "bodies[3].quorum_percent: verwacht een geheel getal",
    ),
    "unknown majority rule": (
        lambda data: data["bodies"][3].update(majority_rule="unanimity"),
        "bodies[3].majority_rule: Waarde 'unanimity' is geen geldige keuze.",
    ),
    "coordinator flag as text": (
        lambda data: data["roles"][2].update(coordinator="ja"),
        "roles[2].coordinator: verwacht true of false",
    ),
    "unlimited mandate with a limit": (
        lambda data: data["bodies"][0]["mandates"][3].update(limit_eur="100.00", unlimited=True),
        "bodies[0].mandates[3].limit_eur: Een onbeperkt mandaat heeft geen limiet.",
    ),
    "unlimited as text": (
        lambda data: data["bodies"][0]["mandates"][3].update(unlimited="nee"),
        "bodies[0].mandates[3].unlimited: verwacht true of false",
    ),
    "unknown office": (
        lambda data: data["bodies"][3]["members"][0].update(office="treasurer"),
        "bodies[3].members[0].office: Waarde 'treasurer' is geen geldige keuze.",
    ),
    "office as a number": (
        lambda data: data["bodies"][3]["members"][0].update(office=1),
        "bodies[3].members[0].office: verwacht tekst of null",
    ),
    "two bodies with one name": (
        lambda data: data["bodies"][3].update(name="Kernteam"),
        'bodies[3].name: komt twee keer voor: "Kernteam"',
    ),
    "two seats for one role": (
        lambda data: data["bodies"][3]["seats"][4].update(role="Vertegenwoordiger sector"),
        'bodies[3].seats[4].role: dit orgaan heeft al een zetel voor "Vertegenwoordiger sector"',
    ),
}


@pytest.mark.parametrize("mutate, message", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_with_the_place_named_and_nothing_written(
    copy_of_the_demo_network, tmp_path, mutate, message
):
    data = copy.deepcopy(copy_of_the_demo_network)
    mutate(data)
    before = row_counts()
    with pytest.raises(CommandError) as excinfo:
        import_data(data, tmp_path)
    assert str(excinfo.value).startswith(message)
    assert row_counts() == before
    assert not Network.objects.filter(slug="kopie").exists()


def test_a_file_that_is_a_list_is_refused(tmp_path):
    with pytest.raises(CommandError, match="^Het bestand bevat geen JSON-object.$"):
        import_data([], tmp_path)


def test_a_working_group_that_steers_itself_is_refused(copy_of_the_demo_network, tmp_path):
    data = copy_of_the_demo_network
    data["bodies"][2].update(kind="working_group", parent="Netwerk Forum")
    data["bodies"][3].update(kind="working_group", parent="Inhoudelijke Ondersteuningsgroep")
    before = row_counts()
    with pytest.raises(CommandError) as excinfo:
        import_data(data, tmp_path)
    assert str(excinfo.value) == (
        'bodies[2].parent: orgaan "Inhoudelijke Ondersteuningsgroep" stuurt zichzelf (onrechtstreeks) aan'
    )
    assert row_counts() == before


# --- the meeting rules of a body (issue 4) ----------------------------------------------------


def test_the_holiday_rule_and_meeting_deadlines_round_trip(demo_network, tmp_path):
    Body.objects.filter(name="Beleidsgroep").update(
        holiday_rule="previous", call_for_items_days=21, agenda_days=10, reminder_days="3,1"
    )
    Body.objects.filter(name="Netwerk Forum").update(holiday_rule="keep", reminder_days="")
    before = export()
    empty_the_database()

    import_data(before, tmp_path)

    beleidsgroep = Body.objects.get(name="Beleidsgroep")
    assert (beleidsgroep.holiday_rule, beleidsgroep.call_for_items_days, beleidsgroep.agenda_days) == ("previous", 21, 10)
    assert beleidsgroep.reminder_day_list == [3, 1]
    assert Body.objects.get(name="Netwerk Forum").reminder_day_list == []
    assert export() == before


def test_a_file_without_the_meeting_rules_reads_with_the_defaults(demo_network, tmp_path):
    data = export()
    for item in data["bodies"]:
        for key in ("holiday_rule", "call_for_items_days", "agenda_days", "reminder_days"):
            del item[key]
    empty_the_database()

    import_data(data, tmp_path)

    assert set(Body.objects.values_list("holiday_rule", "call_for_items_days", "agenda_days", "reminder_days")) == {
        ("next", 14, 7, "7,1")
    }


BAD_MEETING_RULES = {
    "unknown holiday rule": (
        {"holiday_rule": "sometimes"},
        "bodies[1].holiday_rule: Waarde 'sometimes' is geen geldige keuze.",
    ),
    "deadline as text": ({"agenda_days": "7"}, "bodies[1].agenda_days: verwacht een geheel getal"),
    "call for items after the agenda": (
        {"call_for_items_days": 5, "agenda_days": 7},
        "bodies[1].call_for_items_days: De oproep voor agendapunten moet vroeger vallen dan het versturen van de agenda.",
    ),
    "reminder days as text": ({"reminder_days": "7,1"}, "bodies[1].reminder_days: verwacht een lijst […]"),
    "a reminder day as text": ({"reminder_days": [7, "1"]}, "bodies[1].reminder_days[1]: verwacht een geheel getal"),
}


@pytest.mark.parametrize("changes, message", BAD_MEETING_RULES.values(), ids=BAD_MEETING_RULES.keys())
def test_bad_meeting_rules_are_refused_with_the_place_named(copy_of_the_demo_network, tmp_path, changes, message):
    data = copy.deepcopy(copy_of_the_demo_network)
    assert data["bodies"][1]["name"] == "Beleidsgroep"
    data["bodies"][1].update(changes)
    before = row_counts()

    with pytest.raises(CommandError) as excinfo:
        import_data(data, tmp_path)

    assert str(excinfo.value).startswith(message)
    assert row_counts() == before


# --- size and speed ----------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(copy_of_the_demo_network, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    before = row_counts()
    with pytest.raises(CommandError, match=r"^Het bestand is groter dan 1000 bytes \(IMPORT_MAX_BYTES\)"):
        import_data(copy_of_the_demo_network, tmp_path)
    assert row_counts() == before


def test_a_file_over_the_size_limit_on_stdin_is_refused(copy_of_the_demo_network, settings):
    settings.IMPORT_MAX_BYTES = 1000
    stdin = io.StringIO(json.dumps(copy_of_the_demo_network))
    with pytest.raises(CommandError, match="^Het bestand is groter dan 1000 bytes"):
        call_command("import_governance", "-", stdin=stdin, stdout=io.StringIO())
    assert not Network.objects.filter(slug="kopie").exists()


def test_a_file_of_exactly_the_size_limit_is_read(copy_of_the_demo_network, tmp_path, settings):
    path = tmp_path / "governance.json"
    path.write_text(json.dumps(copy_of_the_demo_network), encoding="utf-8")
    settings.IMPORT_MAX_BYTES = path.stat().st_size
    import_file(path)
    assert Network.objects.filter(slug="kopie").exists()


def test_json_nested_too_deep_is_refused_in_dutch(tmp_path):
    path = tmp_path / "diep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(CommandError, match="^Geen geldige JSON: te diep genest.$"):
        import_file(path)


def ten_times(data: dict) -> dict:
    """`data` with its people and bodies ten times over, under other names: a network ten times the seed."""
    big = copy.deepcopy(data)
    big["network"]["slug"] = "tienvoud"

    def named(name, copy_number):
        return f"{name} {copy_number}" if copy_number and name is not None else name

    big["people"] = [dict(item, name=named(item["name"], n)) for n in range(10) for item in data["people"]]
    big["bodies"] = []
    for n in range(10):
        for source in data["bodies"]:
            body = copy.deepcopy(source)
            body["name"], body["parent"] = named(body["name"], n), named(body["parent"], n)
            body["slug"] = f"{body.get('slug') or 'orgaan'}-{n}"
            for mandate in body["mandates"]:
                mandate["targets"] = [named(target, n) for target in mandate["targets"]]
                mandate["delegated_by"] = named(mandate["delegated_by"], n)
            for seat in body["seats"]:
                seat["via"] = named(seat.get("via"), n)
            for member in body["members"]:
                member["person"] = named(member["person"], n)
                member["substitute_for"] = named(member.get("substitute_for"), n)
            big["bodies"].append(body)
    return big


def test_an_import_costs_queries_in_proportion_to_the_rows_not_their_square(demo_network, tmp_path):
    """The access groups are synchronised once per import, not once per saved row (that made 10 MB run past 180 s)."""
    data = export()
    small = copy.deepcopy(data)
    small["network"]["slug"] = "kopie"
    one, ten = [], []

    def counting(queries):
        def wrapper(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        return wrapper

    with connection.execute_wrapper(counting(one)):
        began = time.process_time()
        import_data(small, tmp_path)
        seconds = time.process_time() - began
    with connection.execute_wrapper(counting(ten)):
        import_data(ten_times(data), tmp_path)

    assert seconds < 3
    assert len(ten) < 11 * len(one)
    assert Network.objects.get(slug="tienvoud").bodies.count() == 40


def test_an_imported_network_has_history_from_its_own_earliest_date(copy_of_the_demo_network, tmp_path):
    import_data(copy_of_the_demo_network, tmp_path)
    past = export("--network", "kopie", "--at", "2024-06-01")
    assert past["as_of"] == "2024-06-01"
    assert [item["name"] for item in past["bodies"]] == [item["name"] for item in copy_of_the_demo_network["bodies"]]
