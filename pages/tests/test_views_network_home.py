import datetime
import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from bodies import seed
from bodies.models import Body, CadencePhase
from bodies.tests.factories import (
    BodyFactory,
    BodyTaskFactory,
    CadenceFactory,
    CadencePhaseFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
from meetings.models import Meeting
from meetings.services.planning import meetings_plan


def home_url(network) -> str:
    return reverse("pages:network", kwargs={"network": network.slug})


def body_row(response, name: str) -> str:
    html = response.content.decode()
    match = re.search(rf"<tr[^>]*>\s*<th scope=\"row\"[^>]*>(?:(?!</tr>).)*?>{re.escape(name)}</a>.*?</tr>", html, re.S)
    assert match, f"no row for {name!r}"
    return match.group(0)


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_it_redirects_anonymous_users_to_login(client, network):
    assertRedirects(client.get(home_url(network)), f"{reverse('login')}?next={home_url(network)}")


def test_it_answers_404_for_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(home_url(network)).status_code == 404


def test_it_answers_404_for_a_user_in_no_network(login, network, outsider):
    assert login(outsider).get(home_url(network)).status_code == 404


def test_it_answers_404_for_an_unknown_network(login, coordinator):
    assert login(coordinator).get(reverse("pages:network", kwargs={"network": "onbekend"})).status_code == 404


def test_it_lists_the_four_bodies_of_the_seed_in_order(login, network, coordinator):
    response = login(coordinator).get(home_url(network))

    html = response.content.decode()
    positions = [html.index(f">{spec['name']}</a>") for spec in seed.BODIES]
    assert positions == sorted(positions)


def test_it_shows_kind_remit_count_and_member_count(login, network, coordinator, voting_member):
    response = login(coordinator).get(home_url(network))

    kind, tasks, members, _dates = cells(body_row(response, "Kernteam"))
    assert (kind, tasks, members) == ("Kernteam", "4", "2")
    assert cells(body_row(response, "Beleidsgroep"))[1:3] == ["3", "2"]


def test_it_counts_the_members_who_sit_ex_officio(login, network, coordinator, voting_member, forum_member):
    response = login(coordinator).get(home_url(network))

    # The sector representative, and the Kernteam and Beleidsgroep through their seats.
    assert cells(body_row(response, "Netwerk Forum"))[2] == "3"


def test_it_shows_the_next_planned_meetings(login, network, coordinator, monkeypatch):
    today = datetime.date(2025, 3, 10)
    monkeypatch.setattr("pages.views.timezone.localdate", lambda: today)
    meetings_plan(today=today, horizon_days=400)

    response = login(coordinator).get(home_url(network))

    # Twice a year, on the first Wednesday of March and October.
    row = body_row(response, "Netwerk Forum")
    assert '<time datetime="2025-10-01">' in row
    assert '<time datetime="2026-03-04">' in row


def test_a_rhythm_without_planned_meetings_says_so(login, network, coordinator):
    response = login(coordinator).get(home_url(network))

    assert "nog geen vergaderingen gepland" in body_row(response, "Netwerk Forum")


def test_it_shows_working_groups_under_the_body_that_steers_them(login, network, coordinator):
    support = Body.objects.get(network=network, slug="ondersteuningsgroep")
    BodyFactory(network=network, name="Werkgroep Vorming", slug="vorming", kind=Body.Kind.WORKING_GROUP, parent=support)

    response = login(coordinator).get(home_url(network))

    html = response.content.decode()
    group = body_row(response, "Werkgroep Vorming")
    assert 'class="working-group"' in group
    assert "aangestuurd door Inhoudelijke Ondersteuningsgroep" in group
    assert html.index(">Inhoudelijke Ondersteuningsgroep</a>") < html.index(">Werkgroep Vorming</a>")
    assert html.index(">Werkgroep Vorming</a>") < html.index(">Netwerk Forum</a>")


def test_it_leaves_out_bodies_that_are_no_longer_active(login, network, coordinator):
    BodyFactory(network=network, name="Oude stuurgroep", active_until=datetime.date(2023, 1, 31))

    response = login(coordinator).get(home_url(network))

    assertNotContains(response, "Oude stuurgroep")


def test_it_links_to_the_org_chart(login, network, coordinator):
    response = login(coordinator).get(home_url(network))

    link = f'href="{reverse("bodies:chart", kwargs={"network": network.slug})}"'
    assertContains(response, link)
    # In the page's own content: the navigation bar carries the same link on every page.
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.S)
    assert main, "the page has no <main>"
    assert link in main.group(0)


def test_it_does_not_show_bodies_of_other_networks(login, network, coordinator, other_network_member):
    response = login(coordinator).get(home_url(network))

    assertNotContains(response, "Stuurgroep")


@pytest.mark.parametrize("size", [1, 10])
def test_it_runs_the_same_number_of_queries_for_1_or_10_bodies(client, size, django_assert_max_num_queries):
    network = NetworkFactory()
    user = UserFactory()
    PersonFactory(network=network, user=user)
    for _index in range(size):
        body = BodyFactory(network=network)
        BodyTaskFactory(body=body)
        MembershipFactory(seat__body=body, person__network=network)
        SeatFactory(body=body, filled_by_body=BodyFactory(network=network, kind=Body.Kind.WORKING_GROUP, parent=body))
        CadencePhaseFactory(cadence=CadenceFactory(body=body))
        for days in range(1, 6):
            Meeting.objects.create(body=body, date=datetime.date.today() + datetime.timedelta(days=days))
    client.force_login(user)

    # session, user, network, its content type (cached after a first request), the user's and groups' grants on it, bodies with cadence and task
    # count, their next planned meetings (three a body, one query), current memberships, seats filled by another body.
    with django_assert_max_num_queries(10):
        response = client.get(home_url(network))
    assert response.status_code == 200


# A rule written straight into the database, past the validation (a raw SQL row): the
# page skips it instead of expanding it for seconds (FREQ=SECONDLY ran into the 30 s
# worker timeout), and costs the same queries as with good rules.
BAD_STORED_RULES = ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;COUNT=99999999"]


@pytest.mark.parametrize("rule", BAD_STORED_RULES)
def test_a_bad_rule_stored_past_the_validation_cannot_make_the_page_slow(login, network, coordinator, rule):
    client = login(coordinator)
    client.get(home_url(network))  # session, content types and the rule checks warmed up
    with CaptureQueriesContext(connection) as good:
        client.get(home_url(network))
    CadencePhase.objects.filter(cadence__body__network=network).update(rrule=rule)

    began = time.perf_counter()
    with CaptureQueriesContext(connection) as bad:
        response = client.get(home_url(network))
    assert time.perf_counter() - began < 2
    assert response.status_code == 200
    assert len(bad) == len(good)
    assert "<time datetime=" not in body_row(response, "Netwerk Forum")
