"""In a real browser: the chair of the Beleidsgroep sets its meeting rules, by keyboard, and members read them.

Both pages pass axe-core (WCAG 2.1 AA). Screenshots in /tmp/shots/meeting-rules-*.png.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in

from .helpers import body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_chair_sets_the_deadlines_and_reminders_of_the_beleidsgroep(page: Page, live_server, network, chair):
    sign_in(page, live_server, "voorzitter")
    page.goto(live_server.url + reverse("meetings:list", kwargs={"network": network.slug, "body": "beleidsgroep"}))
    rules = page.locator("section", has=page.get_by_role("heading", name="Afspraken", exact=True))
    expect(rules).to_contain_text("vanaf 14 dagen vóór de vergadering")
    expect(rules).to_contain_text("7 dagen vooraf, 1 dag vooraf")
    assert_accessible(page)

    rules.get_by_role("link", name="Afspraken wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraken voor vergaderingen")
    assert_accessible(page)

    # A deadline that makes no sense is refused in Dutch, and nothing is saved.
    page.get_by_label("Oproep voor agendapunten (dagen vooraf)").fill("5")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("De oproep voor agendapunten moet vroeger vallen dan het versturen van de agenda.")).to_be_visible()
    assert_accessible(page)
    assert body(network, seed.BELEIDSGROEP).call_for_items_days == 14

    # By keyboard: the fields in order, then the button.
    page.get_by_label("Oproep voor agendapunten (dagen vooraf)").fill("21")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Agenda verstuurd (dagen vooraf)")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("10")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Herinneringen (dagen vooraf)")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("14, 2")
    page.get_by_label("Op een feestdag").select_option(label="Overslaan")
    screenshot(page, "meeting-rules-1-form")
    page.get_by_role("button", name="Bewaren").press("Enter")

    expect(page.locator(".messages")).to_contain_text("De afspraken van Beleidsgroep zijn bewaard.")
    rules = page.locator("section", has=page.get_by_role("heading", name="Afspraken", exact=True))
    expect(rules).to_contain_text("vanaf 21 dagen vóór de vergadering")
    expect(rules).to_contain_text("uiterlijk 10 dagen vóór de vergadering")
    expect(rules).to_contain_text("14 dagen vooraf, 2 dagen vooraf")
    expect(rules).to_contain_text("Overslaan")
    screenshot(page, "meeting-rules-2-saved")
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    assert (beleidsgroep.call_for_items_days, beleidsgroep.agenda_days, beleidsgroep.reminder_days) == (21, 10, "14,2")
