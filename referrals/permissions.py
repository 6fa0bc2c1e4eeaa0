"""Who may do what with advice and assignments, and the loaders that fetch them for a user.

Answering advice and reporting on an assignment is for those who run the receiving
body. The loaders answer 404 for another network's id or a non-member.
"""

from django.shortcuts import get_object_or_404

from bodies import permissions

# Handed on, so that the referral views ask one module.
from bodies.permissions import (
    RECORD_ADVICE,
    RUN,
    get_body_for_user,
    get_network_for_user,
    may,
    prefetch,
    require,
    require_of,
)

from .models import Advice, Assignment

__all__ = [
    "RECORD_ADVICE",
    "RUN",
    "get_body_for_user",
    "get_network_for_user",
    "may",
    "prefetch",
    "require",
    "require_of",
    "may_answer_advice",
    "may_report_assignment",
    "get_advice_for_user",
    "get_assignment_for_user",
]


def may_answer_advice(user, advice: Advice) -> bool:
    return advice.is_open and permissions.may(user, RUN, advice.to_body)


def may_report_assignment(user, assignment: Assignment) -> bool:
    return assignment.is_open and permissions.may(user, RUN, assignment.to_body)


def get_advice_for_user(user, network_slug: str, pk: int) -> Advice:
    """The advice if it belongs to the URL's network and the user is a member of it; else 404."""
    network = permissions.get_network_for_user(user, network_slug)
    advice = get_object_or_404(
        Advice.objects.select_related("from_body", "to_body", "mandate", "meeting", "given_by", "answered_by"),
        pk=pk,
        from_body__network=network,
        to_body__network=network,
    )
    advice.from_body.network = advice.to_body.network = network
    return advice


def get_assignment_for_user(user, network_slug: str, pk: int) -> Assignment:
    """The assignment if it belongs to the URL's network and the user is a member of it; else 404."""
    network = permissions.get_network_for_user(user, network_slug)
    assignment = get_object_or_404(
        Assignment.objects.select_related(
            "from_body", "to_body", "mandate", "working_group", "given_by", "reported_by"
        ),
        pk=pk,
        from_body__network=network,
        to_body__network=network,
    )
    assignment.from_body.network = assignment.to_body.network = network
    return assignment
