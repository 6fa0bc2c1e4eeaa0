"""Two submits of the same new project at the same moment leave one project."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from projects.models import Project
from projects.services import project_create
from projects.tests.factories import beleidsgroep

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_creates_leave_one_project(network, coordinator):
    body = beleidsgroep(network)
    start = threading.Barrier(2)
    outcomes = []

    def create():
        try:
            start.wait()
            project_create(network=network, title="Crisisopvang", body=body, by=coordinator)
            outcomes.append("made")
        except ValidationError as error:
            outcomes.append(error.message_dict)
        except OperationalError:
            outcomes.append("locked")
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Project.objects.count() == outcomes.count("made") <= 1
    # PostgreSQL lets both check, then the unique constraint refuses the second
    # writer; SQLite makes the second wait for the first commit, and its check refuses
    # it. Either way it gets the rule's message at the title.
    assert sorted(map(str, outcomes)) == sorted(["made", str({"title": ["Er bestaat al een project met deze titel."]})])
