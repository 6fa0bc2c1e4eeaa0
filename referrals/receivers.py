"""What referrals offer the meetings app when it asks (meetings.signals)."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from core.dates import short_date
from meetings.models import AgendaItem, Meeting
from meetings.selectors.agenda import Suggestion
from meetings.signals import agenda_suggestions_wanted

from .models import Advice


@receiver(agenda_suggestions_wanted, sender=Meeting)
def unanswered_advice(sender, meeting: Meeting, **kwargs) -> list[Suggestion]:
    """Advice given to the meeting's body before the meeting and not answered yet (one query)."""
    advice_list = (
        Advice.objects.open()
        .filter(to_body=meeting.body, given_on__lte=meeting.date)
        .select_related("from_body__network")
        .order_by("given_on", "pk")
    )
    return [
        Suggestion(
            key=f"advice:{advice.pk}",
            pk=advice.pk,
            kind=AgendaItem.Kind.ADVICE,
            label=_("Advies zonder antwoord"),
            title=_("Advies van %(body)s: %(subject)s") % {"body": advice.from_body.name, "subject": advice.subject},
            description=advice.text,
            detail=_("gegeven op %(day)s") % {"day": short_date(advice.given_on)},
            url=advice.get_absolute_url(),
        )
        for advice in advice_list
    ]
