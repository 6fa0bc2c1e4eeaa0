"""Posting a create form as its page would: with a fresh one-time key (core.submissions)."""

import uuid

from core.submissions import KEY_FIELD


def keyed(data: dict | None = None, *, prefix: str = "", key=None) -> dict:
    """`data` with a new form key; `prefix` as the form's (e.g. "item" for item-form_key)."""
    name = f"{prefix}-{KEY_FIELD}" if prefix else KEY_FIELD
    return {**(data or {}), name: str(key or uuid.uuid4())}
