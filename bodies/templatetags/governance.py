"""Presentation helpers for the governance pages: rhythms in words, the chart's drawing."""

import math
from collections import defaultdict
from dataclasses import dataclass

from django import template

from bodies import permissions
from bodies.cadence import rule_words
from bodies.selectors import OrgChart, RelationKind

register = template.Library()


@register.filter
def rrule_words(rule: str, at=None) -> str:
    """{{ phase.rrule|rrule_words:cadence.start_time }}: the rule in words (bodies.cadence.rule_words)."""
    return rule_words(rule, at=at or None)


# The organisation chart ---------------------------------------------------------------

BOX_WIDTH = 220
BOX_HEIGHT = 72
GAP_X = 150
GAP_Y = 120
MARGIN = 24
LINE_LENGTH = 22
# Distance between two arrows joining the same pair of bodies.
EDGE_SPREAD = 26
MAX_PER_LINE = 4


@dataclass
class Node:
    body: object
    x: float
    y: float
    lines: list[str]
    kind_label: str

    @property
    def cx(self):
        return self.x + BOX_WIDTH / 2

    @property
    def cy(self):
        return self.y + BOX_HEIGHT / 2

    @property
    def text_lines(self):
        """(y, text) of each line, centred vertically in the box."""
        count = len(self.lines) + (1 if self.kind_label else 0)
        first = self.cy - (count - 1) * 9 + 5
        return [(first + index * 18, line) for index, line in enumerate(self.lines)]

    @property
    def kind_y(self):
        return self.text_lines[-1][0] + 18


@dataclass
class Edge:
    relation: object
    path: str


@dataclass
class ChartLayout:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    kinds: list[tuple[str, str]]
    box_width: int = BOX_WIDTH
    box_height: int = BOX_HEIGHT


def _wrap(text: str) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > LINE_LENGTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _ranks(chart: OrgChart) -> dict[int, int]:
    """The level of each body, from the top of the drawing.

    Standing bodies are ranked by the longest path along delegation, assignment and
    steering; those outside these relations (an advisory forum) sit on the row
    below, as the base of the structure. Working groups come last, a row deeper
    for each level of nesting, so their steering arrows do not cross the bodies.
    """
    standing = [body for body in chart.bodies if not body.is_working_group]
    standing_ids = {body.pk for body in standing}
    down = defaultdict(set)
    involved = set()
    for relation in chart.relations:
        source, target = relation.source.pk, relation.target.pk
        if relation.kind in RelationKind.HIERARCHICAL and source in standing_ids and target in standing_ids:
            down[source].add(target)
            involved |= {source, target}
    rank = {body.pk: 0 for body in standing}
    # At most one round per body, so a cycle in the data cannot loop forever.
    for _round in standing:
        changed = False
        for source, targets in down.items():
            for target in targets:
                if rank[target] <= rank[source] and rank[source] + 1 < len(standing):
                    rank[target] = rank[source] + 1
                    changed = True
        if not changed:
            break
    if involved:
        bottom = max(rank[pk] for pk in involved) + 1
        for pk in standing_ids - involved:
            rank[pk] = bottom
    deepest = max(rank.values(), default=-1)
    by_id = {body.pk: body for body in chart.bodies}
    for body in chart.bodies:
        if body.is_working_group:
            depth, parent = 1, by_id.get(body.parent_id)
            while parent is not None and parent.is_working_group and depth < len(by_id):
                depth, parent = depth + 1, by_id.get(parent.parent_id)
            rank[body.pk] = deepest + depth
    return rank


def _crosses(a: "Node", b: "Node", control: tuple[float, float], others: list["Node"]) -> bool:
    """Whether the curve from a to b around `control` runs through another box."""
    for step in range(1, 20):
        t = step / 20
        x = (1 - t) ** 2 * a.cx + 2 * (1 - t) * t * control[0] + t**2 * b.cx
        y = (1 - t) ** 2 * a.cy + 2 * (1 - t) * t * control[1] + t**2 * b.cy
        for node in others:
            if node.x - 10 <= x <= node.x + BOX_WIDTH + 10 and node.y - 10 <= y <= node.y + BOX_HEIGHT + 10:
                return True
    return False


def _clip(cx: float, cy: float, towards: tuple[float, float], pad: float) -> tuple[float, float]:
    """Where the line from a box's centre towards a point leaves the box (plus `pad`)."""
    dx, dy = towards[0] - cx, towards[1] - cy
    half_w, half_h = BOX_WIDTH / 2 + pad, BOX_HEIGHT / 2 + pad
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return cx + dx * scale, cy + dy * scale


@register.simple_tag
def org_chart_layout(chart: OrgChart) -> ChartLayout:
    """Boxes in rows by level, arrows between them; two arrows on one pair bend apart."""
    rank = _ranks(chart)
    order = {body.pk: index for index, body in enumerate(chart.bodies)}
    rows = defaultdict(list)
    for body in chart.bodies:
        rows[rank[body.pk]].append(body)

    parents = defaultdict(list)
    for relation in chart.relations:
        if relation.kind in RelationKind.HIERARCHICAL:
            parents[relation.target.pk].append(relation.source.pk)
    # A level with many bodies (working groups) wraps, so the chart stays legible.
    lines = []
    nodes = {}
    for level in sorted(rows):
        row = rows[level]
        # Horizontal place of the bodies above, in boxes from the centre line.
        placed = {pk: index - (len(line) - 1) / 2 for line in lines for index, pk in enumerate(line)}

        def barycentre(body, placed=placed):
            xs = [placed[pk] for pk in parents[body.pk] if pk in placed]
            return (sum(xs) / len(xs) if xs else math.inf, order[body.pk])

        row.sort(key=barycentre)
        for start in range(0, len(row), MAX_PER_LINE):
            lines.append([body.pk for body in row[start : start + MAX_PER_LINE]])
    by_id = {body.pk: body for body in chart.bodies}
    widest = max((len(line) for line in lines), default=1)
    width = widest * BOX_WIDTH + (widest - 1) * GAP_X + 2 * MARGIN
    for number, line in enumerate(lines):
        line_width = len(line) * BOX_WIDTH + (len(line) - 1) * GAP_X
        left = (width - line_width) / 2
        for index, pk in enumerate(line):
            body = by_id[pk]
            kind_label = str(body.get_kind_display())
            nodes[pk] = Node(
                body=body,
                x=left + index * (BOX_WIDTH + GAP_X),
                y=MARGIN + number * (BOX_HEIGHT + GAP_Y),
                lines=_wrap(body.name),
                kind_label="" if kind_label.lower() == body.name.lower() else kind_label,
            )
    height = MARGIN * 2 + len(lines) * BOX_HEIGHT + max(len(lines) - 1, 0) * GAP_Y

    pairs = defaultdict(list)
    for relation in chart.relations:
        key = tuple(sorted((relation.source.pk, relation.target.pk), key=order.get))
        pairs[key].append(relation)
    edges = []
    for (first, second), relations in pairs.items():
        a, b = nodes[first], nodes[second]
        others = [node for pk, node in nodes.items() if pk not in (first, second)]
        length = math.hypot(b.cx - a.cx, b.cy - a.cy) or 1
        normal = (-(b.cy - a.cy) / length, (b.cx - a.cx) / length)

        def controls(shift, a=a, b=b, normal=normal, count=len(relations)):
            # A quadratic curve bends half as far as its control point lies.
            return [
                (
                    (a.cx + b.cx) / 2 + normal[0] * ((index - (count - 1) / 2) * EDGE_SPREAD + shift) * 2,
                    (a.cy + b.cy) / 2 + normal[1] * ((index - (count - 1) / 2) * EDGE_SPREAD + shift) * 2,
                )
                for index in range(count)
            ]

        # Bend the arrows of this pair just far enough to go around other boxes.
        shifts = [0] + [sign * step * 30 for step in range(1, 10) for sign in (1, -1)]
        chosen = next(
            (points for points in map(controls, shifts) if not any(_crosses(a, b, c, others) for c in points)),
            controls(0),
        )
        for relation, control in zip(relations, chosen, strict=True):
            source, target = nodes[relation.source.pk], nodes[relation.target.pk]
            start = _clip(source.cx, source.cy, control, 2)
            end = _clip(target.cx, target.cy, control, 6)
            path = (
                f"M {start[0]:.1f} {start[1]:.1f} "
                f"Q {control[0]:.1f} {control[1]:.1f} {end[0]:.1f} {end[1]:.1f}"
            )
            edges.append(Edge(relation=relation, path=path))
    return ChartLayout(
        width=int(width), height=int(height), nodes=list(nodes.values()), edges=edges,
        kinds=[(kind, RelationKind.LABELS[kind]) for kind in chart.kinds_in_use()],
    )


@register.simple_tag(takes_context=True)
def may(context, permission: str, obj) -> bool:
    """{% may "run_body" body as can_run %}: the permission module's answer, in a template."""
    return permissions.may(context["request"].user, permission, obj)
