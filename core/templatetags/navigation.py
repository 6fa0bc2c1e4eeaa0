"""The trail above a page: network › steps › the page itself, the same on every page."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/breadcrumb.html")
def breadcrumb(network, *steps, current):
    """`{% breadcrumb network url label url label … current=title %}`: the steps come as (url, label) pairs.

    A step whose url is empty is left out (a reader without access to that page gets no link to it).
    """
    if len(steps) % 2:
        raise template.TemplateSyntaxError("breadcrumb takes its steps as url, label pairs")
    pairs = [(url, label) for url, label in zip(steps[::2], steps[1::2]) if url]
    return {"network": network, "steps": pairs, "current": current}
