"""Form helpers every app shares."""

from django.core.exceptions import ValidationError


def show_errors(form, error: ValidationError) -> None:
    """Put a service's refusal next to the fields it names, and the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
