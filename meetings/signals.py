"""What happens to a meeting that others (mails, calendars) act on.

Sent by meetings' services inside their transaction, with `meeting` and `by` (the
user who acted, or None). Receivers must not send anything themselves before the
transaction commits: they record what is due and enqueue on commit.
"""

from django.dispatch import Signal

# The agenda was published: the invited are told.
agenda_published = Signal()
# A published agenda changed; `changes` is a short list of what changed, in Dutch.
agenda_changed = Signal()
# The meeting was moved (other date, time or place) or cancelled.
meeting_rescheduled = Signal()
meeting_cancelled = Signal()
# The minutes were put up for approval at the next meeting.
minutes_submitted = Signal()
