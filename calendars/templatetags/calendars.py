"""{% calendar_link %}: the person's calendar link as a small card, for "Mijn overzicht". One query."""

from django import template
from django.urls import reverse

from ..models import FeedToken

register = template.Library()


@register.inclusion_tag("calendars/includes/calendar_card.html", takes_context=True)
def calendar_link(context):
    request = context["request"]
    live = FeedToken.objects.live().filter(user=request.user).only("token").first() if request.user.is_authenticated else None
    links = None
    if live is not None:
        https = request.build_absolute_uri(reverse("calendars:personal_feed", kwargs={"feed_token": live.token}))
        links = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
    return {"links": links}
