"""The network admin's pages: they load, validate in Dutch and record who changed what."""

import datetime

import pytest
from django.urls import reverse

from bodies.models import Mandate
from bodies.services import network_load_seed
from bodies.tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="beheerder", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def kernteam_decision_mandate():
    network_load_seed()
    return Mandate.objects.get(body__kind="core_team", kind="decide")


def mandate_form(mandate: Mandate, **changes) -> dict:
    data = {
        "body": mandate.body_id,
        "text": mandate.text,
        "kind": mandate.kind,
        "domains": mandate.domains,
        "limit_eur": mandate.limit_eur or "",
        "delegated_by": mandate.delegated_by_id or "",
        "targets": list(mandate.targets.values_list("pk", flat=True)),
        "valid_from": mandate.valid_from or "",
        "valid_until": mandate.valid_until or "",
        "position": mandate.position,
    }
    data.update(changes)
    return data


def test_a_changed_mandate_keeps_its_history_with_the_author(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, limit_eur="2500"))
    assert response.status_code == 302
    latest, previous = mandate.history.all()[:2]
    assert latest.history_user.username == "beheerder"
    assert latest.limit_eur == 2500 and previous.limit_eur is None
    assert [change.field for change in latest.diff_against(previous).changes] == ["limit_eur"]


def test_a_negative_limit_in_the_admin_is_refused_in_dutch(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, limit_eur="-5"), HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 0 is." in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.limit_eur is None


def test_a_mandate_without_domain_is_refused_in_dutch(admin_client, kernteam_decision_mandate):
    mandate = kernteam_decision_mandate
    url = reverse("admin:bodies_mandate_change", args=[mandate.pk])
    response = admin_client.post(url, mandate_form(mandate, domains=[]), HTTP_ACCEPT_LANGUAGE="nl")
    assert "Kies minstens één domein." in response.content.decode()


def test_the_body_page_shows_remit_seats_members_mandates_and_cadence(admin_client):
    network_load_seed(demo_people=True)
    from bodies.models import Body

    body = Body.objects.get(kind="policy_group")
    response = admin_client.get(reverse("admin:bodies_body_change", args=[body.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    content = response.content.decode()
    assert response.status_code == 200
    for prefix in ("tasks", "seats", "memberships", "mandates", "cadence"):
        assert f'id="{prefix}-group"' in content, prefix
    assert "Bewaakt de missie, visie en de doelstellingen" in content


def test_a_membership_ending_before_it_starts_is_refused_in_the_admin(admin_client):
    membership = MembershipFactory()
    url = reverse("admin:bodies_membership_change", args=[membership.pk])
    response = admin_client.post(
        url,
        {
            "body": membership.body_id,
            "seat": membership.seat_id,
            "person": membership.person_id,
            "has_voting_right": "on",
            "start_date": "2024-05-01",
            "end_date": "2024-04-01",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert "Een lidmaatschap kan niet eindigen vóór het begint." in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date is None
    assert membership.start_date == datetime.date(2023, 2, 1)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:bodies_body_changelist",
        "admin:bodies_membership_changelist",
        "admin:bodies_mandate_changelist",
        "admin:bodies_person_changelist",
    ],
)
def test_admin_lists_run_a_constant_number_of_queries(admin_client, url_name, django_assert_max_num_queries):
    network_load_seed(demo_people=True)
    with django_assert_max_num_queries(12):
        assert admin_client.get(reverse(url_name)).status_code == 200
