from django import forms
from django.utils.translation import gettext_lazy as _

WRONG_CODE = _("Die code klopt niet. Typ de code die je app nu toont, of een ongebruikte herstelcode.")
THROTTLED = _("Te veel foute codes na elkaar. Wacht even en probeer het dan opnieuw.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("De 6 cijfers uit je authenticator-app, of een van je herstelcodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}),
    )


class NewAuthenticatorForm(forms.Form):
    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("De 6 cijfers die je app nu toont voor Netwerkbestuur."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
