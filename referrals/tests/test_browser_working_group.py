"""In a real browser, by keyboard: the Beleidsgroep's chair starts a working group with the rhythm picker.

No rule is typed: the chair picks "every 2 weeks on Thursday" at 19:30 from words,
and the new group's sheet shows the rhythm in words and its planned meetings, none
today or on a weekend. Every page passes axe-core (WCAG 2.1 AA). Screenshots in /tmp/shots.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Body
from bodies.tests.factories import PersonFactory
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Page, label: str):
    # Required fields carry an asterisk after their label.
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def type_into(page: Page, label: str, text: str) -> None:
    field(page, label).focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_the_chair_starts_a_working_group_picking_its_rhythm_in_words_by_keyboard(
    page: Page, live_server, network, chair
):
    PersonFactory(network=network, name="Nele Goossens")
    sign_in(page, live_server, "voorzitter")
    page.goto(live_server.url + Body.objects.get(network=network, name=seed.BELEIDSGROEP).get_absolute_url())

    start = page.get_by_role("link", name="Werkgroep opstarten")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Themawerkgroep opstarten")
    expect(page.get_by_text("RFC 5545")).to_have_count(0)
    assert_accessible(page)

    type_into(page, "Naam", "Werkgroep Vorming")
    type_into(page, "Opdracht", "Vormingsaanbod in kaart brengen.")
    page.get_by_label("Nele Goossens").focus()
    page.keyboard.press("Space")

    # The rhythm: from "every few months" (the default) one radio up to "every few weeks".
    monthly = page.get_by_label("Om de zoveel maanden, op de zoveelste weekdag van de maand")
    expect(monthly).to_be_checked()
    monthly.focus()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("Om de zoveel weken, op een weekdag")).to_be_checked()
    # Only the fields this kind of rhythm uses stay in view.
    expect(field(page, "Om de hoeveel maanden")).to_be_hidden()
    expect(field(page, "Welke in de maand")).to_be_hidden()
    expect(page.get_by_label("maart", exact=True)).to_be_hidden()
    type_into(page, "Om de hoeveel weken", "2")
    weekday = field(page, "Weekdag")
    weekday.focus()
    # Tuesday is preset; two down is Thursday.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(weekday).to_have_value("TH")
    page.get_by_label("Beginuur").fill("19:30")
    type_into(page, "Plaats", "Welzijnscampus, Genk")
    page.get_by_label("Eerste terugkoppeling tegen").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    screenshot(page, "working-group-rhythm-picker")

    submit = page.get_by_role("button", name="Werkgroep opstarten")
    submit.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgroep Vorming")
    expect(page.get_by_text("om de 2 weken op donderdag")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "working-group-rhythm-sheet")

    group = Body.objects.get(network=network, name="Werkgroep Vorming")
    assert [phase.rrule for phase in group.cadence.phases.all()] == ["FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"]
    planned = list(group.meetings.order_by("date").values_list("date", "start_time"))
    today = timezone.localdate()
    assert planned and all(day > today and day.weekday() == 3 for day, _hour in planned)
    assert {hour for _day, hour in planned} == {datetime.time(19, 30)}
    shown = page.locator(".date-list time").all_inner_texts()
    assert len(shown) == min(3, len(planned))
