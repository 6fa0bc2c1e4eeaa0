"""`export_governance` prints the structure as governance-export/1 JSON, now or on a past day."""

import datetime
import io
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from bodies.models import (
    Body,
    BodyTask,
    Cadence,
    CadencePhase,
    Mandate,
    Membership,
    Network,
    Organization,
    Person,
    Role,
    Seat,
)
from bodies.tests.factories import (
    BodyFactory,
    BodyTaskFactory,
    MandateFactory,
    MembershipFactory,
    NetworkFactory,
)

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
GOVERNED_MODELS = (
    Network,
    Organization,
    Person,
    Role,
    Body,
    BodyTask,
    Seat,
    Membership,
    Mandate,
    Cadence,
    CadencePhase,
)
BODY_KEYS = [
    "name",
    "slug",
    "kind",
    "parent",
    "description",
    "active_from",
    "active_until",
    "quorum_percent",
    "majority_rule",
    "holiday_rule",
    "call_for_items_days",
    "agenda_days",
    "reminder_days",
    "tasks",
    "mandates",
    "seats",
    "members",
    "cadence",
]


def export(*args) -> dict:
    out = io.StringIO()
    call_command("export_governance", *args, stdout=out)
    return json.loads(out.getvalue())


def body(data: dict, name: str) -> dict:
    return next(item for item in data["bodies"] if item["name"] == name)


def backdate_history(when: datetime.datetime) -> None:
    """Pretend that everything recorded so far happened at `when`."""
    for model in GOVERNED_MODELS:
        model.history.all().update(history_date=when)


@pytest.fixture
def seed_network():
    call_command("load_plantrekkers", stdout=io.StringIO())
    return Network.objects.get(slug="plantrekkers")


@pytest.fixture
def a_year_ago():
    return timezone.localdate() - datetime.timedelta(days=365)


# --- shape -----------------------------------------------------------------------------


def test_it_exports_the_seed_network_under_the_format_marker(seed_network):
    data = export()
    assert list(data) == ["format", "as_of", "network", "organizations", "roles", "people", "bodies"]
    assert data["format"] == "governance-export/1"
    assert data["network"] == {
        "slug": "plantrekkers",
        "name": "Plan-trekkers",
        "description": "Samenwerkingsverband 1Gezin 1Plan, regio Oost-Limburg.",
    }


def test_as_of_is_today_without_at(seed_network):
    assert export()["as_of"] == timezone.localdate().isoformat()


def test_the_bodies_come_in_their_order_with_the_documented_keys(seed_network):
    data = export()
    assert [item["name"] for item in data["bodies"]] == [
        "Kernteam",
        "Beleidsgroep",
        "Inhoudelijke Ondersteuningsgroep",
        "Netwerk Forum",
    ]
    for item in data["bodies"]:
        assert list(item) == BODY_KEYS
    kernteam = body(data, "Kernteam")
    assert kernteam["slug"] == "kernteam"
    assert kernteam["kind"] == "core_team"
    assert kernteam["parent"] is None
    assert kernteam["active_from"] == "2023-02-01"
    assert kernteam["active_until"] is None
    assert kernteam["tasks"][0] == "Regie, overzicht en monitoring van het samenwerkingsverband."


def test_the_kernteam_decides_on_finance_and_staff_as_delegated_by_the_beleidsgroep(seed_network):
    decide = [mandate for mandate in body(export(), "Kernteam")["mandates"] if mandate["kind"] == "decide"]
    assert decide == [
        {
            "text": "Kunnen dag-dagelijkse beslissingen nemen binnen een afgesproken kader met het beleidsteam "
            "(financiën en personeel)",
            "kind": "decide",
            "domains": ["finance", "staff"],
            "limit_eur": None,
            "unlimited": False,
            "delegated_by": "Beleidsgroep",
            "targets": [],
            "valid_from": None,
            "valid_until": None,
        }
    ]


def test_a_limit_is_written_as_a_decimal_string(demo_network):
    decide = next(mandate for mandate in body(export(), "Kernteam")["mandates"] if mandate["kind"] == "decide")
    assert decide["limit_eur"] == "5000.00"


def test_the_beleidsgroeps_decide_mandates_are_written_as_unlimited_with_limit_null(seed_network):
    """Like the board of a non-profit (seed 000): any amount; the Kernteam's is limited."""
    beleidsgroep = [item for item in body(export(), "Beleidsgroep")["mandates"] if item["kind"] == "decide"]
    kernteam = [item for item in body(export(), "Kernteam")["mandates"] if item["kind"] == "decide"]
    assert [(item["unlimited"], item["limit_eur"]) for item in beleidsgroep] == [(True, None), (True, None)]
    assert [item["unlimited"] for item in kernteam] == [False]


def test_the_coordinator_role_is_flagged_as_coordinating_the_network(seed_network):
    roles = {role["name"]: role for role in export()["roles"]}
    assert roles["Coördinator"]["coordinator"] is True
    assert roles["Kernpartner"]["coordinator"] is False


def test_a_body_writes_its_quorum_and_majority_rule(seed_network):
    Body.objects.filter(name="Beleidsgroep").update(quorum_percent=60, majority_rule="two_thirds")
    data = export()
    assert (body(data, "Beleidsgroep")["quorum_percent"], body(data, "Beleidsgroep")["majority_rule"]) == (
        60,
        "two_thirds",
    )
    assert (body(data, "Kernteam")["quorum_percent"], body(data, "Kernteam")["majority_rule"]) == (50, "simple")


def test_a_body_writes_its_holiday_rule_and_meeting_deadlines(seed_network):
    Body.objects.filter(name="Beleidsgroep").update(
        holiday_rule="skip", call_for_items_days=21, agenda_days=10, reminder_days="1, 3"
    )
    data = export()
    beleidsgroep, kernteam = body(data, "Beleidsgroep"), body(data, "Kernteam")
    keys = ["holiday_rule", "call_for_items_days", "agenda_days", "reminder_days"]
    assert [beleidsgroep[key] for key in keys] == ["skip", 21, 10, [3, 1]]
    assert [kernteam[key] for key in keys] == ["next", 14, 7, [7, 1]]


def test_a_chair_is_written_as_the_members_office(demo_network):
    members = {member["person"]: member for member in body(export(), "Beleidsgroep")["members"]}
    assert members["An Maes"]["office"] == "chair"
    assert members["Koen Willems"]["office"] is None


def test_the_coordinator_sits_in_the_beleidsgroep_without_voting_right(seed_network):
    seats = body(export(), "Beleidsgroep")["seats"]
    assert seats == [
        {"role": "Kernpartner", "count": 1, "voting": True, "ad_hoc": False, "via": None},
        {"role": "Contractant (werkgever)", "count": None, "voting": True, "ad_hoc": False, "via": None},
        {"role": "Coördinator", "count": 1, "voting": False, "ad_hoc": False, "via": None},
        {"role": "Ad hoc expert", "count": None, "voting": True, "ad_hoc": True, "via": None},
    ]


def test_a_seat_filled_by_another_body_names_that_body(seed_network):
    seats = body(export(), "Netwerk Forum")["seats"]
    assert [seat["via"] for seat in seats] == [
        "Kernteam",
        "Beleidsgroep",
        "Inhoudelijke Ondersteuningsgroep",
        None,
        None,
    ]


def test_the_forums_advice_targets_the_three_other_bodies(seed_network):
    advise = [mandate for mandate in body(export(), "Netwerk Forum")["mandates"] if mandate["kind"] == "advise"]
    assert len(advise) == 1
    assert advise[0]["targets"] == ["Kernteam", "Beleidsgroep", "Inhoudelijke Ondersteuningsgroep"]
    assert advise[0]["domains"] == ["policy", "content", "communication"]


def test_the_beleidsgroep_meets_monthly_then_every_two_months(seed_network):
    assert body(export(), "Beleidsgroep")["cadence"] == {
        "description": "1 X per maand in de beginfase, nadien 1 X per 2 maanden gezamenlijk overleg.",
        "phases": [
            {"label": "Beginfase", "rrule": "FREQ=MONTHLY;BYDAY=2TH", "from": None, "until": None},
            {"label": "Nadien", "rrule": "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", "from": None, "until": None},
        ],
        "start_time": "19:00",
        "duration_minutes": 120,
        "location": "Kantoor Plan-trekkers, Genk",
    }


def test_a_cadence_writes_its_hour_duration_and_phase_dates(seed_network):
    cadence = Cadence.objects.get(body__name="Kernteam")
    cadence.start_time = datetime.time(19, 30)
    cadence.duration_minutes = 120
    cadence.location = "Genk, Stadhuis"
    cadence.save()
    cadence.phases.update(starts_on=datetime.date(2023, 2, 1), ends_on=datetime.date(2023, 12, 31))
    exported = body(export(), "Kernteam")["cadence"]
    assert exported["start_time"] == "19:30"
    assert exported["duration_minutes"] == 120
    assert exported["location"] == "Genk, Stadhuis"
    assert exported["phases"][0]["from"] == "2023-02-01"
    assert exported["phases"][0]["until"] == "2023-12-31"


def test_a_body_without_cadence_has_cadence_null(seed_network):
    BodyFactory(
        network=seed_network,
        name="Werkgroep Vorming",
        position=9,
        kind=Body.Kind.WORKING_GROUP,
        parent=seed_network.bodies.get(name="Beleidsgroep"),
    )
    working_group = body(export(), "Werkgroep Vorming")
    assert working_group["cadence"] is None
    assert working_group["parent"] == "Beleidsgroep"
    assert working_group["kind"] == "working_group"


def test_the_people_are_listed_by_name_with_their_email_only(demo_network):
    people = export()["people"]
    assert people[0] == {"name": "An Maes", "email": "werkgever1@plantrekkers.example"}
    assert [person["name"] for person in people] == sorted(person["name"] for person in people)


def test_members_are_listed_by_seat_then_person_name(demo_network):
    members = body(export(), "Beleidsgroep")["members"]
    assert [(member["role"], member["person"]) for member in members] == [
        ("Kernpartner", "Tom Janssens"),
        ("Contractant (werkgever)", "An Maes"),
        ("Contractant (werkgever)", "Koen Willems"),
        ("Coördinator", "Sara Peeters"),
    ]
    assert members[3] == {
        "person": "Sara Peeters",
        "role": "Coördinator",
        "organization": "Plan-trekkers",
        "voting": False,
        "office": None,
        "start": "2023-02-01",
        "end": None,
        "ad_hoc": False,
        "substitute_for": None,
    }


def test_a_substitute_names_the_member_they_stand_in_for(demo_network):
    kernpartner = Membership.objects.get(body__name="Kernteam", person__name="Tom Janssens")
    MembershipFactory(
        seat=kernpartner.seat,
        person__name="Zoë Vervanger",
        person__email="zoe@example.org",
        substitute_for=kernpartner,
    )
    members = body(export(), "Kernteam")["members"]
    assert [(member["person"], member["substitute_for"]) for member in members[:2]] == [
        ("Tom Janssens", None),
        ("Zoë Vervanger", "Tom Janssens"),
    ]


def test_two_exports_of_the_same_structure_are_the_same_text(demo_network):
    first, second = io.StringIO(), io.StringIO()
    call_command("export_governance", stdout=first)
    call_command("export_governance", stdout=second)
    assert first.getvalue() == second.getvalue()


# --- choosing the network --------------------------------------------------------------


def test_it_exports_only_the_chosen_network(seed_network):
    other = NetworkFactory(slug="ander-netwerk", name="Ander netwerk")
    BodyFactory(network=other, name="Stuurgroep")
    data = export("--network", "ander-netwerk")
    assert data["network"]["slug"] == "ander-netwerk"
    assert [item["name"] for item in data["bodies"]] == ["Stuurgroep"]


def test_network_is_required_when_there_are_two_networks(seed_network):
    NetworkFactory(slug="ander-netwerk")
    message = "Er zijn meerdere netwerken; kies er een met --network: ander-netwerk, plantrekkers."
    with pytest.raises(CommandError, match=message):
        export()


def test_an_unknown_network_is_refused(seed_network):
    with pytest.raises(CommandError, match='Onbekend netwerk "plantrekers". Bestaande netwerken: plantrekkers.'):
        export("--network", "plantrekers")


def test_an_empty_database_has_nothing_to_export():
    with pytest.raises(CommandError, match="Er is nog geen netwerk om te exporteren."):
        export()


def test_a_malformed_at_date_is_refused(seed_network):
    with pytest.raises(CommandError, match='--at verwacht een datum JJJJ-MM-DD, niet "1/2/2024".'):
        export("--at", "1/2/2024")


# --- the structure on a past day ------------------------------------------------------


def test_at_today_gives_the_same_structure_as_now(demo_network):
    assert export("--at", timezone.localdate().isoformat()) == export()


def test_at_a_day_before_a_limit_changed_gives_the_old_limit(demo_network, a_year_ago):
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    mandate = Mandate.objects.get(body__name="Kernteam", kind="decide")
    mandate.limit_eur = Decimal("7500")
    mandate.save()

    def limit(data):
        return next(m for m in body(data, "Kernteam")["mandates"] if m["kind"] == "decide")["limit_eur"]

    assert limit(export("--at", a_year_ago.isoformat())) == "5000.00"
    assert limit(export()) == "7500.00"


def test_at_a_day_before_a_membership_ended_shows_it_open(demo_network, a_year_ago):
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    membership = Membership.objects.get(body__name="Kernteam", person__name="Bram Wouters")
    membership.end_date = timezone.localdate()
    membership.save()

    def end(data):
        return next(m for m in body(data, "Kernteam")["members"] if m["person"] == "Bram Wouters")["end"]

    assert end(export("--at", a_year_ago.isoformat())) is None
    assert end(export()) == timezone.localdate().isoformat()


def test_at_a_day_before_the_quorum_and_office_changed_gives_the_old_ones(demo_network, a_year_ago):
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    beleidsgroep = Body.objects.get(name="Beleidsgroep")
    beleidsgroep.quorum_percent = 75
    beleidsgroep.save()
    chair = Membership.objects.get(body=beleidsgroep, person__name="An Maes")
    chair.office = "secretary"
    chair.save()

    def quorum_and_office(data):
        item = body(data, "Beleidsgroep")
        return item["quorum_percent"], next(m for m in item["members"] if m["person"] == "An Maes")["office"]

    assert quorum_and_office(export("--at", a_year_ago.isoformat())) == (50, "chair")
    assert quorum_and_office(export()) == (75, "secretary")


def test_at_a_day_before_a_body_existed_leaves_it_out(seed_network, a_year_ago):
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    working_group = BodyFactory(
        network=seed_network,
        name="Werkgroep Vorming",
        kind=Body.Kind.WORKING_GROUP,
        parent=seed_network.bodies.get(name="Beleidsgroep"),
    )
    BodyTaskFactory(body=working_group)
    names = [item["name"] for item in export("--at", a_year_ago.isoformat())["bodies"]]
    assert "Werkgroep Vorming" not in names
    assert len(names) == 4
    assert "Werkgroep Vorming" in [item["name"] for item in export()["bodies"]]


def test_at_a_day_before_a_body_was_removed_still_shows_it(seed_network, a_year_ago):
    working_group = BodyFactory(
        network=seed_network,
        name="Werkgroep Vorming",
        position=9,
        kind=Body.Kind.WORKING_GROUP,
        parent=seed_network.bodies.get(name="Beleidsgroep"),
    )
    BodyTaskFactory(body=working_group, text="Een vormingsaanbod uitwerken.")
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    working_group.delete()
    past = body(export("--at", a_year_ago.isoformat()), "Werkgroep Vorming")
    assert past["tasks"] == ["Een vormingsaanbod uitwerken."]
    assert "Werkgroep Vorming" not in [item["name"] for item in export()["bodies"]]


def test_at_gives_the_targets_a_mandate_had_on_that_day(seed_network, a_year_ago):
    backdate_history(datetime.datetime.combine(a_year_ago, datetime.time(12), tzinfo=BRUSSELS))
    advice = Mandate.objects.get(body__name="Netwerk Forum", kind="advise")
    advice.targets.set(seed_network.bodies.filter(name="Beleidsgroep"))

    def targets(data):
        return next(m for m in body(data, "Netwerk Forum")["mandates"] if m["kind"] == "advise")["targets"]

    assert targets(export("--at", a_year_ago.isoformat())) == [
        "Kernteam",
        "Beleidsgroep",
        "Inhoudelijke Ondersteuningsgroep",
    ]
    assert targets(export()) == ["Beleidsgroep"]


def test_at_counts_a_day_until_midnight_in_brussels():
    network = NetworkFactory(slug="tijdzones")
    mandate = MandateFactory(body__network=network, limit_eur=Decimal("100"))
    backdate_history(datetime.datetime(2024, 3, 10, 9, 0, tzinfo=BRUSSELS))
    # 23:30 in Brussels on 10 March: still that day.
    mandate.limit_eur = Decimal("200")
    mandate._history_date = datetime.datetime(2024, 3, 10, 23, 30, tzinfo=BRUSSELS)
    mandate.save()
    # 00:30 in Brussels on 11 March is 23:30 UTC on 10 March: the next day here.
    mandate.limit_eur = Decimal("300")
    mandate._history_date = datetime.datetime(2024, 3, 11, 0, 30, tzinfo=BRUSSELS)
    mandate.save()

    def limit(day):
        return export("--at", day)["bodies"][0]["mandates"][0]["limit_eur"]

    assert limit("2024-03-10") == "200.00"
    assert limit("2024-03-11") == "300.00"
    assert export("--at", "2024-03-10")["as_of"] == "2024-03-10"


def test_at_a_day_before_the_network_existed_is_an_error(seed_network):
    with pytest.raises(CommandError, match='Het netwerk "plantrekkers" bestond nog niet op die datum.'):
        export("--at", "2001-01-01")


def test_a_freshly_loaded_network_can_be_exported_as_it_stood_in_2024(demo_network):
    past = export("--at", "2024-06-01")
    assert past["as_of"] == "2024-06-01"
    assert [item["name"] for item in past["bodies"]] == [item["name"] for item in export()["bodies"]]
    assert body(past, "Kernteam")["members"], "the memberships that run since 2023 were in force in 2024"


def test_the_loader_dates_its_history_on_the_governance_start(demo_network):
    first = min(model.history.earliest("history_date").history_date for model in (Body, Membership, Mandate))
    assert timezone.localtime(first, BRUSSELS).date() == datetime.date(2023, 2, 1)
    with pytest.raises(CommandError, match="bestond nog niet op die datum"):
        export("--at", "2023-01-31")
