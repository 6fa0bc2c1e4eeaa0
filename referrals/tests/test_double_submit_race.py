"""A double submit of each create form of decisions, advice and assignments makes one row (core.submissions).

Two requests with the same form key at the same moment, each on its own connection;
the second waits for the first (PostgreSQL: on the key's unique index; SQLite: for the
write lock of its immediate transaction) and is then sent where the first led.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from bodies.models import Body, Seat
from bodies.tests.factories import MembershipFactory, PersonFactory, UserFactory
from core.tests.helpers import keyed
from core.tests.race import assert_one_went_through, submit_twice_at_once
from meetings.models import Decision
from referrals.models import Advice, Assignment
from meetings.tests.helpers import meeting_of

pytestmark = pytest.mark.django_db(transaction=True)

SOON = timezone.localdate() + datetime.timedelta(days=30)


def body(network, slug) -> Body:
    return Body.objects.get(network=network, slug=slug)


def test_a_double_submit_proposes_one_decision(network, voting_member):
    meeting = meeting_of(network)
    target = reverse("meetings:decision_propose", kwargs={"network": network.slug, "meeting": meeting.pk})
    form = {"domain": "finance", "text": "Aankoop van twee laptops", "amount_eur": ""}

    responses = submit_twice_at_once(voting_member, target, lambda key: keyed(form, key=key))

    assert Decision.objects.filter(meeting=meeting).count() == 1
    assert_one_went_through(responses, to=meeting.get_absolute_url())


def test_a_double_submit_gives_one_advice(network):
    seat = Seat.objects.get(body__network=network, body__name=seed.FORUM, role__name="Vertegenwoordiger sector")
    officer = UserFactory(username="forumvoorzitter")
    MembershipFactory(seat=seat, person=PersonFactory(network=network, user=officer), office="chair")
    target = reverse("referrals:advice_give", kwargs={"network": network.slug, "body": "forum"})
    form = {
        "to_body": body(network, "beleidsgroep").pk,
        "domain": "policy",
        "subject": "Wachtlijsten",
        "text": "Maak de wachtlijsten zichtbaar.",
    }

    responses = submit_twice_at_once(officer, target, lambda key: keyed(form, key=key))

    advice = Advice.objects.get()
    assert_one_went_through(responses, to=reverse("referrals:advice", kwargs={"network": network.slug, "pk": advice.pk}))


def test_a_double_submit_gives_one_assignment(network, chair):
    target = reverse("referrals:assignment_give", kwargs={"network": network.slug, "body": "beleidsgroep"})
    form = {
        "to_body": body(network, "ondersteuningsgroep").pk,
        "title": "Procedure crisisopvang",
        "description": "Werk een procedure uit.",
        "due_date": SOON.isoformat(),
    }

    responses = submit_twice_at_once(chair, target, lambda key: keyed(form, key=key))

    assignment = Assignment.objects.get(working_group=None)
    assert_one_went_through(
        responses, to=reverse("referrals:assignment", kwargs={"network": network.slug, "pk": assignment.pk})
    )


def test_a_double_submit_starts_one_working_group(network, chair):
    people = [PersonFactory(network=network, name="Nele Goossens"), PersonFactory(network=network, name="Emma Hermans")]
    target = reverse("referrals:working_group_start", kwargs={"network": network.slug, "body": "beleidsgroep"})
    form = {
        "name": "Werkgroep Vorming",
        "tasks": "Vormingsaanbod in kaart brengen.",
        "members": [person.pk for person in people],
        "cadence_description": "1 X per maand",
        "rhythm": "monthly",
        "every_months": "1",
        "ordinal": "1",
        "weekday": "TU",
        "start_time": "19:30",
        "first_meeting_on": (SOON + datetime.timedelta(days=1)).isoformat(),
        "due_date": (SOON + datetime.timedelta(days=30)).isoformat(),
    }

    responses = submit_twice_at_once(chair, target, lambda key: keyed(form, key=key))

    group = Body.objects.get(kind=Body.Kind.WORKING_GROUP)
    assert_one_went_through(
        responses, to=reverse("pages:body", kwargs={"network": network.slug, "body": group.slug})
    )
