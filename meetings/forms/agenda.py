"""Forms of the agenda page. Plain forms with named fields: anything else posted is ignored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.submissions import SubmitOnceMixin

from ..models import AgendaItem

TITLE_MAX = AgendaItem._meta.get_field("title").max_length
DESCRIPTION_MAX = AgendaItem._meta.get_field("description").max_length


class ProposalFields(forms.Form):
    """What a member proposes: a title, why, what kind of item it is and the project it is about.

    `projects` is a Project queryset of the meeting's network: another network's
    project is not a valid choice.
    """

    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Toelichting"), required=False, max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=AgendaItem.Kind.choices, initial=AgendaItem.Kind.DISCUSSION)
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=None, required=False, empty_label=_("— geen project —")
    )

    def __init__(self, *args, projects, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["project"].queryset = projects


class ProposalForm(SubmitOnceMixin, ProposalFields):
    """A member's proposal, sent once (core.submissions)."""


class AgendaItemForm(ProposalFields):
    """An item as the coordinator or chair puts it on the agenda; `presenters` is a Person queryset."""

    presenter = forms.ModelChoiceField(
        label=_("Inbreng door"), queryset=None, required=False, empty_label=_("— niemand in het bijzonder —")
    )
    planned_minutes = forms.IntegerField(
        label=_("Voorziene tijd (minuten)"), required=False, min_value=1, max_value=600
    )

    field_order = ["title", "description", "kind", "presenter", "planned_minutes", "project"]

    def __init__(self, *args, presenters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = presenters


class AgendaItemAddForm(SubmitOnceMixin, AgendaItemForm):
    """A new item on the agenda, sent once (core.submissions)."""


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=AgendaItem._meta.get_field("decline_reason").max_length)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Bestand"))
