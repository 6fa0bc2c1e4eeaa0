"""Advice and assignments in a real browser, under axe-core (WCAG 2.1 AA) on every page.

A Forum officer advises the Beleidsgroep; the Beleidsgroep's chair finds the advice
open on the Beleidsgroep's sheet and answers it partly followed, with reasons. The
chair then starts a working group, which the support group reports on.
Screenshots go to /tmp/shots/ for a person to look at.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Seat
from bodies.tests.factories import MembershipFactory, PersonFactory, UserFactory
from bodies.tests.test_browser import assert_accessible, screenshot, sign_in
from referrals.models import Advice, Assignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def forum_officer(network):
    """Chairs the Netwerk Forum, so runs it: gives its advice."""
    seat = Seat.objects.get(body__network=network, body__name=seed.FORUM, role__name="Vertegenwoordiger sector")
    user = UserFactory(username="forumvoorzitter", first_name="Karel", last_name="Claes")
    MembershipFactory(seat=seat, person=PersonFactory(network=network, name="Karel Claes", user=user), office="chair")
    return user


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()


def open_sheet(page: Page, live_server, network, name: str) -> None:
    page.goto(live_server.url + network.get_absolute_url())
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_the_forum_advises_the_beleidsgroep_and_its_chair_answers_partly_followed(
    page: Page, live_server, network, forum_member, chair
):
    # sector is a plain Forum member: the Forum has no chair, any member records its advice.
    sign_in(page, live_server, "sector")
    open_sheet(page, live_server, network, seed.FORUM)
    assert_accessible(page)

    page.get_by_role("link", name="Advies geven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advies geven")
    assert_accessible(page)
    page.get_by_label("Aan").select_option(label=seed.BELEIDSGROEP)
    page.get_by_label("Domein").select_option(label="Beleid")
    page.get_by_label("Onderwerp").fill("Wachtlijsten zichtbaar maken")
    page.get_by_label(re.compile(r"^\s*Advies\*?\s*$")).fill("Publiceer elk kwartaal de wachttijden per regio.")
    screenshot(page, "advice-give")
    page.get_by_role("button", name="Advies vastleggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtlijsten zichtbaar maken")
    expect(page.get_by_role("alert")).to_contain_text("Het advies aan Beleidsgroep is vastgelegd.")
    expect(page.get_by_text("wacht op antwoord")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "advice-given")
    sign_out(page)

    sign_in(page, live_server, "voorzitter")
    open_sheet(page, live_server, network, seed.BELEIDSGROEP)
    advice_section = page.get_by_role("region", name="Adviezen")
    expect(advice_section.get_by_role("link", name="Wachtlijsten zichtbaar maken", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "advice-open-on-beleidsgroep")

    advice_section.get_by_role("link", name="Beantwoorden: Wachtlijsten zichtbaar maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advies beantwoorden")
    assert_accessible(page)
    page.get_by_label("Gedeeltelijk gevolgd").check()
    page.get_by_role("button", name="Antwoord vastleggen").click()

    # Without reasons the answer is refused, next to the field.
    expect(page.get_by_text("Motiveer waarom het advies niet of slechts gedeeltelijk gevolgd wordt.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "advice-answer-refused")
    page.get_by_label("Motivering").fill("We publiceren halfjaarlijks: het kwartaal is te zwaar voor de registratie.")
    page.get_by_role("button", name="Antwoord vastleggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtlijsten zichtbaar maken")
    expect(page.get_by_role("region", name="Antwoord")).to_contain_text("Gedeeltelijk gevolgd")
    expect(page.get_by_role("region", name="Antwoord")).to_contain_text("We publiceren halfjaarlijks")
    expect(page.get_by_role("region", name="Geschiedenis")).to_contain_text("Beantwoord: gedeeltelijk gevolgd")
    assert_accessible(page)
    screenshot(page, "advice-answered")

    advice = Advice.objects.get()
    assert (advice.response, advice.answered_by) == (Advice.Response.PARTLY, chair)

    page.get_by_role("link", name="Adviezen", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adviezen")
    assert_accessible(page)
    screenshot(page, "advice-register")


def test_the_beleidsgroep_starts_a_working_group_and_the_support_group_reports_back(
    page: Page, live_server, network, chair, coordinator
):
    PersonFactory(network=network, name="Nele Goossens")
    sign_in(page, live_server, "voorzitter")
    open_sheet(page, live_server, network, seed.BELEIDSGROEP)

    page.get_by_role("link", name="Werkgroep opstarten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Themawerkgroep opstarten")
    assert_accessible(page)
    page.get_by_label("Naam").fill("Werkgroep Vorming")
    page.get_by_label("Opdracht").fill("Vormingsaanbod in kaart brengen.\nEen vormingsplan voorstellen.")
    page.get_by_label("Nele Goossens").check()
    page.get_by_label("Omschrijving van het ritme").fill("1 X per maand")
    page.get_by_label("Eerste terugkoppeling tegen").fill((timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    screenshot(page, "working-group-start")
    page.get_by_role("button", name="Werkgroep opstarten").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgroep Vorming")
    expect(page.get_by_text("Aangestuurd door Inhoudelijke Ondersteuningsgroep", exact=True)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "working-group-sheet")

    page.get_by_role("link", name="Opdrachten", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opdrachten")
    assert_accessible(page)
    page.get_by_role("link", name="Werkgroep Vorming opstarten en opvolgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgroep Vorming opstarten en opvolgen")
    assert_accessible(page)
    sign_out(page)

    sign_in(page, live_server, "coordinator")
    open_sheet(page, live_server, network, seed.ONDERSTEUNINGSGROEP)
    page.get_by_role("link", name="Terugkoppelen: Werkgroep Vorming opstarten en opvolgen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Terugkoppelen")
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile(r"^Terugkoppeling")).fill("De werkgroep kwam samen en stelde een vormingsplan op.")
    page.get_by_role("button", name="Terugkoppeling vastleggen").click()

    expect(page.get_by_role("region", name="Terugkoppeling")).to_contain_text("vormingsplan")
    assert_accessible(page)
    screenshot(page, "assignment-reported")
    assert not Assignment.objects.get().is_open

    page.goto(
        live_server.url + reverse("referrals:assignment_give", kwargs={"network": network.slug, "body": "beleidsgroep"})
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Opdracht geven")
    assert_accessible(page)
    screenshot(page, "assignment-give")
