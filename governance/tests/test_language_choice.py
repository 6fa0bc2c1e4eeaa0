"""The site's language switch remembers a signed-in person's choice (for the calendar feeds)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.languages import language_of, language_preference_set
from core.models import LanguagePreference

pytestmark = pytest.mark.django_db

SWITCH = reverse("set_language")


def test_a_signed_in_persons_choice_is_remembered(login, voting_member):
    client = login(voting_member)

    response = client.post(SWITCH, {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert language_of(voting_member) == "en"


def test_a_new_choice_replaces_the_earlier_one(login, voting_member):
    client = login(voting_member)
    client.post(SWITCH, {"language": "en", "next": "/"})

    client.post(SWITCH, {"language": "nl", "next": "/"})

    assert list(LanguagePreference.objects.filter(user=voting_member).values_list("language", flat=True)) == ["nl"]


def test_a_choice_without_signing_in_stays_in_the_browser_only(client):
    response = client.post(SWITCH, {"language": "en", "next": "/"})

    assert response.cookies["django_language"].value == "en"
    assert not LanguagePreference.objects.exists()


def test_an_unknown_language_is_not_remembered(login, voting_member):
    login(voting_member).post(SWITCH, {"language": "xx", "next": "/"})

    assert not LanguagePreference.objects.exists()


def test_without_a_choice_a_person_reads_the_sites_own_language(voting_member):
    assert language_of(voting_member) == "nl"


def test_the_service_refuses_an_unknown_language_in_dutch(voting_member):
    with pytest.raises(ValidationError) as error:
        language_preference_set(user=voting_member, language="xx")

    assert error.value.messages == ["Deze taal kent de site niet."]
