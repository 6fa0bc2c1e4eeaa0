"""The mails the application owes people, one row per person, kind and object.

A row is what makes "exactly once" hold: the unique key (recipient, kind,
object_key) lets planners and receivers add the same notification again and
again without a second row, and the row's state says whether its mail went out.
See notifications.sending for how rows are claimed and sent.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bodies.models import Person

# After this long in "sending" a row counts as uncertain: its worker died between
# sending the mail and recording it, or is stuck. It is never re-sent by itself.
UNCERTAIN_AFTER = datetime.timedelta(minutes=15)


class Kind(models.TextChoices):
    CALL_FOR_ITEMS = "call_for_items", _("Oproep voor agendapunten")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda gepubliceerd")
    AGENDA_CHANGED = "agenda_changed", _("Agenda gewijzigd")
    MEETING_REMINDER = "meeting_reminder", _("Herinnering aan een vergadering")
    MEETING_MOVED = "meeting_moved", _("Vergadering verplaatst")
    MEETING_CANCELLED = "meeting_cancelled", _("Vergadering geannuleerd")
    ACTION_ITEM_DUE = "action_item_due", _("Actiepunt bijna op vervaldatum")
    MINUTES_AWAITING_APPROVAL = "minutes_awaiting_approval", _("Verslag ter goedkeuring")
    PROPOSAL_RECEIVED = "proposal_received", _("Nieuw voorstel voor de agenda")
    PROPOSAL_DECIDED = "proposal_decided", _("Beslissing over je voorstel")


class NotificationQuerySet(models.QuerySet):
    """Shared by Notification and PasswordResetMail: both have state and claimed_at."""

    def uncertain(self, now: datetime.datetime | None = None):
        """Rows whose mail may or may not have gone out: claimed long ago, never recorded."""
        now = now or timezone.now()
        return self.filter(state=Notification.State.SENDING, claimed_at__lt=now - UNCERTAIN_AFTER)


class Notification(models.Model):
    """One mail owed to one person about one thing (a meeting, an action item)."""

    Kind = Kind

    class State(models.TextChoices):
        PENDING = "pending", _("Te versturen")
        SENDING = "sending", _("Wordt verstuurd")
        SENT = "sent", _("Verstuurd")
        SKIPPED = "skipped", _("Overgeslagen")
        FAILED = "failed", _("Mislukt")

    recipient = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("ontvanger")
    )
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("vergadering"),
    )
    action_item = models.ForeignKey(
        "meetings.ActionItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("actiepunt"),
    )
    # What this notification is about, and which occurrence: "meeting:12:2026-12-01:7d",
    # "meeting:12:agenda-change:40", "meeting:12:moved:3",
    # "action:4:2026-12-03", "minutes:12", "proposal:31", "proposal:31:merged".
    object_key = models.CharField(_("sleutel"), max_length=120)
    # What the mail tells beyond the object itself (the changes of an agenda, where
    # a moved meeting was before).
    details = models.JSONField(_("details"), default=dict, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    due_at = models.DateTimeField(_("te versturen vanaf"), default=timezone.now)
    claimed_at = models.DateTimeField(_("opgenomen op"), null=True, blank=True)
    # The worker and batch that claimed the row ("celery@host:3f2a…").
    claimed_by = models.CharField(_("opgenomen door"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "object_key"], name="notification_once"),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="notification_state_due")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_uncertain(self) -> bool:
        return (
            self.state == self.State.SENDING
            and self.claimed_at is not None
            and self.claimed_at < timezone.now() - UNCERTAIN_AFTER
        )


class NotificationPreference(models.Model):
    """Which mails a login wants; without a row, every kind is on.

    One field per Kind value, named like it, so `getattr(preference, kind)` answers.
    It holds for every person the login is in every network.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("login"),
    )
    call_for_items = models.BooleanField(
        Kind.CALL_FOR_ITEMS.label, default=True, help_text=_("Wanneer je punten kunt voorstellen voor een vergadering.")
    )
    agenda_published = models.BooleanField(
        Kind.AGENDA_PUBLISHED.label, default=True, help_text=_("De agenda van een vergadering, met een agenda-uitnodiging.")
    )
    agenda_changed = models.BooleanField(
        Kind.AGENDA_CHANGED.label, default=True, help_text=_("Wat er veranderde aan een gepubliceerde agenda.")
    )
    meeting_reminder = models.BooleanField(
        Kind.MEETING_REMINDER.label,
        default=True,
        help_text=_("Enkele dagen vóór een vergadering (standaard een week en een dag), met een agenda-uitnodiging."),
    )
    meeting_moved = models.BooleanField(
        Kind.MEETING_MOVED.label,
        default=True,
        help_text=_(
            "Wanneer een vergadering een andere datum, een ander uur of een andere plaats krijgt, "
            "met de nieuwe agenda-uitnodiging."
        ),
    )
    meeting_cancelled = models.BooleanField(
        Kind.MEETING_CANCELLED.label,
        default=True,
        help_text=_("Wanneer een vergadering niet doorgaat, met de reden."),
    )
    action_item_due = models.BooleanField(
        Kind.ACTION_ITEM_DUE.label, default=True, help_text=_("De dag vóór de vervaldatum van jouw actiepunten.")
    )
    minutes_awaiting_approval = models.BooleanField(
        Kind.MINUTES_AWAITING_APPROVAL.label,
        default=True,
        help_text=_("Wanneer het verslag van een vergadering klaar is om goed te keuren."),
    )
    proposal_received = models.BooleanField(
        Kind.PROPOSAL_RECEIVED.label,
        default=True,
        help_text=_("Wanneer een lid een punt voorstelt voor de agenda van een orgaan dat je leidt."),
    )
    proposal_decided = models.BooleanField(
        Kind.PROPOSAL_DECIDED.label,
        default=True,
        help_text=_("Of je voorstel op de agenda komt, samengevoegd wordt met een ander punt of afgewezen, en waarom."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return getattr(self, kind)


class PasswordResetMail(models.Model):
    """One "Wachtwoord opnieuw instellen" mail asked for on the site: to which login, and did it go out.

    Kept apart from Notification on purpose: it is owed to a login, not to a person
    of a network (a superuser has no person, a login in two networks has two); no
    preference can switch it off; and it goes out at once, not in a batch of
    reminders. The row never holds the link: its token is made when the mail is
    built (Django's token is derived from the login's password hash, last login and
    the time) and lives only in the mail. The row is what makes "once" hold for a
    task run twice, and what /healthz counts when sending fails.
    """

    State = Notification.State

    # One per request on the reset page; the task carries it, so a redelivered task
    # finds the row it made before.
    request_id = models.UUIDField(_("aanvraag"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_reset_mails",
        verbose_name=_("login"),
    )
    language = models.CharField(_("taal"), max_length=10, default="nl")
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now, editable=False)
    claimed_at = models.DateTimeField(_("opgenomen op"), null=True, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail om het wachtwoord opnieuw in te stellen")
        verbose_name_plural = _("mails om het wachtwoord opnieuw in te stellen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["request_id", "user"], name="password_reset_mail_once"),
        ]
        # /healthz: the failed and stuck ones of the last hour.
        indexes = [models.Index(fields=["state", "claimed_at"], name="password_reset_state_claimed")]

    def __str__(self):
        return f"{self._meta.verbose_name} → {self.user}"
