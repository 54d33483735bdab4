"""Figures about a loaded graph: what ``hskg stats`` prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .namespaces import compact
from .store import DATA_GRAPH, ONTOLOGY_GRAPH, Store

INDIVIDUALS_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?individual) AS ?n) WHERE {
  ?individual a ?class .
  FILTER(isIRI(?individual))
} GROUP BY ?class ORDER BY DESC(?n) ?class
"""

CLAIMS = """
SELECT (COUNT(DISTINCT ?claim) AS ?n) WHERE {
  ?claim a ?type . ?type rdfs:subClassOf* hskg:Claim .
}
"""

CLAIMS_PER_SOURCE = """
SELECT ?source (SAMPLE(?title) AS ?label) (COUNT(DISTINCT ?claim) AS ?n) WHERE {
  ?claim a ?type ; prov:wasDerivedFrom ?source .
  ?type rdfs:subClassOf* hskg:Claim .
  OPTIONAL { ?source dcterms:title|rdfs:label ?title }
} GROUP BY ?source ORDER BY DESC(?n) ?source
"""

DISTINCT_QUOTES = "SELECT (COUNT(DISTINCT ?quote) AS ?n) WHERE { ?selector oa:exact ?quote }"


@dataclass(frozen=True)
class SourceCount:
    source: str
    label: str
    claims: int


@dataclass(frozen=True)
class Stats:
    triples: int
    ontology_triples: int
    data_triples: int
    individuals_per_class: dict[str, int]
    claims: int
    quotes: int
    sources: list[SourceCount]

    def as_dict(self) -> dict:
        return asdict(self)


def compute_stats(store: Store) -> Stats:
    """Count the triples, the individuals of each class, the claims and their sources.

    Individuals are counted in the data graph, by asserted class; claims and their
    sources need the schema (for subclasses of ``hskg:Claim``), so they see both.
    """
    ontology = store.count([ONTOLOGY_GRAPH])
    data = store.count([DATA_GRAPH])
    per_class = {
        compact(row[0].value): int(row[1].value)
        for row in store.query(INDIVIDUALS_PER_CLASS, graphs=[DATA_GRAPH]).rows
    }
    sources = [
        SourceCount(compact(row[0].value), row[1].value if row[1] is not None else "", int(row[2].value))
        for row in store.query(CLAIMS_PER_SOURCE).rows
        if row[0] is not None
    ]
    return Stats(
        triples=ontology + data,
        ontology_triples=ontology,
        data_triples=data,
        individuals_per_class=per_class,
        claims=_single_number(store, CLAIMS),
        quotes=_single_number(store, DISTINCT_QUOTES),
        sources=sources,
    )


def _single_number(store: Store, sparql: str) -> int:
    return int(store.query(sparql).rows[0][0].value)
