"""The password reset: the request tells nobody whether an address has a login; a worker sends the mail once."""

import datetime
import logging
import re
import uuid
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bodies.tests.factories import UserFactory
from notifications.models import Kind, NotificationPreference, PasswordResetMail
from notifications.password_reset import send_password_reset

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"
LINK = re.compile(r"https?://\S+/accounts/reset/\S+/\S+/")


@pytest.fixture
def tom():
    return UserFactory(username="kernpartner", email="tom@example.org", first_name="Tom", last_name="Janssens")


def ask(client, address: str, **headers):
    return client.post(RESET, {"email": address}, **headers)


def the_link(message) -> str:
    [url] = set(LINK.findall(message.body))
    return url


def test_the_request_does_the_same_work_for_a_known_and_an_unknown_address(
    client, tom, django_capture_on_commit_callbacks
):
    work = {}
    for address in ["tom@example.org", "niemand@example.org"]:
        with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
            response = ask(client, address)
        assert response.status_code == 302 and response.url == reverse("password_reset_done")
        work[address] = ([query["sql"] for query in queries.captured_queries], len(queued))

    # No lookup of the login in the request: no query at all, one task queued on commit.
    assert work["tom@example.org"] == work["niemand@example.org"] == ([], 1)
    assert mail.outbox == []


def test_the_queued_task_mails_a_dutch_link_to_a_known_address(client, tom, django_capture_on_commit_callbacks):
    with override_settings(SITE_URL="https://bestuur.example.org"), django_capture_on_commit_callbacks(execute=True):
        ask(client, "TOM@example.org")

    [message] = mail.outbox
    assert message.to == ["Tom Janssens <tom@example.org>"]
    assert message.subject == "Wachtwoord opnieuw instellen voor bestuur.example.org"
    assert "Dag Tom Janssens," in message.body and "Je gebruikersnaam is: kernpartner" in message.body
    url = the_link(message)
    assert url.startswith("https://bestuur.example.org/accounts/reset/")
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and f'href="{url}"' in html and 'lang="nl"' in html
    assert message.extra_headers["Message-ID"].startswith("<password-reset-")
    row = PasswordResetMail.objects.get()
    assert (row.user, row.state, row.language) == (tom, PasswordResetMail.State.SENT, "nl")


def test_the_mail_is_english_when_asked_on_the_english_site(client, tom, django_capture_on_commit_callbacks):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        ask(client, "tom@example.org")

    [message] = mail.outbox
    assert message.subject.startswith("Reset your password for ")
    assert "Hello Tom Janssens," in message.body


def test_an_unknown_address_gets_no_mail_and_leaves_no_row(client, tom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, "niemand@example.org")

    assert response.status_code == 302
    assert mail.outbox == [] and not PasswordResetMail.objects.exists()


def test_the_task_sends_exactly_once_even_when_run_twice(tom):
    request_id = str(uuid.uuid4())
    assert send_password_reset(request_id=request_id, email="tom@example.org", language="nl") == 1
    assert send_password_reset(request_id=request_id, email="tom@example.org", language="nl") == 0

    assert len(mail.outbox) == 1
    assert PasswordResetMail.objects.get().state == PasswordResetMail.State.SENT


@override_settings(PASSWORD_RESET_MAILS_PER_HOUR=3)
def test_one_login_gets_at_most_three_reset_mails_an_hour(tom):
    sent = [send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl") for _ in range(5)]

    assert sent == [1, 1, 1, 0, 0]
    assert len(mail.outbox) == 3


def test_the_hourly_limit_counts_only_the_last_hour(tom):
    for _ in range(3):
        send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl")
    PasswordResetMail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))

    assert send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl") == 1


def test_notification_preferences_cannot_switch_it_off(tom):
    NotificationPreference.objects.create(user=tom, **{kind.value: False for kind in Kind})

    send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl")

    assert len(mail.outbox) == 1


def test_a_failing_mail_server_is_logged_without_the_link_and_shows_on_healthz(client, tom, caplog):
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("SMTP dicht")),
        caplog.at_level(logging.ERROR, logger="notifications.password_reset"),
    ):
        assert send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl") == 0

    row = PasswordResetMail.objects.get()
    assert row.state == PasswordResetMail.State.FAILED and row.last_error == "OSError: SMTP dicht"
    [record] = caplog.records
    assert record.getMessage() == f"Password reset mail {row.pk} failed" and record.exc_info
    assert "/reset/" not in caplog.text
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["mail"]["ok"] is False and report["mail"]["password_resets_failed_last_hour"] == 1
    assert report["status"] == "degraded"


def test_the_link_in_the_mail_sets_a_new_password(client, tom):
    send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl")
    url = the_link(mail.outbox[0])

    form = client.get(url.removeprefix(settings.SITE_URL), follow=True)
    assert form.status_code == 200 and form.context["validlink"]
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Kx9#vLq2!mZw-nieuw", "new_password2": "Kx9#vLq2!mZw-nieuw"}
    )

    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    tom.refresh_from_db()
    assert tom.check_password("Kx9#vLq2!mZw-nieuw")
    # One time only: the same link no longer works.
    assert client.get(url.removeprefix(settings.SITE_URL), follow=True).context["validlink"] is False


def test_the_new_password_must_meet_the_policy(client, tom):
    send_password_reset(request_id=str(uuid.uuid4()), email="tom@example.org", language="nl")
    form = client.get(the_link(mail.outbox[0]).removeprefix(settings.SITE_URL), follow=True)

    response = client.post(form.redirect_chain[-1][0], {"new_password1": "welkom2024", "new_password2": "welkom2024"})

    assert response.status_code == 200
    assert "Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn." in response.content.decode()
