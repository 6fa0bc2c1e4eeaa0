"""The meeting itself, as services: replies, substitutes, minutes, action items and their approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bodies import seed
from bodies.tests.factories import PersonFactory
from decisions.services.decisions import meeting_quorum
from decisions.tests.factories import AgendaItemFactory
from meetings import signals
from meetings.models import ActionItem, AgendaItem, Attendance, Meeting
from meetings.selectors.meetings import open_action_items
from meetings.services.conduct import (
    action_item_create,
    action_item_done,
    attendance_reply,
    meeting_minutes_save,
    minutes_approve,
    minutes_submit,
    next_meeting,
)
from meetings.services.meetings import attendance_record

from .helpers import MEETING_DAY, body, meeting_of, person

pytestmark = pytest.mark.django_db

BEFORE = MEETING_DAY - datetime.timedelta(days=3)
AFTER = MEETING_DAY + datetime.timedelta(days=3)


@pytest.fixture
def meeting(network):
    return meeting_of(network)


# Replies ---------------------------------------------------------------------------------


def test_an_invited_member_says_they_come_and_may_change_their_mind(meeting, voting_member):
    attendance_reply(meeting=meeting, person=person(voting_member), reply="attending", today=BEFORE)
    attendance = attendance_reply(meeting=meeting, person=person(voting_member), reply="not_attending", today=BEFORE)

    assert attendance.reply == "not_attending"
    assert attendance.replied_at is not None
    assert attendance.status == ""
    assert Attendance.objects.count() == 1
    assert attendance.history.count() == 2


def test_a_reply_leaves_the_recorded_attendance_alone(meeting, coordinator, voting_member):
    attendance_record(meeting=meeting, statuses={person(voting_member).pk: "present"})

    attendance_reply(meeting=meeting, person=person(voting_member), reply="not_attending", today=MEETING_DAY)

    assert Attendance.objects.get().status == "present"


def test_a_reply_on_the_meeting_day_itself_is_accepted(meeting, voting_member):
    attendance_reply(meeting=meeting, person=person(voting_member), reply="attending", today=MEETING_DAY)

    assert Attendance.objects.get().reply == "attending"


def test_no_reply_after_the_meeting(meeting, voting_member):
    with pytest.raises(ValidationError, match="Deze vergadering is voorbij"):
        attendance_reply(meeting=meeting, person=person(voting_member), reply="attending", today=AFTER)
    assert not Attendance.objects.exists()


def test_no_reply_to_a_cancelled_meeting(network, voting_member):
    meeting = meeting_of(network, status=Meeting.Status.CANCELLED)

    with pytest.raises(ValidationError, match="geannuleerd"):
        attendance_reply(meeting=meeting, person=person(voting_member), reply="attending", today=BEFORE)


def test_only_members_of_the_body_on_the_date_are_invited(meeting, forum_member):
    with pytest.raises(ValidationError, match="Alleen wie op 01-12-2026 lid is van Kernteam"):
        attendance_reply(meeting=meeting, person=person(forum_member), reply="attending", today=BEFORE)


def test_an_unknown_reply_is_refused(meeting, voting_member):
    with pytest.raises(ValidationError, match="Kies of je komt of niet"):
        attendance_reply(meeting=meeting, person=person(voting_member), reply="maybe", today=BEFORE)


# Attendance with a substitute ---------------------------------------------------------


def test_a_member_who_sends_someone_is_recorded_substituted_with_the_substitute(network, meeting, voting_member):
    deputy = PersonFactory(network=network, name="Karel Plaatsvervanger")

    attendance_record(
        meeting=meeting, statuses={person(voting_member).pk: "substituted"}, substitutes={person(voting_member).pk: deputy.pk}
    )

    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.substitute) == ("substituted", deputy)


def test_substituted_without_a_substitute_is_refused(meeting, voting_member):
    with pytest.raises(ValidationError, match="Kies wie in de plaats kwam"):
        attendance_record(meeting=meeting, statuses={person(voting_member).pk: "substituted"})
    assert not Attendance.objects.exists()


def test_a_substitute_from_another_network_is_refused(meeting, voting_member, other_network_member):
    with pytest.raises(ValidationError, match="Een vervanger moet bij dit netwerk horen"):
        attendance_record(
            meeting=meeting,
            statuses={person(voting_member).pk: "substituted"},
            substitutes={person(voting_member).pk: person(other_network_member).pk},
        )
    assert not Attendance.objects.exists()


def test_a_member_cannot_substitute_themselves(meeting, voting_member):
    me = person(voting_member).pk
    with pytest.raises(ValidationError, match="zichzelf niet vervangen"):
        attendance_record(meeting=meeting, statuses={me: "substituted"}, substitutes={me: me})


def test_a_substitute_for_a_member_marked_present_is_refused_and_nothing_changes(network, meeting, voting_member):
    deputy = PersonFactory(network=network)
    me = person(voting_member).pk
    attendance_record(meeting=meeting, statuses={me: "substituted"}, substitutes={me: deputy.pk})

    with pytest.raises(ValidationError, match="hoort alleen bij een lid dat zich liet vervangen"):
        attendance_record(meeting=meeting, statuses={me: "present"}, substitutes={me: deputy.pk})

    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.substitute) == ("substituted", deputy)


def test_a_fellow_member_of_the_body_is_refused_as_substitute(meeting, voting_member, coordinator):
    me = person(voting_member).pk

    with pytest.raises(ValidationError, match="kan geen ander lid vervangen"):
        attendance_record(meeting=meeting, statuses={me: "substituted"}, substitutes={me: person(coordinator).pk})
    assert not Attendance.objects.exists()


def test_the_database_refuses_a_substitute_without_the_substituted_status(meeting, voting_member, coordinator):
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person(voting_member), status="present", substitute=person(coordinator))


def test_a_substitute_does_not_count_for_the_quorum(network, voting_member, coordinator):
    meeting = meeting_of(network, seed.BELEIDSGROEP)
    deputy = PersonFactory(network=network)
    me = person(voting_member).pk
    attendance_record(meeting=meeting, statuses={me: "substituted"}, substitutes={me: deputy.pk})

    assert meeting_quorum(meeting).present == 0

    attendance_record(meeting=meeting, statuses={me: "present"})
    assert meeting_quorum(meeting).present == 1


# Minutes and action items --------------------------------------------------------------


def test_minutes_are_saved_per_item_with_history(meeting, coordinator):
    item = AgendaItemFactory(meeting=meeting)

    meeting_minutes_save(meeting=meeting, minutes={item.pk: "  Besproken en goedgekeurd.  "}, by=coordinator)

    item.refresh_from_db()
    assert item.minutes == "Besproken en goedgekeurd."
    assert item.history.first().history_user == coordinator


def test_the_minutes_of_all_items_are_saved_together(meeting):
    first, second = AgendaItemFactory(meeting=meeting, title="Een"), AgendaItemFactory(meeting=meeting, title="Twee")

    meeting_minutes_save(meeting=meeting, minutes={first.pk: "Over een.", second.pk: "Over twee."})

    assert list(meeting.agenda_items.order_by("pk").values_list("minutes", flat=True)) == ["Over een.", "Over twee."]


def test_one_item_over_the_limit_saves_none_of_them(meeting):
    first, second = AgendaItemFactory(meeting=meeting, title="Een"), AgendaItemFactory(meeting=meeting, title="Twee")

    with pytest.raises(ValidationError, match="Twee"):
        meeting_minutes_save(meeting=meeting, minutes={first.pk: "Over een.", second.pk: "x" * 20001})

    assert list(meeting.agenda_items.values_list("minutes", flat=True)) == ["", ""]


def test_an_item_left_out_keeps_its_minutes(meeting):
    kept = AgendaItemFactory(meeting=meeting, minutes="Al geschreven.")
    other = AgendaItemFactory(meeting=meeting)

    meeting_minutes_save(meeting=meeting, minutes={other.pk: "Nieuw."})

    kept.refresh_from_db()
    assert kept.minutes == "Al geschreven."


def test_an_unchanged_item_gets_no_new_history(meeting):
    item = AgendaItemFactory(meeting=meeting, minutes="Zo was het.")

    assert meeting_minutes_save(meeting=meeting, minutes={item.pk: "Zo was het."}) == []
    assert item.history.count() == 1


def test_an_item_of_another_meeting_refuses_the_whole_save(network, meeting):
    mine = AgendaItemFactory(meeting=meeting)
    elsewhere = AgendaItemFactory(meeting=meeting_of(network, day=AFTER))

    with pytest.raises(ValidationError, match="agendapunt van deze vergadering"):
        meeting_minutes_save(meeting=meeting, minutes={mine.pk: "Goed.", elsewhere.pk: "Gesmokkeld."})

    assert set(AgendaItem.objects.values_list("minutes", flat=True)) == {""}


def test_approved_minutes_no_longer_change(network):
    meeting = meeting_of(network, minutes_status=Meeting.MinutesStatus.APPROVED)
    item = AgendaItemFactory(meeting=meeting, minutes="Zo was het.")

    with pytest.raises(ValidationError, match="goedgekeurd en verandert niet meer"):
        meeting_minutes_save(meeting=meeting, minutes={item.pk: "Anders."})


def test_an_action_item_is_noted_on_an_agenda_item(meeting, coordinator, voting_member):
    item = AgendaItemFactory(meeting=meeting)

    action = action_item_create(
        item=item, title="Offerte opvragen", owner=person(voting_member), due_date=AFTER, by=coordinator
    )

    assert (action.meeting, action.agenda_item, action.status, action.created_by) == (meeting, item, "open", coordinator)


def test_an_action_owner_from_another_network_is_refused(meeting, other_network_member):
    item = AgendaItemFactory(meeting=meeting)

    with pytest.raises(ValidationError, match="moet bij dit netwerk horen"):
        action_item_create(item=item, title="x", owner=person(other_network_member), due_date=AFTER)
    assert not ActionItem.objects.exists()


def test_an_action_due_before_the_meeting_is_refused(meeting, voting_member):
    item = AgendaItemFactory(meeting=meeting)

    with pytest.raises(ValidationError, match="niet vóór de vergadering"):
        action_item_create(item=item, title="x", owner=person(voting_member), due_date=BEFORE)


def test_marking_an_action_done_twice_changes_nothing_the_second_time(meeting, voting_member):
    action = action_item_create(
        item=AgendaItemFactory(meeting=meeting), title="x", owner=person(voting_member), due_date=AFTER
    )
    first = action_item_done(action=action).done_at

    assert action_item_done(action=action).done_at == first
    assert action.history.count() == 2


def test_open_action_items_return_until_done_and_only_for_their_body(network, voting_member):
    meeting = meeting_of(network)
    later = meeting_of(network, day=AFTER)
    other_body = meeting_of(network, seed.BELEIDSGROEP)
    owner = person(voting_member)
    first = action_item_create(item=AgendaItemFactory(meeting=meeting), title="eerst", owner=owner, due_date=AFTER)
    action_item_create(item=AgendaItemFactory(meeting=other_body), title="elders", owner=owner, due_date=AFTER)
    action_item_create(item=AgendaItemFactory(meeting=later), title="later", owner=owner, due_date=AFTER)

    assert [a.title for a in open_action_items(body(network))] == ["eerst", "later"]
    assert [a.title for a in open_action_items(body(network), before=later)] == ["eerst"]

    action_item_done(action=first)
    assert [a.title for a in open_action_items(body(network), before=later)] == []


# Approval at the next meeting ------------------------------------------------------------


def test_submitting_the_minutes_sends_the_signal_once(meeting, coordinator):
    received = []

    def receiver(sender, meeting, by, **kwargs):
        received.append((meeting.pk, by))

    signals.minutes_submitted.connect(receiver)
    try:
        minutes_submit(meeting=meeting, by=coordinator, today=MEETING_DAY)
        with pytest.raises(ValidationError, match="al ter goedkeuring"):
            minutes_submit(meeting=meeting, by=coordinator, today=MEETING_DAY)
    finally:
        signals.minutes_submitted.disconnect(receiver)

    meeting.refresh_from_db()
    assert meeting.minutes_status == "awaiting"
    assert received == [(meeting.pk, coordinator)]


def test_minutes_are_not_submitted_before_the_meeting(meeting):
    with pytest.raises(ValidationError, match="nadat de vergadering plaatsvond"):
        minutes_submit(meeting=meeting, today=BEFORE)


def test_minutes_are_approved_in_the_next_meeting_of_the_same_body(network):
    meeting = meeting_of(network, minutes_status="awaiting")
    meeting_of(network, day=AFTER, status=Meeting.Status.CANCELLED)
    following = meeting_of(network, day=AFTER + datetime.timedelta(days=7))
    assert next_meeting(meeting) == following

    minutes_approve(meeting=meeting, approved_in=following, today=following.date)

    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.minutes_approved_in) == ("approved", following)


@pytest.mark.parametrize("which", ["other body", "earlier", "the same", "one after the next"])
def test_minutes_are_not_approved_in_any_other_meeting(network, which):
    meeting = meeting_of(network, minutes_status="awaiting")
    following = meeting_of(network, day=AFTER)
    elsewhere = {
        "other body": lambda: meeting_of(network, seed.BELEIDSGROEP, day=AFTER),
        "earlier": lambda: meeting_of(network, day=BEFORE),
        "the same": lambda: meeting,
        "one after the next": lambda: meeting_of(network, day=AFTER + datetime.timedelta(days=14)),
    }[which]()

    with pytest.raises(ValidationError):
        minutes_approve(meeting=meeting, approved_in=elsewhere, today=AFTER + datetime.timedelta(days=30))
    meeting.refresh_from_db()
    assert meeting.minutes_status == "awaiting"
    assert following.pk


def test_minutes_are_not_approved_before_the_next_meeting_takes_place(network):
    meeting = meeting_of(network, minutes_status="awaiting")
    following = meeting_of(network, day=AFTER)

    with pytest.raises(ValidationError, match="wanneer de volgende vergadering plaatsvindt"):
        minutes_approve(meeting=meeting, approved_in=following, today=MEETING_DAY)


def test_draft_minutes_are_not_approved(network):
    meeting = meeting_of(network)
    following = meeting_of(network, day=AFTER)

    with pytest.raises(ValidationError, match="ligt niet ter goedkeuring"):
        minutes_approve(meeting=meeting, approved_in=following, today=AFTER)
