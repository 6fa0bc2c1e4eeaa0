"""May this person do this to this object: the one place views, templates and services ask.

Rights are django-guardian object permissions on a network or a body, granted to the
groups that `bodies.access` keeps in step with the memberships. Only object grants
count: a model-wide permission in the admin never stands in for a seat or a mandate.

Outsiders get 404, never 403, so that a network's existence does not leak. Inside the
network, a right the person lacks is a 403.

Each user object carries one permission checker; Django loads the user anew on every
request, so a revoked right is gone on the next one.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from guardian.core import ObjectPermissionChecker

from .models import Body, Network, Person

VIEW_NETWORK = "view_network"
COORDINATE = "coordinate_network"
VIEW_INTERNALS = "view_body_internals"
PROPOSE_DECISION = "propose_decision"
VOTE = "vote_in_body"
RUN = "run_body"
# Advice is the advising body's act; any of its members records it on the body's
# behalf (the Forum has no chair in the seeds). README, "Who may do what".
RECORD_ADVICE = VIEW_INTERNALS


def _checker(user) -> ObjectPermissionChecker | None:
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_governance_checker"):
        user._governance_checker = ObjectPermissionChecker(user)
    return user._governance_checker


def may(user, permission: str, obj: Model) -> bool:
    """Whether `user` holds `permission` (a codename) on `obj`, a Network or a Body."""
    checker = _checker(user)
    return checker is not None and checker.has_perm(permission, obj)


def prefetch(user, objects) -> None:
    """Load the user's rights on many objects of one model at once, for lists."""
    checker = _checker(user)
    objects = list(objects)
    if checker is not None and objects:
        checker.prefetch_perms(objects)


def require(user, permission: str, obj: Model, reason: str = "") -> None:
    """Raise a 403 unless `user` may; `reason` tells them on the page why not."""
    if not may(user, permission, obj):
        raise PermissionDenied(reason)


def require_of(by, permission: str, obj: Model) -> None:
    """For a service: the acting user must hold `permission` on `obj` (PermissionDenied if not).

    `by` None is the system acting (the planner, a task, a seed load, an import), which no
    right limits.
    """
    if by is not None:
        require(by, permission, obj)


def is_network_member(user, network: Network) -> bool:
    return may(user, VIEW_NETWORK, network)


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
    return _networks_with(user, VIEW_NETWORK)


def networks_coordinated_by(user):
    """The networks `user` coordinates: through a seat whose role coordinates, or granted by hand."""
    if not user.is_authenticated:
        return Network.objects.none()
    return _networks_with(user, COORDINATE)


def _networks_with(user, codename: str):
    """Networks on which `user` holds `codename`: through a group (the members) or granted by hand in the admin."""
    through_group = Network.objects.filter(
        networkgroupobjectpermission__group__user=user,
        networkgroupobjectpermission__permission__codename=codename,
    )
    granted = Network.objects.filter(
        networkuserobjectpermission__user=user,
        networkuserobjectpermission__permission__codename=codename,
    )
    return Network.objects.filter(Q(pk__in=through_group.values("pk")) | Q(pk__in=granted.values("pk")))


def get_body_for_user(user, network_slug: str, body_slug: str, queryset=None) -> Body:
    network = get_network_for_user(user, network_slug)
    queryset = Body.objects.all() if queryset is None else queryset
    body = get_object_or_404(queryset, network=network, slug=body_slug)
    # The network is already loaded; spare the page a query for body.network.
    body.network = network
    return body


def people_who_may(permission: str, body: Body):
    """The people of the body's network whose login holds `permission` on it: through a
    group (its officers, the coordinators) or granted by hand. One query when evaluated."""
    through_group = Q(
        user__groups__bodygroupobjectpermission__content_object=body,
        user__groups__bodygroupobjectpermission__permission__codename=permission,
    )
    granted = Q(
        user__bodyuserobjectpermission__content_object=body,
        user__bodyuserobjectpermission__permission__codename=permission,
    )
    holders = Person.objects.filter(through_group | granted).values("pk")
    return Person.objects.filter(network_id=body.network_id, user__is_active=True, pk__in=holders)
