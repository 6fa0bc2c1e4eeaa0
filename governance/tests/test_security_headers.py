"""Every URL of the project answers with the security headers (issue 10, point 9).

The URLs come from the resolver and are filled in as the permission matrix fills them
(bodies/tests/test_permission_matrix.py), so a new page is walked here without a row.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from bodies.tests.test_permission_matrix import (  # noqa: F401 (fixtures)
    POST_ONLY,
    agenda_media,
    records,
    records_rows,
    routes,
    url_for,
)

pytestmark = pytest.mark.django_db

FEEDS = [route for route in routes() if route.startswith("calendar/feed/")]
# A few of the admin's own pages: the admin is Django's, but it answers under our CSP.
ADMIN_PAGES = ["admin:index", "admin:bodies_body_changelist", "admin:bodies_body_add", "admin:auth_user_changelist"]


def assert_security_headers(response, url):
    policy = response.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}
    if directives.get("default-src") == ["'none'"] and "sandbox" in directives:
        # A download (agenda attachment) sets a stricter policy of its own: nothing at all.
        directives = {}
    else:
        assert directives.get("default-src") == ["'self'"], url
        assert_no_inline(directives, url)
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "same-origin", url
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", url
    assert "camera=()" in response["Permissions-Policy"], url
    assert "microphone=()" in response["Permissions-Policy"], url
    assert "geolocation=()" in response["Permissions-Policy"], url


def assert_no_inline(directives, url):
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives.get(directive, ["'unsafe-inline'"]), (url, directive)
        assert "'unsafe-eval'" not in directives[directive], (url, directive)
    assert directives.get("object-src") == ["'none'"], url
    assert directives.get("frame-ancestors") == ["'none'"], url
    assert directives.get("form-action") == ["'self'"], url
    assert directives.get("base-uri") == ["'none'"], url


def assert_not_stored(response, url):
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= cache_control, (url, response.get("Cache-Control"))


def header_faults(response, url, *, stored_too=True) -> list[str]:
    """What is wrong with one response's headers, as readable lines (none: all right)."""
    faults = []
    for check in (assert_security_headers, assert_not_stored) if stored_too else (assert_security_headers,):
        try:
            check(response, url)
        except AssertionError as error:
            faults.append(f"{url}: {error}")
    return faults


def test_every_url_answers_a_member_with_the_security_headers_and_no_store(client, records, coordinator):
    # One walk over every route (the records are built once, not once per route): the
    # failures are collected so that one run names every page that falls short.
    faults = []
    for route in sorted(routes()):
        client.force_login(coordinator)  # whatever the previous request did to the session
        url = url_for(route, records)
        response = client.post(url) if route in POST_ONLY else client.get(url)
        if response.status_code >= 500:
            faults.append(f"{url}: {response.status_code}")
        faults += header_faults(response, url)
    assert faults == []


def test_the_secret_calendar_feeds_are_not_stored_without_a_login_either(client, records):
    assert FEEDS
    faults = []
    for route in FEEDS:
        url = url_for(route, records)
        response = client.get(url)
        if response.status_code != 200:
            faults.append(f"{url}: {response.status_code}")
        faults += header_faults(response, url)
    assert faults == []


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_the_admin_answers_with_the_security_headers_and_no_store(client, verified_login, network_admin, name):
    verified_login(network_admin)
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 200, url
    assert_security_headers(response, url)
    assert_not_stored(response, url)


def test_a_page_for_an_anonymous_visitor_has_the_headers_without_no_store(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert_security_headers(response, "/bestaat-niet/")
    assert "no-store" not in response.get("Cache-Control", "")


def test_static_files_keep_their_cache_lifetime_for_a_signed_in_user(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/static/css/app.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_policy_allows_no_inline_script_or_style_and_adds_a_nonce_only_when_a_page_uses_one(
    client, verified_login, network_admin
):
    verified_login(network_admin)

    plain = client.get(reverse("home"))
    # The admin's change list writes a <style> element with the request's nonce.
    admin = client.get(reverse("admin:bodies_body_changelist"))

    assert "nonce-" not in plain["Content-Security-Policy"]
    nonce = admin["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in admin.content.decode()


def test_no_template_has_an_inline_script_style_or_event_handler():
    """The CSP refuses them; the mails (templates/emails) are not pages and keep their inline styles."""
    root = Path(__file__).resolve().parent.parent.parent
    in_markup = re.compile(r"""\sstyle=|<style|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=|javascript:""", re.I)
    # Setting element.style from a script is allowed; writing markup or a style attribute is not.
    in_script = re.compile(r"""setAttribute\(\s*["']style|innerHTML|outerHTML|insertAdjacentHTML|eval\(|new Function""")
    found = []
    for folder, suffixes, forbidden in (("templates", {".html", ".svg"}, in_markup), ("static", {".js"}, in_script)):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in suffixes or "emails" in path.parts:
                continue
            text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"))
            found += [
                f"{path.relative_to(root)}:{number}: {line.strip()}"
                for number, line in enumerate(text.splitlines(), 1)
                if forbidden.search(line)
            ]
    assert found == []
