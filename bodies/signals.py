"""Keep the access groups in step with every save of the data they derive from.

Signals rather than services, because admins edit this data through the Django
admin's forms and inlines, which save models directly.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .access import access_sync_network
from .models import AccessGroup, Body, Membership, Network, Person, Role, Seat


# The networks whose synchronisation waits for the end of an `access_sync_deferred` block.
_deferred: ContextVar[set[int] | None] = ContextVar("access_sync_deferred", default=None)


@contextmanager
def access_sync_deferred() -> Iterator[None]:
    """Synchronise the access groups once, at the end of the block, instead of on every save.

    For writes of hundreds of rows in one transaction (import_governance): a sync per
    saved row reads the whole network each time, which made an import quadratic. When
    the block raises, nothing is synchronised (its transaction is rolled back anyway).
    """
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for network_id in sorted(pending):
        _sync(network_id)


def _sync(network_id: int) -> None:
    pending = _deferred.get()
    if pending is not None:
        pending.add(network_id)
        return
    network = Network.objects.filter(pk=network_id).first()
    if network is not None:  # gone when a whole network is being deleted
        access_sync_network(network=network, today=timezone.localdate())


@receiver(post_save, sender=Network)
def network_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _sync(instance.pk)


@receiver(post_save, sender=Body)
def body_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _sync(instance.network_id)


@receiver(post_save, sender=Role)
@receiver(post_save, sender=Person)
@receiver(post_delete, sender=Person)
def person_or_role_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync(instance.network_id)


@receiver(post_save, sender=Seat)
def seat_saved(sender, instance, created, raw=False, **kwargs):
    # A seat another body fills (or filled: an edit may clear it) changes who sits ex officio.
    if not raw and (instance.filled_by_body_id or not created):
        membership_changed(sender, instance)


@receiver(post_delete, sender=Seat)
def seat_deleted(sender, instance, **kwargs):
    # After the commit: a seat goes when its body is deleted, whose groups must not come back.
    if instance.filled_by_body_id:
        network_id = instance.filled_by_body.network_id
        transaction.on_commit(lambda: _sync(network_id))


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync(Body.objects.filter(pk=instance.body_id).values_list("network_id", flat=True).first())


@receiver(post_delete, sender=AccessGroup)
def access_group_deleted(sender, instance, **kwargs):
    # The login group exists only for this access group; leave no orphan behind.
    Group.objects.filter(pk=instance.group_id).delete()
