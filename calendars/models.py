"""Secret calendar links: a person subscribes to their meetings without signing in.

The link carries a random token (``secrets.token_urlsafe``, 256 bits). The token is
kept in clear text because the person must be able to copy their link again from
their page later, as calendar apps ask for it; it is looked up by its SHA-256 digest
(the indexed, unique column) and then compared in constant time, so neither the
database's index walk nor a string comparison tells an attacker how much of a guess
was right. A database leak would expose the live links, but such a leak exposes the
very meetings the links show anyway.

Revoking keeps the row (created, revoked: the link's history) and blanks the token;
a person has at most one live link (a database constraint), making a new one revokes
the old one.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import moment


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedTokenQuerySet(models.QuerySet):
    def live(self):
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    """One secret calendar link of one login, live until revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_tokens",
        verbose_name=_("login"),
    )
    token = models.CharField(_("geheime sleutel"), max_length=64, blank=True, editable=False)
    digest = models.CharField(_("SHA-256 van de sleutel"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("agendalink")
        verbose_name_plural = _("agendalinks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_feed_token_one_live_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {moment(self.created_at)}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None
