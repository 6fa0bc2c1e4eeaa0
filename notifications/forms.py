from django import forms

from .models import Kind, NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [kind.value for kind in Kind]
