"""Starting a thematic working group: who may, who steers it, and everything it is made of."""

import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import permissions, seed
from bodies.models import Body, Mandate, Membership, Person, Role
from bodies.tests.factories import BodyFactory, PersonFactory, RoleFactory, UserFactory
from core.tests.translations import english
from core.tests.moved_models import moved_apps as apps
from referrals.models import Assignment
from referrals.services.assignments import working_group_start

founding_titles = importlib.import_module("decisions.migrations.0004_founding_assignment_titles")

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


def body(network, name) -> Body:
    return Body.objects.get(network=network, name=name)


@pytest.fixture
def beleidsgroep(network):
    return body(network, seed.BELEIDSGROEP)


@pytest.fixture
def support(network):
    return body(network, seed.ONDERSTEUNINGSGROEP)


@pytest.fixture
def people(network):
    return [PersonFactory(network=network, name="Nele Goossens"), PersonFactory(network=network, name="Emma Hermans")]


def start(from_body, members, **overrides) -> Body:
    arguments = {
        "from_body": from_body,
        "name": "Werkgroep Vorming",
        "tasks": ["Vormingsaanbod in kaart brengen.", "  ", "Een vormingsplan voorstellen."],
        "members": members,
        "cadence_description": "1 X per maand",
        "rrule": "FREQ=MONTHLY",
        # A network admin may start one under any body; who else may is tested in test_service_rights.
        "by": UserFactory(username="starter", is_staff=True, is_superuser=True),
        "due_date": timezone.localdate() + datetime.timedelta(days=60),
        **overrides,
    }
    return working_group_start(**arguments)


def test_the_beleidsgroep_starts_a_working_group_steered_by_the_support_group(beleidsgroep, support, people):
    group = start(beleidsgroep, people)

    assert (group.kind, group.parent, group.network) == (Body.Kind.WORKING_GROUP, support, beleidsgroep.network)
    assert group.slug == "werkgroep-vorming"
    assert group.active_from == timezone.localdate()


def test_the_working_group_gets_its_tasks_in_order_without_empty_lines(beleidsgroep, people):
    group = start(beleidsgroep, people)

    assert [task.text for task in group.tasks.all()] == [
        "Vormingsaanbod in kaart brengen.",
        "Een vormingsplan voorstellen.",
    ]


def test_the_chosen_people_are_members_from_today(beleidsgroep, people):
    group = start(beleidsgroep, people)

    memberships = Membership.objects.filter(body=group)
    assert {membership.person for membership in memberships} == set(people)
    assert {membership.start_date for membership in memberships} == {timezone.localdate()}
    assert {membership.seat.role.name for membership in memberships} == {"Lid"}


def test_the_members_may_see_the_internals_of_their_new_working_group(network, beleidsgroep):
    user = PersonFactory(network=network, name="Lid Met Login").user
    group = start(beleidsgroep, [Person.objects.get(user=user)])

    assert permissions.may(user, permissions.VIEW_INTERNALS, group)


def test_the_role_member_is_reused_by_name(network, beleidsgroep, people):
    role = RoleFactory(network=network, name="Lid")

    group = start(beleidsgroep, people)

    assert group.seats.get().role == role
    assert Role.objects.filter(network=network, name="Lid").count() == 1


def test_the_working_group_meets_in_the_chosen_rhythm(beleidsgroep, people):
    group = start(beleidsgroep, people, rrule="FREQ=WEEKLY;INTERVAL=2")

    assert group.cadence.description == "1 X per maand"
    assert [phase.rrule for phase in group.cadence.phases.all()] == ["FREQ=WEEKLY;INTERVAL=2"]


def test_a_monthly_rule_without_weekday_plans_nothing_today_nor_on_a_weekend(beleidsgroep, people):
    group = start(beleidsgroep, people, rrule="FREQ=MONTHLY")

    today = timezone.localdate()
    dates = list(group.meetings.values_list("date", flat=True))
    assert dates and all(day > today and day.weekday() < 5 for day in dates)


def test_the_rhythm_starts_on_the_first_meeting_date_asked(beleidsgroep, people):
    first = timezone.localdate() + datetime.timedelta(days=40)

    group = start(beleidsgroep, people, rrule="FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", first_meeting_on=first)

    assert group.cadence.phases.get().starts_on == first
    assert min(group.meetings.values_list("date", flat=True)) >= first


def test_the_planned_meetings_get_the_cadences_hour_length_and_place(beleidsgroep, people):
    group = start(
        beleidsgroep, people, rrule="FREQ=WEEKLY;BYDAY=TU",
        start_time=datetime.time(19, 30), duration_minutes=90, location="Welzijnscampus, Genk",
    )

    assert set(group.meetings.values_list("start_time", "duration_minutes", "location")) == {
        (datetime.time(19, 30), 90, "Welzijnscampus, Genk")
    }


def test_a_first_meeting_in_the_past_is_refused(beleidsgroep, people):
    with pytest.raises(ValidationError) as refused:
        start(beleidsgroep, people, first_meeting_on=timezone.localdate() - datetime.timedelta(days=1))

    assert refused.value.message_dict["first_meeting_on"] == ["De eerste vergadering ligt niet in het verleden."]
    assert not Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()


def test_the_support_group_gets_the_assignment_to_start_and_follow_up_the_group(beleidsgroep, support, people):
    due = timezone.localdate() + datetime.timedelta(days=60)

    group = start(beleidsgroep, people, due_date=due)

    assignment = Assignment.objects.get(working_group=group)
    assert (assignment.from_body, assignment.to_body) == (beleidsgroep, support)
    assert assignment.display_title == "Werkgroep Vorming opstarten en opvolgen"
    assert assignment.mandate == beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN)
    assert assignment.due_date == due


def test_a_name_without_the_word_working_group_gets_it_in_the_title(beleidsgroep, people):
    group = start(beleidsgroep, people, name="Vorming")

    assert Assignment.objects.get(working_group=group).display_title == "Werkgroep Vorming opstarten en opvolgen"


def test_the_assignment_stores_the_groups_name_and_no_sentence_in_one_language(beleidsgroep, people):
    group = start(beleidsgroep, people, name="Vorming")

    assert Assignment.objects.get(working_group=group).title == "Vorming"


@pytest.mark.parametrize("old", ["Werkgroep Vorming opstarten en opvolgen", "Vorming opstarten en opvolgen"])
def test_the_data_migration_keeps_only_the_groups_name_of_a_generated_title(beleidsgroep, people, old):
    group = start(beleidsgroep, people, name="Vorming")
    Assignment.objects.filter(working_group=group).update(title=old)

    founding_titles.keep_the_group_name(apps, None)

    assert Assignment.objects.get(working_group=group).title == "Vorming"


def test_the_data_migration_leaves_a_rewritten_title_alone(beleidsgroep, people):
    group = start(beleidsgroep, people, name="Vorming")
    Assignment.objects.filter(working_group=group).update(title="Vormingsplan uitwerken")

    founding_titles.keep_the_group_name(apps, None)

    assert Assignment.objects.get(working_group=group).title == "Vormingsplan uitwerken"


def test_an_english_reader_reads_the_assignments_title_in_english(beleidsgroep, people):
    group = start(beleidsgroep, people, name="Vorming")
    assignment = Assignment.objects.get(working_group=group)

    with english({"Werkgroep %(name)s opstarten en opvolgen": "Start and follow up working group %(name)s"}):
        assert assignment.display_title == "Start and follow up working group Vorming"


def test_the_support_group_starts_a_working_group_it_steers_itself_without_assignment(support, people):
    group = start(support, people, due_date=None)

    assert group.parent == support
    assert not Assignment.objects.exists()


def test_a_body_without_assign_or_steer_mandate_cannot_start_a_working_group(network, people):
    with pytest.raises(ValidationError) as error:
        start(body(network, seed.FORUM), people)

    assert "Netwerk Forum kan geen themawerkgroep opstarten" in " ".join(error.value.messages)
    assert not Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()


def test_an_assign_mandate_that_ended_yesterday_starts_no_working_group(beleidsgroep, people):
    Mandate.objects.filter(body=beleidsgroep, kind=Mandate.Kind.ASSIGN).update(
        valid_until=timezone.localdate() - ONE_DAY
    )

    with pytest.raises(ValidationError, match="kan geen themawerkgroep opstarten"):
        start(beleidsgroep, people)


def test_a_person_of_another_network_is_refused_and_nothing_is_created(beleidsgroep, people, other_network):
    stranger = PersonFactory(network=other_network, name="Piet Anders")

    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, [*people, stranger])

    assert error.value.message_dict["members"] == ["Kies alleen personen van dit netwerk."]
    assert not Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()
    assert not Membership.objects.filter(person=stranger, body__network=beleidsgroep.network).exists()


def test_a_working_group_needs_a_member(beleidsgroep):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, [])

    assert "members" in error.value.message_dict


def test_a_working_group_needs_a_task(beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, tasks=["", "  "])

    assert "tasks" in error.value.message_dict


def test_an_unreadable_rule_is_refused_with_the_models_message(beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, rrule="FREQ=SOMETIMES")

    assert error.value.message_dict["rrule"][0].startswith("Onleesbare herhalingsregel")
    assert not Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=DAILY;COUNT=1000000", "FREQ=WEEKLY;INTERVAL=100000"])
def test_a_rule_that_is_no_meeting_rhythm_is_refused_naming_what_is_allowed(beleidsgroep, people, rule):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, rrule=rule)

    message = error.value.message_dict["rrule"][0]
    assert message.startswith(f"Deze herhalingsregel is geen vergaderritme: {rule}. Toegelaten: FREQ=DAILY, WEEKLY")
    assert not Body.objects.filter(kind=Body.Kind.WORKING_GROUP).exists()


def test_a_name_already_used_in_the_network_is_refused(beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, name="kernteam")

    assert error.value.message_dict["name"] == ["Er bestaat al een orgaan met de naam kernteam."]


def test_the_slug_stays_unique_when_another_name_gives_the_same_one(network, beleidsgroep, people):
    BodyFactory(network=network, name="Werkgroep vorming!", slug="werkgroep-vorming")

    assert start(beleidsgroep, people).slug == "werkgroep-vorming-2"


def test_the_due_date_of_the_follow_up_is_required(beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, due_date=None)

    assert "due_date" in error.value.message_dict


def test_the_due_date_of_the_follow_up_may_not_lie_in_the_past(beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, due_date=timezone.localdate() - ONE_DAY)

    assert "due_date" in error.value.message_dict


def test_a_steering_body_outside_the_mandate_is_refused(network, beleidsgroep, people):
    with pytest.raises(ValidationError) as error:
        start(beleidsgroep, people, steered_by=body(network, seed.KERNTEAM))

    assert error.value.message_dict["steered_by"] == [
        "Een werkgroep van Beleidsgroep wordt aangestuurd door Inhoudelijke Ondersteuningsgroep."
    ]
