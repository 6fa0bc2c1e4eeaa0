"""Sending due notifications, each at most once — and, barring a crash, exactly once.

How a row travels: pending → sending → sent (or skipped, failed).

1. Claim: in a short transaction, `select_for_update(skip_locked=True)` picks a small
   batch of due pending rows that no other worker has locked; they are marked
   `sending` with the claim's token (worker name and a random part) and the
   transaction commits. Two workers, a task delivered twice or two beats at once
   each get other rows or none: a row is claimed by one claim only. (The UPDATE
   also requires `state = pending`, so even without row locks — SQLite — a row is
   claimed at most once.)
2. Send: each mail is sent, then its row is marked `sent` right away (autocommit).
3. A row that cannot go out is `skipped` (the person opted out, has no address, the
   meeting was cancelled — all its mails but the cancellation itself —, the action item is done) or `failed` (the mail server
   refused it; last_error says why).

The trade-off, on purpose: a worker that dies between handing a mail to the server
and recording it leaves its row in `sending`. Such a row is **never re-sent
automatically** — we cannot know whether the mail went out, and a reminder missed
is cheaper than a reminder sent twice to a whole body. After UNCERTAIN_AFTER (15
minutes) the admin lists it as uncertain; a person decides to re-send it (admin
action) or not. The same holds for the task: it is acknowledged late and may be
redelivered by the broker after a worker crash; a redelivered task only finds rows
that are still pending. If the mail server cannot be reached at all, nothing was
sent, and the batch goes back to pending for a later try.
"""

import datetime
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .mails import build_message, still_relevant
from .models import Notification, NotificationPreference

logger = logging.getLogger(__name__)

# A send task stops claiming after this long; the next one (a minute later) goes on.
TIME_BUDGET_SECONDS = 45
# When the mail server cannot be reached, claimed rows are tried again this much later.
RETRY_AFTER = datetime.timedelta(minutes=5)


@dataclass
class Outcome:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    released: int = 0
    claims: list[str] = field(default_factory=list)


def claim_batch(*, worker: str = "", size: int | None = None, now: datetime.datetime | None = None) -> tuple[str, list[int]]:
    """Mark up to `size` due pending rows as `sending` for one claim; returns (token, ids)."""
    now = now or timezone.now()
    size = size or settings.NOTIFICATIONS_BATCH_SIZE
    token = f"{worker or 'local'}:{uuid.uuid4().hex[:12]}"
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(state=Notification.State.PENDING, due_at__lte=now)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:size]
        )
        if not ids:
            return token, []
        Notification.objects.filter(pk__in=ids, state=Notification.State.PENDING).update(
            state=Notification.State.SENDING, claimed_at=now, claimed_by=token, attempts=F("attempts") + 1
        )
    # Only what this claim really took (on SQLite another claim may have won a row).
    return token, list(Notification.objects.filter(pk__in=ids, claimed_by=token).values_list("pk", flat=True))


def _preferences(rows) -> dict[int, NotificationPreference]:
    user_ids = {row.recipient.user_id for row in rows if row.recipient.user_id}
    return {pref.user_id: pref for pref in NotificationPreference.objects.filter(user_id__in=user_ids)}


def _mark(row: Notification, state: str, **fields) -> None:
    # Guarded by the claim: a row someone reset in the admin meanwhile is left alone.
    Notification.objects.filter(pk=row.pk, claimed_by=row.claimed_by, state=Notification.State.SENDING).update(
        state=state, **fields
    )


def send_claimed(token: str, ids: list[int], outcome: Outcome) -> None:
    rows = list(
        Notification.objects.filter(pk__in=ids, claimed_by=token, state=Notification.State.SENDING)
        .select_related("recipient__network", "meeting__body__network", "action_item__meeting__body__network")
        .order_by("due_at", "pk")
    )
    if not rows:
        return
    preferences = _preferences(rows)
    to_send = []
    for row in rows:
        preference = preferences.get(row.recipient.user_id)
        if preference is not None and not preference.wants(row.kind):
            _mark(row, Notification.State.SKIPPED, last_error="uitgeschreven")
            outcome.skipped += 1
        elif not row.recipient.email:
            _mark(row, Notification.State.SKIPPED, last_error="geen e-mailadres")
            outcome.skipped += 1
        elif (reason := still_relevant(row)) is not None:
            _mark(row, Notification.State.SKIPPED, last_error=reason)
            outcome.skipped += 1
        else:
            to_send.append(row)
    if not to_send:
        return
    connection = mailers.default
    try:
        connection.open()
    except Exception as error:  # nothing was sent: the rows may safely wait for a later try
        logger.warning("Mail server unreachable, %d notifications wait: %s", len(to_send), error)
        for row in to_send:
            _mark(
                row,
                Notification.State.PENDING,
                due_at=timezone.now() + RETRY_AFTER,
                claimed_by="",
                last_error=f"{error.__class__.__name__}: {error}"[:500],
            )
        outcome.released += len(to_send)
        return
    try:
        for row in to_send:
            try:
                if connection.send_messages([build_message(row)]) != 1:
                    raise RuntimeError("de mailserver nam het bericht niet aan")
            except Exception as error:
                logger.exception("Notification %s failed", row.pk)
                _mark(row, Notification.State.FAILED, last_error=f"{error.__class__.__name__}: {error}"[:500])
                outcome.failed += 1
            else:
                _mark(row, Notification.State.SENT, sent_at=timezone.now(), last_error="")
                outcome.sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # the mails are recorded; a failing QUIT changes nothing
            logger.warning("Closing the mail connection failed", exc_info=True)


def send_due(
    *, worker: str = "", batch_size: int | None = None, time_budget: float = TIME_BUDGET_SECONDS
) -> Outcome:
    """Claim and send batches of due notifications until none is left or time is up."""
    outcome = Outcome()
    started = time.monotonic()
    while time.monotonic() - started < time_budget:
        token, ids = claim_batch(worker=worker, size=batch_size)
        if not ids:
            break
        outcome.claims.append(token)
        send_claimed(token, ids, outcome)
    return outcome
