"""How a view shows a service's refusal: next to the form's fields, or as a message on the next page."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def show_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names, and the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def show_refusal(request, error: ValidationError) -> None:
    """A refusal of an action without a form of its own (a button): said on the page the user lands on."""
    messages.error(request, " ".join(error.messages))
