"""The data of a view's page: what the page shows, each thing once (view.js reads it).

Nodes and edges refer by index to tables: ``kinds`` (the legend's styles), ``types``
(compact class IRIs), ``relations`` (predicate and label), ``statements`` (one per
claim, however many nodes it bears on) and ``texts`` (the statements' predicate labels,
quotes, sections, sources, context facts and according-tos, each distinct text once).
A node's empty fields are left out; an edge is ``[from node, to node, relation]`` and,
where not 0, ``inferred`` (1) and ``curve`` (the offset of parallel relations).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from .build import View
from .rules import DASHED_KINDS, KIND_STYLES, UNSTYLED

SHAPES_LIMIT = 1500  # above this many nodes every kind is drawn as a dot (see kind_styles)
EDGE_LABEL_LIMIT = 250  # edge labels are drawn when a view has at most this many edges


class _Table:
    """Distinct values in order of first use; ``ref`` gives a value's index."""

    def __init__(self) -> None:
        self.items: list = []
        self._index: dict = {}

    def ref(self, value) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.items)
            self.items.append(value)
        return found


def page_data(view: View, title: str, explorer: str | None = None) -> dict:
    """The page's data for ``view`` (see the module's description); ``explorer``: the
    address of the explorer page to link to, if any."""
    graph = view.graph
    styles = kind_styles(view.kinds, big=graph.number_of_nodes() > SHAPES_LIMIT)
    kind_index = {style["kind"]: i for i, style in enumerate(styles)}
    types, relations = _Table(), _Table()
    statements = _StatementTable(graph)
    nodes = []
    for node, data in graph.nodes(data=True):
        item: dict[str, Any] = {"id": node, "l": data["label"], "x": data.get("x", 0.0), "y": data.get("y", 0.0),
                                "k": kind_index[data["kind"]]}
        if data["types"]:
            item["t"] = [types.ref(t) for t in data["types"]]
        if data["inferred_types"]:
            item["it"] = [types.ref(t) for t in data["inferred_types"]]
        if data["definition"]:
            item["d"] = data["definition"]
        if data["alt_labels"]:
            item["a"] = data["alt_labels"]
        if data["statements"]:
            item["s"] = [statements.ref(st) for st in data["statements"]]
        nodes.append(item)
    edges = _edges(graph, relations)
    return {
        "title": title,
        "view": view.name,
        "description": view.description,
        "focus": view.focus,
        "nodes": nodes,
        "edges": edges,
        "kinds": styles,
        "types": types.items,
        "typeLabels": view.type_labels,
        "relations": [{"p": p, "l": label} for p, label in relations.items],
        "statements": statements.items,
        "texts": statements.texts.items,
        # Labels help where relations differ; a hierarchy of one relation needs none.
        "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT and len({p for p, _ in relations.items}) > 1,
        "hierarchical": view.name == "classes" and view.focus is None,
        "explorer": explorer,
    }


def kind_styles(kinds: dict[str, int], *, big: bool) -> list[dict]:
    """The legend: each kind of the view with its colour, shape, glyph, size, count and
    whether its border is dashed.

    vis-network finds where an arrow meets a polygon's border slowly (≈0.1 ms per edge in
    headless chromium): a big view draws every kind as a dot, told apart by colour.
    """
    styles = [{"kind": kind, "color": c, "shape": "dot" if big and shape != "box" else shape,
               "glyph": "●" if big and shape != "box" else glyph, "size": size, "count": kinds[kind],
               "dashed": not big and kind in DASHED_KINDS}
              for kind, (c, shape, glyph, size) in KIND_STYLES.items() if kind in kinds]
    color, shape, glyph, size = UNSTYLED
    styles += [{"kind": kind, "color": color, "shape": shape, "glyph": glyph, "size": size, "count": n,
                "dashed": not big}
               for kind, n in sorted(kinds.items()) if kind not in KIND_STYLES]
    return styles


class _StatementTable(_Table):
    """The statements, each once by claim, as lists of references into ``texts``."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        super().__init__()
        self.texts = _Table()
        self._graph = graph
        self._position = {node: i for i, node in enumerate(graph)}

    def ref(self, st: dict) -> int:
        found = self._index.get(st["claim"])
        if found is None:
            found = self._index[st["claim"]] = len(self.items)
            text = self.texts.ref
            self.items.append([
                st["claim"], self._end(st["subject"], st["subject_label"]), text(st["predicate_label"]),
                self._end(st["object"], st["object_label"]), 1 if st["negative"] else 0,
                [text(q) for q in st["quotes"]], text(st["section"]), st["references"],
                [text(s) for s in st["sources"]], text(st["context_fact"]), [text(a) for a in st["according_to"]],
            ])
        return found

    def _end(self, node: str, label: str):
        """A node of the view by its index (the panel links to it), else [id, label]."""
        i = self._position.get(node)
        return i if i is not None and self._graph.nodes[node]["label"] == label else [node, label]


def _edges(graph: nx.MultiDiGraph, relations: _Table) -> list[list[int]]:
    """Each edge as [from, to, relation, inferred, curve], its trailing zeros left out."""
    position = {node: i for i, node in enumerate(graph)}
    edges = []
    per_pair: dict[tuple[str, str], int] = defaultdict(int)
    for s, o, data in graph.edges(data=True):
        # Parallel relations between two nodes curve apart: offsets 0, +1, -1, +2, …
        pair = (s, o) if s <= o else (o, s)
        n = per_pair[pair]
        per_pair[pair] += 1
        offset = (n + 1) // 2 * (1 if n % 2 else -1)
        if (s, o) != pair:
            offset = -offset
        edge = [position[s], position[o], relations.ref((data["predicate"], data["label"])),
                1 if data["inferred"] else 0, offset]
        while len(edge) > 3 and not edge[-1]:
            edge.pop()
        edges.append(edge)
    return edges
