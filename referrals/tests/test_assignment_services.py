"""The rules of assignments, on the seed network: who may assign what to whom, and the report back."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import seed
from bodies.models import Body, Mandate
from referrals.models import Assignment
from referrals.services.assignments import assignment_give, assignment_report

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


def give(from_body, to_body, *, due_date=None, user=None) -> Assignment:
    return assignment_give(
        from_body=from_body,
        to_body=to_body,
        title="Procedure crisisopvang",
        description="Werk een procedure uit.",
        due_date=due_date or timezone.localdate() + datetime.timedelta(days=30),
        by=user,
    )


def message(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_the_beleidsgroep_gives_the_support_group_an_assignment(beleidsgroep, support, chair):
    assignment = give(beleidsgroep, support, user=chair)

    assert assignment.mandate == beleidsgroep.mandates.get(kind=Mandate.Kind.ASSIGN)
    assert assignment.given_on == timezone.localdate()
    assert assignment.given_by == chair
    assert assignment.is_open


def test_an_assignment_outside_the_mandates_targets_is_refused(network, beleidsgroep, chair):
    with pytest.raises(ValidationError) as error:
        give(beleidsgroep, body(network, seed.KERNTEAM), user=chair)

    assert "Beleidsgroep geeft alleen opdrachten aan Inhoudelijke Ondersteuningsgroep, niet aan Kernteam" in message(
        error
    )
    assert not Assignment.objects.exists()


def test_a_body_without_an_assign_mandate_cannot_give_assignments(network, support, coordinator):
    with pytest.raises(ValidationError) as error:
        give(body(network, seed.FORUM), support, user=coordinator)

    assert "Netwerk Forum heeft vandaag geen geldig mandaat om opdrachten te geven" in message(error)


def test_an_assign_mandate_that_ended_yesterday_no_longer_holds(beleidsgroep, support, chair):
    Mandate.objects.filter(body=beleidsgroep, kind=Mandate.Kind.ASSIGN).update(
        valid_until=timezone.localdate() - ONE_DAY
    )

    with pytest.raises(ValidationError, match="geen geldig mandaat om opdrachten te geven"):
        give(beleidsgroep, support, user=chair)


def test_an_assign_mandate_holds_on_its_first_day(beleidsgroep, support, chair):
    Mandate.objects.filter(body=beleidsgroep, kind=Mandate.Kind.ASSIGN).update(valid_from=timezone.localdate())

    assert give(beleidsgroep, support, user=chair).pk


def test_the_due_date_may_be_today(beleidsgroep, support, chair):
    assert give(beleidsgroep, support, due_date=timezone.localdate(), user=chair).pk


def test_the_due_date_may_not_lie_in_the_past(beleidsgroep, support, chair):
    with pytest.raises(ValidationError) as error:
        give(beleidsgroep, support, due_date=timezone.localdate() - ONE_DAY, user=chair)

    assert error.value.message_dict["due_date"] == ["De datum voor de terugkoppeling ligt in het verleden."]


# Reporting back ------------------------------------------------------------------------


@pytest.fixture
def assignment(beleidsgroep, support, chair):
    return give(beleidsgroep, support, user=chair)


def test_the_receiving_body_reports_back(assignment, coordinator):
    reported = assignment_report(assignment=assignment, report="  Procedure klaar.  ", by=coordinator)

    assert reported.report == "Procedure klaar."
    assert reported.reported_on == timezone.localdate()
    assert reported.reported_by == coordinator
    assert not reported.is_open


def test_an_empty_report_is_refused(assignment, coordinator):
    with pytest.raises(ValidationError) as error:
        assignment_report(assignment=assignment, report=" \n ", by=coordinator)

    assert "report" in error.value.message_dict
    assignment.refresh_from_db()
    assert assignment.is_open


def test_an_assignment_is_reported_back_only_once(assignment, coordinator, chair):
    assignment_report(assignment=assignment, report="Procedure klaar.", by=coordinator)

    with pytest.raises(ValidationError, match="al teruggekoppeld"):
        assignment_report(assignment=assignment, report="Nog eens.", by=coordinator)

    assignment.refresh_from_db()
    assert (assignment.report, assignment.reported_by) == ("Procedure klaar.", coordinator)
