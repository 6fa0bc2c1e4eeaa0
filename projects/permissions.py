"""Who may do what with project sheets, and the loader that fetches one for a user.

Every member of the network reads the projects. The coordinator makes and changes any
of them; a chair or secretary does so for the bodies they run, and puts a project only
under those bodies. Views and services both ask here.
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from bodies import permissions
from bodies.models import Body, Network

# Handed on, so that the project views ask one module.
from bodies.permissions import get_network_for_user, require

from .models import Project

__all__ = ["get_network_for_user", "require", "bodies_to_file_under", "may_edit_project", "get_project_for_user"]


def bodies_to_file_under(user, network: Network, active: list[Body] | None = None) -> list[Body]:
    """The bodies `user` may put a project under: all active ones for the coordinator, else those they run.

    Queries: the network's active bodies (unless `active` holds them), and for others
    than the coordinator the user's grants and group grants on them.
    """
    if active is None:
        active = list(Body.objects.filter(network=network).active_on(timezone.localdate()))
    if permissions.may(user, permissions.COORDINATE, network):
        return active
    permissions.prefetch(user, active)
    return [body for body in active if permissions.may(user, permissions.RUN, body)]


def may_edit_project(user, project: Project) -> bool:
    return permissions.may(user, permissions.COORDINATE, project.network) or permissions.may(
        user, permissions.RUN, project.body
    )


def get_project_for_user(user, network_slug: str, pk: int) -> Project:
    """The project if it belongs to the URL's network and the user is a member of it; else 404."""
    network = permissions.get_network_for_user(user, network_slug)
    project = get_object_or_404(
        Project.objects.select_related("body", "lead", "created_by"), pk=pk, network=network
    )
    project.network = project.body.network = network
    return project
