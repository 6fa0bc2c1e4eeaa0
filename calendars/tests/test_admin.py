"""Superusers revoke a leaked calendar link in the admin; nobody else sees the links there."""

import pytest
from django.urls import reverse

from calendars.models import FeedToken
from calendars.services import feed_token_create

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:calendars_feedtoken_changelist")


def test_a_superuser_revokes_a_link_and_never_sees_the_secret(login, network_admin, voting_member):
    feed_token, _ = feed_token_create(user=voting_member)
    client = login(network_admin)

    page = client.get(CHANGELIST)
    assert page.status_code == 200
    assert feed_token.token not in page.content.decode()
    detail = client.get(reverse("admin:calendars_feedtoken_change", args=[feed_token.pk]))
    assert feed_token.token not in detail.content.decode()

    response = client.post(CHANGELIST, {"action": "revoke", "_selected_action": [feed_token.pk]}, follow=True)

    assert response.status_code == 200
    assert not FeedToken.objects.live().filter(user=voting_member).exists()


def test_staff_without_superuser_rights_do_not_see_the_links(login, voting_member):
    voting_member.is_staff = True
    voting_member.save()
    assert login(voting_member).get(CHANGELIST).status_code == 403


def test_links_are_not_added_in_the_admin(login, network_admin):
    assert login(network_admin).get(reverse("admin:calendars_feedtoken_add")).status_code == 403
