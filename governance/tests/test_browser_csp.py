"""In a real browser: the pages break no rule of the Content-Security-Policy (issue 10, point 9).

Chromium reports every refused inline script or style, `style` attribute or handler as
a `securitypolicyviolation` event and a console error; this test records both on the
pages with the most script (the agenda's drag and drop, the attendance form's htmx,
the calendar page's copy buttons) and on the Django admin.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from bodies import seed
from bodies.models import Body
from bodies.tests.test_browser import sign_in
from meetings.tests.factories import MeetingFactory
from meetings.models import AgendaItem
from mfa.tests.helpers import TEST_KEY, authenticator_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def watched(page: Page):
    """The page, with every CSP violation and console error it reports collected in `page.problems`."""
    problems = []
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message):
        # Chromium asks every page without a <link rel=icon> (the admin's) for /favicon.ico.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"{message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.problems = problems
    return page


def assert_no_violations(page: Page) -> None:
    page.wait_for_load_state("load")
    violations = page.evaluate("window.cspViolations || []")
    assert (violations, page.problems) == ([], []), page.url


@pytest.fixture
def meeting(network):
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    meeting = MeetingFactory(
        body=beleidsgroep,
        date=timezone.localdate() + datetime.timedelta(days=30),
        start_time=datetime.time(19, 30),
        duration_minutes=60,
    )
    for position, title in enumerate(["Begroting 2027", "Rondvraag"]):
        AgendaItem.objects.create(meeting=meeting, title=title, position=position)
    return meeting


def test_the_members_pages_report_no_csp_violation(watched: Page, live_server, network, meeting, coordinator):
    page = watched
    sign_in(page, live_server, "coordinator")
    assert_no_violations(page)
    beleidsgroep = meeting.body

    for path in [
        reverse("home"),
        reverse("pages:network", kwargs={"network": network.slug}),
        reverse("pages:body", kwargs={"network": network.slug, "body": beleidsgroep.slug}),
        reverse("bodies:chart", kwargs={"network": network.slug}),
        reverse("pages:mine", kwargs={"network": network.slug}),
    ]:
        page.goto(live_server.url + path)
        assert_no_violations(page)

    # The calendar page: its script shows the copy buttons once there is a link.
    page.goto(live_server.url + reverse("calendars:subscription"))
    page.get_by_role("button", name="Agendalink maken").click()
    expect(page.locator("[data-copy]").first).to_be_visible()
    assert_no_violations(page)


def test_the_agenda_reorders_by_drag_and_drop_without_a_csp_violation(
    watched: Page, live_server, network, meeting, coordinator
):
    page = watched
    sign_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("meetings:agenda", kwargs={"network": network.slug, "pk": meeting.pk}))

    items = page.locator("ol.agenda-items > li")
    handle = items.nth(1).locator(".drag-handle").bounding_box()
    target = items.nth(0).bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
    page.mouse.down()
    page.mouse.move(target["x"] + 40, target["y"] + 20, steps=8)
    page.mouse.move(target["x"] + 40, target["y"] + 8, steps=4)
    page.mouse.up()

    expect(page.locator("#agenda-live")).to_contain_text("Rondvraag")
    page.wait_for_timeout(300)
    assert list(meeting.agenda_items.order_by("position").values_list("title", flat=True)) == [
        "Rondvraag",
        "Begroting 2027",
    ]
    assert_no_violations(page)

    # The meeting page's attendance form answers through htmx.
    page.goto(live_server.url + meeting.get_absolute_url())
    assert_no_violations(page)


def test_the_django_admin_works_under_the_csp(watched: Page, live_server, network, meeting, network_admin):
    page = watched
    # The admin admits only a session verified by an authenticator: the code step first.
    authenticator_for(network_admin)
    sign_in(page, live_server, "beheerder")
    page.get_by_label("Code").fill(f"{totp(bytes.fromhex(TEST_KEY)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page).not_to_have_url(re.compile("/accounts/"))
    beleidsgroep = meeting.body

    for name, args in [
        ("admin:index", []),
        ("admin:bodies_body_changelist", []),
        ("admin:bodies_body_change", [beleidsgroep.pk]),
        ("admin:bodies_body_history", [beleidsgroep.pk]),
        ("admin:bodies_body_permissions", [beleidsgroep.pk]),
        ("admin:meetings_meeting_changelist", []),
        ("admin:meetings_meeting_change", [meeting.pk]),
        ("admin:auth_user_add", []),
    ]:
        page.goto(live_server.url + reverse(name, args=args))
        expect(page.locator("#content")).to_be_visible()
        assert_no_violations(page)

    # The admin's own scripts still run: the change list's action bar and select-all box.
    page.goto(live_server.url + reverse("admin:bodies_body_changelist"))
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_contain_text("geselecteerd")
    assert_no_violations(page)
