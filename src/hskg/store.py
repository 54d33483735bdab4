"""The store seam: where the triples live and who answers SPARQL.

Callers use the ``Store`` protocol only (read and write).  The embedded store is
``OxigraphStore``: pyoxigraph in memory (nothing to start), or in a folder on disk
(``hskg.store_disk``: shared between processes, kept in step with the files).  A SPARQL 1.1
endpoint implements the same protocol (``hskg.store_remote``); ``open_store`` is the one
place that chooses by location.

Terms are pyoxigraph's (``NamedNode``, ``BlankNode``, ``Literal``): small and
fast to import.  ``hskg.rdf`` converts to rdflib where its ecosystem is needed.

The triples sit in three named graphs, so that schema, knowledge and inferences
stay apart (docs/MODELLING.md, rule 6) while a query sees the union it asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH, PREFIXES

ONTOLOGY_GRAPH = ox.NamedNode(HSKG_GRAPH + "ontology")
DATA_GRAPH = ox.NamedNode(HSKG_GRAPH + "data")
INFERRED_GRAPH = ox.NamedNode(HSKG_GRAPH + "inferred")  # the OWL reasoner's (HermiT) inferences
ENTAILED_GRAPH = ox.NamedNode(HSKG_GRAPH + "entailed")  # the rules' entailments (hskg.entailment)
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

    def iris(self) -> set[str]:
        """Every IRI in the answer's rows."""
        return {cell.value for row in self.rows for cell in row if isinstance(cell, ox.NamedNode)}


class Store(Protocol):
    """What hskg needs from a triple store: named graphs it can fill, change and query.

    Every implementation passes the same contract tests (tests/test_store.py).
    """

    def load_turtle(self, path: Path, graph: ox.NamedNode) -> None:
        """Parse a Turtle file into ``graph``: all of it or, on a syntax error, none of it."""

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None: ...

    def remove_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None: ...

    def clear_graph(self, graph: ox.NamedNode) -> None: ...

    def named_graphs(self) -> list[ox.NamedNode]: ...

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryResult:
        """Answer a read-only SPARQL query over the union of ``graphs`` (its default graph),
        with the project's prefixes predeclared and ``bindings`` substituted by the engine;
        ``named_graphs`` limits what GRAPH and FROM NAMED reach (default: every named graph)."""

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]: ...

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int: ...


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

    def query(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryResult:
        substitutions = {ox.Variable(name): term for name, term in (bindings or {}).items()}
        answer = self._store.query(
            sparql,
            prefixes=PREFIXES,
            default_graph=list(graphs),
            named_graphs=list(named_graphs) if named_graphs is not None else None,
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
    solutions = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
    return int(next(iter(solutions))[0].value)


MEMORY = "memory"


def open_store(location: str | Path | None = None, **endpoints: str) -> Store:
    """The store at ``location``: ``None`` or ``"memory"`` for a new in-memory store, a folder
    for an on-disk store (created if missing), an ``http(s)://`` URL for a SPARQL 1.1 endpoint
    (``endpoints``: its ``update`` and ``graph_store`` URLs when they differ from it)."""
    if location is None or location == MEMORY:
        return OxigraphStore()
    text = str(location)
    if "://" in text:
        from .store_remote import RemoteStore

        return RemoteStore(text, **endpoints)
    folder = Path(text)
    if folder.exists() and not folder.is_dir():
        raise HskgError(f"cannot open a store at {folder}: it is a file, not a folder")
    from .store_disk import DiskStore

    try:
        folder.mkdir(parents=True, exist_ok=True)
        return DiskStore(folder)
    except OSError as error:
        raise HskgError(f"cannot open a store at {folder}: {error}") from None
