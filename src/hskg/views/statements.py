"""The claims behind the graph: each reified statement with its evidence, for the nodes it
bears on (its claim, its subject and its object), so that a view's panel can quote it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..namespaces import compact
from ..vocabulary import CITO, HSKG, OA, PROV, RDF
from .index import GraphIndex


@dataclass
class Statements:
    """The statements per node they bear on; the claim nodes; their evidence nodes."""

    by_node: dict[str, list[dict]]
    claims: set[str]
    evidence: set[str]


def read_statements(index: GraphIndex) -> Statements:
    """Every claim of the graph, and each complete one (subject, predicate and object) as a
    statement dict (see ``View``), listed under the nodes it bears on, by section."""
    found = Statements(defaultdict(list), set(), set())
    graph = index.graph
    for node, literals in graph.nodes(data="literals"):
        if not (literals or graph.out_degree(node)):
            continue
        subject = index.resources(node, RDF.subject.value)
        if not subject and not index.is_a(node, (HSKG.Claim.value,)):
            continue
        found.claims.add(node)
        found.evidence.update(index.resources(node, HSKG.evidence.value))
        predicate = index.resources(node, RDF.predicate.value)
        obj = index.resources(node, RDF.object.value) + index.literals(node, RDF.object.value)
        if not (subject and predicate and obj):
            continue
        statement = _statement(index, node, subject[0], predicate[0], obj[0])
        found.by_node[node].append(statement)
        found.by_node[statement["subject"]].append(statement)
        if not isinstance(obj[0], ox.Literal) and statement["object"] != statement["subject"]:
            found.by_node[statement["object"]].append(statement)
    for statements in found.by_node.values():
        statements.sort(key=lambda st: (st["section"], st["claim"]))
    return found


def _statement(index: GraphIndex, claim: str, subject: str, predicate: str, obj: ox.Literal | str) -> dict:
    literal = isinstance(obj, ox.Literal)
    quotes = [q.value for e in index.resources(claim, HSKG.evidence.value) for q in index.literals(e, OA.exact.value)]
    sections = [index.label(x) for x in index.resources(claim, HSKG.inSection.value)]
    sources = [] if quotes else [index.label(x) for x in index.resources(claim, PROV.wasDerivedFrom.value)]
    return {
        "claim": claim,
        "subject": subject,
        "subject_label": index.label(subject),
        "predicate": compact(predicate),
        "predicate_label": index.label(predicate) if predicate in index.labels else compact(predicate),
        "object": obj.value if literal else obj,
        "object_label": obj.value if literal else index.label(obj),
        "negative": index.is_a(claim, (HSKG.NegativeClaim.value,)),
        "quotes": sorted(set(quotes)),
        "section": "; ".join(sorted(sections)),
        "references": _references(index, claim),
        "sources": sorted(sources),
        "context_fact": "; ".join(sorted(x.value for x in index.literals(claim, HSKG.contextFact.value))),
        "according_to": sorted(index.label(x) for x in index.resources(claim, HSKG.accordingTo.value)),
    }


def _references(index: GraphIndex, claim: str) -> list[str]:
    """The reference numbers a claim cites as evidence, in numeric order."""
    references = []
    for ref in index.resources(claim, CITO.citesAsEvidence.value):
        numbers = index.literals(ref, HSKG.referenceNumber.value)
        references.append(numbers[0].value if numbers else ref.rsplit("/", 1)[-1])
    return sorted(references, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0, n))
