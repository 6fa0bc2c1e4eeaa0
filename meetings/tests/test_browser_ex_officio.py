"""In a real browser: an ex-officio member (issue 11, point 1).

Tom Janssens sits in the Kernteam, which fills a seat with vote in the Forum. He finds
today's Forum meeting on Mijn overzicht, opens it and votes, by keyboard, on a decision
(the seed's Forum only advises; the test gives it a decide mandate so the seat's vote
shows). axe-core (WCAG 2.1 AA) on both pages. Screenshots in /tmp/shots/ex-officio-*.png.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Mandate
from bodies.tests.factories import MandateFactory
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from meetings.models import Vote
from meetings.services.decisions import decision_propose
from meetings.tests.factories import AgendaItemFactory, MeetingFactory
from meetings.models import AgendaItem
from meetings.services.meetings import attendance_record

from .helpers import body, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_kernteam_member_finds_the_forum_meeting_on_mijn_overzicht_and_votes_there(
    page: Page, live_server, network, voting_member
):
    forum = body(network, seed.FORUM)
    MandateFactory(body=forum, kind=Mandate.Kind.DECIDE, domains=["communication"], is_unlimited=True)
    meeting = MeetingFactory(
        body=forum, date=timezone.localdate(), location="Cultuurcentrum", agenda_published_at=timezone.now()
    )
    item = AgendaItemFactory(meeting=meeting, title="Folder", kind=AgendaItem.Kind.DECISION, position=1)
    attendance_record(meeting=meeting, statuses={person(voting_member).pk: "present"})
    decision = decision_propose(
        meeting=meeting,
        agenda_item=item,
        domain="communication",
        text="Een folder voor de regio",
        amount_eur=Decimal("0"),
        by=None,
    )

    sign_in(page, live_server, "kernpartner")
    page.goto(live_server.url + reverse("pages:mine", kwargs={"network": network.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn overzicht")
    link = page.get_by_role("link", name=re.compile("^" + re.escape(seed.FORUM) + ", "))
    expect(link).to_be_visible()
    assert_accessible(page)
    screenshot(page, "ex-officio-mine")

    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    page.get_by_role("button", name="Voor", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Je stem is geteld: Voor.")
    assert_accessible(page)
    screenshot(page, "ex-officio-vote")
    assert Vote.objects.get(decision=decision).person == person(voting_member)
