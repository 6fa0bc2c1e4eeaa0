"""Placeholder views: replaced by the work on issue 3."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


register = body_register = decision_propose = decision_detail = decision_vote = decision_close = decision_escalate = _todo
