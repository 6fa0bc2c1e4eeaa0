"""In a real browser: the coordinator finds a colleague in Mensen and reads their page.

From the menu to the list, a search by name narrowed to a body, then the person's page
with their seats, e-mail address and attendance, then their organisation's page with its
representatives per body. Every page passes axe-core (WCAG 2.1 AA).
Screenshots in /tmp/people-*.png.
"""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Person
from bodies.tests.test_browser import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page: Page, name: str) -> None:
    page.screenshot(path=Path("/tmp") / f"people-{name}.png", full_page=True)


def test_the_coordinator_finds_a_member_and_reads_their_page(
    page: Page, live_server, network, coordinator, voting_member, chair
):
    Person.objects.filter(user=voting_member).update(email="tom@maasland.be")
    sign_in(page, live_server, "coordinator")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mensen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen")
    expect(page.get_by_role("heading", name="3 personen")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "1-list")

    page.get_by_label("Naam").fill("jans")
    page.get_by_label("Orgaan").select_option(label=seed.BELEIDSGROEP)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="1 persoon")).to_be_visible()
    expect(page.get_by_text("tom@maasland.be")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Tom Janssens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tom Janssens")
    expect(page.get_by_text("Jeugdzorg Maasland vzw").first).to_be_visible()
    expect(page.get_by_role("table", name="Zetels vandaag")).to_contain_text(seed.KERNTEAM)
    expect(page.get_by_text("Geen gegevens", exact=False)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "2-person")

    page.locator(".page-header").get_by_role("link", name="Jeugdzorg Maasland vzw").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeugdzorg Maasland vzw")
    expect(page.get_by_role("table", name="Vertegenwoordigers vandaag")).to_contain_text("Tom Janssens")
    expect(page.get_by_role("heading", name="Organen zonder vertegenwoordiger vandaag")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "3-organisation")

    page.get_by_role("table", name="Vertegenwoordigers vandaag").get_by_role("link", name="Tom Janssens").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tom Janssens")

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Mensen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mensen")
