"""{% submit_key %}: the one-time key for a create form without a Form class (core.submissions)."""

import uuid

from django import template
from django.utils.html import format_html

from ..submissions import KEY_FIELD

register = template.Library()


@register.simple_tag
def submit_key() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', KEY_FIELD, uuid.uuid4())
