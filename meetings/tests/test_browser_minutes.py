"""In a real browser, by keyboard: the minutes of a whole meeting in one form.

The coordinator types the minutes of two agenda items and saves once: both are kept.
Typing and then leaving the page by a link asks first (beforeunload), and the text
is still there when they stay; saving leaves without asking. Then the next meeting
approves them on its agenda item, once attendance is recorded. axe-core (WCAG 2.1 AA)
on the pages. Screenshots in /tmp/shots/minutes-*.png.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import AgendaItem, MinutesApproval

from .helpers import body, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, label: str, *, limit: int = 40) -> None:
    """Press Tab until the element with this accessible label has the focus."""
    target = page.get_by_label(label)
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {label}")


def test_the_minutes_of_every_item_are_typed_and_saved_together_by_keyboard(
    page: Page, live_server, network, coordinator
):
    today = timezone.localdate()
    meeting = MeetingFactory(body=body(network), date=today)
    first = AgendaItemFactory(meeting=meeting, title="Werkingsbudget 2027", position=1)
    second = AgendaItemFactory(meeting=meeting, title="Vorming vrijwilligers", position=2)
    minutes = live_server.url + meeting.get_absolute_url() + "minutes/"

    sign_in(page, live_server, "coordinator")
    page.goto(minutes)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van de vergadering")
    assert_accessible(page)

    # Typed in the first item, then leaving by a link: the browser asks, staying keeps the text.
    page.get_by_label("Verslag bij “Werkingsbudget 2027”").focus()
    page.keyboard.type("Het budget is besproken.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Vergaderingen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Verslag bij “Werkingsbudget 2027”")).to_have_value("Het budget is besproken.")
    assert dialogs == ["beforeunload"]
    assert page.url == minutes

    # On to the second item by Tab, type, Tab to its save button and press Enter: both are saved.
    page.get_by_label("Verslag bij “Werkingsbudget 2027”").focus()
    tab_to(page, "Verslag bij “Vorming vrijwilligers”")
    page.keyboard.type("Drie vormingen in het voorjaar.")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert re.sub(r"\s+", " ", focused).strip() == "Verslag bewaren (alle agendapunten)"
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Het verslag is bewaard.")
    assert dialogs == ["beforeunload"]  # saving the form is no loss: nothing asked
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.minutes, second.minutes) == ("Het budget is besproken.", "Drie vormingen in het voorjaar.")
    expect(page.get_by_label("Verslag bij “Werkingsbudget 2027”")).to_have_value("Het budget is besproken.")
    screenshot(page, "minutes-saved")
    assert_accessible(page)

    # Saved text leaves without asking.
    page.get_by_role("link", name="Vergaderingen").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergaderingen")
    assert dialogs == ["beforeunload"]


def test_the_next_meeting_approves_the_minutes_on_its_agenda_item_once_attendance_is_recorded(
    page: Page, live_server, network, coordinator
):
    today = timezone.localdate()
    kernteam = body(network)
    earlier = MeetingFactory(body=kernteam, date=today - datetime.timedelta(days=14))
    AgendaItemFactory(meeting=earlier, title="Samenwerking met de scholen", minutes="Afgesproken: een proefproject.")
    following = MeetingFactory(body=kernteam, date=today)

    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + earlier.get_absolute_url())
    page.get_by_role("button", name="Verslag ter goedkeuring voorleggen").click()
    item = AgendaItem.objects.get(meeting=following, minutes_of=earlier)

    page.goto(live_server.url + following.get_absolute_url())
    expect(page.get_by_text(item.title).first).to_be_visible()
    page.get_by_role("button", name=re.compile(rf"^Verslag goedkeuren\s*: {item.title}$")).click()
    expect(page.locator(".messages")).to_contain_text("Noteer eerst wie er aanwezig is")

    page.get_by_label(f"Aanwezigheid van {person(coordinator).name}").select_option(label="Aanwezig")
    expect(page.locator("#quorum")).to_contain_text("Aanwezigheden bewaard.")
    page.get_by_role("button", name=re.compile(rf"^Verslag goedkeuren\s*: {item.title}$")).click()
    expect(page.locator(".messages")).to_contain_text("is goedgekeurd en voor het hele netwerk zichtbaar")
    expect(page.get_by_text("Goedgekeurd in deze vergadering.")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + earlier.get_absolute_url())
    page.get_by_role("link", name=re.compile("^goedgekeurd in de vergadering van")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    assert [p.name for p in MinutesApproval.objects.get().present.all()] == [person(coordinator).name]
    screenshot(page, "minutes-approved")
