"""Filters of the pages that combine apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Organization


class PeopleFilterForm(forms.Form):
    """The people list's filters; every field is optional, and an unknown choice filters nothing."""

    q = forms.CharField(label=_("Naam"), required=False, max_length=200)
    organization = forms.ChoiceField(label=_("Organisatie"), required=False)
    body = forms.ChoiceField(label=_("Orgaan"), required=False)

    def __init__(self, *args, organizations: list[Organization], bodies: list[Body], **kwargs):
        super().__init__(*args, **kwargs)
        # The network's own, already loaded: another network's organisation or body is no choice.
        self._organizations = {str(org.pk): org for org in organizations}
        self._bodies = {body.slug: body for body in bodies}
        self.fields["organization"].choices = [
            ("", _("Alle organisaties")),
            *((str(org.pk), org.name) for org in organizations),
        ]
        self.fields["body"].choices = [("", _("Alle organen")), *((body.slug, body.name) for body in bodies)]

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    def clean_organization(self) -> Organization | None:
        return self._organizations.get(self.cleaned_data["organization"])

    def clean_body(self) -> Body | None:
        return self._bodies.get(self.cleaned_data["body"])
