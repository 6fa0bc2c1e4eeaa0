"""Ex-officio members of the seed network (issue 11, point 1), purpose by purpose.

Tom Janssens (`voting_member`) sits in the Kernteam; the Kernteam fills a seat with vote
in the Forum and in the support group, so Tom sits there too.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import seed
from bodies.models import Mandate, Seat
from bodies.tests.factories import MandateFactory, MembershipFactory, PersonFactory, SeatFactory
from calendars.selectors import personal_meetings
from meetings.services.decisions import decision_propose, decision_vote, meeting_quorum
from meetings.selectors.meetings import member_lines, my_overview
from meetings.services.conduct import attendance_reply
from meetings.services.meetings import attendance_record
from notifications.models import Kind, Notification
from notifications.planning import plan_due
from notifications.receivers import on_agenda_published

from .helpers import MEETING_DAY, body, meeting_of, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_meeting(network):
    return meeting_of(network, seed.FORUM)


@pytest.fixture
def kernteam_only(network):
    """A Kernteam member who sits nowhere else in person (Tom also sits in the Beleidsgroep)."""
    seat = Seat.objects.get(body=body(network, seed.KERNTEAM), role__name="Kernpartner")
    return MembershipFactory(seat=seat, person=PersonFactory(network=network)).person


def kernteam_seat_in_forum(network) -> Seat:
    return Seat.objects.get(body=body(network, seed.FORUM), filled_by_body=body(network, seed.KERNTEAM))


def forum_decides(network):
    """The seed's Forum only advises; a decide mandate lets its Kernteam seat's vote show."""
    MandateFactory(body=body(network, seed.FORUM), kind=Mandate.Kind.DECIDE, domains=["finance"], is_unlimited=True)


def recipients(kind) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


# --- invited ---------------------------------------------------------------------------------


def test_a_kernteam_member_is_invited_when_the_forum_publishes_its_agenda(forum_meeting, voting_member, forum_member):
    on_agenda_published(sender=None, meeting=forum_meeting)

    assert recipients(Kind.AGENDA_PUBLISHED) == {person(voting_member).pk, person(forum_member).pk}


def test_a_kernteam_member_gets_the_forum_meetings_reminder(network, voting_member):
    meeting = meeting_of(network, seed.FORUM, timezone.localdate() + datetime.timedelta(days=30))
    days = max(meeting.body.reminder_day_list)
    when = timezone.make_aware(datetime.datetime.combine(meeting.date - datetime.timedelta(days=days), datetime.time(9)))

    plan_due(now=when)

    assert person(voting_member).pk in recipients(Kind.MEETING_REMINDER)


def test_a_kernteam_member_replies_to_the_forum_meetings_invitation(forum_meeting, voting_member):
    attendance = attendance_reply(
        meeting=forum_meeting,
        person=person(voting_member),
        reply="attending",
        today=MEETING_DAY - datetime.timedelta(days=3),
    )
    assert attendance.reply == "attending"


@pytest.mark.parametrize("size", [1, 8])
def test_inviting_costs_the_same_queries_for_1_or_8_ex_officio_members(
    network, forum_meeting, size, django_assert_max_num_queries
):
    seat = SeatFactory(body=body(network, seed.KERNTEAM), count=None)
    for _ in range(size):
        MembershipFactory(seat=seat, person=PersonFactory(network=network))
    # Seats filled by another body, the memberships seating someone, the insert.
    with django_assert_max_num_queries(3):
        on_agenda_published(sender=None, meeting=forum_meeting)
    assert Notification.objects.filter(kind=Kind.AGENDA_PUBLISHED).count() == size


# --- attendance --------------------------------------------------------------------------------


def test_the_attendance_form_lists_a_kernteam_member_once_with_each_forum_seat_they_sit_on(
    forum_meeting, voting_member, kernteam_only
):
    lines = {line.person: line for line in member_lines(forum_meeting)}

    assert lines[kernteam_only].roles == ["Kernteam"] and lines[kernteam_only].has_voting_right
    assert lines[person(voting_member)].roles == ["Kernteam", "Leden van de beleidsgroep"]
    assert len(lines) == 2


def test_the_attendance_of_a_kernteam_member_is_recorded_at_the_forum(forum_meeting, voting_member):
    (attendance,) = attendance_record(meeting=forum_meeting, statuses={person(voting_member).pk: "present"})
    assert attendance.person == person(voting_member)


# --- quorum and votes ------------------------------------------------------------------------


def test_the_forums_quorum_counts_the_kernteam_members_on_its_voting_seat(
    forum_meeting, voting_member, coordinator, forum_member
):
    attendance_record(meeting=forum_meeting, statuses={person(voting_member).pk: "present"})

    quorum = meeting_quorum(forum_meeting)

    # Tom and Sara through the Kernteam seat (Sara also through the Beleidsgroep's), Julie in person.
    assert (quorum.present, quorum.voting_members) == (1, 3)


@pytest.mark.parametrize("size", [1, 8])
def test_the_quorum_costs_the_same_queries_for_1_or_8_ex_officio_members(
    network, forum_meeting, size, django_assert_num_queries
):
    seat = SeatFactory(body=body(network, seed.KERNTEAM), count=None)
    for _ in range(size):
        MembershipFactory(seat=seat, person=PersonFactory(network=network))
    # Seats filled by another body, the memberships seating someone, the count present.
    with django_assert_num_queries(3):
        assert meeting_quorum(forum_meeting).voting_members == size


def test_a_kernteam_member_present_votes_at_the_forum_where_the_kernteam_seat_votes(
    network, forum_meeting, voting_member
):
    forum_decides(network)
    attendance_record(meeting=forum_meeting, statuses={person(voting_member).pk: "present"})
    decision = decision_propose(
        meeting=forum_meeting, domain="finance", text="Drukwerk", amount_eur=Decimal("100"), by=None
    )

    vote = decision_vote(decision=decision, person=person(voting_member), choice="for")

    assert vote.choice == "for"


def test_a_kernteam_member_is_refused_a_vote_where_the_kernteam_seat_has_none(network, forum_meeting, kernteam_only):
    forum_decides(network)
    seat = kernteam_seat_in_forum(network)
    seat.has_voting_right = False
    seat.save()
    attendance_record(meeting=forum_meeting, statuses={kernteam_only.pk: "present"})
    decision = decision_propose(
        meeting=forum_meeting, domain="finance", text="Drukwerk", amount_eur=Decimal("100"), by=None
    )

    with pytest.raises(ValidationError, match="Alleen leden met stemrecht"):
        decision_vote(decision=decision, person=kernteam_only, choice="for")


# --- Mijn overzicht and feeds ------------------------------------------------------------------


def test_mijn_overzicht_shows_the_forum_and_its_meeting_to_a_kernteam_member(network, kernteam_only):
    today = timezone.localdate()
    meeting = meeting_of(network, seed.FORUM, today + datetime.timedelta(days=5))

    overview = my_overview(network, kernteam_only.user, today)

    forum = next(mine for mine in overview.memberships if mine.body.name == seed.FORUM)
    assert forum.roles == ["Kernteam"] and forum.has_voting_right and forum.offices == []
    assert [mine.meeting for mine in overview.meetings] == [meeting]


def test_the_personal_feed_holds_the_forum_meeting_of_a_kernteam_member(network, voting_member):
    today = timezone.localdate()
    meeting = meeting_of(network, seed.FORUM, today + datetime.timedelta(days=5))

    assert list(personal_meetings(voting_member, today)) == [meeting]
