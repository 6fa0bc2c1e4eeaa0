"""The "Meldingen" page: every kind on by default, a choice kept per login."""

import pytest
from django.urls import reverse

from bodies.models import Person
from meetings.tests.helpers import csrf_client, main_html, messages_of
from notifications.models import Kind, Notification, NotificationPreference

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_every_kind_is_on_until_someone_chooses(login, voting_member):
    response = login(voting_member).get(URL)
    assert response.status_code == 200
    html = main_html(response)
    assert "<h1>Meldingen</h1>" in html
    for kind in Kind:
        assert f'name="{kind.value}"' in html
    assert html.count("checked") == len(Kind)
    assert not NotificationPreference.objects.exists()


def test_turning_off_reminders_keeps_the_rest(voting_member):
    client = csrf_client(voting_member)
    page = client.get(URL)
    data = {kind.value: "on" for kind in Kind if kind != Kind.MEETING_REMINDER}
    data["csrfmiddlewaretoken"] = page.context["csrf_token"]
    response = client.post(URL, data, follow=True)
    assert messages_of(response) == ["Je keuze is bewaard."]
    preference = NotificationPreference.objects.get(user=voting_member)
    assert not preference.meeting_reminder
    assert all(preference.wants(kind) for kind in Kind if kind != Kind.MEETING_REMINDER)
    assert main_html(response).count("checked") == len(Kind) - 1


def test_a_post_without_csrf_token_is_refused(voting_member):
    response = csrf_client(voting_member).post(URL, {})
    assert response.status_code == 403
    assert not NotificationPreference.objects.exists()


def test_the_menu_links_to_the_page(login, forum_member, network):
    response = login(forum_member).get(network.get_absolute_url())
    assert f'href="{URL}"' in response.content.decode()


@pytest.mark.parametrize("sent", [1, 8])
def test_the_page_costs_the_same_queries_for_few_or_many_mails(
    login, voting_member, meeting, sent, django_assert_max_num_queries
):
    person = Person.objects.get(user=voting_member)
    Notification.objects.bulk_create(
        Notification(recipient=person, kind=Kind.MEETING_REMINDER, object_key=f"k{n}", meeting=meeting,
                     state=Notification.State.SENT, sent_at=meeting.created_at)  # fmt: skip
        for n in range(sent)
    )
    client = login(voting_member)
    # Session, user, the preference, the last mails (with meeting and body), and the
    # menu's network lookup for the header.
    with django_assert_max_num_queries(6):
        response = client.get(URL)
    assert main_html(response).count("Herinnering aan een vergadering:") == sent


def test_moves_and_cancellations_are_on_the_page_and_on_by_default(login, voting_member):
    html = main_html(login(voting_member).get(URL))
    assert "Vergadering verplaatst" in html and "Vergadering geannuleerd" in html
    assert NotificationPreference(user=voting_member).wants(Kind.MEETING_MOVED)
    assert NotificationPreference(user=voting_member).wants(Kind.MEETING_CANCELLED)
