"""The organisation chart: how the network's bodies stand towards one another.

Each read declares what it loads, so that the chart costs the same number of queries
for one body or for fifty (the tests pin the counts).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .models import Body, Mandate, Network, Seat



class RelationKind:
    """The ways one body stands towards another, as the chart draws them."""

    DELEGATES = "delegates"
    ASSIGNS = "assigns"
    STEERS = "steers"
    ADVISES = "advises"
    SITS_IN = "sits_in"

    # Order of the legend and of the sentences under the chart.
    ALL = [DELEGATES, ASSIGNS, STEERS, ADVISES, SITS_IN]
    LABELS = {
        DELEGATES: _("delegeert aan"),
        ASSIGNS: _("geeft opdrachten aan"),
        STEERS: _("stuurt aan"),
        ADVISES: _("adviseert"),
        SITS_IN: _("zetelt in"),
    }
    # Relations that say who answers to whom: they set the chart's levels.
    HIERARCHICAL = {DELEGATES, ASSIGNS, STEERS}


MANDATE_RELATIONS = {
    Mandate.Kind.ADVISE: RelationKind.ADVISES,
    Mandate.Kind.STEER: RelationKind.STEERS,
    Mandate.Kind.ASSIGN: RelationKind.ASSIGNS,
}


@dataclass(frozen=True)
class Relation:
    source: Body
    target: Body
    kind: str

    @property
    def label(self) -> str:
        return RelationKind.LABELS[self.kind]


@dataclass
class OrgChart:
    bodies: list[Body]
    relations: list[Relation]

    def relations_by_source(self) -> list[tuple[Body, list[Relation]]]:
        grouped = defaultdict(list)
        for relation in self.relations:
            grouped[relation.source.pk].append(relation)
        return [(body, grouped[body.pk]) for body in self.bodies if grouped[body.pk]]

    def kinds_in_use(self) -> list[str]:
        used = {relation.kind for relation in self.relations}
        return [kind for kind in RelationKind.ALL if kind in used]


def org_chart_relations(network: Network, today: datetime.date) -> OrgChart:
    """The active bodies and every relation between them, drawn from mandates, seats and parents.

    Queries: bodies; mandates valid today with their delegating body; mandate
    targets; seats filled by another body.
    """
    bodies = list(network.bodies.active_on(today))
    by_id = {body.pk: body for body in bodies}
    found: set[tuple[int, int, str]] = set()

    def add(source_id, target_id, kind):
        if source_id in by_id and target_id in by_id and source_id != target_id:
            found.add((source_id, target_id, kind))

    for body in bodies:
        if body.parent_id:
            add(body.parent_id, body.pk, RelationKind.STEERS)
    mandates = Mandate.objects.valid_on(today).filter(body__network=network).prefetch_related(
        Prefetch("targets", queryset=Body.objects.only("id"))
    )
    for mandate in mandates:
        if mandate.delegated_by_id:
            add(mandate.delegated_by_id, mandate.body_id, RelationKind.DELEGATES)
        kind = MANDATE_RELATIONS.get(mandate.kind)
        if kind:
            for target in mandate.targets.all():
                add(mandate.body_id, target.pk, kind)
    for body_id, filled_by_id in (
        Seat.objects.filter(body__network=network, filled_by_body__isnull=False)
        .order_by()
        .values_list("body_id", "filled_by_body_id")
    ):
        add(filled_by_id, body_id, RelationKind.SITS_IN)

    order = {body.pk: index for index, body in enumerate(bodies)}
    relations = [
        Relation(source=by_id[source], target=by_id[target], kind=kind)
        for source, target, kind in sorted(
            found, key=lambda item: (order[item[0]], RelationKind.ALL.index(item[2]), order[item[1]])
        )
    ]
    return OrgChart(bodies=bodies, relations=relations)
