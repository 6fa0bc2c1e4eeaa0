"""Changes to a published agenda are gathered and announced once, never to who made them."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bodies import seed
from meetings import tasks
from meetings.models import Meeting
from meetings.services import agenda as services
from meetings.signals import agenda_changed
from notifications.models import Kind, Notification
from notifications.sending import send_due

from .helpers import meeting_of, messages_of, person

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def meeting(network, coordinator, voting_member, member_without_vote, chair):
    meeting = meeting_of(network, seed.BELEIDSGROEP, day=SOON, start_time=datetime.time(19), duration_minutes=90)
    services.agenda_item_add(meeting=meeting, by=coordinator, title="Begroting 2027")
    services.agenda_item_add(meeting=meeting, by=coordinator, title="Jaarplan")
    services.agenda_item_add(meeting=meeting, by=coordinator, title="Varia")
    services.agenda_publish(meeting=meeting, by=coordinator)
    return meeting


@pytest.fixture
def announced():
    """The agenda_changed signals sent during the test."""
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    agenda_changed.connect(receiver, weak=False)
    yield calls
    agenda_changed.disconnect(receiver)


def later(minutes: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)


def item(meeting, title):
    return meeting.agenda_items.get(title=title)


def test_changes_wait_while_the_agenda_is_still_being_worked_on(meeting, coordinator, announced):
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    assert services.agenda_changes_announce_due(now=later(1)) == 0
    assert announced == []


def test_changes_are_announced_together_once_the_agenda_was_quiet_long_enough(meeting, coordinator, chair, announced):
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    assert services.agenda_changes_announce_due(now=later(11)) == 1
    assert len(announced) == 1
    assert announced[0]["changes"] == [
        {"text": "Punt gewijzigd: Jaarplan (voorziene tijd (minuten))", "by": coordinator.pk},
        {"text": "Punt toegevoegd: Personeel", "by": chair.pk},
    ]
    assert not meeting.agenda_changes.filter(announced_at__isnull=True).exists()


def test_changes_announced_are_not_announced_again(meeting, coordinator, announced):
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    services.agenda_changes_announce_due(now=later(11))
    assert services.agenda_changes_announce_due(now=later(30)) == 0
    assert services.agenda_changes_announce(meeting=meeting, by=coordinator) == 0
    assert len(announced) == 1


def test_a_new_order_alone_is_not_news(meeting, coordinator, announced):
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    assert services.agenda_changes_announce_due(now=later(11)) == 0
    assert services.agenda_changes_announce(meeting=meeting, by=coordinator) == 0
    assert announced == []


def test_a_new_order_goes_along_with_a_real_change(meeting, coordinator, announced):
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    services.agenda_item_update(item=item(meeting, "Varia"), by=coordinator, title="Rondvraag")
    services.agenda_changes_announce_due(now=later(11))
    assert [change["text"] for change in announced[0]["changes"]] == [
        "Volgorde van de agenda gewijzigd",
        "Punt gewijzigd: Varia (titel)",
    ]


def test_who_runs_the_body_announces_the_changes_at_once(meeting, chair, announced):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    assert services.agenda_changes_announce(meeting=meeting, by=chair) == 1
    assert [change["text"] for change in announced[0]["changes"]] == ["Punt toegevoegd: Personeel"]


def test_the_changes_of_a_cancelled_meeting_are_closed_without_an_announcement(meeting, coordinator, announced):
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CANCELLED)
    services.agenda_changes_announce_due(now=later(11))
    assert announced == []
    assert not meeting.agenda_changes.filter(announced_at__isnull=True).exists()


def test_the_beat_task_announces_what_is_due(meeting, coordinator, announced, settings):
    settings.AGENDA_CHANGES_QUIET_MINUTES = 0
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    assert tasks.announce_agenda_changes() == 1
    assert tasks.announce_agenda_changes() == 0
    assert len(announced) == 1


# The mails ------------------------------------------------------------------------------


def test_two_moves_and_an_edit_make_one_mail_per_member_and_none_for_who_made_them(
    meeting, coordinator, voting_member, member_without_vote, chair, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    Notification.objects.all().delete()
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    services.agenda_item_move(item=item(meeting, "Begroting 2027"), direction="down", by=coordinator)
    services.agenda_item_update(item=item(meeting, "Varia"), by=coordinator, title="Rondvraag")
    with django_capture_on_commit_callbacks(execute=True):
        services.agenda_changes_announce_due(now=later(11))
    send_due()
    rows = Notification.objects.filter(kind=Kind.AGENDA_CHANGED)
    assert set(rows.values_list("recipient_id", flat=True)) == {
        person(voting_member).pk,
        person(member_without_vote).pk,
        person(chair).pk,
    }
    assert len(mail.outbox) == 3
    assert all("- Punt gewijzigd: Varia (titel)" in message.body for message in mail.outbox)


def test_each_member_is_told_only_of_the_changes_others_made(meeting, coordinator, chair, voting_member):
    Notification.objects.all().delete()
    services.agenda_item_update(item=item(meeting, "Jaarplan"), by=coordinator, planned_minutes=20)
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    services.agenda_changes_announce(meeting=meeting, by=chair)
    details = {
        row.recipient_id: row.details["changes"] for row in Notification.objects.filter(kind=Kind.AGENDA_CHANGED)
    }
    assert details[person(coordinator).pk] == ["Punt toegevoegd: Personeel"]
    assert details[person(chair).pk] == ["Punt gewijzigd: Jaarplan (voorziene tijd (minuten))"]
    assert details[person(voting_member).pk] == [
        "Punt gewijzigd: Jaarplan (voorziene tijd (minuten))",
        "Punt toegevoegd: Personeel",
    ]


# The page -------------------------------------------------------------------------------


def agenda_url(meeting, name="agenda"):
    return reverse(f"meetings:{name}", kwargs={"network": meeting.body.network.slug, "pk": meeting.pk})


def test_the_agenda_page_lists_the_changes_not_announced_yet(login, meeting, chair):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    html = login(chair).get(agenda_url(meeting)).content.decode()
    assert "Nog niet bekendgemaakt" in html and "Punt toegevoegd: Personeel" in html
    assert "Wijzigingen nu bekendmaken" in html


def test_a_member_who_does_not_run_the_body_sees_no_pending_changes(login, meeting, chair, voting_member):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    html = login(voting_member).get(agenda_url(meeting)).content.decode()
    assert "Nog niet bekendgemaakt" not in html


def test_the_chair_announces_the_changes_from_the_agenda_page(login, meeting, chair, announced):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    response = login(chair).post(agenda_url(meeting, "agenda_announce"), follow=True)
    assert messages_of(response) == ["De wijzigingen zijn bekendgemaakt: de leden krijgen één mail."]
    assert len(announced) == 1


def test_announcing_twice_from_the_page_says_there_is_nothing_left(login, meeting, chair, announced):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    client = login(chair)
    client.post(agenda_url(meeting, "agenda_announce"), follow=True)
    response = client.post(agenda_url(meeting, "agenda_announce"), follow=True)
    assert messages_of(response) == ["Er zijn geen wijzigingen meer om bekend te maken."]
    assert len(announced) == 1


def test_a_member_who_does_not_run_the_body_cannot_announce(login, meeting, chair, voting_member, announced):
    services.agenda_item_add(meeting=meeting, by=chair, title="Personeel")
    response = login(voting_member).post(agenda_url(meeting, "agenda_announce"))
    assert response.status_code == 403
    assert announced == []


@pytest.mark.parametrize("changes", [1, 6])
def test_the_pending_changes_cost_one_query_whatever_their_number(login, meeting, chair, changes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(chair)
    client.get(agenda_url(meeting))  # content types cached, as in a running server
    with CaptureQueriesContext(connection) as before:
        client.get(agenda_url(meeting))
    for number in range(changes):
        services.agenda_item_add(meeting=meeting, by=chair, title=f"Punt {number}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(agenda_url(meeting))
    assert response.content.decode().count("Punt toegevoegd: Punt") == changes
    # The pending changes are one query, with none of them, one or six.
    assert [query["sql"] for query in after.captured_queries].count(
        next(query["sql"] for query in after.captured_queries if "meetings_agendachange" in query["sql"])
    ) == 1
    assert len(after.captured_queries) == len(before.captured_queries)
