"""Making and changing project sheets: the rules hold whoever calls, each change is in the history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import BodyFactory, PersonFactory
from projects.models import Project
from projects.services import project_create, project_update
from projects.tests.factories import ProjectFactory, beleidsgroep

pytestmark = pytest.mark.django_db


def create(network, **overrides):
    return project_create(
        **{"network": network, "title": "Eén gezin, één plan", "body": beleidsgroep(network), **overrides}
    )


def update(project, **overrides):
    values = {
        "title": project.title,
        "goal": project.goal,
        "description": project.description,
        "body": project.body,
        "lead": project.lead,
        "status": project.status,
        "start_date": project.start_date,
        "end_date": project.end_date,
    }
    return project_update(project=project, **{**values, **overrides})


def test_it_makes_a_project_in_preparation_by_its_author(network, coordinator):
    lead = PersonFactory(network=network, name="Nele Goossens")

    project = create(network, goal="  Minder wachttijd.  ", lead=lead, by=coordinator)

    assert (project.status, project.goal, project.lead, project.created_by) == (
        Project.Status.PREPARING, "Minder wachttijd.", lead, coordinator,
    )
    assert project.history.get().history_user == coordinator


def test_a_person_who_runs_no_body_cannot_make_a_project_whoever_calls(network, voting_member):
    with pytest.raises(PermissionDenied):
        create(network, by=voting_member)
    assert not Project.objects.exists()


def test_a_chair_makes_projects_only_under_the_body_they_run(network, chair):
    assert create(network, by=chair).body == beleidsgroep(network)
    kernteam = Body.objects.get(network=network, slug="kernteam")

    with pytest.raises(PermissionDenied):
        create(network, title="Crisisopvang", body=kernteam, by=chair)


def test_a_chair_cannot_change_a_project_of_another_body_nor_move_one_there(network, chair, coordinator):
    kernteam = Body.objects.get(network=network, slug="kernteam")
    elsewhere = create(network, title="Crisisopvang", body=kernteam, by=coordinator)
    own = create(network, by=chair)

    with pytest.raises(PermissionDenied):
        update(elsewhere, title="Crisisopvang 2", by=chair)
    with pytest.raises(PermissionDenied):
        update(own, body=kernteam, by=chair)
    assert Project.objects.filter(body=kernteam).get() == elsewhere
    assert (elsewhere.history.count(), own.history.count()) == (1, 1)


def test_it_refuses_a_title_the_network_already_has_in_other_capitals(network):
    create(network, title="Crisisopvang")

    with pytest.raises(ValidationError) as error:
        create(network, title="  CRISISOPVANG ")

    assert error.value.message_dict == {"title": ["Er bestaat al een project met deze titel."]}
    assert Project.objects.count() == 1


def test_another_network_may_use_the_same_title(network):
    other = BodyFactory(name="Stuurgroep")
    create(network, title="Crisisopvang")

    project_create(network=other.network, title="Crisisopvang", body=other)

    assert Project.objects.count() == 2


def test_a_race_past_the_check_ends_in_the_same_refusal(network, monkeypatch):
    create(network, title="Crisisopvang")
    # Both submits passed the check before either saved: the database constraint decides.
    monkeypatch.setattr(Project, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(ValidationError) as error:
        create(network, title="crisisopvang")

    assert error.value.message_dict == {"title": ["Er bestaat al een project met deze titel."]}
    assert Project.objects.count() == 1


def test_the_database_refuses_a_duplicate_title_on_its_own(network):
    create(network, title="Crisisopvang")

    with pytest.raises(IntegrityError):
        Project.objects.create(network=network, title="CrisisOpvang", body=beleidsgroep(network))


def test_it_refuses_an_end_before_the_start(network):
    with pytest.raises(ValidationError) as error:
        create(network, start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 2, 1))

    assert error.value.message_dict == {"end_date": ["Het einde ligt voor de start."]}


@pytest.mark.parametrize("field", ["body", "lead"])
def test_it_refuses_a_body_or_lead_of_another_network(network, field):
    elsewhere = BodyFactory(name="Stuurgroep")
    other = {"body": elsewhere, "lead": PersonFactory(network=elsewhere.network)}[field]

    with pytest.raises(ValidationError) as error:
        create(network, **{field: other})

    assert list(error.value.message_dict) == [field]
    assert not Project.objects.exists()


def test_it_refuses_a_title_longer_than_the_sheet_holds(network):
    # The long texts (goal, approach) are bounded by the form; the page tests show that.
    with pytest.raises(ValidationError) as error:
        create(network, title="x" * 201)

    assert list(error.value.message_dict) == ["title"]


def test_changing_the_status_archives_the_project_and_keeps_who_did_it(network, coordinator):
    project = create(network)

    assert update(project, status=Project.Status.FINISHED, by=coordinator) is True

    project.refresh_from_db()
    assert not project.is_active
    assert not Project.objects.active().exists()
    latest = project.history.latest()
    assert (latest.status, latest.history_user) == (Project.Status.FINISHED, coordinator)


def test_an_unchanged_sheet_writes_no_history(network, coordinator):
    project = create(network)

    assert update(project, title=" Eén gezin, één plan ", by=coordinator) is False
    assert project.history.count() == 1


def test_a_refused_change_leaves_the_object_as_stored(network):
    create(network, title="Crisisopvang")
    project = create(network, title="Wachtlijsten")

    with pytest.raises(ValidationError):
        update(project, title="crisisopvang", body=Body.objects.get(network=network, name=seed.KERNTEAM))

    assert (project.title, project.body) == ("Wachtlijsten", beleidsgroep(network))
    project.refresh_from_db()
    assert project.title == "Wachtlijsten"


def test_a_project_keeps_its_own_title_when_changed(network):
    project = ProjectFactory(network=network, title="Crisisopvang")

    assert update(project, title="CRISISOPVANG") is True
    project.refresh_from_db()
    assert project.title == "CRISISOPVANG"
