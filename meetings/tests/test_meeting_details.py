"""A meeting's hour, length and place are set as such, told only to who already heard of the meeting;
a meeting added by hand invites its members like a planned one."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from bodies.models import Body, Cadence
from core.dates import long_date
from meetings.models import Attendance
from meetings.services.meetings import meeting_create
from meetings.services.planning import meeting_cancel, meeting_details_update, meeting_move
from notifications.models import Kind, Notification
from notifications.planning import plan_due
from notifications.sending import send_due

from .helpers import body, main_html, meeting_of, messages_of, person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def meeting(network, coordinator, voting_member, member_without_vote, chair):
    return meeting_of(
        network, seed.BELEIDSGROEP, day=TODAY + datetime.timedelta(days=10), start_time=datetime.time(14, 0),
        duration_minutes=90, location="Genk",
    )  # fmt: skip


def details(meeting, by=None, **changes):
    data = {"start_time": meeting.start_time, "duration_minutes": meeting.duration_minutes, "location": meeting.location}
    return meeting_details_update(meeting=meeting, by=by, **{**data, **changes})


def told(meeting, user, kind=Kind.CALL_FOR_ITEMS, state=Notification.State.SENT):
    Notification.objects.create(
        recipient=person(user), kind=kind, object_key=f"meeting:{meeting.pk}:test:{kind}", meeting=meeting, state=state
    )


def moved_to(meeting):
    return set(Notification.objects.filter(kind=Kind.MEETING_MOVED).values_list("recipient_id", flat=True))


# The service ----------------------------------------------------------------------------


def test_new_details_keep_the_day_and_raise_the_calendar_sequence(meeting, chair):
    assert details(meeting, by=chair, start_time=datetime.time(19, 0), duration_minutes=120, location="Hasselt")
    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.duration_minutes, meeting.location) == (
        TODAY + datetime.timedelta(days=10), datetime.time(19, 0), 120, "Hasselt"
    )  # fmt: skip
    assert meeting.sequence == 1
    assert meeting.history.latest("history_date").history_user == chair


def test_the_same_details_change_nothing(meeting):
    assert details(meeting) is False
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert not Notification.objects.exists()


def test_a_cancelled_meeting_gets_no_new_details(meeting):
    meeting_cancel(meeting=meeting, reason="Te weinig punten")
    with pytest.raises(Exception, match="al geannuleerd"):
        details(meeting, location="Hasselt")


# Who is told ----------------------------------------------------------------------------


def test_a_change_of_details_is_mailed_only_to_who_was_told_of_the_meeting(meeting, voting_member, chair, coordinator):
    told(meeting, voting_member)
    Attendance.objects.create(meeting=meeting, person=person(chair), reply=Attendance.Reply.ATTENDING)
    details(meeting, location="Hasselt")
    assert moved_to(meeting) == {person(voting_member).pk, person(chair).pk}


def test_nobody_told_of_the_meeting_means_no_mail_for_a_change(meeting):
    details(meeting, location="Hasselt")
    assert not Notification.objects.filter(kind=Kind.MEETING_MOVED).exists()


def test_a_mail_still_waiting_is_not_being_told_and_gives_the_new_place_when_it_goes(meeting, voting_member):
    told(meeting, voting_member, kind=Kind.MEETING_REMINDER, state=Notification.State.PENDING)
    details(meeting, location="Hasselt")
    assert moved_to(meeting) == set()
    send_due()
    [message] = mail.outbox
    assert "Hasselt" in message.body


def test_a_move_too_is_mailed_only_to_who_was_told(meeting, member_without_vote):
    told(meeting, member_without_vote, kind=Kind.MEETING_REMINDER)
    meeting_move(
        meeting=meeting, date=meeting.date + datetime.timedelta(days=1), start_time=meeting.start_time,
        duration_minutes=meeting.duration_minutes, location=meeting.location,
    )  # fmt: skip
    assert moved_to(meeting) == {person(member_without_vote).pk}


def test_the_mail_says_the_hour_or_place_changed_not_that_the_meeting_moved(meeting, voting_member):
    told(meeting, voting_member)
    details(meeting, start_time=datetime.time(19, 0), location="Hasselt")
    send_due()
    [message] = mail.outbox
    assert message.subject == f"Gewijzigd: Beleidsgroep van {long_date(meeting.date)}"
    assert "Het uur of de plaats van de vergadering van Beleidsgroep is gewijzigd." in message.body
    assert "verplaatst" not in message.body
    assert "19:00–20:30, Hasselt" in message.body


# The meeting page -----------------------------------------------------------------------


def meeting_url(meeting, name="detail"):
    return reverse(f"meetings:{name}", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})


def test_who_runs_the_body_finds_the_hour_and_place_form_on_the_meeting_page(login, meeting, chair):
    html = main_html(login(chair).get(meeting_url(meeting)))
    assert "Uur en plaats wijzigen" in html
    assert meeting_url(meeting, "details") in html
    assert 'value="14:00"' in html and 'value="15:30"' in html and 'value="Genk"' in html


def test_a_member_who_does_not_run_the_body_sees_no_hour_and_place_form(login, meeting, voting_member):
    assert "Uur en plaats wijzigen" not in main_html(login(voting_member).get(meeting_url(meeting)))


def test_the_chair_sets_the_hour_length_and_place_from_the_meeting_page(login, meeting, chair):
    data = {"start_time": "19:00", "end_time": "21:00", "location": "Hasselt"}
    response = login(chair).post(meeting_url(meeting, "details"), data, follow=True)
    meeting.refresh_from_db()
    assert (meeting.start_time, meeting.duration_minutes, meeting.location) == (datetime.time(19), 120, "Hasselt")
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert messages_of(response) == [
        "Het uur en de plaats zijn bewaard; wie al over de vergadering hoorde, krijgt een mail."
    ]


def test_an_end_before_the_start_is_refused_in_dutch(login, meeting, chair):
    data = {"start_time": "19:00", "end_time": "18:00", "location": "Hasselt"}
    response = login(chair).post(meeting_url(meeting, "details"), data)
    assert "Het einduur ligt niet na het beginuur." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.location == "Genk"


def test_a_member_who_does_not_run_the_body_cannot_set_the_details(login, meeting, voting_member):
    response = login(voting_member).post(meeting_url(meeting, "details"), {"start_time": "19:00", "location": "X"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.location == "Genk"


# A meeting added by hand ----------------------------------------------------------------


def members_of(meeting):
    return set(Notification.objects.filter(meeting=meeting).values_list("kind", "recipient_id"))


def test_a_meeting_added_by_hand_invites_its_members_at_once(network, coordinator, voting_member, django_capture_on_commit_callbacks):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    day = TODAY + datetime.timedelta(days=beleidsgroep.agenda_days + 3)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(body=beleidsgroep, date=day, by=coordinator)
    assert (Kind.CALL_FOR_ITEMS, person(voting_member).pk) in members_of(meeting)
    assert any(message.subject.startswith("Agendapunten voor Beleidsgroep") for message in mail.outbox)


def test_a_meeting_added_at_short_notice_gets_its_reminder_with_the_invitation_at_once(
    network, coordinator, voting_member, django_capture_on_commit_callbacks
):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_create(body=beleidsgroep, date=TODAY + datetime.timedelta(days=2), by=coordinator)
    assert (Kind.MEETING_REMINDER, person(voting_member).pk) in members_of(meeting)
    reminder = next(message for message in mail.outbox if message.subject.startswith("Herinnering"))
    assert reminder.attachments[0][0] == "vergadering.ics"


def test_the_planner_adds_nothing_twice_for_a_meeting_added_by_hand(network, coordinator):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    meeting = meeting_create(body=beleidsgroep, date=TODAY + datetime.timedelta(days=2), by=coordinator)
    before = Notification.objects.filter(meeting=meeting).count()
    assert before
    plan_due()
    assert Notification.objects.filter(meeting=meeting).count() == before


def test_the_form_for_a_meeting_by_hand_offers_the_bodys_usual_hour_length_and_place(login, network, coordinator):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    Cadence.objects.update_or_create(
        body=beleidsgroep, defaults={"start_time": datetime.time(18, 30), "duration_minutes": 120, "location": "Genk"}
    )
    url = reverse("meetings:create", kwargs={"network": network.slug, "body": beleidsgroep.slug})
    html = main_html(login(coordinator).get(url))
    assert 'value="18:30"' in html and 'value="20:30"' in html and 'value="Genk"' in html


def test_a_body_without_rhythm_gets_an_empty_form_for_a_meeting_by_hand(login, network, coordinator):
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    Cadence.objects.filter(body=beleidsgroep).delete()
    url = reverse("meetings:create", kwargs={"network": network.slug, "body": beleidsgroep.slug})
    assert login(coordinator).get(url).status_code == 200
    assert Body.objects.filter(pk=beleidsgroep.pk, cadence__isnull=True).exists()
