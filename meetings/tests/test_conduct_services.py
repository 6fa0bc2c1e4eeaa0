"""The meeting itself, as services: replies, substitutes, minutes, action items and their approval."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bodies import seed
from bodies.tests.factories import PersonFactory
from meetings.services.decisions import meeting_quorum
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory
from meetings import signals
from meetings.models import ActionItem, AgendaItem, Attendance, Meeting, MinutesApproval
from meetings.selectors.agenda import suggestions
from meetings.services.agenda import agenda_item_remove
from meetings.selectors.meetings import open_action_items
from meetings.services.conduct import (
    action_item_create,
    action_item_done,
    attendance_reply,
    meeting_minutes_save,
    minutes_approve,
    minutes_submit,
)
from meetings.services.meetings import attendance_record

from .helpers import MEETING_DAY, body, meeting_of, person, present

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
    with pytest.raises(ValidationError, match="Alleen wie op 1 december 2026 lid is van Kernteam"):
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


def test_someone_from_outside_the_network_is_named_as_substitute(meeting, voting_member):
    me = person(voting_member).pk

    attendance_record(
        meeting=meeting, statuses={me: "substituted"}, outside_substitutes={me: "  Ans de Wit, Jeugdhulp Oost  "}
    )

    attendance = Attendance.objects.get()
    assert (attendance.status, attendance.substitute, attendance.substitute_label) == (
        "substituted",
        None,
        "Ans de Wit, Jeugdhulp Oost",
    )


def test_an_outside_name_and_a_person_of_the_network_together_are_refused(network, meeting, voting_member):
    me = person(voting_member).pk
    deputy = PersonFactory(network=network)

    with pytest.raises(ValidationError, match="één vervanger"):
        attendance_record(
            meeting=meeting,
            statuses={me: "substituted"},
            substitutes={me: deputy.pk},
            outside_substitutes={me: "Ans de Wit"},
        )
    assert not Attendance.objects.exists()


def test_an_outside_name_for_a_member_who_came_is_refused(meeting, voting_member):
    me = person(voting_member).pk

    with pytest.raises(ValidationError, match="hoort alleen bij een lid dat zich liet vervangen"):
        attendance_record(meeting=meeting, statuses={me: "present"}, outside_substitutes={me: "Ans de Wit"})
    assert not Attendance.objects.exists()


def test_an_outside_name_over_the_limit_is_refused(meeting, voting_member):
    me = person(voting_member).pk

    with pytest.raises(ValidationError, match="hoogstens 200 tekens"):
        attendance_record(meeting=meeting, statuses={me: "substituted"}, outside_substitutes={me: "A" * 201})
    assert not Attendance.objects.exists()


def test_a_person_of_the_network_replaces_an_outside_name_and_the_name_goes(network, meeting, voting_member):
    me = person(voting_member).pk
    deputy = PersonFactory(network=network)
    attendance_record(meeting=meeting, statuses={me: "substituted"}, outside_substitutes={me: "Ans de Wit"})

    attendance_record(meeting=meeting, statuses={me: "substituted"}, substitutes={me: deputy.pk})

    attendance = Attendance.objects.get()
    assert (attendance.substitute, attendance.substitute_name) == (deputy, "")
    assert attendance.history.count() == 2


@pytest.mark.parametrize("fields", [{"status": "substituted"}, {"status": "present", "substitute_name": "Ans de Wit"}])
def test_the_database_refuses_a_substitution_without_exactly_one_substitute(meeting, voting_member, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.create(meeting=meeting, person=person(voting_member), **fields)


def test_the_model_says_a_substituted_member_has_one_substitute(network, meeting, voting_member, coordinator):
    attendance = Attendance(
        meeting=meeting, person=person(voting_member), status="substituted", substitute=person(coordinator), substitute_name="Ans"
    )

    with pytest.raises(ValidationError, match="heeft één vervanger"):
        attendance.clean()


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


def submitted(network, *, following_day=AFTER):
    """Minutes of the Kernteam's meeting submitted, with its next meeting planned: (meeting, next, the item)."""
    meeting = meeting_of(network)
    following = meeting_of(network, day=following_day)
    minutes_submit(meeting=meeting, today=MEETING_DAY)
    meeting.refresh_from_db()
    return meeting, following, following.agenda_items.get(minutes_of=meeting)


def test_submitting_the_minutes_puts_their_approval_on_the_next_meetings_agenda(network):
    meeting = meeting_of(network)
    meeting_of(network, day=AFTER, status=Meeting.Status.CANCELLED)
    following = meeting_of(network, day=AFTER + datetime.timedelta(days=7))

    minutes_submit(meeting=meeting, today=MEETING_DAY)

    item = following.agenda_items.get()
    assert (item.minutes_of, item.source_key, item.status) == (meeting, f"minutes:{meeting.pk}", "accepted")
    assert item.title == "Goedkeuring van het verslag van 1 december 2026"


def test_without_a_next_meeting_the_minutes_are_suggested_on_the_one_planned_later(network):
    meeting = meeting_of(network)
    minutes_submit(meeting=meeting, today=MEETING_DAY)
    later = meeting_of(network, day=AFTER)

    assert [s.key for s in suggestions(later, today=MEETING_DAY) if s.key.startswith("minutes:")] == [f"minutes:{meeting.pk}"]


def test_minutes_waiting_on_an_upcoming_meetings_agenda_are_not_suggested_elsewhere(network):
    meeting, following, item = submitted(network)
    later = meeting_of(network, day=AFTER + datetime.timedelta(days=14))

    assert not [s for s in suggestions(later, today=MEETING_DAY) if s.key.startswith("minutes:")]


def test_minutes_a_meeting_passed_over_are_suggested_to_the_one_after(network):
    meeting, following, item = submitted(network)
    later = meeting_of(network, day=AFTER + datetime.timedelta(days=14))

    keys = [s.key for s in suggestions(later, today=AFTER + datetime.timedelta(days=1))]

    assert f"minutes:{meeting.pk}" in keys


def test_the_minutes_are_approved_on_the_item_by_who_was_present(network, coordinator, voting_member):
    meeting, following, item = submitted(network)
    stand_in = PersonFactory(network=network, name="Vera Vervanger")
    present(following, coordinator)
    AttendanceFactory(meeting=following, person=person(voting_member), status="substituted", substitute=stand_in)

    approval = minutes_approve(item=item, by=coordinator, today=following.date)

    meeting.refresh_from_db()
    assert (meeting.minutes_status, meeting.minutes_approved_in) == ("approved", following)
    assert approval.agenda_item == item and approval.approved_by == coordinator
    assert {p.name for p in approval.present.all()} == {person(coordinator).name, "Vera Vervanger"}
    assert approval.history.first().history_user == coordinator


def test_minutes_are_not_approved_before_the_approving_meeting_begins(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)

    with pytest.raises(ValidationError, match="in de vergadering zelf, vanaf"):
        minutes_approve(item=item, today=following.date - datetime.timedelta(days=1))
    meeting.refresh_from_db()
    assert meeting.minutes_status == "awaiting"


def test_minutes_are_not_approved_while_nobody_is_recorded_present(network):
    meeting, following, item = submitted(network)

    with pytest.raises(ValidationError, match="Noteer eerst wie er aanwezig is"):
        minutes_approve(item=item, today=following.date)


def test_an_ordinary_agenda_item_approves_no_minutes(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)
    ordinary = AgendaItemFactory(meeting=following)

    with pytest.raises(ValidationError, match="legt geen verslag ter goedkeuring voor"):
        minutes_approve(item=ordinary, today=following.date)


def test_a_cancelled_meeting_approves_no_minutes(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)
    Meeting.objects.filter(pk=following.pk).update(status=Meeting.Status.CANCELLED)

    with pytest.raises(ValidationError, match="geannuleerd"):
        minutes_approve(item=item, today=following.date)


def test_minutes_approved_once_are_not_approved_again(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)
    minutes_approve(item=item, today=following.date)

    with pytest.raises(ValidationError, match="ligt niet ter goedkeuring"):
        minutes_approve(item=item, today=following.date)
    assert MinutesApproval.objects.count() == 1


def test_draft_minutes_are_not_approved(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status="draft")

    with pytest.raises(ValidationError, match="ligt niet ter goedkeuring"):
        minutes_approve(item=item, today=AFTER)


def test_the_item_that_approved_minutes_stays_when_taken_off_the_agenda(network, coordinator):
    meeting, following, item = submitted(network)
    present(following, coordinator)
    minutes_approve(item=item, today=following.date)

    assert agenda_item_remove(item=item, by=coordinator) == "archived"
