"""The store protocol: the named graphs hskg keeps, the ``Store`` protocol every store
implements and the answers it gives (``hskg.store`` opens one).

The triples sit in named graphs, so that schema, knowledge and inferences stay apart
(docs/MODELLING.md, rule 6) while a query sees the union it asks for.

An answer comes two ways: ``query`` gives a ``QueryResult`` that holds every row (what the
catalog, the checks and the views read), ``query_stream`` a ``QueryStream`` whose rows come
from the engine one at a time (what ``hskg query`` writes, so that an answer of any size
fits in memory).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Protocol, Sequence

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH

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
        return row_iris(self.rows)

    def stream(self) -> "QueryStream":
        """The held answer as a stream, for a reader of streams (``hskg.results.write_result``)."""
        return QueryStream(self.form, self.variables, iter(self.rows), self.boolean, iter(self.triples))


def row_iris(rows: Iterable[tuple[Term | None, ...]]) -> set[str]:
    return {cell.value for row in rows for cell in row if isinstance(cell, ox.NamedNode)}


class TooManyRows(HskgError):
    """An answer with more rows (or triples) than its reader may hold."""

    def __init__(self, limit: int, unit: str) -> None:
        self.limit, self.unit = limit, unit
        super().__init__(f"the answer has more than {limit:,} {unit}, more than hskg holds")


@dataclass
class QueryStream:
    """The answer to one query as the engine gives it: ``rows`` (SELECT) or ``triples``
    (CONSTRUCT, DESCRIBE) one at a time, held nowhere.

    Read it once.  ``held`` gathers it into a ``QueryResult``; ``close`` (or leaving a
    ``with`` block) ends what the query keeps going while it is read (its time limit).
    """

    form: str
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple[Term | None, ...]] = field(default_factory=lambda: iter(()))
    boolean: bool | None = None
    triples: Iterator[ox.Triple] = field(default_factory=lambda: iter(()))
    closers: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def held(self, limit: int | None = None) -> QueryResult:
        """Every row or triple, in a ``QueryResult``; past ``limit`` of them ``TooManyRows``,
        having held no more than one over it."""
        rows, triples = list(itertools.islice(self.rows, None if limit is None else limit + 1)), []
        if self.form == "graph":
            triples = list(itertools.islice(self.triples, None if limit is None else limit + 1))
        if limit is not None and max(len(rows), len(triples)) > limit:
            raise TooManyRows(limit, "triples" if self.form == "graph" else "rows")
        return QueryResult(self.form, self.variables, rows, self.boolean, triples)

    def close(self) -> None:
        while self.closers:
            self.closers.pop()()

    def __enter__(self) -> "QueryStream":
        return self

    def __exit__(self, *exception) -> None:
        self.close()


class Store(Protocol):
    """What hskg needs from a triple store: named graphs it can fill, change and query.

    Every implementation passes the same contract tests (tests/test_store.py).
    """

    dialect: str  # "oxigraph" (its extensions, e.g. LATERAL, are understood) or "sparql11"

    def load_turtle(self, path: Path, graph: ox.NamedNode) -> None:
        """Parse a Turtle file into ``graph``: all of it or, on a syntax error, none of it."""

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None: ...

    def remove_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None: ...

    def clear_graph(self, graph: ox.NamedNode) -> None: ...

    def named_graphs(self) -> list[ox.NamedNode]: ...

    def query_stream(
        self,
        sparql: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
        named_graphs: Sequence[ox.NamedNode] | None = None,
    ) -> QueryStream:
        """Answer a read-only SPARQL query over the union of ``graphs`` (its default graph),
        with the project's prefixes predeclared and ``bindings`` substituted by the engine;
        ``named_graphs`` limits what GRAPH and FROM NAMED reach (default: every named graph).
        The rows come as the engine finds them."""

    def query(self, sparql: str, **options) -> QueryResult:
        """``query_stream``'s answer, held whole (``QueryStream.held``)."""

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]: ...

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int: ...

    def holds(self, triple: ox.Triple, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> bool:
        """Whether one of ``graphs`` holds ``triple`` (a lookup, not a query: the entailments
        brought in step ask it thousands of times)."""


