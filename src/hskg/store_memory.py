"""The embedded store in memory: pyoxigraph, nothing to start (``hskg.store_disk`` keeps it on disk)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pyoxigraph as ox

from .namespaces import PREFIXES
from .store_protocol import ASSERTED_GRAPHS, QueryResult, QueryStream, Term

class OxigraphStore:
    """The embedded store: pyoxigraph in memory (``hskg.store_disk.DiskStore`` keeps it on disk)."""

    dialect = "oxigraph"  # the catalog runs its fast forms, with Oxigraph's extensions (hskg.query)
    path: Path | None = None

    def __init__(self) -> None:
        self._store = ox.Store()

    def load_turtle(self, path: Path, graph: ox.NamedNode) -> None:
        # In memory a failed load leaves nothing behind: the load is one transaction.
        self._store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=graph)

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        self._store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)

    def remove_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        for t in triples:
            self._store.remove(ox.Quad(t.subject, t.predicate, t.object, graph))

    def clear_graph(self, graph: ox.NamedNode) -> None:
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)

    def named_graphs(self) -> list[ox.NamedNode]:
        return sorted(self._store.named_graphs(), key=lambda g: g.value)

    def query_stream(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryStream:
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        answer = self._store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=list(graphs),
            named_graphs=list(named_graphs) if named_graphs is not None else None,
            substitutions=substitutions or None,
        )
        if isinstance(answer, ox.QueryBoolean):
            return QueryStream(form="ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            # pyoxigraph evaluates as it is iterated: a row is found when it is read
            variables = [v.value for v in answer.variables]
            return QueryStream(form="select", variables=variables, rows=map(tuple, answer))
        return QueryStream(form="graph", triples=iter(answer))

    def query(self, sparql: str, **options) -> QueryResult:
        return self.query_stream(sparql, **options).held()

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]:
        for graph in graphs:
            for quad in self._store.quads_for_pattern(None, None, None, graph):
                yield quad.triple

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int:
        return sum(_count_graph(self._store, graph) for graph in graphs)

    def holds(self, triple: ox.Triple, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> bool:
        return any(ox.Quad(triple.subject, triple.predicate, triple.object, graph) in self._store for graph in graphs)


def _count_graph(store: ox.Store, graph: ox.NamedNode) -> int:
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(next(iter(solutions))[0].value)
