"""What the views read from a store: its graph (``graph.build_graph``) and lookups on it.

The ontology and the knowledge are read as one graph whose nodes and edges remember
the named graph they come from, because the views draw the knowledge (the data
graph) and use the ontology only to know what things are.  Inferred triples are kept
apart, to be drawn as such.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from ..namespaces import compact
from ..store import DATA_GRAPH, ONTOLOGY_GRAPH
from ..vocabulary import OWL, RDFS, SKOS
from .graph import DEFINITION, TYPE, build_graph, node_id

SUBCLASS_OF = RDFS.subClassOf.value
CLASS_TYPES = (OWL.Class.value, RDFS.Class.value)
ALT_LABEL = SKOS.altLabel.value
DATA = DATA_GRAPH.value


class GraphIndex:
    """The asserted graph of a store, the inferred triples beside it, indexed once."""

    def __init__(self, store, inferred_triples: Iterable = ()) -> None:
        self.graph: nx.MultiDiGraph = build_graph(
            ox.Quad(t.subject, t.predicate, t.object, name)
            for name in (ONTOLOGY_GRAPH, DATA_GRAPH) for t in store.triples(graphs=[name]))
        nodes = self.graph.nodes
        self.types: dict[str, set[str]] = {n: set(types) for n, types in nodes(data="types") if types}
        self.labels: dict[str, str] = {n: label for n, label in nodes(data="label") if label is not None}
        self.data_subjects: set[str] = {n for n, graphs in nodes(data="graphs") if DATA in graphs}
        self.data_edges: list[tuple[str, str, str]] = [
            (s, p, o) for s, o, p, graphs in self.graph.edges(keys=True, data="graphs") if DATA in graphs]
        self.data_nodes: set[str] = self.data_subjects | {o for _, _, o in self.data_edges}
        self.superclasses: dict[str, set[str]] = defaultdict(set)
        self.classes: set[str] = {n for n, types in self.types.items()
                                  if not n.startswith("_:") and not types.isdisjoint(CLASS_TYPES)}
        for sub, sup, p in self.graph.edges(keys=True):
            if p == SUBCLASS_OF and not sup.startswith("_:"):
                self.superclasses[sub].add(sup)
                if not sub.startswith("_:"):
                    self.classes.update((sub, sup))
        self.inferred_types: dict[str, set[str]] = defaultdict(set)
        self.inferred_subclass: set[tuple[str, str]] = set()
        self.inferred_edges: list[tuple[str, str, str]] = []
        self._add_inferred(inferred_triples)
        self._ancestors: dict[str, frozenset[str]] = {}

    def _add_inferred(self, triples: Iterable) -> None:
        """What the reasoner adds: new types, new subclasses, new relations between data nodes."""
        asserted = set(self.data_edges)
        for s, p, o in _plain_triples(triples):
            if p == TYPE:
                if o not in self.types.get(s, ()):
                    self.inferred_types[s].add(o)
            elif p == SUBCLASS_OF:
                if o not in self.superclasses.get(s, ()) and s != o:
                    self.inferred_subclass.add((s, o))
            elif (s, p, o) not in asserted and s in self.data_nodes and o in self.data_nodes:
                self.inferred_edges.append((s, p, o))

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
        """The label policy's choice, else the compact IRI, else the IRI or blank node id."""
        found = self.labels.get(node)
        if found is not None:
            return found
        if node.startswith("_:"):
            return node
        name = compact(node)
        return name if not name.startswith("<") else node

    def literals(self, node: str, predicate: str) -> list[ox.Literal]:
        """The literal values of ``node``'s ``predicate``, sorted (a store lists triples in an
        order of its own: the same graph gives the same page from any store)."""
        if node not in self.graph:
            return []
        return sorted((value for p, value in self.graph.nodes[node]["literals"] if p == predicate), key=str)

    def resources(self, node: str, predicate: str) -> list[str]:
        """The node ids of the resources ``node``'s ``predicate`` relates it to."""
        if node not in self.graph:
            return []
        return [o for _, o, p in self.graph.out_edges(node, keys=True) if p == predicate]

    def english(self, node: str, predicate: str) -> list[str]:
        """The distinct texts of ``node``'s ``predicate`` in English or in no language."""
        texts = [value.value for value in self.literals(node, predicate)
                 if not value.language or value.language.startswith("en")]
        return list(dict.fromkeys(texts))

    def alt_labels(self, node: str) -> list[str]:
        return self.english(node, ALT_LABEL)

    def definition(self, node: str) -> str:
        return next(iter(self.english(node, DEFINITION)), "")


def _plain_triples(triples: Iterable) -> Iterable[tuple[str, str, str]]:
    """(subject, predicate, object) ids from pyoxigraph triples or tuples of IRI strings;
    triples whose object is a literal are left out."""
    for triple in triples:
        s, p, o = (triple.subject, triple.predicate, triple.object) if isinstance(triple, ox.Triple) else triple
        if isinstance(o, ox.Literal):
            continue
        yield tuple(x if isinstance(x, str) else node_id(x) for x in (s, p, o))  # type: ignore[misc]
