"""Figures about a loaded graph: what ``hskg stats`` prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .labels import labels_of
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
SELECT ?source (COUNT(DISTINCT ?claim) AS ?n) WHERE {
  ?claim a ?type ; prov:wasDerivedFrom ?source .
  ?type rdfs:subClassOf* hskg:Claim .
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

    def as_text(self) -> str:
        """The figures as ``hskg stats`` prints them."""
        lines = [f"triples            {self.triples}", f"  ontology         {self.ontology_triples}",
                 f"  knowledge        {self.data_triples}", f"claims             {self.claims}",
                 f"distinct quotes    {self.quotes}", "", "individuals per class"]
        lines += [f"  {count:6d}  {name}" for name, count in self.individuals_per_class.items()]
        lines += ["", "claims per source"]
        lines += [f"  {source.claims:6d}  {source.source}  {source.label}" for source in self.sources]
        return "\n".join(lines) + "\n"


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
    counts = [row for row in store.query(CLAIMS_PER_SOURCE).rows if row[0] is not None]
    names = labels_of(store, (row[0].value for row in counts))
    sources = [SourceCount(compact(source.value), names.get(source.value, ""), int(n.value)) for source, n in counts]
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
