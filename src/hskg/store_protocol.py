"""The store protocol: the named graphs hskg keeps, the ``Store`` protocol every store
implements and the ``QueryResult`` it answers with (``hskg.store`` opens one).

The triples sit in named graphs, so that schema, knowledge and inferences stay apart
(docs/MODELLING.md, rule 6) while a query sees the union it asks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Protocol, Sequence

import pyoxigraph as ox

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
        return {cell.value for row in self.rows for cell in row if isinstance(cell, ox.NamedNode)}


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


