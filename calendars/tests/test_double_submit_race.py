"""A double click on "new link" makes one link, not a link revoked at once by its twin."""

import pytest
from django.urls import reverse

from calendars.models import FeedToken
from core.tests.helpers import keyed
from core.tests.race import assert_one_went_through, submit_twice_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_double_submit_makes_one_link(voting_member):
    target = reverse("calendars:token_new")

    responses = submit_twice_at_once(voting_member, target, lambda key: keyed(key=key))

    assert FeedToken.objects.filter(user=voting_member).count() == 1
    assert FeedToken.objects.live().filter(user=voting_member).count() == 1
    assert_one_went_through(responses, to=reverse("calendars:subscription"))
