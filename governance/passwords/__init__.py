"""The password policy: Django's validators with our own Dutch messages and a Dutch list.

Django's Dutch catalogue is formal ("Uw wachtwoord") where this site says "je", and
lacks the minimum length's error message altogether; each validator here only
swaps in our own msgids, the checks are Django's.

COMMON_PASSWORDS is Django's list of breached passwords merged with common Dutch
ones (bin/make-common-passwords says where each part comes from).
"""

from pathlib import Path

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

COMMON_PASSWORDS = Path(__file__).resolve().parent / "common-passwords.txt.gz"
MIN_LENGTH = 12


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Het wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet te veel lijken op je naam, gebruikersnaam of e-mailadres.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def __init__(self, min_length=MIN_LENGTH):
        super().__init__(min_length=min_length)

    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Je wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Je wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def __init__(self, password_list_path=COMMON_PASSWORDS):
        super().__init__(password_list_path=password_list_path)

    def get_error_message(self):
        return _("Dit wachtwoord is te bekend: het staat op een lijst van veelgebruikte of gelekte wachtwoorden.")

    def get_help_text(self):
        return _("Je wachtwoord mag geen veelgebruikt wachtwoord of gewoon woord zijn.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers.")

    def get_help_text(self):
        return _("Je wachtwoord mag niet alleen uit cijfers bestaan.")
