"""Giving advice from a body's page: any member of an advisory body records it, towards its mandate's targets."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from core.tests.helpers import keyed
from bodies import seed
from bodies.models import Body, Mandate, Seat
from bodies.tests.factories import BodyFactory, MandateFactory, MembershipFactory, PersonFactory, UserFactory
from referrals.models import Advice
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_officer(network):
    """Chairs the Netwerk Forum, so runs it: gives its advice."""
    seat = Seat.objects.get(body__network=network, body__name=seed.FORUM, role__name="Vertegenwoordiger sector")
    user = UserFactory(username="forumvoorzitter", first_name="Karel", last_name="Claes")
    MembershipFactory(
        seat=seat, person=PersonFactory(network=network, name="Karel Claes", user=user), office="chair"
    )
    return user


def url(network, body="forum"):
    return reverse("referrals:advice_give", kwargs={"network": network.slug, "body": body})


def body(network, slug) -> Body:
    return Body.objects.get(network=network, slug=slug)


def form_data(network, **overrides):
    return keyed({
        "to_body": body(network, "beleidsgroep").pk,
        "domain": "policy",
        "subject": "Wachtlijsten",
        "text": "Maak de wachtlijsten zichtbaar.",
        **overrides,
    })


def test_it_sends_anonymous_users_to_login(client, network):
    assertRedirects(client.get(url(network)), f"{reverse('login')}?next={url(network)}")


def test_it_answers_404_to_a_member_of_another_network(login, network, other_network_member):
    assert login(other_network_member).get(url(network)).status_code == 404


def test_it_refuses_someone_outside_the_forum_and_says_who_records_its_advice(login, network, working_group_member):
    response = login(working_group_member).get(url(network))

    assert response.status_code == 403
    assertContains(
        response, "Het advies van Netwerk Forum wordt vastgelegd door een van zijn leden.", status_code=403
    )


def test_it_refuses_a_post_of_someone_outside_the_forum(login, network, working_group_member):
    response = login(working_group_member).post(url(network), form_data(network))

    assert response.status_code == 403
    assert not Advice.objects.exists()


def test_any_forum_member_records_the_forums_advice(login, network, forum_member):
    response = login(forum_member).post(url(network), form_data(network))

    advice = Advice.objects.get()
    assertRedirects(response, advice.get_absolute_url())
    assert (advice.from_body.name, advice.given_by) == (seed.FORUM, forum_member)


@pytest.mark.parametrize("persona", ["forum_member", "forum_officer", "coordinator"])
def test_it_shows_the_form_to_the_forums_members_and_the_coordinator(login, network, request, persona):
    response = login(request.getfixturevalue(persona)).get(url(network))

    assert response.status_code == 200
    assertContains(response, "<h1>Advies geven</h1>", html=True)


def test_it_offers_only_the_mandates_targets_and_domains(login, network, forum_officer):
    form = login(forum_officer).get(url(network)).context["form"]

    assert [label for value, label in form.fields["to_body"].choices if value] == [
        seed.KERNTEAM,
        seed.BELEIDSGROEP,
        seed.ONDERSTEUNINGSGROEP,
    ]
    assert [value for value, label in form.fields["domain"].choices if value] == ["content", "communication", "policy"]


def test_it_records_the_advice_and_shows_it(login, network, forum_officer):
    response = login(forum_officer).post(url(network), form_data(network))

    advice = Advice.objects.get()
    assertRedirects(response, reverse("referrals:advice", kwargs={"network": network.slug, "pk": advice.pk}))
    assert (advice.from_body.slug, advice.to_body.slug, advice.given_by) == ("forum", "beleidsgroep", forum_officer)
    assert advice.mandate == body(network, "forum").mandates.get(kind=Mandate.Kind.ADVISE)


def test_it_ignores_extra_fields(login, network, forum_officer):
    kernteam = body(network, "kernteam")
    login(forum_officer).post(
        url(network),
        form_data(
            network,
            from_body=kernteam.pk,
            response="followed",
            answered_on="2020-01-01",
            given_on="2020-01-01",
            given_by=UserFactory().pk,
            mandate=kernteam.mandates.first().pk,
        ),
    )

    advice = Advice.objects.get()
    assert advice.from_body.slug == "forum"
    assert advice.is_open
    assert advice.given_on == timezone.localdate()
    assert advice.given_by == forum_officer


def test_it_refuses_another_networks_body_as_target(login, network, forum_officer):
    elsewhere = BodyFactory(name="Elders")

    response = login(forum_officer).post(url(network), form_data(network, to_body=elsewhere.pk))

    assert response.status_code == 200
    assert response.context["form"].errors["to_body"]
    assert not Advice.objects.exists()


def test_it_refuses_a_body_outside_the_targets(login, network, forum_officer):
    response = login(forum_officer).post(url(network), form_data(network, to_body=body(network, "forum").pk))

    assert response.context["form"].errors["to_body"]
    assert not Advice.objects.exists()


def test_it_refuses_another_bodys_meeting(login, network, forum_officer):
    meeting = MeetingFactory(body=body(network, "beleidsgroep"))

    response = login(forum_officer).post(url(network), form_data(network, meeting=meeting.pk))

    assert response.context["form"].errors["meeting"]
    assert not Advice.objects.exists()


def test_it_shows_the_rules_refusal_next_to_the_field(login, network, forum_officer):
    forum = body(network, "forum")
    MandateFactory(body=forum, kind=Mandate.Kind.ADVISE, domains=["finance"]).targets.set([body(network, "kernteam")])

    response = login(forum_officer).post(url(network), form_data(network, domain="finance"))

    assert "geen adviesmandaat over financiën ten aanzien van Beleidsgroep" in response.context["form"].errors["domain"][0]
    assertContains(response, "geen adviesmandaat over financiën ten aanzien van Beleidsgroep")
    assert not Advice.objects.exists()


def test_it_shows_missing_fields_in_dutch(login, network, forum_officer):
    response = login(forum_officer).post(url(network), {})

    assert response.context["form"].errors["subject"] == ["Dit veld is verplicht."]


def test_it_enforces_the_subjects_maximum_length(login, network, forum_officer):
    response = login(forum_officer).post(url(network), form_data(network, subject="x" * 201))

    assert response.context["form"].errors["subject"]
    assert not Advice.objects.exists()


def test_it_explains_that_a_body_without_advise_mandate_cannot_advise(login, network, coordinator):
    response = login(coordinator).get(url(network, "kernteam"))

    assert response.context["form"] is None
    assertContains(response, "Kernteam heeft vandaag geen geldig adviesmandaat")
    assertNotContains(response, "<form method=\"post\" novalidate>")


def test_a_post_for_a_body_without_advise_mandate_changes_nothing(login, network, coordinator):
    login(coordinator).post(url(network, "kernteam"), form_data(network))

    assert not Advice.objects.exists()


def test_it_refuses_a_post_without_csrf_token(network, forum_officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(forum_officer)

    assert client.post(url(network), form_data(network)).status_code == 403
    assert not Advice.objects.exists()


def test_it_refuses_other_methods(login, network, forum_officer):
    assert login(forum_officer).put(url(network)).status_code == 405


@pytest.mark.parametrize("size", [1, 10])
def test_it_costs_the_same_queries_for_1_or_10_meetings_and_targets(
    login, network, forum_officer, size, django_assert_max_num_queries
):
    forum = body(network, "forum")
    mandate = MandateFactory(body=forum, kind=Mandate.Kind.ADVISE, domains=["finance"])
    mandate.targets.set([BodyFactory(network=network) for _index in range(size)])
    for _index in range(size):
        MeetingFactory(body=forum, date=timezone.localdate())
    client = login(forum_officer)
    client.get(url(network))  # warm the content type cache

    # session, user, network, the user's object grants and group grants on it, body,
    # the user's grants and group grants on the body, valid advise mandates, their
    # targets, the forum's meetings (rendered as choices).
    with django_assert_max_num_queries(11):
        response = client.get(url(network))
    assert response.status_code == 200
