"""Starting a thematic working group from a body's page: for those who run a body that may start one."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertRedirects

from core.tests.helpers import keyed
from bodies.models import Body, Membership, Person
from bodies.tests.factories import PersonFactory
from referrals.forms.assignments import WorkingGroupStartForm
from referrals.models import Assignment
from referrals.services.assignments import working_group_mandates, working_group_steerers

pytestmark = pytest.mark.django_db


def url(network, body="beleidsgroep"):
    return reverse("referrals:working_group_start", kwargs={"network": network.slug, "body": body})


def sheet_url(network, body):
    return reverse("pages:body", kwargs={"network": network.slug, "body": body})


@pytest.fixture
def people(network):
    return [PersonFactory(network=network, name="Nele Goossens"), PersonFactory(network=network, name="Emma Hermans")]


# The rhythm picker: the first Tuesday of every month at 19:30.
PICKED_MONTHLY = {
    "rhythm": "monthly",
    "every_weeks": "2",
    "every_months": "1",
    "ordinal": "1",
    "weekday": "TU",
    "start_time": "19:30",
    "duration_minutes": "120",
    "location": "Welzijnscampus, Genk",
}


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def form_data(people, **overrides):
    return keyed({
        "name": "Werkgroep Vorming",
        "tasks": "Vormingsaanbod in kaart brengen.\r\nEen vormingsplan voorstellen.",
        "members": [person.pk for person in people],
        "cadence_description": "1 X per maand",
        **PICKED_MONTHLY,
        "first_meeting_on": tomorrow().isoformat(),
        "due_date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        **overrides,
    })


def working_groups():
    return Body.objects.filter(kind=Body.Kind.WORKING_GROUP)


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


@pytest.mark.parametrize("persona", ["voting_member", "member_without_vote", "forum_member"])
def test_it_refuses_those_who_do_not_run_the_beleidsgroep(login, network, people, request, persona):
    response = login(request.getfixturevalue(persona)).post(url(network), form_data(people))

    assert response.status_code == 403
    assert not working_groups().exists()


def test_it_shows_the_chair_a_form_with_a_due_date_and_no_choice_of_steering_body(login, network, chair):
    response = login(chair).get(url(network))

    assert response.status_code == 200
    assertContains(response, "<h1>Themawerkgroep opstarten</h1>", html=True)
    assertContains(response, "Inhoudelijke Ondersteuningsgroep krijgt de opdracht om de werkgroep aan te sturen en op te volgen.")
    assert set(response.context["form"].fields) == {
        "name", "tasks", "members", "cadence_description", "rhythm", "every_weeks", "every_months", "ordinal",
        "weekday", "months", "start_time", "duration_minutes", "location", "first_meeting_on", "due_date", "form_key",
    }


def test_the_form_has_no_typed_rule_and_offers_working_days_only(login, network, chair):
    response = login(chair).get(url(network))

    form = response.context["form"]
    assert "rrule" not in form.fields
    assert [label for _code, label in form.fields["weekday"].choices] == [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    ]
    assertContains(response, "<legend class=\"h5\">Overlegritme</legend>", html=True)
    assert "RFC 5545" not in response.content.decode()


def test_it_starts_the_working_group_and_shows_its_sheet(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people))

    group = working_groups().get()
    assertRedirects(response, sheet_url(network, group.slug))
    assert group.parent.slug == "ondersteuningsgroep"
    assert [task.text for task in group.tasks.all()] == [
        "Vormingsaanbod in kaart brengen.",
        "Een vormingsplan voorstellen.",
    ]
    assert Assignment.objects.get(working_group=group).given_by == chair


def test_the_support_group_starts_a_group_it_steers_without_a_due_date(login, network, coordinator, people):
    form = login(coordinator).get(url(network, "ondersteuningsgroep")).context["form"]
    assert "due_date" not in form.fields

    login(coordinator).post(url(network, "ondersteuningsgroep"), form_data(people, due_date=""))

    assert working_groups().get().parent.slug == "ondersteuningsgroep"
    assert not Assignment.objects.exists()


def test_it_explains_that_the_forum_cannot_start_a_working_group(login, network, coordinator):
    response = login(coordinator).get(url(network, "forum"))

    assert response.context["form"] is None
    assertContains(response, "Netwerk Forum kan geen themawerkgroep opstarten")


def test_it_refuses_a_person_of_another_network(login, network, chair, people, other_network):
    stranger = PersonFactory(network=other_network, name="Piet Anders")

    response = login(chair).post(url(network), form_data(people, members=[people[0].pk, stranger.pk]))

    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert not working_groups().exists()


def test_it_ignores_extra_fields(login, network, chair, people):
    kernteam = Body.objects.get(network=network, slug="kernteam")
    login(chair).post(
        url(network),
        form_data(
            people, kind="core_team", parent=kernteam.pk, steered_by=kernteam.pk, network=999,
            has_voting_right="", office="chair", slug="kernteam-2",
        ),
    )

    group = working_groups().get()
    assert (group.kind, group.parent.slug, group.slug) == (Body.Kind.WORKING_GROUP, "ondersteuningsgroep", "werkgroep-vorming")
    assert set(Membership.objects.filter(body=group).values_list("has_voting_right", "office")) == {(True, "")}


@pytest.mark.parametrize(
    ("picked", "rule"),
    [
        ({"rhythm": "weekly", "every_weeks": "2", "weekday": "TH"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"),
        ({"rhythm": "monthly", "every_months": "3", "ordinal": "-1", "weekday": "FR"}, "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"),
        ({"rhythm": "yearly", "months": ["10", "3"], "ordinal": "2", "weekday": "WE"}, "FREQ=YEARLY;BYMONTH=3,10;BYDAY=2WE"),
    ],
)
def test_the_picked_rhythm_is_stored_as_its_rule_with_the_hour_length_and_place(login, network, chair, people, picked, rule):
    login(chair).post(url(network), form_data(people, **picked))

    cadence = working_groups().get().cadence
    assert [phase.rrule for phase in cadence.phases.all()] == [rule]
    assert (cadence.start_time, cadence.duration_minutes, cadence.location) == (
        datetime.time(19, 30), 120, "Welzijnscampus, Genk"
    )


def test_the_new_sheet_shows_the_rhythm_in_words_and_the_planned_meetings(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people), follow=True)

    group = working_groups().get()
    meetings = list(group.meetings.order_by("date"))
    assert meetings and all(meeting.date > timezone.localdate() for meeting in meetings)
    assert all(meeting.date.weekday() == 1 and meeting.date.day <= 7 for meeting in meetings)
    assertContains(response, "elke maand op de eerste dinsdag")
    assert [day for day in response.context["sheet"].next_dates] == [meeting.date for meeting in meetings[:3]]


def test_a_yearly_rhythm_needs_its_months(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, rhythm="yearly", months=[]))

    assert response.context["form"].errors["months"] == ["Kies de maanden waarin de groep vergadert."]
    assert not working_groups().exists()


def test_a_weekday_in_the_weekend_is_refused(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, weekday="SA"))

    assert response.context["form"].errors["weekday"]
    assert not working_groups().exists()


def test_an_interval_beyond_two_years_is_refused_in_dutch(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, every_months="25"))

    assert response.context["form"].errors["every_months"] == ["Zorg ervoor dat deze waarde hoogstens 24 is."]
    assert not working_groups().exists()


def test_the_first_meeting_is_planned_from_tomorrow_unless_asked(network, people):
    form = start_form(network, people)
    assert form.fields["first_meeting_on"].initial == tomorrow()


def test_a_first_meeting_in_the_past_is_refused(login, network, chair, people):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    response = login(chair).post(url(network), form_data(people, first_meeting_on=yesterday.isoformat()))

    assert response.context["form"].errors["first_meeting_on"] == ["De eerste vergadering ligt niet in het verleden."]
    assert not working_groups().exists()


def test_asked_for_today_the_first_meeting_may_be_today(login, network, chair, people, monkeypatch):
    # The last Wednesday as today, so the test means the same on every day of the week
    # (and fails as "in the past" if the site read the real date).
    real_today = timezone.localdate()
    today = real_today - datetime.timedelta(days=(real_today.weekday() - 2) % 7)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)
    picked = {"rhythm": "weekly", "every_weeks": "1", "weekday": "WE", "first_meeting_on": today.isoformat()}

    login(chair).post(url(network), form_data(people, **picked))

    assert working_groups().get().meetings.order_by("date").first().date == today


def start_form(network, people, **overrides):
    beleidsgroep = Body.objects.get(network=network, slug="beleidsgroep")
    steerers = working_group_steerers(beleidsgroep, working_group_mandates(beleidsgroep, timezone.localdate()))
    return WorkingGroupStartForm(form_data(people, **overrides), network=network, steerers=steerers)


def test_it_shows_a_name_already_in_use_next_to_the_field(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, name="Kernteam"))

    assert response.context["form"].errors["name"] == ["Er bestaat al een orgaan met de naam Kernteam."]


def test_it_asks_for_at_least_one_task_and_one_member(login, network, chair, people):
    response = login(chair).post(url(network), form_data(people, tasks="\r\n  \r\n", members=[]))

    errors = response.context["form"].errors
    assert errors["tasks"] == ["Dit veld is verplicht."]
    assert errors["members"] == ["Dit veld is verplicht."]


def test_it_shows_html_in_the_name_as_text_on_the_new_sheet(login, network, chair, people):
    name = '<script>alert("x")</script>'

    response = login(chair).post(url(network), form_data(people, name=name), follow=True)

    assertContains(response, escape(name))
    assert name not in response.content.decode()


def test_it_refuses_a_post_without_csrf_token(network, chair, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)

    assert client.post(url(network), form_data(people)).status_code == 403
    assert not working_groups().exists()


def test_it_refuses_other_methods(login, network, chair):
    assert login(chair).put(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_people_in_the_network(
    login, network, chair, size, django_assert_max_num_queries
):
    for _index in range(size):
        PersonFactory(network=network)
    client = login(chair)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, body,
    # the user's grants and group grants on the body, valid assign and steer mandates,
    # their targets, the network's people (rendered as choices).
    with django_assert_max_num_queries(11):
        response = client.get(url(network))
    assert response.status_code == 200
    assert len(response.context["form"].fields["members"].choices) == Person.objects.filter(network=network).count()
