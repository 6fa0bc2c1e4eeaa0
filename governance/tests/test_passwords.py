"""The password policy: at least 12 characters, no common or Dutch everyday password, Dutch messages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from bodies import seed


def refusal(password: str, user=None) -> list[str]:
    with translation.override("nl"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


@pytest.mark.parametrize("password", ["wachtwoord123", "welkomwelkom", "voetbal12345", "jeugdhulpverlening"])
def test_it_refuses_a_dutch_everyday_password_of_twelve_characters_or_more(password):
    assert refusal(password) == [
        "Dit wachtwoord is te bekend: het staat op een lijst van veelgebruikte of gelekte wachtwoorden."
    ]


@pytest.mark.parametrize("password", ["wachtwoord", "welkom01", "voetbal", "zomer2024", "geheim123", "password1"])
def test_the_list_holds_dutch_and_djangos_common_passwords(password):
    # Shorter than 12, so the length refuses them too; the list must refuse them on its own.
    assert "Dit wachtwoord is te bekend: het staat op een lijst van veelgebruikte of gelekte wachtwoorden." in refusal(
        password.upper()
    )


def test_it_refuses_fewer_than_twelve_characters_in_dutch():
    assert refusal("Kx9#vLq2!mZ") == ["Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn."]
    assert refusal("Kx9#vLq2!mZw") == []


def test_every_message_is_dutch():
    user = get_user_model()(username="tomjanssens", email="tom@example.org")
    assert refusal("tomjanssens1", user) == ["Het wachtwoord lijkt te veel op je gebruikersnaam."]
    assert refusal("839201746352") == ["Dit wachtwoord bestaat alleen uit cijfers."]
    with translation.override("nl"):
        assert password_validators_help_texts() == [
            "Je wachtwoord mag niet te veel lijken op je naam, gebruikersnaam of e-mailadres.",
            "Je wachtwoord moet minstens 12 tekens lang zijn.",
            "Je wachtwoord mag geen veelgebruikt wachtwoord of gewoon woord zijn.",
            "Je wachtwoord mag niet alleen uit cijfers bestaan.",
        ]


def test_the_messages_are_english_on_the_english_site():
    with translation.override("en"):
        try:
            validate_password("kort")
        except ValidationError as error:
            assert "This password is too short: it must contain at least 12 characters." in error.messages


def test_the_demo_password_was_refused_by_the_old_one_for_its_likeness_to_the_mail_domain():
    # "plantrekkers-demo" looked too much like the demo logins' plantrekkers.example;
    # bodies/tests/test_load_plantrekkers.py checks the new one on every demo login.
    user = get_user_model()(username="coordinator", email="coordinator@plantrekkers.example")
    assert refusal("plantrekkers-demo", user) == ["Het wachtwoord lijkt te veel op je e-mailadres."]
    assert refusal(seed.DEMO_PASSWORD, user) == []
