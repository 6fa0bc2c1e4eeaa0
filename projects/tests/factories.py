import factory

from bodies import seed
from bodies.models import Body
from projects.models import Project


def beleidsgroep(network) -> Body:
    return Body.objects.get(network=network, name=seed.BELEIDSGROEP)


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project of the seed network's Beleidsgroep unless told otherwise."""

    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Project {n}")
    body = factory.LazyAttribute(lambda project: beleidsgroep(project.network))
