"""Placeholder views: replaced by the meetings work (issue 3)."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


meeting_list = meeting_create = meeting_detail = attendance_record = _todo
