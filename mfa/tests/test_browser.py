"""Two-step verification in Debian's Chromium, by keyboard: enrol, log out, log in with a code."""

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def type_into(page: Page, label: str, text: str) -> None:
    page.get_by_label(label).focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def activate(page: Page, locator) -> None:
    locator.focus()
    page.keyboard.press("Enter")


def test_an_admin_enrols_logs_out_and_logs_in_with_a_code(page: Page, live_server, network, network_admin):
    sign_in(page, live_server, "beheerder")

    # Sent to set up an authenticator before anything else, told why.
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-app instellen")
    expect(page.get_by_text("Voor jouw account is tweestapsverificatie verplicht")).to_be_visible()
    expect(page.get_by_role("img", name="QR-code voor je authenticator-app")).to_be_visible()
    assert_accessible(page)
    key = b32decode(page.locator("#mfa-secret").inner_text().replace(" ", ""))
    type_into(page, "Code uit de app", f"{totp(key):06d}")

    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    expect(page.locator(".mfa-codes li")).to_have_count(10)
    assert_accessible(page)
    activate(page, page.get_by_role("link", name="Ik heb ze bewaard, verder"))
    expect(page.get_by_role("heading", level=1)).to_have_text(network.name)

    activate(page, page.get_by_role("button", name="Afmelden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")

    sign_in(page, live_server, "beheerder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")
    assert_accessible(page)
    page.goto(live_server.url + reverse("admin:index"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invoeren")  # no way round the step

    type_into(page, "Code", "000000" if f"{totp(key, drift=1):06d}" != "000000" else "111111")
    expect(page.get_by_text("Die code klopt niet")).to_be_visible()
    assert_accessible(page)

    # After one wrong code django-otp refuses every code for a second; then the code of the
    # next 30 seconds (the one just used to enrol is never taken twice).
    page.wait_for_timeout(1100)
    page.get_by_label("Code").fill("")
    type_into(page, "Code", f"{totp(key, drift=1):06d}")
    expect(page).to_have_url(live_server.url + reverse("admin:index"))
    expect(page.locator("#site-name")).to_be_visible()
