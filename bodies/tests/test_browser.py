"""The pages in a real browser: sign in, read every sheet, keyboard use, WCAG 2.1 AA.

Runs Debian's Chromium through Playwright (see `browser_type_launch_args` in the
root conftest) against pytest-django's live server. Screenshots go to /tmp/shots/
for a person to look at; they are not part of the repository.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import PASSWORD, BodyFactory
from mfa.tests.helpers import TEST_KEY, authenticator_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page: Page) -> None:
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def screenshot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_the_sign_in_and_password_reset_pages_meet_wcag_21_aa(page: Page, live_server):
    page.goto(live_server.url + reverse("login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden")
    assert_accessible(page)

    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord vergeten")
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill("niemand@example.org")
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer je mailbox")
    assert_accessible(page)


def test_the_coordinator_signs_in_and_reads_every_body_sheet(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")

    expect(page).to_have_url(live_server.url + network.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(network.name)
    assert_accessible(page)
    screenshot(page, "network-home")

    for spec in seed.BODIES:
        page.goto(live_server.url + network.get_absolute_url())
        page.get_by_role("link", name=spec["name"], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(spec["name"])
        for heading in ["Opdracht", "Samenstelling", "Bevoegdheden", "Overlegritme"]:
            expect(page.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
        remit = page.locator("ol.remit > li")
        expect(remit).to_have_text(spec["tasks"])
        for mandate in spec["mandates"]:
            expect(page.get_by_text(mandate["text"], exact=True)).to_be_visible()
        assert_accessible(page)
        screenshot(page, f"body-{spec['slug']}")



def test_a_body_sheet_prints_on_a4_without_navigation_or_cut_off_tables(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("pages:body", kwargs={"network": network.slug, "body": "ondersteuningsgroep"}))
    # A4 minus 15 mm margins on each side is 180 mm, about 680 CSS pixels.
    page.set_viewport_size({"width": 680, "height": 960})
    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.get_by_role("button", name="Fiche afdrukken")).to_be_hidden()
    expect(page.get_by_role("table")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 680
    screenshot(page, "body-ondersteuningsgroep-print")
    page.pdf(path=SHOTS / "body-ondersteuningsgroep.pdf", prefer_css_page_size=True)


def test_the_org_chart_draws_the_relations_and_meets_wcag_21_aa(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")
    page.get_by_role("link", name="Organogram", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Organogram")
    chart = page.get_by_role("img", name="Organogram van Plan-trekkers")
    expect(chart).to_be_visible()
    expect(chart.locator("g.node")).to_have_count(len(seed.BODIES))
    expect(chart.locator("path.edge.relation-delegates")).to_have_count(1)
    relations = page.locator(".relations-list")
    expect(relations).to_contain_text("delegeert aan Kernteam")
    expect(relations).to_contain_text("adviseert Beleidsgroep")
    assert_accessible(page)
    screenshot(page, "org-chart")


def test_the_interface_switches_to_english_and_back(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + network.get_absolute_url())
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    assert_accessible(page)
    page.goto(live_server.url + reverse("pages:body", kwargs={"network": network.slug, "body": "kernteam"}))
    assert_accessible(page)

    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_tab_from_the_top_reaches_the_skip_link_then_the_body_links(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + network.get_absolute_url())

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    reached = set()
    for _press in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')") or ""
        match = re.search(r"/bodies/([\w-]+)/$", href)
        if match:
            reached.add(match.group(1))
    assert reached >= {spec["slug"] for spec in seed.BODIES}


def test_an_org_chart_with_working_groups_stays_legible(page: Page, live_server, network, coordinator):
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    policy = Body.objects.get(network=network, slug="beleidsgroep")
    for name in ["Werkgroep Vorming", "Werkgroep Registratie", "Werkgroep Cliëntparticipatie"]:
        BodyFactory(network=network, name=name, kind=Body.Kind.WORKING_GROUP, parent=support)
    BodyFactory(network=network, name="Werkgroep Financiering", kind=Body.Kind.WORKING_GROUP, parent=policy)
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("bodies:chart", kwargs={"network": network.slug}))

    chart = page.get_by_role("img", name="Organogram van Plan-trekkers")
    expect(chart.locator("g.node")).to_have_count(8)
    expect(chart.locator("path.edge.relation-steers")).to_have_count(4)
    assert_accessible(page)
    screenshot(page, "org-chart-working-groups")


def test_the_language_switcher_works_by_keyboard(page: Page, live_server, network, coordinator):
    sign_in(page, live_server, "coordinator")

    for _press in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "en":
            break
    expect(page.get_by_role("button", name="English")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_list_of_networks_meets_wcag_21_aa(page: Page, live_server, network, other_network, network_admin):
    # The network admin must use two-step verification: an authenticator, then its code.
    authenticator_for(network_admin)
    sign_in(page, live_server, "beheerder")
    page.get_by_label("Code").fill(f"{totp(bytes.fromhex(TEST_KEY)):06d}")
    page.get_by_role("button", name="Bevestigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn netwerken")
    expect(page.get_by_role("link", name=network.name)).to_be_visible()
    expect(page.get_by_role("link", name=other_network.name)).to_be_visible()
    assert_accessible(page)
