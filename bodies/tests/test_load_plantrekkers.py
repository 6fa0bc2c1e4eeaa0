"""`load_plantrekkers` loads what the seed document says, and only once."""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command

from bodies.models import Body, Cadence, Mandate, Membership, Network, Person, Seat
from bodies.seed import DEMO_KERNTEAM_LIMIT_EUR, DEMO_PASSWORD
from meetings.models import Meeting
from meetings.services.planning import meetings_plan

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "seeds" / "organisatiestructuur.txt"
SEED_HEADINGS = {
    "Kernteam (coördinatieteam):": "Kernteam",
    "Beleidsgroep": "Beleidsgroep",
    "Inhoudelijke Ondersteuningsgroep": "Inhoudelijke Ondersteuningsgroep",
    "Netwerk Forum": "Netwerk Forum",
}


def seed_bullets() -> dict[str, dict[str, list[str]]]:
    """{body name: {"Opdracht": [...], "Bevoegdheden": [...]}} read from the seed text itself."""
    bullets: dict[str, dict[str, list[str]]] = {}
    body = section = None
    for line in SEED.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped in SEED_HEADINGS:
            body = SEED_HEADINGS[stripped]
            bullets[body] = {"Opdracht": [], "Bevoegdheden": []}
        elif re.match(r"^(Opdracht|Bevoegdheden|Leden|Praktisch):", stripped):
            section = stripped.split(":")[0]
        elif stripped.startswith("•") and section in ("Opdracht", "Bevoegdheden"):
            bullets[body][section].append(stripped.removeprefix("•").strip())
    return bullets


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_plantrekkers", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def network():
    load()
    return Network.objects.get(slug="plantrekkers")


def test_the_seed_text_has_the_bullets_the_brief_counts():
    counts = {body: (len(b["Opdracht"]), len(b["Bevoegdheden"])) for body, b in seed_bullets().items()}
    assert counts == {
        "Kernteam": (4, 4),
        "Beleidsgroep": (3, 3),
        "Inhoudelijke Ondersteuningsgroep": (4, 3),
        "Netwerk Forum": (4, 2),
    }


def test_it_loads_the_four_bodies_of_the_seed(network):
    assert list(network.bodies.values_list("name", "kind")) == [
        ("Kernteam", "core_team"),
        ("Beleidsgroep", "policy_group"),
        ("Inhoudelijke Ondersteuningsgroep", "support_group"),
        ("Netwerk Forum", "forum"),
    ]


def test_every_remit_bullet_is_loaded_in_the_seeds_own_words(network):
    for body_name, bullets in seed_bullets().items():
        body = network.bodies.get(name=body_name)
        assert list(body.tasks.values_list("text", flat=True)) == bullets["Opdracht"]


def test_every_power_bullet_is_a_mandate_in_the_seeds_own_words(network):
    for body_name, bullets in seed_bullets().items():
        body = network.bodies.get(name=body_name)
        assert list(body.mandates.values_list("text", flat=True)) == bullets["Bevoegdheden"]


def test_the_coordinator_sits_in_the_policy_group_without_vote(network):
    seat = Seat.objects.get(body__name="Beleidsgroep", role__name="Coördinator")
    assert seat.has_voting_right is False
    assert Seat.objects.get(body__name="Kernteam", role__name="Coördinator").has_voting_right is True


def test_seats_keep_the_counts_the_seed_gives_and_no_others(network):
    support = network.bodies.get(kind="support_group")
    counts = dict(support.seats.values_list("role__name", "count"))
    assert counts["Gezinscoach"] == 2
    assert counts["ELP"] == 1
    assert counts["Vertegenwoordiger ACT"] is None
    assert support.seats.count() == 17
    assert list(network.bodies.get(kind="core_team").seats.values_list("role__name", "count")) == [
        ("Kernpartner", 1),
        ("Coördinator", 1),
        ("Vertegenwoordiger gezinscoach", 1),
        ("Vertegenwoordiger ELP", 1),
    ]


def test_the_kernteam_sits_in_the_support_group_and_the_forum_ex_officio(network):
    kernteam = network.bodies.get(kind="core_team")
    assert set(kernteam.seats_held_elsewhere.values_list("body__kind", flat=True)) == {"support_group", "forum"}


def test_the_kernteam_decides_on_finance_and_staff_as_delegated_by_the_policy_group(network):
    mandate = Mandate.objects.get(body__kind="core_team", kind="decide")
    assert mandate.domains == ["finance", "staff"]
    assert mandate.delegated_by.name == "Beleidsgroep"
    assert mandate.limit_eur is None


def test_the_forum_advises_the_three_other_bodies_and_decides_nothing(network):
    forum = network.bodies.get(kind="forum")
    advice = forum.mandates.get(kind="advise")
    assert set(advice.targets.values_list("kind", flat=True)) == {"core_team", "policy_group", "support_group"}
    assert not forum.mandates.filter(kind="decide").exists()


def test_each_rhythm_is_a_cadence_and_the_policy_group_has_two_phases(network):
    rules = {
        cadence.body.kind: [phase.rrule for phase in cadence.phases.all()]
        for cadence in Cadence.objects.select_related("body").prefetch_related("phases")
    }
    assert rules == {
        "core_team": ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"],
        "policy_group": ["FREQ=MONTHLY;BYDAY=2TH", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH"],
        "support_group": ["FREQ=MONTHLY;BYDAY=3WE"],
        "forum": ["FREQ=YEARLY;BYMONTH=3,10;BYDAY=1WE"],
    }


def test_each_cadence_has_an_hour_a_length_and_a_place(network):
    cadences = Cadence.objects.all()
    assert len(cadences) == 4
    assert all(cadence.start_time and cadence.duration_minutes and cadence.location for cadence in cadences)


def test_the_seed_rhythms_never_put_two_bodies_on_one_day(network):
    bodies = list(Body.objects.filter(network=network))
    made = meetings_plan(today=datetime.date(2027, 1, 1), horizon_days=365, bodies=bodies)
    days = list(Meeting.objects.filter(body__network=network).values_list("date", flat=True))
    assert made == len(days) == len(set(days))
    assert all(day.weekday() < 5 for day in days)


def test_without_demo_people_nobody_is_loaded(network):
    assert not Person.objects.exists()
    assert not Membership.objects.exists()


def snapshot():
    history = sum(model.history.count() for model in (Body, Seat, Mandate, Membership, Person, Cadence))
    rows = sum(model.objects.count() for model in (Body, Seat, Mandate, Membership, Person, Cadence))
    return rows, history, get_user_model().objects.count()


def test_running_it_twice_changes_nothing():
    load("--demo-people")
    before = snapshot()
    output = load("--demo-people")
    assert snapshot() == before
    assert "0 aangemaakt" in output


def test_a_second_run_leaves_an_admins_edit_alone(network):
    seat = Seat.objects.get(body__kind="support_group", role__name="Gezinscoach")
    seat.count = 3
    seat.save()
    load()
    seat.refresh_from_db()
    assert seat.count == 3


def test_demo_people_fill_seats_with_logins_and_a_demo_limit():
    output = load("--demo-people")
    coordinator = Person.objects.get(user__username="coordinator")
    assert coordinator.memberships.get(body__kind="policy_group").has_voting_right is False
    assert Mandate.objects.get(body__kind="core_team", kind="decide").limit_eur == Decimal(DEMO_KERNTEAM_LIMIT_EUR)
    assert "coordinator" in output and "samen-beslissen-demo" in output
    assert get_user_model().objects.get(username="admin").is_superuser


def test_the_demo_password_meets_the_sites_own_password_policy_for_every_demo_login():
    load("--demo-people")
    users = get_user_model().objects.all()
    assert len(users) == 12
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
        validate_password(DEMO_PASSWORD, user)  # raises on a refusal
