"""In a real browser: the voting member makes a calendar link, copies it, renews it and revokes it, by keyboard.

Every state of the Agenda-abonnement page passes axe-core (WCAG 2.1 AA). Screenshots
in /tmp/shots/calendar-*.png.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from bodies.models import Body
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from calendars.models import FeedToken
from meetings.tests.factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, target: Locator, limit: int = 120) -> None:
    """Press Tab until `target` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} never got the focus by Tab")


def test_the_voting_member_subscribes_copies_renews_and_revokes_by_keyboard(
    page: Page, context, live_server, network, voting_member
):
    MeetingFactory(
        body=Body.objects.get(network=network, slug="kernteam"),
        date=timezone.localdate() + datetime.timedelta(days=7),
        start_time=datetime.time(9, 30),
        duration_minutes=90,
        location="Kantoor Genk",
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    sign_in(page, live_server, "kernpartner")

    menu_link = page.get_by_role("link", name="Agenda-abonnement")
    tab_to(page, menu_link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda-abonnement")
    expect(menu_link).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", name="Je hebt nog geen agendalink")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "calendar-empty")

    # Make the link by keyboard.
    tab_to(page, page.get_by_role("button", name="Agendalink maken"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("Je agendalink is klaar. Kopieer hem naar je agenda-app.")
    personal = page.get_by_label("Mijn agendalink", exact=True)
    url = personal.input_value()
    token = FeedToken.objects.live().get(user=voting_member).token
    assert url == f"{live_server.url}/calendar/feed/{token}/mine.ics"
    webcal = page.get_by_role("link", name="Abonneren in je agenda-app: Mijn agendalink")
    expect(webcal).to_have_attribute("href", "webcal://" + url.split("://", 1)[1])
    expect(page.get_by_role("textbox", name="Agendalink van Beleidsgroep")).to_have_value(
        f"{live_server.url}/calendar/feed/{token}/n/plantrekkers/beleidsgroep.ics"
    )
    assert_accessible(page)
    screenshot(page, "calendar-links")

    # Copy by keyboard: the clipboard holds the link and a screen reader hears it.
    tab_to(page, page.get_by_role("button", name="Kopieer: Mijn agendalink"))
    page.keyboard.press("Space")
    expect(page.locator("#copy-status")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()") == url

    # The feed answers without a login.
    feed = page.request.get(url)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    assert "Kernteam – vergadering" in feed.text()

    # A new link by keyboard: the old one is dead on the next request.
    tab_to(page, page.get_by_role("button", name="Nieuwe link maken"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Je hebt een nieuwe agendalink.")
    new_url = page.get_by_label("Mijn agendalink", exact=True).input_value()
    assert new_url != url
    assert page.request.get(url).status == 404
    assert page.request.get(new_url).status == 200
    expect(page.get_by_role("heading", name="Eerdere links")).to_be_visible()
    assert_accessible(page)

    # Revoke by keyboard.
    tab_to(page, page.get_by_role("button", name="Link intrekken"))
    page.keyboard.press("Space")
    expect(page.get_by_role("alert")).to_contain_text("Je agendalink is ingetrokken.")
    assert page.request.get(new_url).status == 404
    expect(page.get_by_role("heading", name="Je hebt nog geen agendalink")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "calendar-revoked")


def test_the_page_works_on_a_phone(page: Page, live_server, network, voting_member):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, live_server, "kernpartner")
    page.goto(live_server.url + "/calendar/")
    page.get_by_role("button", name="Agendalink maken").click()
    expect(page.get_by_label("Mijn agendalink", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "calendar-phone")


def test_the_header_keeps_every_link_inside_the_bar_for_the_coordinator(page: Page, live_server, network, coordinator):
    # The coordinator has the most links (Mijn overzicht … Coördinatie, Meldingen, Agenda-abonnement):
    # at the tests' 1280 px they wrap onto a second row of the dark bar instead of running off it.
    sign_in(page, live_server, "coordinator")
    for path in (network.get_absolute_url(), "/calendar/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        bar = page.locator(".app-header nav").bounding_box()
        for name in ("Coördinatie", "Meldingen", "Agenda-abonnement") if path != "/calendar/" else ("Agenda-abonnement",):
            box = page.locator(".app-header").get_by_role("link", name=name, exact=True).bounding_box()
            assert bar["x"] <= box["x"] and box["x"] + box["width"] <= bar["x"] + bar["width"], name
            assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"], name
        expect(page.locator(".app-header").get_by_text("Sara Peeters")).to_be_in_viewport()
        assert_accessible(page)
        screenshot(page, "calendar-header-coordinator" + ("-network" if path != "/calendar/" else ""))
