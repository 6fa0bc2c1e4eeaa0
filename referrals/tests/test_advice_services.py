"""The rules of advice, on the seed network: who may advise whom, on what, and the answer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies import seed
from bodies.models import Body, Mandate
from bodies.tests.factories import BodyFactory, MandateFactory
from referrals.models import Advice
from referrals.services.advice import advice_answer, advice_give
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

ONE_DAY = datetime.timedelta(days=1)


def body(network, name) -> Body:
    return Body.objects.get(network=network, name=name)


@pytest.fixture
def forum(network):
    return body(network, seed.FORUM)


@pytest.fixture
def support(network):
    return body(network, seed.ONDERSTEUNINGSGROEP)


@pytest.fixture
def beleidsgroep(network):
    return body(network, seed.BELEIDSGROEP)


@pytest.fixture
def kernteam(network):
    return body(network, seed.KERNTEAM)


def give(from_body, to_body, *, domain="policy", user=None, **extra) -> Advice:
    return advice_give(
        from_body=from_body,
        to_body=to_body,
        domain=domain,
        subject="Wachtlijsten",
        text="Maak de wachtlijsten zichtbaar.",
        by=user,
        **extra,
    )


def message(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


def test_the_forum_advises_the_beleidsgroep_under_its_advise_mandate(forum, beleidsgroep, coordinator):
    advice = give(forum, beleidsgroep, user=coordinator)

    assert advice.mandate == forum.mandates.get(kind=Mandate.Kind.ADVISE)
    assert advice.given_on == timezone.localdate()
    assert advice.given_by == coordinator
    assert advice.is_open


@pytest.mark.parametrize("target", [seed.KERNTEAM, seed.BELEIDSGROEP, seed.ONDERSTEUNINGSGROEP])
def test_the_forum_advises_each_of_the_three_other_bodies(network, forum, target, coordinator):
    assert give(forum, body(network, target), user=coordinator).pk


def test_the_support_group_advises_the_kernteam_on_content_under_its_second_mandate(
    support, kernteam, coordinator
):
    advice = give(support, kernteam, domain="content", user=coordinator)

    assert advice.mandate.text.startswith("Scharnierfunctie")


def test_an_advisory_body_cannot_advise_a_body_outside_its_targets(support, forum, coordinator):
    with pytest.raises(ValidationError) as error:
        give(support, forum, user=coordinator)

    assert "geeft alleen advies aan Beleidsgroep en Kernteam, niet aan Netwerk Forum" in message(error)
    assert not Advice.objects.exists()


def test_an_advisory_body_cannot_advise_outside_its_domains(forum, beleidsgroep, coordinator):
    with pytest.raises(ValidationError) as error:
        give(forum, beleidsgroep, domain="finance", user=coordinator)

    assert "geen adviesmandaat over financiën ten aanzien van Beleidsgroep" in message(error)


def test_a_body_without_an_advise_mandate_cannot_advise(kernteam, beleidsgroep, coordinator):
    with pytest.raises(ValidationError) as error:
        give(kernteam, beleidsgroep, user=coordinator)

    assert "Kernteam heeft vandaag geen geldig adviesmandaat" in message(error)


def test_a_body_cannot_advise_itself(forum, coordinator):
    with pytest.raises(ValidationError) as error:
        give(forum, forum, user=coordinator)

    assert "geen advies aan zichzelf" in message(error)


def test_a_body_of_another_network_cannot_be_advised(forum, coordinator):
    elsewhere = BodyFactory(name="Beleidsgroep elders")

    with pytest.raises(ValidationError) as error:
        give(forum, elsewhere, user=coordinator)

    assert "ander netwerk" in message(error)


def set_validity(forum, **dates):
    Mandate.objects.filter(body=forum, kind=Mandate.Kind.ADVISE).update(**dates)


def test_the_mandate_holds_on_its_first_valid_day(forum, beleidsgroep, coordinator):
    set_validity(forum, valid_from=timezone.localdate())

    assert give(forum, beleidsgroep, user=coordinator).pk


def test_the_mandate_does_not_hold_the_day_before_it_starts(forum, beleidsgroep, coordinator):
    set_validity(forum, valid_from=timezone.localdate() + ONE_DAY)

    with pytest.raises(ValidationError, match="geen geldig adviesmandaat"):
        give(forum, beleidsgroep, user=coordinator)


def test_the_mandate_holds_on_its_last_valid_day(forum, beleidsgroep, coordinator):
    set_validity(forum, valid_until=timezone.localdate())

    assert give(forum, beleidsgroep, user=coordinator).pk


def test_the_mandate_does_not_hold_the_day_after_it_ends(forum, beleidsgroep, coordinator):
    set_validity(forum, valid_until=timezone.localdate() - ONE_DAY)

    with pytest.raises(ValidationError, match="geen geldig adviesmandaat"):
        give(forum, beleidsgroep, user=coordinator)


def test_a_second_valid_mandate_towards_the_body_carries_the_advice(network, forum, beleidsgroep, coordinator):
    extra = MandateFactory(body=forum, kind=Mandate.Kind.ADVISE, domains=["finance"], position=9)
    extra.targets.set([beleidsgroep])

    assert give(forum, beleidsgroep, domain="finance", user=coordinator).mandate == extra


def test_the_meeting_must_be_one_of_the_advising_body(forum, beleidsgroep, coordinator):
    meeting = MeetingFactory(body=beleidsgroep)

    with pytest.raises(ValidationError) as error:
        give(forum, beleidsgroep, user=coordinator, meeting=meeting)

    assert "Deze vergadering is niet van Netwerk Forum" in message(error)


def test_advice_keeps_the_meeting_it_was_drafted_in(forum, beleidsgroep, coordinator):
    meeting = MeetingFactory(body=forum)

    assert give(forum, beleidsgroep, user=coordinator, meeting=meeting).meeting == meeting


# Answering -----------------------------------------------------------------------------


@pytest.fixture
def advice(forum, beleidsgroep, coordinator):
    return give(forum, beleidsgroep, user=coordinator)


def test_the_advised_body_follows_the_advice_without_reasons(advice, chair):
    answered = advice_answer(advice=advice, response="followed", reasons="", by=chair)

    assert answered.response == Advice.Response.FOLLOWED
    assert answered.answered_on == timezone.localdate()
    assert answered.answered_by == chair
    assert not answered.is_open


@pytest.mark.parametrize("response", ["partly", "not_followed"])
def test_reasons_are_required_when_the_advice_is_not_simply_followed(advice, chair, response):
    with pytest.raises(ValidationError) as error:
        advice_answer(advice=advice, response=response, reasons="   ", by=chair)

    assert error.value.message_dict["reasons"] == [
        "Motiveer waarom het advies niet of slechts gedeeltelijk gevolgd wordt."
    ]
    advice.refresh_from_db()
    assert advice.is_open


def test_a_partly_followed_advice_keeps_its_reasons(advice, chair):
    answered = advice_answer(advice=advice, response="partly", reasons="  Budget ontbreekt.  ", by=chair)

    assert answered.response_reasons == "Budget ontbreekt."


def test_an_advice_is_answered_only_once(advice, chair, coordinator):
    advice_answer(advice=advice, response="partly", reasons="Budget ontbreekt.", by=chair)

    with pytest.raises(ValidationError) as error:
        advice_answer(advice=advice, response="followed", reasons="", by=coordinator)

    assert "Dit advies is al beantwoord" in message(error)
    assert "gedeeltelijk gevolgd" in message(error)
    advice.refresh_from_db()
    assert (advice.response, advice.answered_by) == ("partly", chair)


def test_an_unknown_answer_is_refused(advice, chair):
    with pytest.raises(ValidationError) as error:
        advice_answer(advice=advice, response="ignored", reasons="", by=chair)

    assert "response" in error.value.message_dict
