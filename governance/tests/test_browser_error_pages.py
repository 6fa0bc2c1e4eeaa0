"""The error pages in a real browser: each meets WCAG 2.1 AA in the site's own layout (issue 10, point 11).

404 and 403 come from the live server. The 400, the CSRF page and the 500 are made
by the test client (the live server cannot be made to fail on purpose) and served to
Chromium on a live-server address, so the page loads the site's own CSS as in use.
"""

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page, expect

from bodies.tests.test_browser import assert_accessible, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serve(page: Page, live_server, response, path: str) -> None:
    """Open `path` on the live server, answered with `response`'s page instead."""
    page.route(
        f"**{path}",
        lambda route: route.fulfill(status=response.status_code, body=response.content, content_type="text/html"),
    )
    page.goto(live_server.url + path)


def assert_error_page(page: Page, heading: str, name: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "Times New Roman"
    assert_accessible(page)
    screenshot(page, f"error-{name}")


def test_the_404_and_403_meet_wcag_21_aa(page: Page, live_server, forum_member):
    page.goto(live_server.url + "/bestaat-niet/")
    assert_error_page(page, "Pagina niet gevonden", "404-anonymous")

    sign_in(page, live_server, forum_member.username)
    page.goto(live_server.url + "/bestaat-niet/")
    assert_error_page(page, "Pagina niet gevonden", "404")

    page.goto(live_server.url + reverse("pages:coordination", kwargs={"network": "plantrekkers"}))
    assert_error_page(page, "Geen toegang", "403")


def test_the_400_csrf_and_500_pages_meet_wcag_21_aa(page: Page, live_server, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    too_big = Client().post(reverse("login"), {"username": "x", "password": "y" * 2000})
    serve(page, live_server, too_big, "/fout-400/")
    assert_error_page(page, "Ongeldige aanvraag", "400")

    expired = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    serve(page, live_server, expired, "/fout-csrf/")
    assert_error_page(page, "Formulier verlopen", "csrf")

    # Last: the project's URLs plus a failing view (static files do not go through them).
    settings.ROOT_URLCONF = "governance.tests.test_error_pages"
    failed = Client(raise_request_exception=False).get("/boom/")
    serve(page, live_server, failed, "/fout-500/")
    assert_error_page(page, "Er ging iets mis", "500")
