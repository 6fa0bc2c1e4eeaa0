"""Placeholder views: replaced by the work on issue 3."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


assignment_list = assignment_give = assignment_detail = assignment_report = working_group_start = _todo
