"""In a real browser, by keyboard: the coordinator moves a planned meeting, then cancels another.

The planner made the Beleidsgroep's meetings from its cadence; the coordinator moves
one (a wrong end hour first, refused in Dutch), then cancels the next with a reason,
and sees on the coordination overview which meetings still wait for an agenda. Every
page passes axe-core (WCAG 2.1 AA). Screenshots in /tmp/shots.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from meetings.models import Meeting
from meetings.services.planning import meetings_plan

from .helpers import body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page: Page, element_id: str, most: int = 5) -> None:
    for _ in range(most):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == element_id


def test_the_coordinator_moves_and_cancels_planned_meetings_by_keyboard(page: Page, live_server, network, coordinator):
    today = timezone.localdate()
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    meetings_plan(today=today, horizon_days=120, bodies=[beleidsgroep])
    first, second = Meeting.objects.filter(body=beleidsgroep).order_by("date")[:2]
    new_day = first.date + datetime.timedelta(days=2)

    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + first.get_absolute_url())
    move = page.get_by_role("link", name="Verplaatsen", exact=True)
    move.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("verplaatsen")
    assert_accessible(page)

    # An end hour before the start is refused, with the message by the field.
    # The date through its field (its segments follow the browser's locale), then by Tab
    # (a date field may keep the focus for its own segments and picker button).
    page.get_by_label("Datum").fill(new_day.isoformat())
    tab_to(page, "id_start_time")
    page.get_by_label("Beginuur").fill("19:30")
    tab_to(page, "id_end_time")
    page.get_by_label("Einduur").fill("18:00")
    tab_to(page, "id_location")
    page.keyboard.press("Control+A")
    page.keyboard.type("Gemeentehuis Genk")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Het einduur ligt niet na het beginuur.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "planning-1-move-refused")

    page.get_by_label("Einduur").fill("21:30")
    tab_to(page, "id_location")
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("De vergadering is verplaatst")
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(new_day.day))
    expect(page.get_by_text("volgens het ritme viel deze vergadering op")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "planning-2-moved")
    first.refresh_from_db()
    assert (first.date, first.start_time, first.duration_minutes, first.location, first.sequence) == (
        new_day, datetime.time(19, 30), 120, "Gemeentehuis Genk", 1
    )

    # The next meeting is cancelled from the meeting list, with a reason.
    page.goto(live_server.url + reverse("meetings:list", kwargs={"network": network.slug, "body": beleidsgroep.slug}))
    assert_accessible(page)
    cancel_url = reverse("meetings:cancel", kwargs={"network": network.slug, "pk": second.pk})
    cancel = page.locator(f'a[href="{cancel_url}"]')
    expect(cancel).to_have_accessible_name(re.compile(rf"^Annuleren de vergadering van {second.date.day} \w+ {second.date.year}$"))
    cancel.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("annuleren")
    assert_accessible(page)
    page.get_by_label("Reden van de annulering").focus()
    page.keyboard.type("Te weinig agendapunten")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Vergadering annuleren")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("De vergadering is geannuleerd")
    expect(page.get_by_text("Te weinig agendapunten")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "planning-3-cancelled")
    second.refresh_from_db()
    assert second.status == Meeting.Status.CANCELLED

    page.goto(live_server.url + reverse("pages:coordination", kwargs={"network": network.slug}))
    expect(page.get_by_role("heading", name="Vergaderingen zonder agenda")).to_be_visible()
    assert_accessible(page)
