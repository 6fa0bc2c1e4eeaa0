"""Presentation helpers for the governance pages: rhythms in words, the chart's drawing."""

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from django import template
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _

from bodies.selectors import OrgChart, RelationKind

register = template.Library()

RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _ordinal(number: int) -> str:
    names = {
        1: _("eerste"),
        2: _("tweede"),
        3: _("derde"),
        4: _("vierde"),
        5: _("vijfde"),
        -1: _("laatste"),
        -2: _("voorlaatste"),
    }
    return names.get(number, str(number))


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s en %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@register.filter
def rrule_words(rule: str) -> str:
    """An RFC 5545 rule in the reader's words: FREQ=WEEKLY;INTERVAL=2 → "om de 2 weken".

    Parts this reader does not know are left out of the words; the rule itself
    stays on the page next to them.
    """
    try:
        parts = dict(part.split("=", 1) for part in rule.upper().strip().split(";") if part)
        interval = int(parts.get("INTERVAL", "1"))
    except ValueError:
        return rule
    every = {
        "DAILY": (_("elke dag"), _("om de %(n)s dagen")),
        "WEEKLY": (_("elke week"), _("om de %(n)s weken")),
        "MONTHLY": (_("elke maand"), _("om de %(n)s maanden")),
        "YEARLY": (_("elk jaar"), _("om de %(n)s jaar")),
    }.get(parts.get("FREQ"))
    if every is None:
        return rule
    words = [every[0] if interval == 1 else every[1] % {"n": interval}]

    days = []
    for item in filter(None, parts.get("BYDAY", "").split(",")):
        match = re.fullmatch(r"([+-]?\d+)?(MO|TU|WE|TH|FR|SA|SU)", item)
        if not match:
            return rule
        name = str(WEEKDAYS[RRULE_DAYS.index(match.group(2))])
        days.append(
            _("de %(ordinal)s %(day)s") % {"ordinal": _ordinal(int(match.group(1))), "day": name}
            if match.group(1)
            else name
        )
    if days:
        words.append(_("op %(days)s") % {"days": _join(days)})
    if parts.get("BYMONTHDAY"):
        words.append(_("op dag %(days)s van de maand") % {"days": _join(parts["BYMONTHDAY"].split(","))})
    if parts.get("BYMONTH"):
        try:
            months = [str(MONTHS[int(month)]) for month in parts["BYMONTH"].split(",")]
        except (ValueError, KeyError):
            return rule
        words.append(_("in %(months)s") % {"months": _join(months)})
    return " ".join(words)


# The organisation chart ---------------------------------------------------------------

BOX_WIDTH = 220
BOX_HEIGHT = 72
GAP_X = 150
GAP_Y = 120
MARGIN = 24
LINE_LENGTH = 22
# Distance between two arrows joining the same pair of bodies.
EDGE_SPREAD = 26


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
    """The level of each body: longest path along delegation, assignment and steering.

    Bodies outside those relations (an advisory forum) go to the bottom row, as the
    base of the structure.
    """
    ids = [body.pk for body in chart.bodies]
    down = defaultdict(set)
    involved = set()
    for relation in chart.relations:
        if relation.kind in RelationKind.HIERARCHICAL:
            down[relation.source.pk].add(relation.target.pk)
            involved |= {relation.source.pk, relation.target.pk}
    rank = dict.fromkeys(ids, 0)
    # At most len(ids) rounds, so a cycle in the data cannot loop forever.
    for _round in ids:
        changed = False
        for source, targets in down.items():
            for target in targets:
                if rank[target] <= rank[source] and rank[source] + 1 < len(ids):
                    rank[target] = rank[source] + 1
                    changed = True
        if not changed:
            break
    if involved:
        bottom = max(rank[pk] for pk in involved) + 1
        for pk in ids:
            if pk not in involved:
                rank[pk] = bottom
    return rank


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
    widest = max((len(row) for row in rows.values()), default=1)
    width = widest * BOX_WIDTH + (widest - 1) * GAP_X + 2 * MARGIN
    nodes = {}
    for level in sorted(rows):
        row = rows[level]
        placed = {pk: nodes[pk].cx for pk in nodes}

        def barycentre(body, placed=placed):
            xs = [placed[pk] for pk in parents[body.pk] if pk in placed]
            return (sum(xs) / len(xs) if xs else math.inf, order[body.pk])

        row.sort(key=barycentre)
        row_width = len(row) * BOX_WIDTH + (len(row) - 1) * GAP_X
        left = (width - row_width) / 2
        for index, body in enumerate(row):
            kind_label = str(body.get_kind_display())
            nodes[body.pk] = Node(
                body=body,
                x=left + index * (BOX_WIDTH + GAP_X),
                y=MARGIN + level * (BOX_HEIGHT + GAP_Y),
                lines=_wrap(body.name),
                kind_label="" if kind_label.lower() == body.name.lower() else kind_label,
            )
    height = MARGIN * 2 + (max(rows, default=0) + 1) * BOX_HEIGHT + max(rows, default=0) * GAP_Y

    pairs = defaultdict(list)
    for relation in chart.relations:
        key = tuple(sorted((relation.source.pk, relation.target.pk), key=order.get))
        pairs[key].append(relation)
    edges = []
    for (first, second), relations in pairs.items():
        a, b = nodes[first], nodes[second]
        length = math.hypot(b.cx - a.cx, b.cy - a.cy) or 1
        normal = (-(b.cy - a.cy) / length, (b.cx - a.cx) / length)
        for index, relation in enumerate(relations):
            offset = (index - (len(relations) - 1) / 2) * EDGE_SPREAD
            # A quadratic curve bends half as far as its control point lies.
            control = ((a.cx + b.cx) / 2 + normal[0] * offset * 2, (a.cy + b.cy) / 2 + normal[1] * offset * 2)
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
