"""A body's meeting rules: deadlines, reminders and the holiday rule, set by who runs the body."""

import datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from bodies import seed
from bodies.models import Body
from meetings.tests.factories import MeetingFactory

from .helpers import body, main_html, messages_of

pytestmark = pytest.mark.django_db


def url(network, slug="beleidsgroep"):
    return reverse("meetings:rules", kwargs={"network": network.slug, "body": slug})


def list_url(network, slug="beleidsgroep"):
    return reverse("meetings:list", kwargs={"network": network.slug, "body": slug})


def rules(**changes):
    data = {"call_for_items_days": "21", "agenda_days": "10", "reminder_days": "7,1", "holiday_rule": "skip"}
    data.update(changes)
    return data


def saved(network) -> tuple:
    beleidsgroep = Body.objects.get(network=network, name=seed.BELEIDSGROEP)
    return (beleidsgroep.call_for_items_days, beleidsgroep.agenda_days, beleidsgroep.reminder_days, beleidsgroep.holiday_rule)


def test_the_chair_sets_the_rules_and_the_meetings_page_shows_them(login, network, chair):
    client = login(chair)
    form = client.get(url(network)).context["form"]
    assert form.initial == {"call_for_items_days": 14, "agenda_days": 7, "reminder_days": "7,1", "holiday_rule": "next"}

    response = client.post(url(network), rules(reminder_days=" 1, 14 ,1"), follow=True)

    assert messages_of(response) == ["De afspraken van Beleidsgroep zijn bewaard."]
    assert response.redirect_chain[-1][0] == list_url(network)
    assert saved(network) == (21, 10, "14,1", "skip")
    rules_section = main_html(response).split('id="rules-heading"')[1]
    for text in ("vanaf 21 dagen vóór de vergadering", "uiterlijk 10 dagen vóór de vergadering",
                 "14 dagen vooraf, 1 dag vooraf", "Overslaan"):
        assert text in rules_section


def test_the_change_is_kept_in_the_bodys_history_with_its_author(login, network, chair):
    login(chair).post(url(network), rules())
    latest = body(network, seed.BELEIDSGROEP).history.latest()
    assert (latest.history_user, latest.call_for_items_days, latest.prev_record.call_for_items_days) == (chair, 21, 14)


def test_items_must_be_called_for_before_the_agenda_is_sent(login, network, chair):
    response = login(chair).post(url(network), rules(call_for_items_days="7", agenda_days="7"))
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "call_for_items_days": ["De oproep voor agendapunten moet vroeger vallen dan het versturen van de agenda."]
    }
    assert saved(network) == (14, 7, "7,1", "next")


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"reminder_days": "een week"}, "reminder_days", "Geef aantallen dagen, gescheiden door komma's; bijvoorbeeld 7,1."),
        ({"reminder_days": "<script>alert(1)</script>"}, "reminder_days", "Geef aantallen dagen, gescheiden door komma's; bijvoorbeeld 7,1."),
        ({"reminder_days": "-1"}, "reminder_days", "Geef aantallen dagen, gescheiden door komma's; bijvoorbeeld 7,1."),
        ({"reminder_days": "120"}, "reminder_days", "Een herinnering gaat ten hoogste 90 dagen vooraf."),
        ({"reminder_days": "1," * 20}, "reminder_days", "Zorg dat deze waarde niet meer dan 30 tekens bevat (het zijn er nu 40)."),
        ({"call_for_items_days": "0"}, "call_for_items_days", "Zorg ervoor dat deze waarde minstens 1 is."),
        ({"call_for_items_days": "veertien"}, "call_for_items_days", "Voer een geheel getal in."),
        ({"agenda_days": "91"}, "agenda_days", "Zorg ervoor dat deze waarde hoogstens 90 is."),
        ({"holiday_rule": "forever"}, "holiday_rule", "Selecteer een geldige keuze. forever is geen beschikbare keuze."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_changes(login, network, chair, changes, field, message):
    response = login(chair).post(url(network), rules(**changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert saved(network) == (14, 7, "7,1", "next")


def test_an_empty_reminder_list_means_no_reminders(login, network, chair):
    response = login(chair).post(url(network), rules(reminder_days=""), follow=True)
    assert saved(network)[2] == ""
    assert "<dt>Herinneringen</dt>\n      <dd>geen</dd>" in main_html(response)


def test_other_fields_posted_along_are_ignored(login, network, chair):
    login(chair).post(url(network), rules(quorum_percent="1", name="Gekaapt", majority_rule="unanimous"))
    beleidsgroep = body(network, seed.BELEIDSGROEP)
    assert (beleidsgroep.name, beleidsgroep.quorum_percent, beleidsgroep.majority_rule) == (seed.BELEIDSGROEP, 50, "simple")


def test_the_chair_of_one_body_cannot_set_anothers_rules(login, network, chair):
    assert login(chair).post(url(network, "kernteam"), rules()).status_code == 403
    assert body(network).call_for_items_days == 14


def test_the_link_shows_only_to_who_runs_the_body(login, network, chair, voting_member):
    assertContains(login(chair).get(list_url(network)), f'href="{url(network)}"')
    response = login(voting_member).get(list_url(network))
    assertNotContains(response, f'href="{url(network)}"')
    # Members do read the rules.
    assertContains(response, "vanaf 14 dagen vóór de vergadering")


@pytest.mark.parametrize("n", [1, 10])
def test_the_page_costs_the_same_queries_whatever_the_number_of_meetings(
    login, network, chair, n, django_assert_max_num_queries
):
    for i in range(n):
        MeetingFactory(body=body(network, seed.BELEIDSGROEP), date=datetime.date(2027, 1, 1) + datetime.timedelta(days=i))
    client = login(chair)
    client.get(url(network))  # warm the content-type cache
    # Queries (8): session, user; network; rights on the network (login, groups); body; rights on the body (login, groups).
    with django_assert_max_num_queries(8):
        assert client.get(url(network)).status_code == 200


def test_the_meetings_page_title_is_plain_text(login, network, voting_member):
    html = login(voting_member).get(list_url(network)).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Vergaderingen van Beleidsgroep") and "<" not in title
