"""Keep the access groups in step with every save of the data they derive from.

Signals rather than services, because admins edit this data through the Django
admin's forms and inlines, which save models directly.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from .access import access_sync_network
from .models import AccessGroup, Body, Membership, Network, Person, Role


def _sync(network_id: int) -> None:
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


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _sync(Body.objects.filter(pk=instance.body_id).values_list("network_id", flat=True).first())


@receiver(post_delete, sender=AccessGroup)
def access_group_deleted(sender, instance, **kwargs):
    # The login group exists only for this access group; leave no orphan behind.
    Group.objects.filter(pk=instance.group_id).delete()
