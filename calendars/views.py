"""The subscription page ("Agenda-abonnement") and the calendar feeds behind the secret link.

The feeds answer without a session: the token in the URL is the key. Whoever the link
belongs to decides what it shows; an unknown or revoked token, an inactive login, or a
network or body its owner may not see, all answer 404 (never 403: a link must not tell
whether a network exists).
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from bodies import permissions
from bodies.models import Body, Network
from core.languages import language_of
from core.forms import show_refusal
from core.submissions import KEY_FIELD, AlreadySubmitted, submit_once
from meetings.ical import calendar_for

from . import selectors, services


def _in_owners_language(view):
    """Run the feed in the language its owner chose on the site, not the calendar app's.

    A calendar app sends its own Accept-Language (often the phone's), and a shared link
    is fetched by whichever app subscribed: the words follow the person the link is of.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, feed_token: str, **kwargs) -> HttpResponse:
        owner = _owner(feed_token)
        language = language_of(owner)
        with translation.override(language):
            response = view(request, owner, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapper


def _feed_response(request: HttpRequest, meetings, *, name: str, filename: str) -> HttpResponse:
    data = calendar_for(meetings, name=name, url_for=lambda meeting: request.build_absolute_uri(meeting.get_absolute_url()))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    # The URL is a secret: no shared cache keeps a copy, no search engine lists it;
    # a revoked link answers 404 on the very next request.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _owner(feed_token: str):
    owner = services.feed_token_owner(feed_token)
    if owner is None:
        raise Http404
    return owner


def _network_of(owner, slug: str) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if not permissions.may(owner, permissions.VIEW_NETWORK, network):
        raise Http404
    return network


@require_safe
@_in_owners_language
def personal_feed(request: HttpRequest, owner) -> HttpResponse:
    # Queries: the token with its login and language; the meetings (networks and memberships as subqueries).
    meetings = selectors.personal_meetings(owner, timezone.localdate())
    return _feed_response(request, meetings, name=_("Mijn vergaderingen"), filename="mijn-vergaderingen")


@require_safe
@_in_owners_language
def network_feed(request: HttpRequest, owner, network: str) -> HttpResponse:
    # Queries: the token with its login and language; the network; the owner's rights on
    # it (guardian: the login's and its groups' grants); the meetings.
    network = _network_of(owner, network)
    meetings = selectors.network_meetings(network, timezone.localdate())
    return _feed_response(request, meetings, name=network.name, filename=network.slug)


@require_safe
@_in_owners_language
def body_feed(request: HttpRequest, owner, network: str, body: str) -> HttpResponse:
    # Queries: as the network feed, plus the body.
    network = _network_of(owner, network)
    body = get_object_or_404(Body, network=network, slug=body)
    body.network = network
    meetings = selectors.body_meetings(body, timezone.localdate())
    return _feed_response(request, meetings, name=f"{body.name} – {network.name}", filename=f"{network.slug}-{body.slug}")


def _feed_links(request: HttpRequest, path: str) -> dict:
    https = request.build_absolute_uri(path)
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


@login_required
def subscription(request: HttpRequest) -> HttpResponse:
    page = selectors.subscription_page(request.user, timezone.localdate())
    live = page["live_token"]
    if live is not None:
        token = live.token
        page["personal"] = _feed_links(request, reverse("calendars:personal_feed", kwargs={"feed_token": token}))
        for entry in page["networks"]:
            network = entry["network"]
            entry["links"] = _feed_links(
                request, reverse("calendars:network_feed", kwargs={"feed_token": token, "network": network.slug})
            )
            entry["body_links"] = [
                (
                    body,
                    _feed_links(
                        request,
                        reverse(
                            "calendars:body_feed",
                            kwargs={"feed_token": token, "network": network.slug, "body": body.slug},
                        ),
                    ),
                )
                for body in entry["bodies"]
            ]
    return render(request, "calendars/subscription.html", page)


@login_required
@require_POST
def token_new(request: HttpRequest) -> HttpResponse:
    # Sent once: a double click would otherwise revoke the link it had just made.
    try:
        with submit_once(request, request.POST.get(KEY_FIELD)) as submission:
            _token, replaced = services.feed_token_create(user=request.user)
            submission.leads_to(reverse("calendars:subscription"))
    except AlreadySubmitted as earlier:
        return earlier.redirect(request)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect("calendars:subscription")
    if replaced:
        messages.success(
            request, _("Je hebt een nieuwe agendalink. De vorige werkt niet meer: vervang hem in je agenda-app.")
        )
    else:
        messages.success(request, _("Je agendalink is klaar. Kopieer hem naar je agenda-app."))
    return redirect("calendars:subscription")


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    if services.feed_token_revoke(user=request.user):
        messages.success(request, _("Je agendalink is ingetrokken. Agenda's die hem gebruiken, krijgen geen vergaderingen meer."))
    else:
        messages.info(request, _("Je had geen actieve agendalink."))
    return redirect("calendars:subscription")
