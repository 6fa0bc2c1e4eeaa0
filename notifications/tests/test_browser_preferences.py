"""The Meldingen page in a real browser: reached from the menu, used by keyboard, WCAG 2.1 AA."""

import pytest
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from notifications.models import NotificationPreference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_turns_off_reminders_by_keyboard(page: Page, live_server, network, voting_member):
    sign_in(page, live_server, "kernpartner")
    page.get_by_role("link", name="Meldingen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    reminder = page.get_by_label("Herinnering aan een vergadering")
    expect(reminder).to_be_checked()
    assert_accessible(page)
    screenshot(page, "notification-preferences")

    reminder.focus()
    page.keyboard.press("Space")
    expect(reminder).not_to_be_checked()
    page.get_by_role("button", name="Bewaren").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_have_text("Je keuze is bewaard.")
    expect(page.get_by_label("Herinnering aan een vergadering")).not_to_be_checked()
    expect(page.get_by_label("Agenda gepubliceerd")).to_be_checked()
    assert_accessible(page)
    assert NotificationPreference.objects.get(user=voting_member).meeting_reminder is False
