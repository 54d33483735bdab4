"""Building a view: the part of the graph it shows, as a networkx graph laid out for the page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from ..errors import HskgError
from ..namespaces import compact, expand
from ..view_names import FOCUS_VIEW, VIEWS
from ..vocabulary import HSKG
from .index import GraphIndex
from .layout import layout_components, layout_hierarchy, layout_notions
from .rules import HIDDEN_CLASSES, Edge, kind_of, view_content
from .statements import read_statements


@dataclass
class View:
    """One view of the graph, ready to render.

    ``graph`` nodes (ids: the IRI, or ``_:id`` for a blank node) carry ``iri``, ``label``,
    ``types`` (compact class IRIs), ``kind``, ``definition``, ``alt_labels``,
    ``inferred_types``, ``statements`` (dicts: ``claim``, ``subject``/``predicate``/``object``
    with their labels, ``negative``, ``quotes``, ``section``, ``references``, ``sources``,
    ``context_fact``, ``according_to``) and the layout's ``x``, ``y``.  Edges (key: the
    compact property, ``+inferred`` for inferred ones) carry ``predicate``, ``label`` and
    ``inferred``.
    """

    name: str
    description: str
    graph: nx.MultiDiGraph
    focus: str | None = None
    depth: int | None = None
    type_labels: dict[str, str] = field(default_factory=dict)

    @property
    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for _, kind in self.graph.nodes(data="kind"):
            counts[kind] += 1
        return dict(counts)


def build_view(store, name: str, *, focus: str | None = None, depth: int = 2,
               inferred_triples: Iterable = ()) -> View:
    """The named view (``VIEWS``, or ``"focus"``) of the asserted graph in ``store``.

    ``store`` is a ``Store`` (or a loaded ``KnowledgeGraph``).  With ``focus`` (an IRI, or
    a compact ``prefix:name``) the view keeps that node and what lies within ``depth``
    relations of it; the ``focus`` view does so over the whole graph.  ``inferred_triples``
    (pyoxigraph triples or (s, p, o) IRI tuples) are added as edges marked inferred.
    Raises ``HskgError`` for an unknown view or focus node.
    """
    store = getattr(store, "store", store)
    if name not in VIEWS and name != FOCUS_VIEW:
        raise HskgError(f"unknown view {name!r}: choose one of {', '.join([*VIEWS, FOCUS_VIEW])}")
    if name == FOCUS_VIEW and not focus:
        raise HskgError("the focus view needs a node to focus on (an IRI or prefix:name)")
    if depth < 0:
        raise HskgError(f"depth must be 0 or more, not {depth}")
    index = GraphIndex(store, inferred_triples)
    statements = read_statements(index)
    hidden = statements.claims | statements.evidence | {n for n in index.data_nodes if index.is_a(n, HIDDEN_CLASSES)}
    nodes, edges = view_content(index, name, statements.claims, hidden)
    graph = view_graph(index, nodes, edges, statements.by_node)
    focus_id = None
    if focus:
        focus_id = _resolve(focus, graph)
        if focus_id is None:
            where = "the graph" if name == FOCUS_VIEW else f"the {name} view"
            raise HskgError(f"no node {focus!r} in {where}")
        graph = _ego(graph, focus_id, depth)
        layout_components(graph, root=focus_id)
    elif name == "classes":
        layout_hierarchy(graph)
    elif name == "notions":
        layout_notions(graph, _sequence_numbers(index, graph))
    else:
        layout_components(graph)
    classes = {t for n in nodes for t in index.types.get(n, ())} | {t for n in nodes for t in index.inferred_types.get(n, ())}
    description = VIEWS.get(name, "a node and its neighbours")
    if focus_id is not None:
        description = f"{index.label(focus_id)} and what lies within {depth} relation(s) of it"
    return View(name=name, description=description, graph=graph, focus=focus_id,
                depth=depth if focus_id is not None else None,
                type_labels={compact(c): index.label(c) for c in sorted(classes)})


def view_graph(index: GraphIndex, nodes: set[str], edges: list[Edge],
                statements: dict[str, list[dict]]) -> nx.MultiDiGraph:
    """The nodes and edges with what the page shows of them (see ``View``), sorted."""
    graph = nx.MultiDiGraph()
    for node in sorted(nodes):
        graph.add_node(
            node,
            iri=node,
            label=index.label(node),
            types=sorted(compact(t) for t in index.types.get(node, ())),
            inferred_types=sorted(compact(t) for t in index.inferred_types.get(node, ())),
            kind=kind_of(index, node),
            definition=index.definition(node),
            alt_labels=index.alt_labels(node),
            statements=statements.get(node, []),
        )
    for s, p, o, inferred in sorted(set(edges)):
        key = compact(p) + ("+inferred" if inferred else "")
        if graph.has_edge(s, o, key):
            continue
        label = index.label(p) if p in index.labels else compact(p).split(":", 1)[-1]
        graph.add_edge(s, o, key, predicate=compact(p), label=label, inferred=inferred)
    return graph


def _sequence_numbers(index: GraphIndex, graph: nx.MultiDiGraph) -> dict[str, int]:
    """The notions' ``hskg:sequenceNumber`` (the order the report presents them in)."""
    numbers = {}
    for node, kind in graph.nodes(data="kind"):
        found = [n.value for n in index.literals(node, HSKG.sequenceNumber.value)]
        if kind == "notion" and found and found[0].isdigit():
            numbers[node] = int(found[0])
    return numbers


def _resolve(focus: str, graph: nx.MultiDiGraph) -> str | None:
    for candidate in (focus, expand(focus), f"_:{focus[2:]}" if focus.startswith("_:") else None):
        if candidate and candidate in graph:
            return candidate
    return None


def _ego(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    """``centre`` and the nodes within ``depth`` relations of it, in the view's (sorted) order."""
    distances = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    # Not graph.subgraph(distances): it would list the nodes in the order of a set of
    # strings, which changes from one process to the next.
    ego = graph.copy()
    ego.remove_nodes_from([n for n in graph if n not in distances])
    return ego
