import factory

from bodies.tests.factories import UserFactory
from calendars.models import FeedToken, token_digest


class FeedTokenFactory(factory.django.DjangoModelFactory):
    """A live link with a known token (tests and the permission matrix use it in URLs)."""

    class Meta:
        model = FeedToken

    user = factory.SubFactory(UserFactory)
    token = factory.Sequence(lambda n: f"test-agendalink-{n:04d}")
    digest = factory.LazyAttribute(lambda o: token_digest(o.token))
