"""Who may see what of a network: the one place views and templates ask.

Outsiders get 404, never 403, so that a network's existence does not leak.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Body, Network, Person


def is_network_member(user, network: Network) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Person.objects.filter(network=network, user=user).exists()


def get_network_for_user(user, slug: str) -> Network:
    network = get_object_or_404(Network, slug=slug)
    if not is_network_member(user, network):
        raise Http404
    return network


def networks_for_user(user):
    if not user.is_authenticated:
        return Network.objects.none()
    if user.is_superuser:
        return Network.objects.all()
    return Network.objects.filter(people__user=user).distinct()


def get_body_for_user(user, network_slug: str, body_slug: str, queryset=None) -> Body:
    network = get_network_for_user(user, network_slug)
    queryset = Body.objects.all() if queryset is None else queryset
    body = get_object_or_404(queryset, network=network, slug=body_slug)
    # The network is already loaded; spare the page a query for body.network.
    body.network = network
    return body
