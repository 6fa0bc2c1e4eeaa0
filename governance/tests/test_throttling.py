"""Login throttling: the attacker who guesses is locked out, the person whose name he types is not."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from bodies.tests.factories import PASSWORD, UserFactory
from mfa.tests.helpers import verified_login

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"
LOCKED_OUT = "Te veel mislukte aanmeldpogingen met deze gebruikersnaam."


@pytest.fixture
def person(db):
    return UserFactory(username="kernpartner")


def sign_in(client, password, address=ATTACKER, username="kernpartner", **headers):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def guess(client, times, address=ATTACKER, username="kernpartner"):
    for attempt in range(times):
        sign_in(client, f"raden-{attempt}", address=address, username=username)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_four_wrong_passwords_still_let_the_right_one_in(client, person):
    guess(client, 4)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_dutch_message(client, person, settings):
    settings.AXES_FAILURE_LIMIT = 5
    guess(client, 5)
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429 and response["Retry-After"] == "900"
    assert not signed_in(client)
    html = response.content.decode()
    assert LOCKED_OUT in html
    # The login page in the site's layout, ready for the next try, not a bare text.
    assert '<main id="main"' in html and 'name="password"' in html


def test_thirty_wrong_passwords_are_not_all_answered(client, person):
    statuses = [sign_in(client, f"raden-{attempt}").status_code for attempt in range(30)]
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    assert sign_in(client, PASSWORD).status_code == 429


def test_the_message_says_when_to_try_again_in_local_time(client, person, settings):
    guess(client, 5)
    html = sign_in(client, PASSWORD).content.decode()
    until = timezone.localtime(AccessAttempt.objects.get().attempt_time + settings.AXES_COOLOFF_TIME)
    assert f"Je kunt je pas om {until:%H:%M} (over 15 minuten) opnieuw aanmelden." in html


def test_the_same_username_from_another_address_still_signs_in(client, person):
    guess(client, 10)
    response = sign_in(client, PASSWORD, address=ELSEWHERE)
    assert response.status_code == 302 and signed_in(client)


def test_another_username_from_the_attackers_address_still_signs_in(client, person):
    UserFactory(username="sector")
    guess(client, 10)
    response = sign_in(client, PASSWORD, username="sector")
    assert response.status_code == 302 and signed_in(client)


def test_the_login_works_again_after_the_cool_off(client, person, settings):
    guess(client, 5)
    assert sign_in(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME)

    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_a_refused_try_during_the_lock_starts_the_cool_off_again(client, person, settings):
    guess(client, 5)
    half_way = datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME / 2
    AccessAttempt.objects.update(attempt_time=half_way)
    sign_in(client, "nog-eens-raden")
    assert AccessAttempt.objects.get().attempt_time > half_way + settings.AXES_COOLOFF_TIME / 4


def test_a_successful_login_forgets_the_earlier_mistakes(client, person):
    guess(client, 3)
    sign_in(client, PASSWORD)
    assert not AccessAttempt.objects.exists()


def test_the_admin_lists_the_attempts_in_dutch(client, person, network_admin):
    guess(client, 5)
    verified_login(client, network_admin)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kernpartner" in html and ATTACKER in html
    for label in ["Toegangspogingen", "IP-adres", "Mislukte aanmeldingen", "Geblokkeerd"]:
        assert label in html
    assert "Access attempt" not in html and "Failed Logins" not in html


def test_an_admin_unlocks_by_deleting_the_attempts(client, person, network_admin):
    guess(client, 5)
    admin = verified_login(client.__class__(), network_admin)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    response = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": attempts, "post": "yes"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()

    response = sign_in(client, PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, person, settings):
    settings.AXES_TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        # What the client writes into X-Forwarded-For itself does not make it someone else.
        sign_in(client, f"raden-{attempt}", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, {ATTACKER}")
    assert AccessAttempt.objects.get().ip_address == ATTACKER
    assert sign_in(client, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER).status_code == 429
    response = sign_in(client, PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forwarded_header_is_ignored(client, person, settings):
    settings.AXES_TRUSTED_PROXY_COUNT = 0
    sign_in(client, "raden", HTTP_X_FORWARDED_FOR=ELSEWHERE)
    assert AccessAttempt.objects.get().ip_address == ATTACKER
