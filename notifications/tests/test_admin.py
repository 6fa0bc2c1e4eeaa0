"""The admin lists notifications read-only; uncertain ones can be found and sent again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import Person
from mfa.tests.helpers import verified_login
from notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(meeting, voting_member, chair):
    tom, an = Person.objects.get(user=voting_member), Person.objects.get(user=chair)
    long_ago = timezone.now() - datetime.timedelta(minutes=30)
    return {
        "uncertain": Notification.objects.create(recipient=tom, kind=Kind.MEETING_REMINDER, object_key="a", meeting=meeting,
                                                 state=Notification.State.SENDING, claimed_at=long_ago, claimed_by="celery@x:1"),
        "sent": Notification.objects.create(recipient=an, kind=Kind.MEETING_REMINDER, object_key="a", meeting=meeting,
                                            state=Notification.State.SENT, sent_at=long_ago),
    }  # fmt: skip


def test_the_list_shows_uncertain_rows_and_filters_them(client, network_admin, rows):
    verified_login(client, network_admin)
    url = reverse("admin:notifications_notification_changelist")
    response = client.get(url)
    assert response.status_code == 200
    assert "Onzeker: misschien verstuurd" in response.content.decode()
    response = client.get(url, {"uncertain": "yes"})
    assert list(response.context["cl"].result_list) == [rows["uncertain"]]


@pytest.mark.parametrize("extra", [0, 10])
def test_the_list_costs_the_same_queries_for_few_or_many_rows(
    client, network_admin, rows, meeting, extra, django_assert_max_num_queries
):
    people = Person.objects.filter(network=meeting.body.network)
    Notification.objects.bulk_create(
        Notification(recipient=person, kind=Kind.AGENDA_PUBLISHED, object_key=f"x{n}", meeting=meeting)
        for n in range(extra)
        for person in people[:1]
    )
    verified_login(client, network_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:notifications_notification_changelist")).status_code == 200


def test_a_row_cannot_be_added_changed_or_deleted_by_hand(client, network_admin, rows):
    verified_login(client, network_admin)
    change = reverse("admin:notifications_notification_change", args=[rows["sent"].pk])
    response = client.get(change)
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    assert client.get(reverse("admin:notifications_notification_delete", args=[rows["sent"].pk])).status_code == 403


def test_sending_again_puts_uncertain_and_failed_rows_back_and_leaves_sent_ones(client, network_admin, rows):
    verified_login(client, network_admin)
    response = client.post(
        reverse("admin:notifications_notification_changelist"),
        {"action": "send_again", "_selected_action": [row.pk for row in rows.values()]},
        follow=True,
    )
    assert response.status_code == 200
    rows["uncertain"].refresh_from_db()
    rows["sent"].refresh_from_db()
    assert rows["uncertain"].state == Notification.State.PENDING and rows["uncertain"].claimed_by == ""
    assert rows["sent"].state == Notification.State.SENT
