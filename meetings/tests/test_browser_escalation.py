"""In a real browser: a decision above the Kernteam's limit goes to the Beleidsgroep and is taken there.

A Kernteam member records it and sees the refusal naming the Beleidsgroep; the
coordinator plans the Beleidsgroep's next meeting and escalates it in one step;
the chair of the Beleidsgroep records attendance and takes the decision from the
escalated agenda item; the voting members vote and the coordinator closes the
vote: adopted. Every page passes axe-core (WCAG 2.1 AA). Screenshots in /tmp/shots.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from meetings.models import Decision
from meetings.services.decisions import decision_propose
from meetings.tests.factories import MeetingFactory
from meetings.tests.helpers import body, kernteam_limit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()


def open_meetings(page: Page, live_server, network, slug: str) -> None:
    page.goto(live_server.url + reverse("meetings:list", kwargs={"network": network.slug, "body": slug}))


@pytest.fixture
def kernteam_meeting(network):
    """The Kernteam meets today; its decide mandate has a limit of € 5.000."""
    kernteam_limit(network, "5000")
    return MeetingFactory(body=body(network), date=timezone.localdate(), location="Kantoor Genk")


def test_a_decision_over_the_kernteam_limit_is_escalated_and_adopted_by_the_beleidsgroep(
    page: Page, live_server, network, kernteam_meeting, voting_member, coordinator, chair
):
    today = timezone.localdate()

    # 1. A voting member of the Kernteam records the decision; it is out of mandate.
    sign_in(page, live_server, "kernpartner")
    open_meetings(page, live_server, network, "kernteam")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergaderingen")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(today.strftime("%Y") + "$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vergadering van")
    assert_accessible(page)

    form = page.locator("form", has=page.get_by_label("Bedrag (EUR)"))
    form.get_by_label("Domein").select_option(label="Financiën")
    form.get_by_label("Besluit").fill("Aankoop van een dienstwagen voor de gezinscoaches")
    form.get_by_label("Bedrag (EUR)").fill("7500")
    form.get_by_role("button", name="Besluit voorstellen").click()

    refusal = page.locator(".messages .alert-warning")
    expect(refusal).to_contain_text("overschrijdt de limiet van € 5.000,00 van Kernteam")
    expect(refusal).to_contain_text("Dit mandaat ligt bij Beleidsgroep.")
    expect(page.get_by_role("article")).to_contain_text("Buiten mandaat")
    # Members do not escalate: that is the coordinator's one step.
    expect(page.get_by_role("button", name="Voorleggen aan Beleidsgroep")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "escalation-1-refused")
    sign_out(page)

    # 2. The coordinator plans the Beleidsgroep's meeting, then escalates from the Kernteam's.
    sign_in(page, live_server, "coordinator")
    open_meetings(page, live_server, network, "beleidsgroep")
    page.get_by_role("link", name="Vergadering plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergadering plannen")
    assert_accessible(page)
    page.get_by_label("Datum").fill(today.isoformat())
    page.get_by_label("Beginuur").fill("19:30")
    page.get_by_label("Plaats").fill("Gemeentehuis Genk")
    page.get_by_role("button", name="Plannen").click()
    expect(page.locator(".messages")).to_contain_text("De vergadering is gepland.")
    target_url = page.url

    page.goto(live_server.url + kernteam_meeting.get_absolute_url())
    page.get_by_role("button", name="Voorleggen aan Beleidsgroep").click()
    expect(page.locator(".messages")).to_contain_text("Voorgelegd aan Beleidsgroep: het staat op de agenda van")
    expect(page.get_by_role("article")).to_contain_text("Voorgelegd aan Beleidsgroep:")
    assert_accessible(page)
    screenshot(page, "escalation-2-escalated")

    original = Decision.objects.get(meeting=kernteam_meeting)
    page.goto(live_server.url + original.get_absolute_url())
    expect(page.get_by_role("heading", level=2, name="Getoetst aan mandaat")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^vergadering van"))).to_have_attribute(
        "href", target_url.removeprefix(live_server.url)
    )
    assert_accessible(page)
    screenshot(page, "escalation-3-original-decision")
    sign_out(page)

    # 3. The chair of the Beleidsgroep records attendance and takes the decision from the item.
    sign_in(page, live_server, "voorzitter")
    page.goto(target_url)
    agenda = page.locator("ol.agenda")
    expect(agenda).to_contain_text("Voorgelegd door Kernteam")
    expect(agenda.get_by_role("link", name="Oorspronkelijk besluit bekijken")).to_be_visible()
    expect(page.locator(".quorum")).to_contain_text("Quorum niet bereikt")
    page.get_by_label("Aanwezigheid van An Maes").select_option(label="Aanwezig")
    page.get_by_label("Aanwezigheid van Tom Janssens").select_option(label="Aanwezig")
    page.get_by_label("Aanwezigheid van Sara Peeters").select_option(label="Aanwezig")
    page.get_by_role("button", name="Aanwezigheden bewaren").click()
    expect(page.locator(".quorum")).to_contain_text("2 van de 2 stemgerechtigde leden aanwezig")
    expect(page.locator(".quorum")).to_contain_text("Quorum bereikt")

    page.get_by_role("link", name=re.compile("^Besluit voorstellen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluit voorstellen")
    expect(page.get_by_label("Besluit")).to_have_value("Aankoop van een dienstwagen voor de gezinscoaches")
    expect(page.get_by_label("Bedrag (EUR)")).to_have_value("7500,00")
    assert_accessible(page)
    screenshot(page, "escalation-4-take-decision")
    page.get_by_role("button", name="Besluit voorstellen").click()
    expect(page.locator(".messages")).to_contain_text("Het besluit is voorgelegd ter stemming.")
    expect(page.get_by_role("link", name=re.compile("^Besluit voorstellen"))).to_have_count(0)

    # The chair votes by keyboard alone.
    page.get_by_role("button", name="Voor", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Je stem is geteld: Voor.")
    expect(page.get_by_role("article")).to_contain_text("Je stem: Voor.")
    assert_accessible(page)
    sign_out(page)

    # 4. The other voting member votes.
    sign_in(page, live_server, "kernpartner")
    page.goto(target_url)
    page.get_by_role("button", name="Voor", exact=True).click()
    expect(page.get_by_role("article")).to_contain_text("2 stemmen uitgebracht.")
    sign_out(page)

    # 5. The coordinator sits in the Beleidsgroep without vote: no buttons, but closes the vote.
    sign_in(page, live_server, "coordinator")
    page.goto(target_url)
    expect(page.get_by_role("button", name="Voor", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Stemming afsluiten").click()
    expect(page.locator(".messages")).to_contain_text("De stemming is afgesloten: Aangenomen.")
    expect(page.get_by_role("article")).to_contain_text("Voor: 2, tegen: 0, onthoudingen: 0.")
    assert_accessible(page)
    screenshot(page, "escalation-5-adopted")

    # The decision stands in the register, with the mandate it rests on.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Besluiten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Besluitenlijst")
    row = page.get_by_role("row", name=re.compile("dienstwagen"))
    expect(row).to_contain_text("Beleidsgroep")
    expect(row).to_contain_text("Aangenomen")
    expect(row).to_contain_text("Kan beslissen over de effectieve inzet van financiële en personele middelen")
    assert_accessible(page)
    screenshot(page, "escalation-6-register")

    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=2, name="Steunt op mandaat")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Geschiedenis")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Status: In stemming → Aangenomen")
    assert_accessible(page)
    screenshot(page, "escalation-7-decision")

    taken = Decision.objects.get(status=Decision.Status.ADOPTED)
    assert taken.meeting.body.name == "Beleidsgroep"
    original.refresh_from_db()
    assert taken.agenda_item == original.escalated_to

    # The original decision says what became of it, linked to the decision taken.
    page.goto(live_server.url + original.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Aangenomen door Beleidsgroep op")).click()
    expect(page.get_by_role("heading", level=2, name="Steunt op mandaat")).to_be_visible()
    assert page.url == live_server.url + taken.get_absolute_url()


def test_the_register_filters_work_by_keyboard_and_report_a_bad_period(page: Page, live_server, network, forum_member):
    sign_in(page, live_server, "sector")
    page.goto(live_server.url + reverse("meetings:decision_register", kwargs={"network": network.slug}))
    assert_accessible(page)

    page.get_by_label("Zoeken in de tekst").focus()
    page.keyboard.type("begroting")
    page.get_by_label("Van").fill("2026-06-01")
    page.get_by_label("Tot en met").fill("2026-01-01")
    page.get_by_label("Tot en met").press("Enter")

    expect(page.locator("main")).to_contain_text("De einddatum ligt vóór de begindatum.")
    expect(page.get_by_label("Zoeken in de tekst")).to_have_value("begroting")
    assert_accessible(page)
    screenshot(page, "register-bad-period")


def test_the_coordinator_escalates_from_the_coordination_list_in_one_click(
    page: Page, live_server, network, kernteam_meeting, coordinator
):
    target = MeetingFactory(body=body(network, "Beleidsgroep"), date=timezone.localdate())
    refused = decision_propose(
        meeting=kernteam_meeting, domain="finance", text="Aankoop van een dienstwagen", amount_eur=7500, by=None
    )

    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("pages:coordination", kwargs={"network": network.slug}))
    to_escalate = page.locator("section", has=page.get_by_role("heading", name="Besluiten buiten mandaat"))
    expect(to_escalate).to_contain_text("Aankoop van een dienstwagen")
    assert_accessible(page)

    to_escalate.get_by_role("button", name=re.compile("^Voorleggen aan Beleidsgroep")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Coördinatie")
    expect(page.locator(".messages")).to_contain_text("Voorgelegd aan Beleidsgroep: het staat op de agenda van")
    expect(to_escalate).to_contain_text("Geen besluiten die wachten om voorgelegd te worden.")
    escalated = page.locator("section", has=page.get_by_role("heading", name="Voorgelegd aan een ander orgaan"))
    expect(escalated).to_contain_text("van Kernteam naar Beleidsgroep")
    assert_accessible(page)
    screenshot(page, "escalation-from-coordination")
    refused.refresh_from_db()
    assert refused.escalated_to.meeting == target
