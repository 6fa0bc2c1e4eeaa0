"""Advice and assignments stay within one network, however they are written (service, admin, shell)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory
from referrals.models import Advice, Assignment

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "record",
    [
        lambda forum, mandate, foreign: Advice(
            from_body=forum, to_body=foreign, mandate=mandate, domain="policy", subject="S", text="T",
            given_on=datetime.date(2026, 12, 1),
        ),
        lambda forum, mandate, foreign: Assignment(
            from_body=forum, to_body=foreign, mandate=mandate, title="T", due_date=datetime.date(2026, 12, 31),
            given_on=datetime.date(2026, 12, 1),
        ),
    ],
    ids=["advice", "assignment"],
)
def test_a_body_of_another_network_is_refused_at_the_receiving_end(network, other_network, record):
    forum = Body.objects.get(network=network, name=seed.FORUM)
    mandate = Mandate.objects.filter(body=forum).first()
    foreign = BodyFactory(network=other_network)

    with pytest.raises(ValidationError) as refused:
        record(forum, mandate, foreign).full_clean(exclude=["given_by"])
    assert refused.value.message_dict["to_body"] == ["Dit orgaan hoort bij een ander netwerk."]
