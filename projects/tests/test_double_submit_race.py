"""A double submit of a new project sheet makes one project and sends both submits to it.

The title's unique constraint already kept a second project out; the form key
(core.submissions) makes the second submit land on the first one's project instead
of an error about its own title.
"""

import pytest
from django.urls import reverse

from core.tests.helpers import keyed
from core.tests.race import assert_one_went_through, submit_twice_at_once
from projects.models import Project
from projects.tests.factories import beleidsgroep

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_submit_makes_one_project(network, coordinator):
    target = reverse("projects:create", kwargs={"network": network.slug})
    form = {"title": "Crisisopvang", "body": beleidsgroep(network).pk, "status": "preparing"}

    responses = submit_twice_at_once(coordinator, target, lambda key: keyed(form, key=key))

    project = Project.objects.get()
    assert_one_went_through(responses, to=project.get_absolute_url())
