"""In a real browser: the coordinator builds the Beleidsgroep's agenda, a member proposes an item,
the coordinator accepts it, reorders by keyboard and by drag and drop, and publishes.

Every agenda page passes axe-core (WCAG 2.1 AA). Screenshots in /tmp/shots/agenda-*.png.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from bodies import seed
from meetings.tests.factories import MeetingFactory
from meetings.models import Meeting
from projects.models import Project

from .helpers import body

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()


def named(action: str, title: str) -> re.Pattern:
    """A control's accessible name: the visible verb, then the item's title (visually hidden)."""
    return re.compile(rf"^{action}\s*:\s*{re.escape(title)}$")


def titles(meeting) -> list[str]:
    return list(meeting.agenda_items.on_agenda().order_by("position", "pk").values_list("title", flat=True))


@pytest.fixture
def meeting(network, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return MeetingFactory(
        body=body(network, seed.BELEIDSGROEP),
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(19, 30),
        duration_minutes=60,
        location="Gemeentehuis Genk",
    )


def add_item(
    page: Page, title: str, kind: str, minutes: str, presenter: str | None = None, project: str | None = None
) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Op de agenda zetten", exact=True))
    form.get_by_label("Titel").fill(title)
    form.get_by_label("Soort").select_option(label=kind)
    if presenter:
        form.get_by_label("Inbreng door").select_option(label=presenter)
    if project:
        form.get_by_label("Project").select_option(label=project)
    form.get_by_label("Voorziene tijd (minuten)").fill(minutes)
    form.get_by_role("button", name="Op de agenda zetten", exact=True).click()


def test_the_coordinator_builds_reorders_and_publishes_an_agenda_and_a_member_proposes(
    page: Page, live_server, network, meeting, coordinator, voting_member, chair
):
    project = Project.objects.create(
        network=network, title="Gezinscoaching in de regio", body=body(network), status=Project.Status.RUNNING
    )
    agenda_path = reverse("meetings:agenda", kwargs={"network": network.slug, "pk": meeting.pk})

    # 1. The coordinator opens the agenda from the meeting page and adds three items.
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + meeting.get_absolute_url())
    page.get_by_role("link", name="Agenda opstellen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Agenda van de vergadering van")
    expect(page.get_by_text("Nog geen agendapunten.")).to_be_visible()
    assert_accessible(page)

    add_item(page, "Goedkeuring vorig verslag", "Besluit", "10")
    expect(page.locator(".messages")).to_contain_text("“Goedkeuring vorig verslag” staat op de agenda.")
    add_item(page, "Begroting 2027", "Besluit", "40", presenter="An Maes", project="Gezinscoaching in de regio")
    project_link = page.locator("ol.agenda-items").get_by_role("link", name="Gezinscoaching in de regio")
    expect(project_link).to_have_attribute(
        "href", reverse("projects:detail", kwargs={"network": network.slug, "pk": project.pk})
    )
    add_item(page, "Rondvraag", "Bespreking", "5")
    expect(page.locator("#agenda-time")).to_contain_text("Voorziene tijd: 55 van 60 minuten.")
    assert titles(meeting) == ["Goedkeuring vorig verslag", "Begroting 2027", "Rondvraag"]
    sign_out(page)

    # 2. A member of the Beleidsgroep proposes an item and sees it waiting.
    sign_in(page, live_server, "kernpartner")
    page.goto(live_server.url + agenda_path)
    expect(page.get_by_role("heading", name="Punt voorstellen")).to_be_visible()
    expect(page.get_by_text("Je kunt een punt voorstellen tot de agenda gepubliceerd is")).to_be_visible()
    expect(page.get_by_role("button", name="Agenda publiceren")).to_have_count(0)
    form = page.locator("form", has=page.get_by_role("button", name="Voorstellen", exact=True))
    form.get_by_label("Titel").fill("Wachtlijsten gezinscoaching")
    form.get_by_label("Toelichting").fill("De cijfers van het derde kwartaal.")
    form.get_by_role("button", name="Voorstellen", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Je voorstel “Wachtlijsten gezinscoaching” is ingediend.")
    expect(page.locator("section", has=page.get_by_role("heading", name="Mijn voorstellen"))).to_contain_text(
        "wacht op een beslissing"
    )
    assert_accessible(page)
    screenshot(page, "agenda-1-member-proposes")
    sign_out(page)

    # 3. The coordinator accepts it: it joins the agenda at the end, and the time runs over.
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + agenda_path)
    proposals = page.locator("section", has=page.get_by_role("heading", name="Voorstellen van leden"))
    expect(proposals).to_contain_text("Voorgesteld door Tom Janssens")
    assert_accessible(page)
    proposals.get_by_role("button", name=named("Aanvaarden", "Wachtlijsten gezinscoaching")).click()
    expect(page.locator(".messages")).to_contain_text("“Wachtlijsten gezinscoaching” staat nu op de agenda.")
    page.get_by_role("link", name=named("Bewerken", "Wachtlijsten gezinscoaching")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agendapunt bewerken")
    assert_accessible(page)
    page.get_by_label("Voorziene tijd (minuten)").fill("15")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator("#agenda-time")).to_contain_text("Voorziene tijd: 70 van 60 minuten.")
    expect(page.get_by_role("note")).to_contain_text("Er zijn 10 minuten meer gepland dan de vergadering duurt.")

    # 4. Reorder by keyboard: the moved item keeps the focus, the change is announced and saved.
    down = page.get_by_role("button", name=named("Omlaag", "Goedkeuring vorig verslag"))
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-live")).to_have_text(
        "“Goedkeuring vorig verslag” staat nu op plaats 2 van 4."
    )
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#agenda-live")).to_have_text(
        "“Goedkeuring vorig verslag” staat nu op plaats 3 van 4."
    )
    up = page.get_by_role("button", name=named("Omhoog", "Goedkeuring vorig verslag"))
    page.keyboard.press("Shift+Tab")
    expect(up).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("Space")
    expect(page.locator("#agenda-live")).to_have_text(
        "“Goedkeuring vorig verslag” staat nu op plaats 1 van 4."
    )
    expect(up).to_be_focused()
    page.keyboard.press("Enter")  # already at the top: nothing moves, it says so
    expect(page.locator("#agenda-live")).to_have_text("“Goedkeuring vorig verslag” staat al bovenaan.")
    expect(page.locator("ol.agenda-items > li h3").first).to_have_text(re.compile(r"^\s*Punt 1:\s*Goedkeuring vorig verslag\s*$"))
    assert titles(meeting) == [
        "Goedkeuring vorig verslag",
        "Begroting 2027",
        "Rondvraag",
        "Wachtlijsten gezinscoaching",
    ]

    # 5. And by drag and drop: the proposal goes above the Rondvraag.
    items = page.locator("ol.agenda-items > li")
    handle = items.nth(3).locator(".drag-handle").bounding_box()
    target = items.nth(2).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 20, steps=8)
    page.mouse.move(target["x"] + 40, target["y"] + 8, steps=4)
    page.mouse.up()
    expect(page.locator("#agenda-live")).to_have_text("“Wachtlijsten gezinscoaching” staat nu op plaats 3 van 4.")
    page.wait_for_timeout(300)
    assert titles(meeting) == [
        "Goedkeuring vorig verslag",
        "Begroting 2027",
        "Wachtlijsten gezinscoaching",
        "Rondvraag",
    ]
    page.reload()
    expect(page.locator("ol.agenda-items > li h3").nth(2)).to_contain_text("Wachtlijsten gezinscoaching")
    assert_accessible(page)
    screenshot(page, "agenda-2-built")

    # 6. Publish: the network may read it now.
    page.get_by_role("button", name="Agenda publiceren").click()
    expect(page.locator(".messages")).to_contain_text("De agenda is gepubliceerd")
    expect(page.get_by_role("button", name="Agenda publiceren")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "agenda-3-published")
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    sign_out(page)

    # 7. The member reads the published agenda and the outcome of the proposal.
    sign_in(page, live_server, "kernpartner")
    page.goto(live_server.url + agenda_path)
    expect(page.locator("section", has=page.get_by_role("heading", name="Mijn voorstellen"))).to_contain_text(
        "op de agenda"
    )
    expect(page.get_by_text("De agenda is gepubliceerd: voorstellen kan niet meer.")).to_be_visible()
    expect(page.get_by_role("button", name=named("Omhoog", "Rondvraag"))).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "agenda-4-member-reads")
    assert Meeting.objects.get(pk=meeting.pk).is_agenda_published
