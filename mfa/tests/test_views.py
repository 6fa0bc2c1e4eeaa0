"""Two-step verification as specification: enrol, the code step, recovery codes, who must use it."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertRedirects

from bodies.tests.factories import UserFactory
from mfa.services import recovery_codes_renew
from mfa.tests.helpers import TEST_KEY, authenticator_for

pytestmark = pytest.mark.django_db

VERIFY = reverse("mfa:verify")
SETUP = reverse("mfa:setup")


def code_now(key: str = TEST_KEY) -> str:
    return f"{totp(bytes.fromhex(key)):06d}"


def test_the_admin_refuses_a_superuser_without_a_verified_session(client, network_admin):
    client.force_login(network_admin)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_the_admin_refuses_a_superuser_past_the_code_step_without_a_verified_device(client, network_admin):
    # Even a session that skipped the code step (no device in it) is not let in: OTPAdminSite.
    client.force_login(network_admin)
    session = client.session
    session["mfa_step"] = ""
    session.save()

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert response.resolver_match.view_name == "login"


def test_a_verified_superuser_reaches_the_admin(verified_login, network_admin):
    assert verified_login(network_admin).get(reverse("admin:index")).status_code == 200


def test_a_superuser_without_an_authenticator_is_sent_to_set_one_up_with_an_explanation(client, network_admin):
    client.force_login(network_admin)

    response = client.get(reverse("home"), follow=True, HTTP_ACCEPT_LANGUAGE="nl")

    assertRedirects(response, SETUP + "?next=%2F")
    assertContains(response, "Voor jouw account is tweestapsverificatie verplicht")


def test_enrolling_shows_the_secret_and_then_ten_recovery_codes_once(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(SETUP)
    assertContains(page, "<svg")
    key = client.session["mfa_setup_key"]
    assertContains(page, page.context["secret"])

    response = client.post(SETUP, {"code": code_now(key)})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    for code in response.context["codes"]:
        assertContains(response, code)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("admin:index")).status_code == 302  # not staff: still no admin
    assert client.get(reverse("mfa:overview")).context["user"].is_verified()


def test_a_wrong_confirmation_code_enrols_nothing(client):
    user = UserFactory()
    client.force_login(user)
    client.get(SETUP)
    wrong = f"{(int(code_now(client.session['mfa_setup_key'])) + 1) % 1000000:06d}"

    response = client.post(SETUP, {"code": wrong}, HTTP_ACCEPT_LANGUAGE="nl")

    assertContains(response, "Die code klopt niet", status_code=400)
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_after_the_password_a_user_with_an_authenticator_reaches_only_the_code_step(client):
    user = UserFactory()
    authenticator_for(user)
    client.force_login(user)

    assertRedirects(client.get(reverse("calendars:subscription")), VERIFY + "?next=%2Fcalendar%2F", target_status_code=200)
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_the_right_code_verifies_the_session_and_goes_on(client):
    user = UserFactory()
    authenticator_for(user)
    client.force_login(user)

    response = client.post(VERIFY, {"code": code_now(), "next": "/calendar/"})

    assertRedirects(response, "/calendar/")
    assert client.get("/calendar/").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(client):
    user = UserFactory()
    authenticator_for(user)
    client.force_login(user)
    wrong = f"{(int(code_now()) + 1) % 1000000:06d}"

    response = client.post(VERIFY, {"code": wrong}, HTTP_ACCEPT_LANGUAGE="nl")

    assertContains(response, "Die code klopt niet", status_code=400)
    assert client.get(reverse("home")).status_code == 302


def test_after_a_wrong_code_even_the_right_one_waits(client):
    user = UserFactory()
    authenticator_for(user)
    client.force_login(user)
    client.post(VERIFY, {"code": "000000" if code_now() != "000000" else "111111"})

    response = client.post(VERIFY, {"code": code_now()}, HTTP_ACCEPT_LANGUAGE="nl")

    assertContains(response, "Te veel foute codes na elkaar", status_code=400)


def test_a_recovery_code_works_once(client):
    user = UserFactory()
    authenticator_for(user)
    code = recovery_codes_renew(user=user)[0]
    client.force_login(user)

    assertRedirects(client.post(VERIFY, {"code": code.upper()}), "/", fetch_redirect_response=False)
    assert not StaticToken.objects.filter(token=code).exists()

    client.logout()
    client.force_login(user)
    assert client.post(VERIFY, {"code": code}).status_code == 400


def test_renewing_the_recovery_codes_retires_the_old_ones(verified_login):
    user = UserFactory()
    old = recovery_codes_renew(user=user)
    client = verified_login(user)

    response = client.post(reverse("mfa:recovery_codes"))

    assert len(response.context["codes"]) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_switching_off_takes_a_fresh_code(verified_login):
    user = UserFactory()
    client = verified_login(user)
    wrong = f"{(int(code_now()) + 1) % 1000000:06d}"

    assert client.post(reverse("mfa:disable"), {"code": wrong}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()


def test_switching_off_with_a_fresh_code_removes_the_authenticator(verified_login):
    user = UserFactory()
    code = recovery_codes_renew(user=user)[0]
    client = verified_login(user)

    assertRedirects(client.post(reverse("mfa:disable"), {"code": code}), reverse("mfa:overview"))
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_an_admin_cannot_switch_it_off(verified_login, network_admin):
    client = verified_login(network_admin)
    code = recovery_codes_renew(user=network_admin)[0]

    response = client.post(reverse("mfa:disable"), {"code": code}, follow=True, HTTP_ACCEPT_LANGUAGE="nl")

    assertContains(response, "je kunt ze niet uitschakelen")
    assert TOTPDevice.objects.filter(user=network_admin).exists()


def test_a_network_that_requires_it_sends_its_coordinator_to_set_it_up(client, network, coordinator):
    network.require_mfa_for_coordinators = True
    network.save()
    client.force_login(coordinator)

    assertRedirects(client.get(network.get_absolute_url()), SETUP + "?next=" + "%2Fn%2Fplantrekkers%2F")


def test_without_the_network_setting_a_coordinator_needs_no_second_step(client, network, coordinator):
    client.force_login(coordinator)

    assert client.get(network.get_absolute_url()).status_code == 200


def test_a_required_coordinator_cannot_switch_it_off(verified_login, network, coordinator):
    network.require_mfa_for_coordinators = True
    network.save()
    client = verified_login(coordinator)
    code = recovery_codes_renew(user=coordinator)[0]

    client.post(reverse("mfa:disable"), {"code": code})

    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_the_setting_is_on_the_network_page_of_the_admin_with_its_history(verified_login, network_admin, network):
    client = verified_login(network_admin)
    url = reverse("admin:bodies_network_change", args=[network.pk])
    assertContains(client.get(url), "require_mfa_for_coordinators")

    network.require_mfa_for_coordinators = True
    network.save()

    assert network.history.first().require_mfa_for_coordinators


def test_the_code_step_does_not_send_anyone_elsewhere(client):
    user = UserFactory()
    authenticator_for(user)
    client.force_login(user)

    response = client.post(VERIFY, {"code": code_now(), "next": "https://evil.example/"})

    assertRedirects(response, "/", fetch_redirect_response=False)
