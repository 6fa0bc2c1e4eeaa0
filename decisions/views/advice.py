"""Placeholder views: replaced by the work on issue 3."""

from django.http import Http404


def _todo(request, **kwargs):
    raise Http404


advice_list = advice_give = advice_detail = advice_answer = _todo
