"""In a real browser, by keyboard: the coordinator makes a project, finds it in the list, finishes it.

The coordinator opens Projecten from the menu, makes a project sheet (an end before
the start first, refused in Dutch beside the field), sees it in the list, reads its
sheet with the agenda it was discussed on, and finishes it: the list of active
projects no longer shows it, the sheet's history says who did it. Every page passes
axe-core (WCAG 2.1 AA). Screenshots in /tmp/projects-*.png.
"""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import PersonFactory
from bodies.tests.test_browser import assert_accessible, sign_in
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def screenshot(page: Page, name: str) -> None:
    page.screenshot(path=Path("/tmp") / f"projects-{name}.png", full_page=True)


def press_on(page: Page, locator) -> None:
    """Reach a link or button by keyboard focus and press Enter, as a keyboard user does."""
    locator.focus()
    expect(locator).to_be_focused()
    page.keyboard.press("Enter")


def test_the_coordinator_makes_finds_and_finishes_a_project_by_keyboard(page: Page, live_server, network, coordinator):
    PersonFactory(network=network, name="Nele Goossens")
    sign_in(page, live_server, "coordinator")

    press_on(page, page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Projecten", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Projecten")
    expect(page.get_by_text("Geen projecten gevonden.")).to_be_visible()
    assert_accessible(page)

    press_on(page, page.get_by_role("link", name="Nieuw project"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw project")
    assert_accessible(page)
    page.get_by_label("Titel").focus()
    page.keyboard.type("Crisisopvang <regio Genk>")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Doel")).to_be_focused()
    page.keyboard.type("Eén aanspreekpunt voor gezinnen in crisis.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Aanpak")).to_be_focused()
    page.keyboard.type("Samen met het crisisnetwerk en de gezinscoaches.")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Opgevolgd door")).to_be_focused()
    page.get_by_label("Opgevolgd door").select_option(label=seed.BELEIDSGROEP)
    page.get_by_label("Projecttrekker").select_option(label="Nele Goossens")
    page.get_by_label("Status").select_option(label="Lopend")
    page.get_by_label("Start").fill("2027-01-01")
    page.get_by_label("Einde").fill("2026-12-31")
    press_on(page, page.get_by_role("button", name="Project aanmaken"))

    # The end before the start is refused beside the field; what was typed stays.
    expect(page.get_by_text("Het einde ligt voor de start.")).to_be_visible()
    expect(page.get_by_label("Titel")).to_have_value("Crisisopvang <regio Genk>")
    assert_accessible(page)
    screenshot(page, "1-refused")
    page.get_by_label("Einde").fill("2027-12-31")
    press_on(page, page.get_by_role("button", name="Project aanmaken"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Crisisopvang <regio Genk>")
    expect(page.get_by_role("alert")).to_contain_text("Het project “Crisisopvang <regio Genk>” is aangemaakt.")
    project = Project.objects.get()
    assert (project.body.name, project.lead.name, project.status) == (seed.BELEIDSGROEP, "Nele Goossens", "running")

    # The Beleidsgroep discusses it on a published agenda.
    meeting = MeetingFactory(
        body=Body.objects.get(network=network, name=seed.BELEIDSGROEP),
        date=datetime.date(2026, 12, 1),
        agenda_published_at=timezone.now(),
    )
    AgendaItemFactory(meeting=meeting, project=project, title="Stand van zaken crisisopvang")

    press_on(page, page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Projecten", exact=True))
    row = page.get_by_role("row", name="Crisisopvang <regio Genk>")
    expect(row).to_contain_text(seed.BELEIDSGROEP)
    expect(row).to_contain_text("Nele Goossens")
    expect(row).to_contain_text("Lopend")
    assert_accessible(page)
    screenshot(page, "2-list")

    press_on(page, row.get_by_role("link", name="Crisisopvang <regio Genk>"))
    discussed = page.get_by_role("region", name="Besproken op")
    expect(discussed).to_contain_text("1 december 2026 · Beleidsgroep")
    expect(discussed).to_contain_text("Stand van zaken crisisopvang")
    assert_accessible(page)
    screenshot(page, "3-sheet")

    press_on(page, page.get_by_role("link", name="Project bewerken"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Project bewerken")
    assert_accessible(page)
    page.get_by_label("Status").focus()
    page.get_by_label("Status").select_option(label="Afgerond")
    press_on(page, page.get_by_role("button", name="Wijzigingen bewaren"))

    expect(page.get_by_role("alert")).to_contain_text("De wijzigingen aan “Crisisopvang <regio Genk>” zijn bewaard.")
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("Status: Lopend → Afgerond")
    expect(history).to_contain_text("Sara Peeters")
    assert_accessible(page)
    screenshot(page, "4-finished")

    press_on(page, page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Projecten", exact=True))
    expect(page.get_by_text("Geen projecten gevonden.")).to_be_visible()
    page.get_by_label("Status").select_option(label="Afgerond")
    press_on(page, page.get_by_role("button", name="Filteren"))
    expect(page.get_by_role("row", name="Crisisopvang <regio Genk>")).to_contain_text("Afgerond")
    assert_accessible(page)
    screenshot(page, "5-list-finished")
