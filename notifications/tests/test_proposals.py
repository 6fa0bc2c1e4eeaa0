"""Proposals for the agenda: who runs the body hears of a new one, its proposer of what became of it."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bodies.models import Person
from core.dates import long_date
from meetings.tests.factories import MeetingFactory
from meetings.services import agenda as services
from notifications.models import Kind, Notification, NotificationPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(beleidsgroep, members):
    """A Beleidsgroep meeting a month from today: proposals are open."""
    return MeetingFactory(body=beleidsgroep, date=timezone.localdate() + datetime.timedelta(days=30))


def person(user) -> Person:
    return Person.objects.get(user=user)


def propose(meeting, user, title="Wachtlijsten jeugdhulp", **kwargs):
    return services.agenda_item_propose(meeting=meeting, by=user, person=person(user), title=title, **kwargs)


def proposed(meeting, user, capture):
    """A proposal whose announcement to who runs the body has gone out already."""
    with capture(execute=True):
        item = propose(meeting, user)
    mail.outbox.clear()
    return item


def recipients(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__name", flat=True))


def test_a_new_proposal_is_told_to_who_runs_the_body_not_to_the_other_members(
    meeting, voting_member, member_without_vote, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = propose(meeting, voting_member)

    # The chair of the Beleidsgroep and the coordinator; the expert and the proposer are not told.
    assert recipients(Kind.PROPOSAL_RECEIVED) == {"An Maes", "Sara Peeters"}
    assert set(Notification.objects.values_list("object_key", flat=True)) == {f"proposal:{item.pk}"}
    assert {message.subject for message in mail.outbox} == {
        f"Nieuw voorstel voor Beleidsgroep van {long_date(meeting.date)}: Wachtlijsten jeugdhulp"
    }
    message = mail.outbox[0]
    assert "Er is een nieuw voorstel voor de agenda van Beleidsgroep: “Wachtlijsten jeugdhulp”." in message.body
    assert f"/meetings/{meeting.pk}/agenda/#proposal-{item.pk}" in message.body


def test_who_runs_the_body_and_proposes_is_not_told_of_their_own_proposal(meeting, coordinator, chair):
    propose(meeting, chair)

    assert recipients(Kind.PROPOSAL_RECEIVED) == {"Sara Peeters"}


def test_the_proposer_hears_that_the_proposal_is_on_the_agenda(
    meeting, voting_member, chair, django_capture_on_commit_callbacks
):
    item = proposed(meeting, voting_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_proposal_accept(item=item, by=chair)

    assert recipients(Kind.PROPOSAL_DECIDED) == {"Tom Janssens"}
    [message] = mail.outbox
    assert message.subject == f"Je voorstel voor Beleidsgroep van {long_date(meeting.date)}: Wachtlijsten jeugdhulp"
    assert "Je voorstel “Wachtlijsten jeugdhulp” staat op de agenda van Beleidsgroep." in message.body
    assert f"/meetings/{meeting.pk}/agenda/#mine-heading" in message.body


def test_the_proposer_hears_into_which_item_the_proposal_was_merged(
    meeting, voting_member, chair, django_capture_on_commit_callbacks
):
    target = services.agenda_item_add(meeting=meeting, by=chair, title="Jaarplan 2027")
    item = proposed(meeting, voting_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_proposal_merge(item=item, into=target, by=chair)

    [message] = mail.outbox
    assert "is samengevoegd met het punt “Jaarplan 2027” van de agenda van Beleidsgroep" in message.body
    assert Notification.objects.get(kind=Kind.PROPOSAL_DECIDED).object_key == f"proposal:{item.pk}:merged"


def test_the_proposer_hears_why_the_proposal_was_declined(
    meeting, voting_member, chair, django_capture_on_commit_callbacks
):
    item = proposed(meeting, voting_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_proposal_decline(item=item, reason="Hoort bij de <b>Kernteam</b>vergadering.", by=chair)

    [message] = mail.outbox
    assert "Je voorstel “Wachtlijsten jeugdhulp” komt niet op de agenda van Beleidsgroep." in message.body
    assert "Reden: Hoort bij de <b>Kernteam</b>vergadering." in message.body
    html = message.alternatives[0][0]
    assert "Reden: Hoort bij de &lt;b&gt;Kernteam&lt;/b&gt;vergadering." in html


def test_a_proposer_who_decides_on_their_own_proposal_is_not_told(meeting, chair, coordinator):
    item = propose(meeting, chair)

    services.agenda_proposal_accept(item=item, by=chair)

    assert not Notification.objects.filter(kind=Kind.PROPOSAL_DECIDED).exists()


def test_a_proposer_who_opted_out_gets_no_mail(meeting, voting_member, chair, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=voting_member, proposal_decided=False)
    item = proposed(meeting, voting_member, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_proposal_accept(item=item, by=chair)

    assert mail.outbox == []
    assert Notification.objects.get(kind=Kind.PROPOSAL_DECIDED).state == Notification.State.SKIPPED
