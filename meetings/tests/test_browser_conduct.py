"""In a real browser: the meeting itself.

A Kernteam member says on Mijn overzicht that they come to today's meeting; the
coordinator records attendance (the quorum block refreshes by htmx, no reload),
writes the minutes of an agenda item, records a decision on it and notes an action
item for the member; the action item shows on the Kernteam's next meeting. axe-core
(WCAG 2.1 AA) on the meeting page, the minutes page and Mijn overzicht.
Screenshots in /tmp/shots/conduct-*.png.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from meetings.models import Decision
from meetings.tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from meetings.models import ActionItem, AgendaItem, Attendance

from .helpers import body, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()


def test_a_member_replies_the_coordinator_keeps_minutes_and_the_action_returns_next_time(
    page: Page, live_server, network, voting_member, coordinator
):
    today = timezone.localdate()
    kernteam = body(network)
    meeting = MeetingFactory(body=kernteam, date=today, location="Kantoor Genk")
    following = MeetingFactory(body=kernteam, date=today + datetime.timedelta(days=14))
    AgendaItemFactory(meeting=meeting, title="Werkingsbudget 2027", kind=AgendaItem.Kind.DECISION, position=1)
    mine = live_server.url + reverse("pages:mine", kwargs={"network": network.slug})

    # 1. The member says on Mijn overzicht that they come.
    sign_in(page, live_server, "kernpartner")
    page.goto(mine)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn overzicht")
    assert_accessible(page)
    group = page.get_by_role("group", name="Kom je naar Kernteam op")
    group.first.get_by_role("button", name="Ik kom").click()
    expect(page.locator(".messages")).to_contain_text("Bewaard: je komt naar de vergadering.")
    expect(page.get_by_text("Je antwoord: je komt.").first).to_be_visible()
    screenshot(page, "conduct-mine")
    assert Attendance.objects.get(meeting=meeting, person=person(voting_member)).reply == "attending"
    sign_out(page)

    # 2. The coordinator records attendance; the quorum block follows without a reload.
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    assert_accessible(page)
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Aanwezigheid van Tom Janssens").select_option(label="Aanwezig")
    expect(page.locator("#quorum")).to_contain_text("Aanwezigheden bewaard.")
    expect(page.locator("#quorum")).to_contain_text("1 van de")
    page.get_by_label("Aanwezigheid van Sara Peeters").select_option(label="Aanwezig")
    expect(page.locator("#quorum")).to_contain_text("Aanwezigheden bewaard.")
    assert page.evaluate("window.notReloaded") is True
    assert Attendance.objects.get(meeting=meeting, person=person(voting_member)).status == "present"
    screenshot(page, "conduct-meeting")

    # 3. Minutes of the item, a decision on it and an action item for the member.
    page.get_by_role("link", name="Verslag en actiepunten schrijven").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van de vergadering")
    assert_accessible(page)
    page.get_by_label("Verslag bij “Werkingsbudget 2027”").fill("Het budget is besproken; de kernpartner vraagt een offerte.")
    page.get_by_role("button", name=re.compile(r"^Verslag bewaren\s*\(alle agendapunten\)$")).click()
    expect(page.locator(".messages")).to_contain_text("Het verslag is bewaard.")

    page.get_by_role("link", name=re.compile(r"^Besluit noteren\s*: Werkingsbudget 2027$")).click()
    page.get_by_label("Domein").select_option(label="Financiën")
    page.get_by_label("Besluit").fill("Het werkingsbudget 2027 wordt goedgekeurd.")
    page.get_by_role("button", name="Besluit voorstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    decision = Decision.objects.get()
    assert decision.agenda_item.title == "Werkingsbudget 2027"

    page.get_by_role("link", name="Verslag en actiepunten schrijven").click()
    expect(page.get_by_text("Het werkingsbudget 2027 wordt goedgekeurd.")).to_be_visible()
    page.get_by_label("Actie (Werkingsbudget 2027)").fill("Offerte opvragen bij drie leveranciers")
    page.get_by_label("Wie (Werkingsbudget 2027)").select_option(label="Tom Janssens")
    page.get_by_label("Tegen (Werkingsbudget 2027)").fill((today + datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name=re.compile(r"^Actie noteren\s*: Werkingsbudget 2027$")).click()
    expect(page.locator(".messages")).to_contain_text("Het actiepunt is genoteerd.")
    expect(page.get_by_text("Offerte opvragen bij drie leveranciers").first).to_be_visible()
    assert_accessible(page)
    screenshot(page, "conduct-minutes")
    assert ActionItem.objects.get().owner == person(voting_member)

    # 4. The action item returns on the next meeting until it is done.
    page.goto(live_server.url + following.get_absolute_url())
    open_actions = page.locator("#open-actions")
    expect(open_actions).to_contain_text("Offerte opvragen bij drie leveranciers")
    expect(open_actions).to_contain_text("Tom Janssens")
    screenshot(page, "conduct-next-meeting")
    assert_accessible(page)


def test_minutes_approved_at_the_next_meeting_are_read_by_a_forum_member(
    page: Page, live_server, network, coordinator, forum_member
):
    today = timezone.localdate()
    kernteam = body(network)
    earlier = MeetingFactory(body=kernteam, date=today - datetime.timedelta(days=14))
    AgendaItemFactory(meeting=earlier, title="Samenwerking met de scholen", minutes="Afgesproken: een proefproject in Genk.")
    following = MeetingFactory(body=kernteam, date=today)
    AttendanceFactory(meeting=following, person=person(coordinator))

    # The coordinator puts the minutes up for approval, then approves them in today's meeting.
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + earlier.get_absolute_url())
    page.get_by_role("button", name="Verslag ter goedkeuring voorleggen").click()
    expect(page.locator(".messages")).to_contain_text("Het verslag ligt ter goedkeuring op de volgende vergadering.")
    page.goto(live_server.url + reverse("meetings:list", kwargs={"network": network.slug, "body": kernteam.slug}))
    page.get_by_role("link", name=re.compile(today.strftime("%Y") + "$")).first.click()
    page.get_by_role("button", name=re.compile(r"^Verslag goedkeuren\s*: Goedkeuring van het verslag")).click()
    expect(page.locator(".messages")).to_contain_text("is goedgekeurd en voor het hele netwerk zichtbaar")
    sign_out(page)

    # A member of the Forum, outside the Kernteam, now reads them from the Kernteam's meetings.
    sign_in(page, live_server, "sector")
    page.goto(live_server.url + reverse("meetings:list", kwargs={"network": network.slug, "body": kernteam.slug}))
    page.get_by_role("link", name=re.compile("^Goedgekeurd verslag")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verslag van de vergadering")
    expect(page.get_by_text("Afgesproken: een proefproject in Genk.")).to_be_visible()
    screenshot(page, "conduct-approved-minutes")
    assert_accessible(page)
