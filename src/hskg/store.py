"""The store seam: where the triples live and who answers SPARQL.

Callers use the ``Store`` protocol only.  The embedded default is
``OxigraphStore`` (pyoxigraph, in memory, nothing to start).  A large deployment
implements the same protocol over a SPARQL 1.1 endpoint or an on-disk
pyoxigraph database; ``open_store`` is the one place that chooses.

Terms are pyoxigraph's (``NamedNode``, ``BlankNode``, ``Literal``): small and
fast to import.  ``hskg.rdf`` converts to rdflib where its ecosystem is needed.

The triples sit in three named graphs, so that schema, knowledge and inferences
stay apart (docs/MODELLING.md, rule 6) while a query sees the union it asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

import pyoxigraph as ox

from .namespaces import PREFIXES

ONTOLOGY_GRAPH = ox.NamedNode("https://w3id.org/hskg/graph/ontology")
DATA_GRAPH = ox.NamedNode("https://w3id.org/hskg/graph/data")
INFERRED_GRAPH = ox.NamedNode("https://w3id.org/hskg/graph/inferred")
ASSERTED_GRAPHS = (ONTOLOGY_GRAPH, DATA_GRAPH)

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class QueryResult:
    """The answer to one query, whatever its form.

    ``form`` is ``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE).
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def column(self, name: str) -> list[Term | None]:
        index = self.variables.index(name)
        return [row[index] for row in self.rows]

    def values(self, name: str) -> set[str]:
        """The lexical values (IRI or literal text) bound to one variable."""
        return {term.value for term in self.column(name) if term is not None}


class Store(Protocol):
    """What hskg needs from a triple store."""

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
    ) -> QueryResult: ...

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]: ...

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int: ...


class OxigraphStore:
    """The embedded default: a pyoxigraph store in memory."""

    def __init__(self) -> None:
        self._store = ox.Store()

    def load_turtle(self, path, graph: ox.NamedNode) -> None:
        """Parse a Turtle file straight into ``graph``; all of it or, on a syntax error, none of it."""
        self._store.load(path=path, format=ox.RdfFormat.TURTLE, to_graph=graph)

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        self._store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)

    def clear_graph(self, graph: ox.NamedNode) -> None:
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
    ) -> QueryResult:
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        answer = self._store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=list(graphs),
            substitutions=substitutions or None,
        )
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult(form="ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = [tuple(solution[i] for i in range(len(variables))) for solution in answer]
            return QueryResult(form="select", variables=variables, rows=rows)
        return QueryResult(form="graph", triples=list(answer))

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]:
        for graph in graphs:
            for quad in self._store.quads_for_pattern(None, None, None, graph):
                yield quad.triple

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int:
        return sum(_count_graph(self._store, graph) for graph in graphs)


def _count_graph(store: ox.Store, graph: ox.NamedNode) -> int:
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    return int(next(iter(solutions))[0].value)


def open_store() -> OxigraphStore:
    """The store a project loads into: the embedded default for now."""
    return OxigraphStore()
