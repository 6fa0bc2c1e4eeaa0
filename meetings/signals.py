"""What happens to a meeting that others (mails, calendars) act on, and what it asks of them.

Sent by meetings' services inside their transaction, with `meeting` and `by` (the
user who acted, or None). Receivers must not send anything themselves before the
transaction commits: they record what is due and enqueue on commit.
"""

from django.dispatch import Signal

# A meeting was added by hand (the planner's meetings are found by the notification
# planner): its members are invited as they are for a planned one.
meeting_added = Signal()
# The agenda was published: the invited are told.
agenda_published = Signal()
# Changes to a published agenda were announced, gathered (meetings.services.agenda):
# `changes` lists them as {"text": in Dutch, "by": the user id who made it or None};
# `key` names this announcement (the same key is the same announcement).
agenda_changed = Signal()
# The meeting was moved or its details changed (other date, time, length or place);
# `changes` names the fields that changed, `previous` holds date, start_time,
# duration_minutes and location as they were. Those already told of the meeting are
# mailed (notifications.receivers).
meeting_rescheduled = Signal()
# The meeting was cancelled (its `cancel_reason` says why); the invited are mailed.
meeting_cancelled = Signal()
# The minutes were put up for approval at the next meeting.
minutes_submitted = Signal()
# A member proposed an agenda item (`item`, status proposed): who runs the body is told.
proposal_made = Signal()
# A proposal was accepted, merged or declined (`item` carries its status, the item it
# was merged into, the reason): its proposer is told.
proposal_decided = Signal()

# Asked while suggesting what belongs on `meeting`'s agenda: each receiver returns a list
# of meetings.selectors.agenda.Suggestion (referrals: advice the body has not answered).
# Sent outside any transaction of its own; receivers only read.
agenda_suggestions_wanted = Signal()
