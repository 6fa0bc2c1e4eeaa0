"""In a real browser: the pages on a phone and the body sheets on paper (issue 11, point 11).

At 375 CSS pixels (a small phone) no page scrolls sideways and the network home shows
every next meeting date on screen. A body sheet printed on A4 keeps every heading with
what follows it and prints no text over other text; the PDF is read back with pypdf.
"""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from bodies import seed
from bodies.models import Body
from bodies.tests.test_browser import screenshot, sign_in
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import AgendaItem
from meetings.services.planning import meetings_plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
SHEETS = [spec["slug"] for spec in seed.BODIES]


def page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def tables_cut_off(page: Page) -> int:
    """How many tables hide a column behind their own scroll bar."""
    return page.evaluate(
        "[...document.querySelectorAll('main .table-responsive')].filter(box => box.scrollWidth > box.clientWidth).length"
    )


def sheet_url(live_server, network, slug: str) -> str:
    return live_server.url + reverse("pages:body", kwargs={"network": network.slug, "body": slug})


def test_the_meeting_page_does_not_scroll_sideways_on_a_phone(page: Page, live_server, network, coordinator, voting_member):
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    meeting = MeetingFactory(body=beleidsgroep, date=timezone.localdate(), location="Kantoor Genk")
    AgendaItemFactory(meeting=meeting, title="Werkingsbudget 2027", kind=AgendaItem.Kind.DECISION, position=1)
    sign_in(page, live_server, "coordinator")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + meeting.get_absolute_url())

    # The attendance form with its selects per member is what stretched the page to 493 px.
    expect(page.get_by_label("Aanwezigheid van Tom Janssens")).to_be_attached()
    screenshot(page, "phone-meeting")
    assert page_width(page) <= PHONE["width"]
    assert tables_cut_off(page) == 0


def test_the_network_home_shows_every_next_date_on_a_phone(page: Page, live_server, network, coordinator):
    meetings_plan(today=timezone.localdate())  # the next dates are the planned meetings
    sign_in(page, live_server, "coordinator")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + network.get_absolute_url())

    dates = page.locator(".overview-table time")
    expect(dates.first).to_be_visible()
    for index in range(dates.count()):
        box = dates.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], dates.nth(index).inner_text()
    screenshot(page, "phone-network-home")
    assert page_width(page) <= PHONE["width"]


@pytest.mark.parametrize("slug", SHEETS)
def test_a_body_sheet_does_not_scroll_sideways_on_a_phone(page: Page, live_server, network, coordinator, slug):
    sign_in(page, live_server, "coordinator")
    page.set_viewport_size(PHONE)

    page.goto(sheet_url(live_server, network, slug))

    screenshot(page, f"phone-body-{slug}")
    assert page_width(page) <= PHONE["width"]
    # Nor does the composition hide its members behind the table's own scroll bar.
    assert tables_cut_off(page) == 0


def text_runs(pdf: bytes) -> list[list[tuple[float, float, float, str]]]:
    """Per page, each piece of text drawn: its x and y on the page (points), its size and its text."""
    pages = []
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((x, y, size * abs(tm[3] * cm[3] or 1), text.strip()))

        sheet.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def overlapping(runs) -> list[tuple[str, str]]:
    """Pairs of texts that start at the same place on a page, less than a line apart."""
    return [
        (a[3], b[3])
        for i, a in enumerate(runs)
        for b in runs[i + 1 :]
        if abs(a[0] - b[0]) < 2 and abs(a[1] - b[1]) < 0.8 * max(a[2], b[2])
    ]


# A spacer at the top of the sheet moves the page breaks through its sections, as longer
# or shorter compositions do: wherever a break falls, nothing may be printed over
# something else (Chromium did that with the flex cards of equal height, losing "Nog geen
# adviezen gegeven.") and no page may end on a heading.
SPACERS = range(0, 150, 12)
ADD_SPACER = """(height) => {
  let spacer = document.getElementById("test-spacer");
  if (!spacer) {
    spacer = document.createElement("div");
    spacer.id = "test-spacer";
    document.querySelector("main").prepend(spacer);
  }
  spacer.style.height = `${height}px`;
}"""


@pytest.mark.parametrize("slug", SHEETS)
def test_a_printed_body_sheet_loses_no_text_and_ends_no_page_on_a_heading(
    page: Page, live_server, network, coordinator, voting_member, slug
):
    sign_in(page, live_server, "coordinator")
    page.goto(sheet_url(live_server, network, slug))
    page.emulate_media(media="print")
    headings = set(page.locator("main h2, main h3").all_inner_texts())

    for height in SPACERS:
        page.evaluate(ADD_SPACER, height)
        pages = text_runs(page.pdf(prefer_css_page_size=True))

        for number, runs in enumerate(pages, start=1):
            assert overlapping(runs) == [], f"{slug}, spacer {height} px, page {number}"
            if number < len(pages):
                last = min(runs, key=lambda run: run[1])[3]
                assert last not in headings, f"{slug}, spacer {height} px: page {number} ends on “{last}”"
