"""The filters of a register of what bodies gave one another (advice, assignments)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bodies.models import Body


class RegisterFilterForm(forms.Form):
    """Open or closed, and a body that gave or received; every field is optional.

    A register names its closed status, its three status choices and the body field's
    help; the records' QuerySet has `open()` and `closed()`.
    """

    OPEN, CLOSED = "open", "closed"
    status_choices: list = []
    body_help = ""

    status = forms.ChoiceField(label=_("Status"), required=False)
    body = forms.ModelChoiceField(
        label=_("Orgaan"),
        queryset=Body.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("Alle organen"),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = self.status_choices
        self.fields["body"].help_text = self.body_help
        # The network's own bodies only: another network's body is not a valid choice.
        self.fields["body"].queryset = Body.objects.filter(network=network).order_by("position", "name")

    def filter(self, records):
        """The records the filters ask for; all of them when the filters do not read."""
        if not self.is_valid():
            return records
        status, body = self.cleaned_data["status"], self.cleaned_data["body"]
        if status == self.OPEN:
            records = records.open()
        elif status == self.CLOSED:
            records = records.closed()
        if body is not None:
            records = records.filter(Q(from_body=body) | Q(to_body=body))
        return records
