"""The error pages are the site's own, in Dutch or English, never Django's bare page (issue 10, point 11).

pytest-django runs with DEBUG off, as production does, so these are the pages people get.
"""

import pytest
from django.test import Client
from django.urls import include, path, reverse

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


# The project's URLs plus one view that fails, for the 500 page.
urlpatterns = [path("boom/", boom), path("", include("governance.urls"))]


def assert_site_page(response, status, title):
    body = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{title}</h1>" in body
    assert "css/app.css" in body
    assert 'class="app-header' in body


def test_an_unknown_page_is_a_dutch_404_in_the_sites_layout(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/bestaat-niet/")

    assert_site_page(response, 404, "Pagina niet gevonden")
    assert "Afmelden" in response.content.decode()


def test_the_404_is_english_for_an_english_browser(client):
    response = client.get("/bestaat-niet/", headers={"accept-language": "en"})

    assert_site_page(response, 404, "Page not found")


def test_a_page_outside_ones_role_is_a_dutch_403(client, forum_member):
    client.force_login(forum_member)

    response = client.get(reverse("pages:coordination", kwargs={"network": "plantrekkers"}))

    assert_site_page(response, 403, "Geen toegang")


def test_the_403_is_english_for_an_english_browser(client, forum_member):
    client.force_login(forum_member)

    response = client.get(
        reverse("pages:coordination", kwargs={"network": "plantrekkers"}), headers={"accept-language": "en"}
    )

    assert_site_page(response, 403, "Access denied")


def test_a_form_without_its_csrf_token_gets_the_dutch_csrf_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "x", "password": "y"})

    assert_site_page(response, 403, "Formulier verlopen")
    assert "CSRF" not in response.content.decode()


def test_the_csrf_page_is_english_for_an_english_browser(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "x"}, headers={"accept-language": "en"})

    assert_site_page(response, 403, "Form expired")


def test_a_request_body_over_the_limit_gets_the_dutch_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("login"), {"username": "x", "password": "y" * 2000})

    assert_site_page(response, 400, "Ongeldige aanvraag")


def test_a_host_outside_allowed_hosts_gets_the_dutch_400_with_the_security_headers(client):
    response = client.get("/", headers={"host": "evil.example"})

    assert_site_page(response, 400, "Ongeldige aanvraag")
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_400_is_english_for_an_english_browser(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("login"), {"password": "y" * 2000}, headers={"accept-language": "en"})

    assert_site_page(response, 400, "Bad request")


@pytest.mark.urls(__name__)
def test_a_server_error_is_a_dutch_500_styled_without_any_request_context(db):
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert_site_page(response, 500, "Er ging iets mis")
    assert "a bug" not in response.content.decode()


@pytest.mark.urls(__name__)
def test_the_500_is_english_for_an_english_browser(db):
    client = Client(raise_request_exception=False)

    response = client.get("/boom/", headers={"accept-language": "en"})

    assert_site_page(response, 500, "Something went wrong")
