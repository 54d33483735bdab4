"""What the graph's statements rest on: every claim as a record, and the evidence report.

``read_claims`` reads each claim of a store once (its triple, section, quotes, reference
numbers, speaker, modality, sources, context fact), so that the report page, the citation
index and the evidence report count the very same claims.  ``evidence_report`` gives,
for each concept, notion, legal regime and actor, how many claims bear on it, from how
many passages (distinct quotes) and sources, and which of its statements rest on context
sources only (no passage of the report states them).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from .labels import labels_of
from .namespaces import compact

# What each kind of node is, most specific first: a notion or a legal regime is a
# skos:Concept too, and the modalities of claims are concepts of the graph's own making.
KINDS = (("notion", "hskg:Notion"), ("regime", "hskg:LegalRegime"), ("actor", "hskg:Actor"),
         ("concept", "skos:Concept"))

_BASE = """SELECT ?claim ?s ?p ?o ?section ?fact WHERE {
  ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  # claims only: a statement added without a source (hskg add statement) is evidence of nothing
  FILTER EXISTS { ?claim a/rdfs:subClassOf* hskg:Claim }
  OPTIONAL { ?claim hskg:inSection ?section }
  OPTIONAL { ?claim hskg:contextFact ?fact }
} ORDER BY ?claim"""
# Which claims are negative, on their own: Virtuoso 7.2 keeps one row of the query above when
# a BIND(EXISTS …) follows its FILTER EXISTS.
_NEGATIVE = "SELECT ?claim WHERE { ?claim a hskg:NegativeClaim }"
# The values a claim may have several of, one query each (a join of all would multiply rows).
_MANY = {
    "quotes": "?claim hskg:evidence/oa:exact ?v",
    "references": "?claim cito:citesAsEvidence/hskg:referenceNumber ?v",
    "according_to": "?claim hskg:accordingTo ?v",
    "modality": "?claim hskg:modality ?v",
    "sources": "?claim prov:wasDerivedFrom ?v",
    "context_sources": "?claim prov:wasDerivedFrom ?v . ?v a hskg:ContextSource",
}
_KIND = "SELECT DISTINCT ?n WHERE {{ ?n a/rdfs:subClassOf* {cls} }}"
_MODALITIES = "SELECT DISTINCT ?n WHERE { ?n a/rdfs:subClassOf* hskg:Modality }"


@dataclass(frozen=True)
class Claim:
    """One claim: a statement (subject, predicate, object) with its evidence."""

    iri: str
    subject: str
    predicate: str
    object: str  # an IRI, or the text of a literal (``object_is_node`` says which)
    object_is_node: bool
    negative: bool
    section: str | None
    context_fact: str | None
    quotes: tuple[str, ...] = ()
    references: tuple[int, ...] = ()
    according_to: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    context_sources: tuple[str, ...] = ()

    @property
    def statement(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)

    @property
    def from_context_only(self) -> bool:
        """Derived from context sources and quoting no passage of the report."""
        return bool(self.context_sources) and not self.quotes


@dataclass
class Claims:
    """Every claim of a graph, and the labels of every node they mention."""

    items: list[Claim]
    labels: dict[str, str]

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compact(iri)

    def sentence(self, claim: Claim) -> str:
        """subject — relation — object, in labels."""
        obj = self.label(claim.object) if claim.object_is_node else claim.object
        return f"{self.label(claim.subject)} — {self.label(claim.predicate)} — {obj}"


def read_claims(store) -> Claims:
    """Every claim with a complete statement, in IRI order, with the labels of what it names."""
    store = getattr(store, "store", store)
    many: dict[str, dict[str, list]] = {name: defaultdict(list) for name in _MANY}
    for name, pattern in _MANY.items():
        for claim, value in store.query(f"SELECT ?claim ?v WHERE {{ {pattern} }} ORDER BY ?claim ?v").rows:
            many[name][claim.value].append(int(value.value) if name == "references" else value.value)
    negative = {claim.value for (claim,) in store.query(_NEGATIVE).rows}
    items = []
    for claim, s, p, o, section, fact in store.query(_BASE).rows:
        values = {name: tuple(sorted(set(found[claim.value]))) for name, found in many.items()}
        items.append(Claim(claim.value, s.value, p.value, o.value, not isinstance(o, ox.Literal),
                           claim.value in negative, section.value if section else None,
                           fact.value if fact else None, **values))
    named = {iri for c in items for iri in (c.subject, c.predicate, c.object if c.object_is_node else None,
                                             c.section, *c.according_to, *c.modality, *c.sources)
             if iri and ":" in iri}  # IRIs, not the ids of blank nodes
    return Claims(items, labels_of(store, named))


def node_kinds(store) -> dict[str, str]:
    """The kind (notion, regime, actor or concept) of every node that is one of them."""
    store = getattr(store, "store", store)
    modalities = {row[0].value for row in store.query(_MODALITIES).rows}
    kinds: dict[str, str] = {}
    for kind, cls in KINDS:
        for (node,) in store.query(_KIND.format(cls=cls)).rows:
            if isinstance(node, ox.NamedNode) and node.value not in modalities:
                kinds.setdefault(node.value, kind)
    return kinds


@dataclass
class NodeEvidence:
    """What one node's statements rest on."""

    node: str
    label: str
    kind: str
    claims: int = 0
    report_claims: int = 0  # claims that quote a passage of the report
    context_claims: int = 0  # claims derived from a context source
    passages: int = 0  # distinct quotes
    sources: list[str] = field(default_factory=list)  # labels of the sources the claims derive from
    context_only: list[str] = field(default_factory=list)  # statements no passage states, as sentences

    def as_dict(self) -> dict:
        return {"node": self.node, "label": self.label, "kind": self.kind, "claims": self.claims,
                "report_claims": self.report_claims, "context_claims": self.context_claims,
                "passages": self.passages, "sources": len(self.sources), "source_labels": self.sources,
                "context_only": self.context_only}


COLUMNS = ("node", "label", "kind", "claims", "report_claims", "context_claims", "passages", "sources",
           "context_only")


def evidence_report(store, claims: Claims | None = None) -> list[NodeEvidence]:
    """One entry per concept, notion, regime and actor: most claims first, then by kind and IRI."""
    claims = claims or read_claims(store)
    kinds = node_kinds(store)
    labels = {**labels_of(getattr(store, "store", store), kinds), **claims.labels}
    about: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims.items:
        for node in {claim.subject, claim.object if claim.object_is_node else None} - {None}:
            about[node].append(claim)
    report = []
    for node, kind in kinds.items():
        found = about.get(node, [])
        by_statement: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in found:
            by_statement[claim.statement].append(claim)
        entry = NodeEvidence(node, labels.get(node) or compact(node), kind, claims=len(found),
                             report_claims=sum(1 for c in found if c.quotes),
                             context_claims=sum(1 for c in found if c.context_fact),
                             passages=len({q for c in found for q in c.quotes}),
                             sources=sorted({claims.label(s) for c in found for s in c.sources}))
        entry.context_only = sorted(claims.sentence(group[0]) for group in by_statement.values()
                                    if all(c.from_context_only for c in group))
        report.append(entry)
    return sorted(report, key=lambda e: (-e.claims, [k for k, _ in KINDS].index(e.kind), e.node))


def format_report(report: list[NodeEvidence], fmt: str, *, spreadsheet_safe: bool = True) -> str:
    """The evidence report as an aligned table, CSV (counts; the context-only statements
    counted; labels that a spreadsheet would run as formulas escaped unless not
    ``spreadsheet_safe``) or JSON (everything, the statements and source labels listed)."""
    if fmt == "json":
        import json

        return json.dumps([entry.as_dict() for entry in report], indent=2, ensure_ascii=False) + "\n"
    rows = [[compact(e.node), e.label, e.kind, e.claims, e.report_claims, e.context_claims, e.passages,
             len(e.sources), len(e.context_only)] for e in report]
    if fmt == "csv":
        import csv
        import io

        from .results import spreadsheet_cell

        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: a cell with a CR or LF is quoted
        writer.writerow(COLUMNS)
        writer.writerows([[e.node, spreadsheet_cell(e.label) if spreadsheet_safe else e.label, *row[2:]]
                          for e, row in zip(report, rows)])
        return out.getvalue()
    cells = [list(COLUMNS)] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    numeric = range(3, len(COLUMNS))
    lines = ["  ".join(c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + f"\n({len(report)} nodes)\n"
