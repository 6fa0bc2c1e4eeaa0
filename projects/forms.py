"""Forms for project sheets: making or changing one, and the list's filters.

Plain forms with named fields, so a posted network, author or creation date is
ignored; bodies and people are chosen only among those the view offers (the bodies
the user may put a project under, the network's people), so another network's id
is not a valid choice. The rules themselves live in `projects.services`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from bodies.models import Body, Person
from core.submissions import SubmitOnceMixin

from .models import Project

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _max_length(name: str) -> int:
    return Project._meta.get_field(name).max_length


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=_max_length("title"))
    goal = forms.CharField(
        label=_("Doel"),
        required=False,
        max_length=_max_length("goal"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat het project wil bereiken."),
    )
    description = forms.CharField(
        label=_("Aanpak"),
        required=False,
        max_length=_max_length("description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hoe het project te werk gaat, met wie."),
    )
    body = forms.ModelChoiceField(
        label=_("Opgevolgd door"), queryset=Body.objects.none(), help_text=_("Het orgaan dat het project opvolgt.")
    )
    lead = forms.ModelChoiceField(
        label=_("Projecttrekker"), queryset=Person.objects.none(), required=False, empty_label="—"
    )
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices, initial=Project.Status.PREPARING)
    start_date = forms.DateField(label=_("Start"), required=False, widget=DATE_INPUT)
    end_date = forms.DateField(label=_("Einde"), required=False, widget=DATE_INPUT)

    def __init__(self, *args, bodies: list[Body], network, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = Body.objects.filter(pk__in=[item.pk for item in bodies])
        # Rendered from the bodies already loaded, in the network's order.
        body.choices = [("", "—"), *((item.pk, item.name) for item in bodies)]
        # The network's own people only: another network's person is not a valid choice.
        self.fields["lead"].queryset = Person.objects.filter(network=network).order_by("name")


class ProjectCreateForm(SubmitOnceMixin, ProjectForm):
    """A new project sheet, sent once (core.submissions)."""


class ProjectFilterForm(forms.Form):
    """The list's filters; every field is optional, and without a status it shows the active projects."""

    ACTIVE, ALL = "active", "all"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            (ACTIVE, _("Actieve projecten")),
            (ALL, _("Alle projecten")),
            (Project.Status.FINISHED, _("Afgerond")),
            (Project.Status.STOPPED, _("Stopgezet")),
        ],
    )
    body = forms.ChoiceField(label=_("Opgevolgd door"), required=False)

    def __init__(self, *args, bodies: list[Body], **kwargs):
        super().__init__(*args, **kwargs)
        # The network's own bodies only, already loaded: another network's body is not a valid choice.
        self._bodies = {body.slug: body for body in bodies}
        self.fields["body"].choices = [("", _("Alle organen")), *((body.slug, body.name) for body in bodies)]

    def clean_status(self) -> str:
        return self.cleaned_data["status"] or self.ACTIVE

    def clean_body(self) -> Body | None:
        return self._bodies.get(self.cleaned_data["body"])
