"""Interactive graph views: the knowledge graph as one self-contained HTML page.

``build_view`` picks part of the graph (``VIEWS``, or a node and its neighbours),
turns it into a networkx graph whose nodes carry what the page shows (label,
types, kind, definition, alternative labels, and the statements behind them with
their verbatim quotes, sections and reference numbers), and lays it out in
Python.  ``render_html`` writes the page: vis-network's JavaScript and CSS inlined
from the installed pyvis package, the data as escaped JSON, positions fixed and
physics off, so that it opens from ``file://`` with no network and draws thousands
of nodes in about a second.  ``display`` shows a page in a notebook, isolated in
an ``<iframe srcdoc>``.

Nothing here writes files: callers (the ``hskg view`` command) do.

Safety: labels, literals and IRIs are data, never markup.  They travel as JSON in a
``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page builds its panels with ``textContent`` only; nodes get
no vis ``title`` (vis renders string titles as HTML).  A Content-Security-Policy
allows only the page's own two scripts (by hash) and no fetch of anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import importlib.util
import json
import math
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_ONTOLOGY as H, compact, expand
from .labels import PREFERRED_LABELS
from .network import DEFINITION, RDF_TYPE, node_id
from .store import DATA_GRAPH, ONTOLOGY_GRAPH

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
CITO = "http://purl.org/spar/cito/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"

SUBCLASS_OF = RDFS + "subClassOf"
LABELS = tuple(p.value for p in PREFERRED_LABELS)
ALT_LABEL = SKOS + "altLabel"
REST_ON = (H + "groundedIn", H + "respondsTo", H + "emphasizes")

from .view_names import FOCUS_VIEW, VIEWS  # noqa: E402  (re-exported: views.VIEWS)

# Node kinds, first match wins: (kind, classes whose instances are of that kind).
KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("claim", (H + "Claim",)),
    ("evidence", (OA + "TextQuoteSelector",)),
    ("notion", (H + "Notion",)),
    ("person", (H + "Person", FOAF + "Person")),
    ("actor", (H + "Actor", ORG + "Organization", PROV + "Agent")),
    ("legal regime", (H + "LegalRegime",)),
    ("legal instrument", (H + "LegalInstrument", H + "Resolution")),
    ("principle", (H + "Principle",)),
    ("approach", (H + "Approach",)),
    ("reference", (H + "Reference",)),
    ("report", (H + "Report", H + "ReportPart")),
    ("context source", (H + "ContextSource",)),
    ("document", (H + "Document", FOAF + "Document")),
    ("concept", (H + "Concept", SKOS + "Concept")),
    ("concept scheme", (SKOS + "ConceptScheme",)),
)
# kind: (colour, vis shape, legend glyph, size)
KIND_STYLES: dict[str, tuple[str, str, str, int]] = {
    "notion": ("#d62728", "star", "★", 26),
    "concept": ("#1f77b4", "dot", "●", 14),
    "principle": ("#9467bd", "diamond", "◆", 15),
    "approach": ("#ff7f0e", "diamond", "◆", 16),
    "actor": ("#2ca02c", "square", "■", 14),
    "person": ("#17becf", "triangle", "▲", 15),
    "legal regime": ("#8c564b", "hexagon", "⬢", 17),
    "legal instrument": ("#e377c2", "triangleDown", "▼", 15),
    "document": ("#bcbd22", "triangleDown", "▼", 14),
    "report": ("#7f7f7f", "square", "■", 13),
    "reference": ("#6b8fb5", "dot", "●", 9),
    "context source": ("#8c6d31", "square", "■", 11),
    "claim": ("#f0a030", "dot", "●", 8),
    "concept scheme": ("#393b79", "hexagon", "⬢", 14),
    "class": ("#9ecae1", "box", "▬", 14),
    "external class": ("#e0e0e0", "box", "▬", 14),
    "other": ("#b0b0b0", "dot", "●", 10),
}
HIDDEN_CLASSES = (H + "Claim", OA + "TextQuoteSelector", OWL + "NegativePropertyAssertion", OWL + "Axiom")
FORCE_LAYOUT_LIMIT = 1200  # above this many nodes a component gets the cheap radial layout only
SHAPES_LIMIT = 1500  # above this many nodes every kind is drawn as a dot (see _page_data)
EDGE_LABEL_LIMIT = 250  # edge labels are drawn when a view has at most this many edges
SPACING = 170.0  # ideal distance between neighbours, in vis units (≈ pixels at scale 1)


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


# --------------------------------------------------------------------------------------
# Reading the store


class _Index:
    """Everything the views need from the asserted triples, indexed once."""

    def __init__(self, store, inferred_triples: Iterable = ()) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.inferred_types: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[str, dict[str, str]] = defaultdict(dict)
        self.alt_labels: dict[str, list[str]] = defaultdict(list)
        self.definitions: dict[str, str] = {}
        self.superclasses: dict[str, set[str]] = defaultdict(set)
        self.out: dict[str, list[tuple[str, ox.Term]]] = defaultdict(list)  # every non-type triple
        self.data_edges: list[tuple[str, str, str]] = []
        self.data_nodes: set[str] = set()  # subjects and objects of the knowledge
        self.data_subjects: set[str] = set()
        self.classes: set[str] = set()
        self.inferred_edges: list[tuple[str, str, str]] = []
        self.inferred_subclass: set[tuple[str, str]] = set()
        for graph in (ONTOLOGY_GRAPH, DATA_GRAPH):
            for triple in store.triples(graphs=[graph]):
                self._add(triple, in_data=graph == DATA_GRAPH)
        asserted = set(self.data_edges)
        for s, p, o in _plain_triples(inferred_triples):
            if p == RDF_TYPE:
                if o not in self.types.get(s, ()):
                    self.inferred_types[s].add(o)
            elif p == SUBCLASS_OF:
                if o not in self.superclasses.get(s, ()) and s != o:
                    self.inferred_subclass.add((s, o))
            elif (s, p, o) not in asserted and s in self.data_nodes and o in self.data_nodes:
                self.inferred_edges.append((s, p, o))
        self._ancestors: dict[str, frozenset[str]] = {}

    def _add(self, triple: ox.Triple, *, in_data: bool) -> None:
        s, p, o = node_id(triple.subject), triple.predicate.value, triple.object
        if isinstance(o, ox.Literal):
            english = not o.language or o.language.startswith("en")
            if p in LABELS and english:
                self.labels[s].setdefault(p, o.value)
            elif p == ALT_LABEL and english:
                if o.value not in self.alt_labels[s]:
                    self.alt_labels[s].append(o.value)
            elif p == DEFINITION and english:
                self.definitions.setdefault(s, o.value)
            self.out[s].append((p, o))
            if in_data:
                self.data_nodes.add(s)
                self.data_subjects.add(s)
            return
        obj = node_id(o)
        if p == RDF_TYPE:
            self.types[s].add(obj)
            if obj in (OWL + "Class", RDFS + "Class") and not s.startswith("_:"):
                self.classes.add(s)
            if in_data:
                self.data_nodes.add(s)
                self.data_subjects.add(s)
            return
        self.out[s].append((p, o))
        if p == SUBCLASS_OF and not obj.startswith("_:"):
            self.superclasses[s].add(obj)
            if not s.startswith("_:"):
                self.classes.update((s, obj))
        if in_data:
            self.data_edges.append((s, p, obj))
            self.data_nodes.update((s, obj))
            self.data_subjects.add(s)

    def ancestors(self, cls: str) -> frozenset[str]:
        """The class and all its superclasses (asserted and inferred subClassOf)."""
        found = self._ancestors.get(cls)
        if found is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for sup in self.superclasses.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            found = self._ancestors[cls] = frozenset(seen)
        return found

    def all_types(self, node: str) -> set[str]:
        result: set[str] = set()
        for cls in self.types.get(node, set()) | self.inferred_types.get(node, set()):
            result |= self.ancestors(cls)
        return result

    def is_a(self, node: str, classes: Iterable[str]) -> bool:
        return not self.all_types(node).isdisjoint(classes)

    def label(self, node: str) -> str:
        found = self.labels.get(node, {})
        for predicate in LABELS:
            if predicate in found:
                return found[predicate]
        if node.startswith("_:"):
            return node
        name = compact(node)
        return name if not name.startswith("<") else node

    def kind(self, node: str) -> str:
        types = self.all_types(node)
        for kind, classes in KIND_RULES:
            if not types.isdisjoint(classes):
                return kind
        if node in self.classes:
            return "class" if node.startswith(H) else "external class"
        return "other"

    def values(self, node: str, predicate: str) -> list[ox.Term]:
        return [o for p, o in self.out.get(node, ()) if p == predicate]


def _plain_triples(triples: Iterable) -> Iterable[tuple[str, str, str]]:
    """(subject, predicate, object) ids from pyoxigraph triples or tuples of IRI strings."""
    for triple in triples:
        if isinstance(triple, ox.Triple):
            if isinstance(triple.object, ox.Literal):
                continue
            yield node_id(triple.subject), triple.predicate.value, node_id(triple.object)
        else:
            s, p, o = triple
            if isinstance(o, ox.Literal):
                continue
            yield tuple(x if isinstance(x, str) else node_id(x) for x in (s, p, o))  # type: ignore[misc]


def _statements(index: _Index) -> tuple[dict[str, list[dict]], set[str], set[str]]:
    """Statements per node they bear on; the claim nodes; the evidence nodes."""
    by_node: dict[str, list[dict]] = defaultdict(list)
    claims: set[str] = set()
    evidence: set[str] = set()
    for node, pairs in index.out.items():
        subject = [o for p, o in pairs if p == RDF + "subject"]
        if not subject and not index.is_a(node, (H + "Claim",)):
            continue
        claims.add(node)
        for e in index.values(node, H + "evidence"):
            evidence.add(node_id(e))
        predicate = index.values(node, RDF + "predicate")
        obj = index.values(node, RDF + "object")
        if not (subject and predicate and obj):
            continue
        s, p, o = subject[0], predicate[0], obj[0]
        s_id, p_id = node_id(s), node_id(p)
        o_id = o.value if isinstance(o, ox.Literal) else node_id(o)
        quotes = [q.value for e in index.values(node, H + "evidence") if not isinstance(e, ox.Literal)
                  for q in index.values(node_id(e), OA + "exact")]
        sections = [index.label(node_id(x)) for x in index.values(node, H + "inSection")]
        references = []
        for ref in index.values(node, CITO + "citesAsEvidence"):
            numbers = index.values(node_id(ref), H + "referenceNumber")
            references.append(numbers[0].value if numbers else node_id(ref).rsplit("/", 1)[-1])
        references.sort(key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0, n))
        sources = [] if quotes else [index.label(node_id(x)) for x in index.values(node, PROV + "wasDerivedFrom")]
        statement = {
            "claim": node,
            "subject": s_id,
            "subject_label": index.label(s_id),
            "predicate": compact(p_id),
            "predicate_label": index.label(p_id) if p_id in index.labels else compact(p_id),
            "object": o_id,
            "object_label": o.value if isinstance(o, ox.Literal) else index.label(o_id),
            "negative": index.is_a(node, (H + "NegativeClaim",)),
            "quotes": sorted(set(quotes)),
            "section": "; ".join(sorted(sections)),
            "references": references,
            "sources": sorted(sources),
            "context_fact": "; ".join(sorted(x.value for x in index.values(node, H + "contextFact"))),
            "according_to": sorted(index.label(node_id(x)) for x in index.values(node, H + "accordingTo")),
        }
        by_node[node].append(statement)
        by_node[s_id].append(statement)
        if not isinstance(o, ox.Literal) and o_id != s_id:
            by_node[o_id].append(statement)
    for statements in by_node.values():
        statements.sort(key=lambda st: (st["section"], st["claim"]))
    return by_node, claims, evidence


# --------------------------------------------------------------------------------------
# Building a view


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
    index = _Index(store, inferred_triples)
    statements, claims, evidence = _statements(index)
    hidden = claims | evidence | {n for n in index.data_nodes if index.is_a(n, HIDDEN_CLASSES)}

    if name == "classes":
        nodes, edges = _class_hierarchy(index)
    else:
        # What the knowledge says about things, not what claims say about triples: a
        # claim's rdf:predicate is no node of its own.
        base_nodes = {n for n in index.data_subjects if n not in hidden}
        base_nodes |= {o for s, _, o in index.data_edges if s in base_nodes and o not in hidden}
        base_edges = [(s, p, o, False) for s, p, o in index.data_edges if s in base_nodes and o in base_nodes]
        base_edges += [(s, p, o, True) for s, p, o in index.inferred_edges if s in base_nodes and o in base_nodes]
        if name in ("overview", FOCUS_VIEW):
            nodes, edges = base_nodes, base_edges
        elif name == "report":
            nodes, edges = _report_view(index, base_nodes, base_edges, claims)
        else:
            seed_classes = {
                "notions": (H + "Notion",),
                "actors": (H + "Actor",),
                "law": (H + "LegalRegime", H + "LegalInstrument", H + "Principle"),
            }[name]
            seeds = {n for n in base_nodes if index.is_a(n, seed_classes)}
            nodes, edges = _neighbourhood(seeds, base_edges)

    graph = _networkx(index, nodes, edges, statements)
    focus_id = None
    if focus:
        focus_id = _resolve(focus, graph)
        if focus_id is None:
            where = "the graph" if name == FOCUS_VIEW else f"the {name} view"
            raise HskgError(f"no node {focus!r} in {where}")
        graph = _ego(graph, focus_id, depth)

    if focus_id is not None:
        _layout_general(graph, root=focus_id)
    elif name == "classes":
        _layout_tree(graph)
    elif name == "notions":
        _layout_notions(graph, index)
    else:
        _layout_general(graph)
    type_labels = {compact(c): index.label(c) for c in {t for n in nodes for t in index.types.get(n, ())}
                   | {t for n in nodes for t in index.inferred_types.get(n, ())}}
    description = VIEWS.get(name, "a node and its neighbours")
    if focus_id is not None:
        description = f"{index.label(focus_id)} and what lies within {depth} relation(s) of it"
    return View(name=name, description=description, graph=graph, focus=focus_id,
                depth=depth if focus_id is not None else None, type_labels=type_labels)


def _neighbourhood(seeds: set[str], edges: list) -> tuple[set[str], list]:
    """The seeds, their neighbours, and the relations that touch a seed."""
    kept = [e for e in edges if e[0] in seeds or e[2] in seeds]
    nodes = set(seeds) | {e[0] for e in kept} | {e[2] for e in kept}
    return nodes, kept


def _report_view(index: _Index, base_nodes: set[str], base_edges: list, claims: set[str]):
    report_classes = (H + "Report", H + "ReportPart", H + "Reference")
    parts = {n for n in base_nodes if index.is_a(n, report_classes)}
    nodes = set(parts)
    edges = [e for e in base_edges if e[0] in parts and e[2] in parts]
    for claim in claims:
        links = [(claim, H + "inSection", node_id(x), False) for x in index.values(claim, H + "inSection")]
        links += [(claim, CITO + "citesAsEvidence", node_id(x), False)
                  for x in index.values(claim, CITO + "citesAsEvidence")]
        links = [link for link in links if link[2] in parts]
        if links:
            nodes.add(claim)
            edges += links
    return nodes, edges


def _class_hierarchy(index: _Index):
    nodes = set(index.classes)
    edges = [(sub, SUBCLASS_OF, sup, False) for sub, sups in index.superclasses.items()
             if sub in nodes for sup in sups if sup in nodes]
    edges += [(sub, SUBCLASS_OF, sup, True) for sub, sup in index.inferred_subclass if sub in nodes and sup in nodes]
    return nodes, edges


def _networkx(index: _Index, nodes: set[str], edges: list, statements: dict[str, list[dict]]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node in sorted(nodes):
        graph.add_node(
            node,
            iri=node,
            label=index.label(node),
            types=sorted(compact(t) for t in index.types.get(node, ())),
            inferred_types=sorted(compact(t) for t in index.inferred_types.get(node, ())),
            kind=index.kind(node),
            definition=index.definitions.get(node, ""),
            alt_labels=list(index.alt_labels.get(node, ())),
            statements=statements.get(node, []),
        )
    for s, p, o, inferred in sorted(set(edges)):
        key = compact(p) + ("+inferred" if inferred else "")
        if graph.has_edge(s, o, key):
            continue
        label = index.label(p) if p in index.labels else compact(p).split(":", 1)[-1]
        graph.add_edge(s, o, key, predicate=compact(p), label=label, inferred=inferred)
    return graph


def _resolve(focus: str, graph: nx.MultiDiGraph) -> str | None:
    for candidate in (focus, expand(focus), f"_:{focus[2:]}" if focus.startswith("_:") else None):
        if candidate and candidate in graph:
            return candidate
    return None


def _ego(graph: nx.MultiDiGraph, centre: str, depth: int) -> nx.MultiDiGraph:
    distances = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, cutoff=depth)
    return graph.subgraph(distances).copy()


# --------------------------------------------------------------------------------------
# Layouts (pure Python: cheap enough for thousands of nodes)


def _layout_general(graph: nx.MultiDiGraph, root: str | None = None) -> None:
    """Each connected component: a radial tree, refined by a short force layout if small; packed."""
    undirected = nx.Graph(graph.to_undirected(as_view=True))
    components = sorted((sorted(c) for c in nx.connected_components(undirected)), key=lambda c: (-len(c), c[0]))
    if root is not None:
        components.sort(key=lambda c: root not in c)
    boxes = []
    for component in components:
        sub = undirected.subgraph(component)
        start = root if root in sub else max(component, key=lambda n: (sub.degree(n), n))
        positions = _radial(sub, start)
        if 2 < len(component) <= FORCE_LAYOUT_LIMIT:
            iterations = 80 if len(component) <= 300 else 40
            positions = _force(sub, positions, iterations=iterations, fixed=start if start == root else None)
        boxes.append(positions)
    _pack(graph, boxes)


def _radial(graph: nx.Graph, root: str) -> dict[str, tuple[float, float]]:
    """A radial tree from a breadth-first search: each subtree gets a wedge by its leaf count."""
    children: dict[str, list[str]] = defaultdict(list)
    depth = {root: 0}
    order = [root]
    queue = deque([root])
    while queue:
        node = queue.popleft()
        for neighbour in sorted(graph[node]):
            if neighbour not in depth:
                depth[neighbour] = depth[node] + 1
                children[node].append(neighbour)
                order.append(neighbour)
                queue.append(neighbour)
    leaves: dict[str, int] = {}
    for node in reversed(order):
        leaves[node] = sum(leaves[c] for c in children[node]) or 1
    per_ring: dict[int, int] = defaultdict(int)
    for node, d in depth.items():
        per_ring[d] += 1
    radius = {0: 0.0}
    for d in range(1, max(per_ring) + 1):
        radius[d] = max(radius[d - 1] + SPACING, per_ring[d] * SPACING * 0.6 / (2 * math.pi))
    positions = {root: (0.0, 0.0)}
    wedge = {root: (0.0, 2 * math.pi)}
    for node in order:
        start, width = wedge[node]
        for child in children[node]:
            share = width * leaves[child] / leaves[node]
            wedge[child] = (start, share)
            angle = start + share / 2
            r = radius[depth[child]]
            positions[child] = (r * math.cos(angle), r * math.sin(angle))
            start += share
    return positions


def _force(graph: nx.Graph, positions: dict, *, iterations: int, fixed: str | None = None) -> dict:
    """Fruchterman–Reingold with grid-bucketed repulsion (only near nodes push)."""
    k = SPACING
    pos = {n: list(p) for n, p in positions.items()}
    nodes = list(pos)
    edges = [(u, v) for u, v in graph.edges() if u != v]
    cell = 2 * k
    temperature = k * 2
    for step in range(iterations):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for n in nodes:
            x, y = pos[n]
            grid[(int(x // cell), int(y // cell))].append(n)
        disp = {n: [0.0, 0.0] for n in nodes}
        for (gx, gy), members in grid.items():
            near = [m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in grid.get((gx + dx, gy + dy), ())]
            for n in members:
                x, y = pos[n]
                d_n = disp[n]
                for m in near:
                    if m is n:
                        continue
                    dx, dy = x - pos[m][0], y - pos[m][1]
                    dist2 = dx * dx + dy * dy
                    if dist2 < 1e-4:
                        dx, dy, dist2 = 0.1 * (hash(n) % 7 - 3) + 0.01, 0.1, 0.02
                    if dist2 < cell * cell:
                        force = k * k / dist2
                        d_n[0] += dx * force
                        d_n[1] += dy * force
        for u, v in edges:
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            dist = math.hypot(dx, dy) or 0.01
            force = dist / k
            disp[u][0] -= dx * force
            disp[u][1] -= dy * force
            disp[v][0] += dx * force
            disp[v][1] += dy * force
        for n in nodes:
            if n == fixed:
                continue
            dx, dy = disp[n]
            length = math.hypot(dx, dy)
            if length > 0:
                scale = min(length, temperature) / length
                pos[n][0] += dx * scale
                pos[n][1] += dy * scale
        temperature = max(k * 0.05, temperature * 0.95)
    return {n: (p[0], p[1]) for n, p in pos.items()}


def _pack(graph: nx.MultiDiGraph, boxes: list[dict]) -> None:
    """Place the components' layouts in rows, biggest first, without overlap."""
    if not boxes:
        return
    margin = SPACING
    extents = []
    for positions in boxes:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        extents.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    total_area = sum(w * h for _, _, w, h in extents)
    row_width = max(max(w for _, _, w, _ in extents), math.sqrt(total_area) * 1.3)
    x = y = row_height = 0.0
    for positions, (x0, y0, w, h) in zip(boxes, extents):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in positions.items():
            graph.nodes[node]["x"] = round(px - x0 + x, 1)
            graph.nodes[node]["y"] = round(py - y0 + y, 1)
        x += w
        row_height = max(row_height, h)


def _layout_tree(graph: nx.MultiDiGraph) -> None:
    """Left to right: superclasses left, subclasses right, one row per leaf."""
    parents: dict[str, list[str]] = defaultdict(list)
    for sub, sup, data in graph.edges(data=True):
        if not data.get("inferred") and sub != sup:
            parents[sub].append(sup)
    for sub, sup, data in graph.edges(data=True):  # inferred only where nothing is asserted
        if data.get("inferred") and not parents[sub] and sub != sup:
            parents[sub].append(sup)
    children: dict[str, list[str]] = defaultdict(list)
    for node in graph:
        options = sorted(parents.get(node, ()), key=lambda p: (not p.startswith(H), graph.nodes[p]["label"].lower(), p))
        if options:
            children[options[0]].append(node)
    has_parent = {c for cs in children.values() for c in cs}
    roots = sorted((n for n in graph if n not in has_parent),
                   key=lambda n: (not n.startswith(H), -_subtree_size(n, children), graph.nodes[n]["label"].lower()))
    row = [0]
    placed: set[str] = set()

    def place(node: str, level: int) -> float:
        placed.add(node)
        kids = sorted((c for c in children.get(node, ()) if c not in placed),
                      key=lambda c: graph.nodes[c]["label"].lower())
        if kids:
            ys = [place(c, level + 1) for c in kids]
            y = (ys[0] + ys[-1]) / 2
        else:
            y = row[0] * 40.0
            row[0] += 1
        graph.nodes[node]["x"] = level * 300.0
        graph.nodes[node]["y"] = y
        return y

    for root in roots:
        if root not in placed:
            place(root, 0)
            row[0] += 1
    for node in graph:  # cycles (A ⊑ B ⊑ A) leave nodes unplaced
        if node not in placed:
            place(node, 0)


def _subtree_size(node: str, children: dict[str, list[str]]) -> int:
    seen, todo = {node}, [node]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return len(seen)


def _layout_notions(graph: nx.MultiDiGraph, index: _Index) -> None:
    """The notions in a row; under each what it rests on, above it what else relates to it."""
    notions = [n for n, kind in graph.nodes(data="kind") if kind == "notion"]

    def order(n: str):
        numbers = [o.value for o in index.values(n, H + "sequenceNumber")]
        return (int(numbers[0]) if numbers and numbers[0].isdigit() else 1_000, graph.nodes[n]["label"].lower(), n)

    notions.sort(key=order)
    column = {n: i for i, n in enumerate(notions)}
    width = 460.0
    step = 75.0
    rests_on: dict[str, set[str]] = defaultdict(set)
    relates: dict[str, set[str]] = defaultdict(set)
    rest_predicates = {compact(p) for p in REST_ON}
    for s, o, data in graph.edges(data=True):
        if s in column and o not in column:
            (rests_on if data["predicate"] in rest_predicates else relates)[o].add(s)
        elif o in column and s not in column:
            relates[s].add(o)
    for n in notions:
        graph.nodes[n]["x"], graph.nodes[n]["y"] = column[n] * width, 0.0
    below: dict[float, int] = defaultdict(int)
    above: dict[float, int] = defaultdict(int)
    placed = set(notions)
    shared_below, shared_above = [], []
    for group, stack, direction, shared in ((rests_on, below, 1, shared_below), (relates, above, -1, shared_above)):
        for node in sorted(group, key=lambda n: graph.nodes[n]["label"].lower()):
            if node in placed:
                continue
            placed.add(node)
            cols = sorted(column[c] for c in group[node])
            if len(cols) > 1:
                shared.append((node, cols))
                continue
            x = cols[0] * width
            stack[x] += 1
            graph.nodes[node]["x"], graph.nodes[node]["y"] = x, direction * (stack[x] * step + (90 if direction > 0 else 60))
    deepest_below = max(below.values(), default=0) * step + 90
    deepest_above = max(above.values(), default=0) * step + 60
    for shared, direction, start in ((shared_below, 1, deepest_below), (shared_above, -1, deepest_above)):
        shifts = (0.0, -0.45 * width, 0.45 * width)
        for i, (node, cols) in enumerate(shared):
            x = sum(cols) / len(cols) * width
            graph.nodes[node]["x"] = x + shifts[i % 3]
            graph.nodes[node]["y"] = direction * (start + (i + 1) * step)
    rest = [n for n in graph if n not in placed]
    for i, node in enumerate(sorted(rest)):
        graph.nodes[node]["x"], graph.nodes[node]["y"] = -width, i * step


# --------------------------------------------------------------------------------------
# The page


def _asset(relative: str) -> str:
    spec = importlib.util.find_spec("pyvis")  # locating, not importing, the package
    if spec is None or not spec.submodule_search_locations:
        raise HskgError("pyvis is not installed: the views inline vis-network from its package")
    path = Path(next(iter(spec.submodule_search_locations))) / "lib" / relative
    try:
        return path.read_text(encoding="utf-8").replace("\r\n", "\n")
    except OSError as error:
        raise HskgError(f"cannot read vis-network from pyvis ({path}): {error}") from None


def _own_asset(name: str) -> str:
    return importlib.resources.files("hskg").joinpath(name).read_text(encoding="utf-8").replace("\r\n", "\n")


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and parses to the same value."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


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


def _page_data(view: View, title: str) -> dict:
    """What the page shows, each thing once (the layout is described in view.js).

    Nodes and edges refer by index to tables: ``kinds`` (the legend's styles), ``types``
    (compact class IRIs), ``relations`` (predicate and label), ``statements`` (one per
    claim, however many nodes it bears on) and ``texts`` (the statements' predicate labels,
    quotes, sections, sources, context facts and according-tos, each distinct text once).  A node's empty fields are left
    out; an edge is ``[from node, to node, relation]`` and, where not 0, ``inferred`` (1)
    and ``curve`` (the offset of parallel relations).
    """
    graph = view.graph
    kinds = view.kinds
    # vis-network finds where an arrow meets a polygon's border slowly (≈0.1 ms per edge in
    # headless chromium): a big view draws every kind as a dot, told apart by colour.
    big = graph.number_of_nodes() > SHAPES_LIMIT
    styles = [{"kind": kind, "color": c, "shape": "dot" if big and shape != "box" else shape,
               "glyph": "●" if big and shape != "box" else glyph, "size": size, "count": kinds[kind]}
              for kind, (c, shape, glyph, size) in KIND_STYLES.items() if kind in kinds]
    styles += [{"kind": kind, "color": "#b0b0b0", "shape": "dot", "glyph": "●", "size": 10, "count": n}
               for kind, n in sorted(kinds.items()) if kind not in KIND_STYLES]
    kind_index = {style["kind"]: i for i, style in enumerate(styles)}
    position = {node: i for i, node in enumerate(graph)}
    types, texts, relations = _Table(), _Table(), _Table()
    statements: list[list] = []
    statement_index: dict[str, int] = {}

    def end(node_id: str, label: str):
        # A node of the view by its index (the panel links to it), else [id, label].
        i = position.get(node_id)
        return i if i is not None and graph.nodes[node_id]["label"] == label else [node_id, label]

    def statement(st: dict) -> int:
        found = statement_index.get(st["claim"])
        if found is None:
            found = statement_index[st["claim"]] = len(statements)
            statements.append([
                st["claim"], end(st["subject"], st["subject_label"]), texts.ref(st["predicate_label"]),
                end(st["object"], st["object_label"]), 1 if st["negative"] else 0,
                [texts.ref(q) for q in st["quotes"]], texts.ref(st["section"]), st["references"],
                [texts.ref(s) for s in st["sources"]], texts.ref(st["context_fact"]),
                [texts.ref(a) for a in st["according_to"]],
            ])
        return found

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
            item["s"] = [statement(st) for st in data["statements"]]
        nodes.append(item)
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
        "statements": statements,
        "texts": texts.items,
        # Labels help where relations differ; a hierarchy of one relation needs none.
        "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT and len({p for p, _ in relations.items}) > 1,
        "hierarchical": view.name == "classes" and view.focus is None,
    }


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def render_html(view: View, *, title: str | None = None) -> str:
    """One self-contained HTML page for ``view``: no file or address outside it is fetched."""
    title = title or f"hskg — {view.name}"
    vis_js = re.sub(r"//# sourceMappingURL=\S*", "", _asset("vis-9.1.2/vis-network.min.js"))
    vis_css = re.sub(r"/\*# sourceMappingURL=\S*\s*\*/", "", _asset("vis-9.1.2/vis-network.css"))
    page_js = _own_asset("view.js")
    page_css = _own_asset("view.css")
    for text, closing in ((vis_js, "</script"), (page_js, "</script"), (vis_css, "</style"), (page_css, "</style")):
        if closing in text.lower() or "<!--" in text:
            raise HskgError(f"cannot inline an asset that contains {closing!r} or '<!--'")
    data = json_for_script(_page_data(view, title))
    csp = ("default-src 'none'; "
           f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}; "
           "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
           "connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")
    heading = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hskg">
<title>{heading}</title>
<style>
{vis_css}
</style>
<style>
{page_css}
</style>
</head>
<body>
<header id="hskg-header">
  <h1 id="hskg-title">{heading}</h1>
  <div id="hskg-search-box">
    <input id="hskg-search" type="search" placeholder="Search labels and alternative labels" autocomplete="off" aria-label="Search labels">
    <ol id="hskg-results" hidden></ol>
  </div>
  <span id="hskg-count" aria-live="polite"></span>
  <button id="hskg-fit" type="button">Fit</button>
  <button id="hskg-png" type="button">Download PNG</button>
</header>
<main id="hskg-main">
  <aside id="hskg-sidebar">
    <p id="hskg-description"></p>
    <section><h2>Kinds</h2><ul id="hskg-legend"></ul></section>
    <section><details><summary>Filter by type</summary><ul id="hskg-types"></ul></details></section>
    <section><details><summary>Filter by relation</summary><ul id="hskg-relations"></ul></details></section>
    <p class="hskg-note">Dashed relations are inferred, not asserted.</p>
  </aside>
  <div id="hskg-network"></div>
  <aside id="hskg-panel" hidden>
    <button id="hskg-close" type="button" aria-label="Close">×</button>
    <div id="hskg-details"></div>
  </aside>
</main>
<script type="application/json" id="hskg-data">{data}</script>
<script>{vis_js}</script>
<script>{page_js}</script>
</body>
</html>
"""


def display(view: View, *, height: int = 700):
    """The page of ``view`` for a notebook: an IPython HTML object with an isolated iframe."""
    from IPython.display import HTML

    page = render_html(view)
    srcdoc = html.escape(page, quote=True)
    # Wrapped in a div: IPython warns about a bare <iframe> (it suggests IFrame, which needs a URL).
    return HTML(
        f'<div class="hskg-view"><iframe srcdoc="{srcdoc}" sandbox="allow-scripts allow-downloads" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        f'title="{html.escape(view.description, quote=True)}"></iframe></div>'
    )
