"""The coordinator moves and cancels a meeting in the browser (RUN on the body)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from core.tests.helpers import keyed
from meetings.models import Meeting

from .helpers import csrf_client, main_html, meeting_of, messages_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=20)


@pytest.fixture
def meeting(network):
    return meeting_of(
        network, seed.BELEIDSGROEP, day=TODAY + datetime.timedelta(days=10), start_time=datetime.time(14, 0),
        duration_minutes=90, location="Genk", cadence_date=TODAY + datetime.timedelta(days=10),
    )


def move_url(meeting):
    return reverse("meetings:move", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})


def cancel_url(meeting):
    return reverse("meetings:cancel", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})


def move_data(**changes):
    data = {"date": LATER.isoformat(), "start_time": "09:30", "end_time": "11:00", "location": "Hasselt"}
    data.update(changes)
    return data


def test_the_move_form_shows_the_meeting_as_it_is(login, coordinator, meeting):
    page = main_html(login(coordinator).get(move_url(meeting)))
    assert f'value="{meeting.date:%Y-%m-%d}"' in page
    assert 'value="14:00"' in page and 'value="15:30"' in page and 'value="Genk"' in page


def test_the_coordinator_moves_a_meeting_and_goes_back_to_it(login, coordinator, meeting):
    response = login(coordinator).post(move_url(meeting), move_data(), follow=True)

    meeting.refresh_from_db()
    assert (meeting.date, meeting.start_time, meeting.duration_minutes, meeting.location) == (
        LATER, datetime.time(9, 30), 90, "Hasselt"
    )
    assert meeting.sequence == 1
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert messages_of(response) == ["De vergadering is verplaatst; wie al over de vergadering hoorde, krijgt een mail."]
    assert meeting.history.latest("history_date").history_user == coordinator


def test_the_chair_moves_a_meeting_of_their_own_body(login, chair, meeting):
    assert login(chair).post(move_url(meeting), move_data()).status_code == 302


def test_submitting_the_same_move_twice_moves_once(login, coordinator, meeting):
    client = login(coordinator)
    client.post(move_url(meeting), move_data())
    response = client.post(move_url(meeting), move_data(), follow=True)

    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.history.count() == 2
    assert messages_of(response)[-1] == "Er is niets gewijzigd aan de vergadering."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": ""}, "date", "Dit veld is verplicht."),
        ({"date": "31-02-2027"}, "date", "Voer een geldige datum in."),
        ({"date": "2020-01-01"}, "date", "Een vergadering verplaats je niet naar een dag die al voorbij is."),
        ({"end_time": "09:00"}, "end_time", "Het einduur ligt niet na het beginuur."),
        ({"start_time": "", "end_time": "10:00"}, "start_time", "Vul ook het beginuur in als je een einduur geeft."),
        ({"location": "x" * 201}, "location", "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201)."),
    ],
)
def test_a_bad_move_is_refused_with_a_dutch_message(login, coordinator, meeting, changes, field, message):
    response = login(coordinator).post(move_url(meeting), move_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    meeting.refresh_from_db()
    assert meeting.sequence == 0 and meeting.location == "Genk"


def test_a_meeting_without_end_hour_has_no_length(login, coordinator, meeting):
    login(coordinator).post(move_url(meeting), move_data(end_time=""))
    meeting.refresh_from_db()
    assert meeting.duration_minutes is None


def test_the_coordinator_cancels_with_a_reason(login, coordinator, meeting):
    response = login(coordinator).post(cancel_url(meeting), {"reason": "Te weinig punten"}, follow=True)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.cancel_reason == "Te weinig punten"
    assert meeting.sequence == 1
    assert messages_of(response) == ["De vergadering is geannuleerd; de genodigden krijgen een mail."]
    assert "Te weinig punten" in main_html(response)


def test_a_cancellation_without_reason_is_refused(login, coordinator, meeting):
    response = login(coordinator).post(cancel_url(meeting), {"reason": "  "})
    assert response.context["form"].errors["reason"] == ["Geef een reden voor de annulering."]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_a_second_cancel_or_a_move_afterwards_changes_nothing(login, coordinator, meeting):
    client = login(coordinator)
    client.post(cancel_url(meeting), {"reason": "Ziekte"})

    again = client.post(cancel_url(meeting), {"reason": "Nog eens"}, follow=True)
    moved = client.post(move_url(meeting), move_data(), follow=True)

    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.cancel_reason == "Ziekte" and meeting.date != LATER
    assert messages_of(again)[-1] == messages_of(moved)[-1] == "Deze vergadering is geannuleerd."


@pytest.mark.parametrize("view_url", [move_url, cancel_url])
def test_a_member_who_does_not_run_the_body_gets_403(login, voting_member, meeting, view_url):
    assert login(voting_member).get(view_url(meeting)).status_code == 403
    assert login(voting_member).post(view_url(meeting), move_data(reason="x")).status_code == 403
    meeting.refresh_from_db()
    assert meeting.sequence == 0


@pytest.mark.parametrize("view_url", [move_url, cancel_url])
def test_another_network_sees_nothing(login, other_network_member, meeting, view_url):
    assert login(other_network_member).post(view_url(meeting), move_data(reason="x")).status_code == 404


def test_a_meeting_id_of_another_network_is_not_found(login, coordinator, other_network_member, meeting):
    from meetings.tests.factories import MeetingFactory
    from bodies.tests.factories import BodyFactory

    from bodies.models import Network

    other = MeetingFactory(body=BodyFactory(network=Network.objects.exclude(pk=meeting.body.network_id).get()))
    forged = reverse("meetings:move", kwargs={"network": meeting.body.network.slug, "pk": other.pk})
    assert login(coordinator).post(forged, move_data()).status_code == 404


def test_the_forms_check_the_csrf_token(coordinator, meeting):
    client = csrf_client(coordinator)
    assert client.post(move_url(meeting), move_data()).status_code == 403
    assert client.post(cancel_url(meeting), {"reason": "x"}).status_code == 403


def test_the_meeting_page_and_list_link_to_moving_and_cancelling_for_who_runs_the_body(
    login, coordinator, voting_member, meeting
):
    list_url = reverse("meetings:list", kwargs={"network": meeting.body.network.slug, "body": meeting.body.slug})
    for page in (main_html(login(coordinator).get(meeting.get_absolute_url())), main_html(login(coordinator).get(list_url))):
        assert f'href="{move_url(meeting)}"' in page and f'href="{cancel_url(meeting)}"' in page
    for page in (main_html(login(voting_member).get(meeting.get_absolute_url())), main_html(login(voting_member).get(list_url))):
        assert move_url(meeting) not in page and cancel_url(meeting) not in page


def test_a_moved_meeting_says_when_the_rhythm_had_it(login, coordinator, meeting):
    login(coordinator).post(move_url(meeting), move_data())
    page = main_html(login(coordinator).get(meeting.get_absolute_url()))
    assert "volgens het ritme viel deze vergadering op" in page


@pytest.mark.parametrize("size", [1, 10])
def test_the_move_form_costs_the_same_queries_whatever_the_number_of_meetings(
    login, network, coordinator, meeting, size, django_assert_max_num_queries
):
    for index in range(size):
        meeting_of(network, seed.BELEIDSGROEP, day=TODAY + datetime.timedelta(days=30 + index))
    client = login(coordinator)
    client.get(move_url(meeting))
    # session, user, network, the user's and groups' grants on the network, the
    # meeting with its body, the user's and groups' grants on the body.
    with django_assert_max_num_queries(8):
        client.get(move_url(meeting))


def test_planning_a_meeting_by_hand_takes_an_end_hour_as_its_length(login, coordinator, network):
    create_url = reverse("meetings:create", kwargs={"network": network.slug, "body": "beleidsgroep"})
    client = login(coordinator)

    refused = client.post(create_url, move_data(start_time="10:00", end_time="10:00"))
    assert refused.context["form"].errors["end_time"] == ["Het einduur ligt niet na het beginuur."]

    client.post(create_url, keyed(move_data()))
    meeting = Meeting.objects.get(date=LATER)
    assert (meeting.start_time, meeting.duration_minutes, meeting.cadence_date) == (datetime.time(9, 30), 90, None)
