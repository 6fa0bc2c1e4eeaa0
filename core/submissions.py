"""Create forms that act once: a second submit of the same form answers the first one's result.

Every create form carries a random key in a hidden field (`SubmitOnceMixin`, or the
`{% submit_key %}` tag for a form without a Form class). The view claims the key in
the same transaction as the create:

    try:
        with submit_once(request, form.submit_key) as submission:
            decision = services.decision_propose(...)
            submission.leads_to(decision.meeting)
    except AlreadySubmitted as earlier:
        return earlier.redirect(request)
    except ValidationError as error:
        form.add_error(None, error)

The key is unique in the database (`FormSubmission`). Two submits at the same moment
both try to insert it: PostgreSQL makes the second insert wait for the first commit,
SQLite (immediate transactions, settings) makes the second transaction wait for the
lock; either way the second one then finds the key taken and is sent where the first
led. A create that fails rolls its claim back, so the corrected form can be sent again
with the same key. A key is bound to the login that claimed it; a missing, malformed or
another login's key is refused with a ValidationError, which views show as a form error.
"""

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FormSubmission

KEY_FIELD = "form_key"
# A double submit comes within seconds, a resubmit from the browser's history within
# days; older claims are pruned daily (core.tasks).
KEEP_FOR = datetime.timedelta(days=7)


def _parse(raw) -> uuid.UUID | None:
    if isinstance(raw, uuid.UUID):
        return raw
    try:
        return uuid.UUID(str(raw or ""))
    except ValueError:
        return None


class SubmitKeyField(forms.CharField):
    """The hidden key. A missing or malformed one is refused by submit_once, not here:
    an error on a hidden field would not show. A bound form whose key is not a key
    renders a fresh one, so the form can be sent again after the error."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def bound_data(self, data, initial):
        return data if _parse(data) is not None else initial


class SubmitOnceMixin(forms.Form):
    """Gives a create form its one-time key; `form.submit_key` is the posted one.

    The key stays out of cleaned_data, so views can still pass that to a service whole.
    """

    form_key = SubmitKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[KEY_FIELD].initial = uuid.uuid4()

    @property
    def submit_key(self) -> str:
        return self.data.get(self.add_prefix(KEY_FIELD), "") if self.is_bound else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned is None:
            cleaned = self.cleaned_data
        cleaned.pop(KEY_FIELD, None)
        return cleaned


class AlreadySubmitted(Exception):
    """The key was claimed by an earlier submit of the same login, which led to `url`."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url

    def redirect(self, request: HttpRequest) -> HttpResponseRedirect:
        messages.info(request, _("Dit formulier was al verstuurd."))
        return HttpResponseRedirect(self.url)


class Submission:
    def __init__(self, claim: FormSubmission):
        self._claim = claim
        self.url = ""

    def leads_to(self, target) -> None:
        """Where a second submit is sent: the created object (its page) or a URL."""
        self.url = target if isinstance(target, str) else target.get_absolute_url()


def _refused() -> ValidationError:
    return ValidationError(
        _("Dit formulier kon niet veilig verstuurd worden. Laad de pagina opnieuw en verstuur het nog eens."),
        code="form_key",
    )


@contextmanager
def submit_once(request: HttpRequest, raw_key) -> Iterator[Submission]:
    """One transaction around the create, with the form's key claimed first.

    Raises AlreadySubmitted when the key was already used by this login, and a
    ValidationError when it is missing, malformed or another login's.
    """
    key = _parse(raw_key)
    if key is None:
        raise _refused()
    with transaction.atomic():
        try:
            # A savepoint: a taken key leaves the transaction usable for the lookup.
            with transaction.atomic():
                claim = FormSubmission.objects.create(key=key, user=request.user)
        except IntegrityError:
            earlier = FormSubmission.objects.filter(key=key).first()
            if earlier is None or earlier.user_id != request.user.pk or not earlier.result_url:
                raise _refused() from None
            raise AlreadySubmitted(earlier.result_url) from None
        submission = Submission(claim)
        yield submission
        if not submission.url:
            raise RuntimeError("submit_once: the view did not say where the submit led (leads_to).")
        FormSubmission.objects.filter(pk=claim.pk).update(result_url=submission.url)


def prune_form_submissions(*, now: datetime.datetime | None = None) -> int:
    """Forget claims older than KEEP_FOR; returns how many were removed."""
    now = now or timezone.now()
    deleted, _rows = FormSubmission.objects.filter(submitted_at__lt=now - KEEP_FOR).delete()
    return deleted
