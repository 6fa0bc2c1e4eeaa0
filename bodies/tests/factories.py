import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from bodies.models import (
    Body,
    Cadence,
    CadencePhase,
    Mandate,
    Membership,
    Network,
    Organization,
    Person,
    Role,
    Seat,
)


# Every factory-made login has this password, so browser tests can sign in through the form.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Persoon {n}")
    email = factory.LazyAttribute(lambda person: f"{slugify(person.name)}@example.org")
    user = factory.SubFactory(UserFactory)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Rol {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Orgaan {n}")
    slug = factory.Sequence(lambda n: f"orgaan-{n}")
    kind = Body.Kind.CORE_TEAM


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    role = factory.SubFactory(RoleFactory, network=factory.SelfAttribute("..body.network"))
    count = 1
    has_voting_right = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    seat = factory.SubFactory(SeatFactory)
    body = factory.SelfAttribute("seat.body")
    person = factory.SubFactory(PersonFactory, network=factory.SelfAttribute("..seat.body.network"))
    has_voting_right = factory.SelfAttribute("seat.has_voting_right")
    start_date = datetime.date(2023, 2, 1)


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    body = factory.SubFactory(BodyFactory)
    text = "Kan beslissen over financiën."
    kind = Mandate.Kind.DECIDE
    domains = factory.LazyFunction(lambda: ["finance"])


class CadenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadence

    body = factory.SubFactory(BodyFactory)


class CadencePhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CadencePhase

    cadence = factory.SubFactory(CadenceFactory)
    rrule = "FREQ=MONTHLY"


class BodyTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "bodies.BodyTask"

    body = factory.SubFactory(BodyFactory)
    text = factory.Sequence(lambda n: f"Taak {n}.")
    position = factory.Sequence(lambda n: n)
