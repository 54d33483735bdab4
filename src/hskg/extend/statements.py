"""``hskg add statement``: a relation of the ontology between two nodes of the graph,
with its claim and evidence as in docs/MODELLING.md.

A sourced statement is the triple plus a ``hskg:Claim`` (``prov:wasDerivedFrom`` the
document, ``hskg:evidence`` its verbatim quote, ``hskg:inSection`` for the report or
``hskg:locator`` for another document, ``hskg:accordingTo``, ``hskg:modality``), exactly
the shape of the report's claims.  The quote is checked at once against the document's
text when ``sources/`` holds it (``sources/<slug>.txt`` or ``sources/<slug>-….txt``);
``hskg validate`` checks every quote against ``sources/``, so a document whose text is
not there cannot back a quote yet.  An unsourced statement is the triple plus an
``rdf:Statement`` (a blank node: no source, no evidence): allowed, with a
warning, and listed as unsourced by the evidence queries.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..files import read_text
from ..labels import labels_of
from ..namespaces import INDIVIDUAL_PREFIXES, compact, expand
from ..store import ONTOLOGY_GRAPH
from ..vocabulary import HSKG, OA, ORG, PROV, RDF
from .change import Plan, free_name, render_turtle
from .common import DuplicateError, ExtendError, check_quote, find_node, quote_in_text, where

REPORT = ox.NamedNode(INDIVIDUAL_PREFIXES["report"] + "hfm-et-201")

# The W3C Organization Ontology gives these ranges (https://www.w3.org/TR/vocab-org/);
# ontology/core.ttl declares the properties without them, so they are checked here.
STANDARD_RANGES = {ORG.memberOf.value: ORG.Organization.value, ORG.subOrganizationOf.value: ORG.Organization.value}

OBJECT_PROPERTIES = """
SELECT ?property ?label WHERE {
  ?property a owl:ObjectProperty .
  FILTER(isIRI(?property))
  OPTIONAL { ?property rdfs:label ?label FILTER(LANG(?label) = "en" || LANG(?label) = "") }
} ORDER BY ?property
"""

# The classes a node must belong to, one row per rdfs:domain (or range) of the property
# or of a property above it; a union's members share the row's ?restriction.  (The
# property is written into the text, as an N-Triples term: pyoxigraph 0.5 finds nothing
# when a zero-length path starts at a bound variable.)
CLASSES_REQUIRED = """
SELECT ?restriction ?class WHERE {
  %s rdfs:subPropertyOf* ?above .
  ?above rdfs:%s ?restriction .
  OPTIONAL { ?restriction owl:unionOf/rdf:rest*/rdf:first ?member }
  BIND(COALESCE(?member, ?restriction) AS ?class)
}
"""

IS_A = "ASK { ?node a/rdfs:subClassOf* ?class }"


@dataclass
class StatementRequest:
    """One statement to add, as the user gave it (arguments or one CSV row)."""

    subject: str
    relation: str
    object: str
    source: str = ""
    quote: str = ""
    section: str = ""  # a part of the report (its section), or a locator in another document
    according_to: str = ""
    modality: str = ""
    origin: str = ""


def find_relation(store, name: str, origin: str = "") -> ox.NamedNode:
    """The object property ``name`` names: an IRI, ``prefix:name``, its local name
    (``memberOf``) or its label (``member of``); else a refusal with suggestions."""
    properties = {row[0].value: row[1].value if row[1] else "" for row in
                  store.query(OBJECT_PROPERTIES, graphs=[ONTOLOGY_GRAPH]).rows}
    wanted = name.strip()
    iri = expand(wanted)
    if iri in properties:
        return ox.NamedNode(iri)
    squeezed = re.sub(r"[\s_-]+", "", wanted).casefold()
    found = sorted({p for p, label in properties.items()
                    if squeezed in (re.split(r"[#/]", p)[-1].casefold(), re.sub(r"[\s_-]+", "", label).casefold())})
    if len(found) == 1:
        return ox.NamedNode(found[0])
    if found:
        raise ExtendError(f"{where(origin, 'relation')}{wanted!r} names {len(found)} relations: "
                          f"{', '.join(compact(p) for p in found)}; give one of them")
    names = {re.split(r"[#/]", p)[-1]: compact(p) for p in properties}
    names |= {label: f"{label!r} ({compact(p)})" for p, label in properties.items() if label}
    close = difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(names[c] for c in close)}?" if close else ""
    raise ExtendError(f"{where(origin, 'relation')}{wanted!r} is not a relation of the ontology{hint}")


def check_fit(store, node: ox.NamedNode, relation: ox.NamedNode, side: str, origin: str = "", field: str = "") -> None:
    """Refuse ``node`` as the subject (``side`` domain) or object (range) of ``relation``
    unless it belongs to every class the relation (and those above it) requires there."""
    rows = store.query(CLASSES_REQUIRED % (relation, side), graphs=[ONTOLOGY_GRAPH]).rows
    required: dict[str, set[str]] = {}
    for restriction, cls in rows:
        required.setdefault(str(restriction), set()).add(cls.value)
    if side == "range" and relation.value in STANDARD_RANGES:
        required["standard"] = {STANDARD_RANGES[relation.value]}
    for classes in required.values():
        if any(cls.endswith("#Thing") for cls in classes):
            continue
        if not any(store.query(IS_A, bindings={"node": node, "class": ox.NamedNode(c)}).boolean for c in classes):
            names = labels_of(store, [node.value, relation.value])
            shown = " or ".join(sorted(compact(c) for c in classes))
            role = "subject" if side == "domain" else "object"
            raise ExtendError(f"{where(origin, field)}{compact(node.value)} ({names.get(node.value, '')}) cannot be "
                              f"the {role} of {compact(relation.value)}: its {side} is {shown}")


def held_text(sources_dir: Path, document: ox.NamedNode) -> Path | None:
    """The text of ``document`` in ``sources_dir``: ``<slug>.txt`` or ``<slug>-<anything>.txt``."""
    slug = re.split(r"[#/]", document.value)[-1]
    for path in sorted(sources_dir.glob("*.txt")) if sources_dir.is_dir() else []:
        if path.stem == slug or path.stem.startswith(f"{slug}-"):
            return path
    return None


def evidence_triples(store, statement: ox.Triple, claim: ox.NamedNode, request, sources_dir: Path) -> list[ox.Triple]:
    """The claim node for ``statement`` with its evidence, from ``request``'s source,
    quote, section or locator, speaker and modality (``StatementRequest`` or ``ActorRequest``)."""
    origin = request.origin
    source = find_node(store, request.source, origin, "source")
    if not store.query("ASK { ?s a/rdfs:subClassOf* hskg:Document }", bindings={"s": source}).boolean:
        raise ExtendError(f"{where(origin, 'source')}{compact(source.value)} is not a document")
    if not request.quote.strip():
        raise ExtendError(f"{where(origin, 'quote')}a source needs a quote: the passage that states it")
    quote = check_quote(request.quote, origin)
    text = held_text(sources_dir, source)
    if text is not None and not quote_in_text(quote, read_text(text)):
        raise ExtendError(f"{where(origin, 'quote')}the quote is not in the text of {compact(source.value)} "
                          f"({text.name}), word for word: “{quote[:120]}”")
    selector = ox.BlankNode("evidence" + re.sub(r"[^A-Za-z0-9]", "", claim.value.rsplit("/", 1)[-1]))
    triples = [
        ox.Triple(claim, RDF.type, HSKG.Claim),
        ox.Triple(claim, RDF.subject, statement.subject),
        ox.Triple(claim, RDF.predicate, statement.predicate),
        ox.Triple(claim, RDF.object, statement.object),
        ox.Triple(claim, PROV.wasDerivedFrom, source),
        ox.Triple(claim, HSKG.evidence, selector),
        ox.Triple(selector, RDF.type, OA.TextQuoteSelector),
        ox.Triple(selector, OA.exact, ox.Literal(quote)),
    ]
    if text is None:  # sources/ holds no text of the document: kept, and marked as not checked
        triples.append(ox.Triple(selector, RDF.type, HSKG.UncheckedQuote))
    if source == REPORT:
        if not request.section.strip():
            raise ExtendError(f"{where(origin, 'section')}a claim from the report needs a section (e.g. section-5-2)")
        triples.append(ox.Triple(claim, HSKG.inSection, find_node(store, request.section, origin, "section")))
    elif request.section.strip():
        triples.append(ox.Triple(claim, HSKG.locator, ox.Literal(request.section.strip())))
    if getattr(request, "according_to", "").strip():
        speaker = find_node(store, request.according_to, origin, "according-to")
        check_fit(store, speaker, HSKG.accordingTo, "range", origin, "according-to")
        triples.append(ox.Triple(claim, HSKG.accordingTo, speaker))
    if getattr(request, "modality", "").strip():
        triples.append(ox.Triple(claim, HSKG.modality, modality(store, request.modality, origin)))
    return triples


def modality(store, name: str, origin: str) -> ox.NamedNode:
    """A modality of ``concept:modality-scheme`` by name (``hedged``) or node; denial is refused:
    a denied statement also needs an owl:NegativePropertyAssertion, written by hand."""
    wanted = name.strip()
    node = find_node(store, wanted if ":" in wanted else f"concept:modality-{wanted}", origin, "modality")
    if not store.query("ASK { ?m a/rdfs:subClassOf* hskg:Modality }", bindings={"m": node}).boolean:
        raise ExtendError(f"{where(origin, 'modality')}{compact(node.value)} is not a modality")
    if node.value.endswith("modality-denied"):
        raise ExtendError(f"{where(origin, 'modality')}a denied statement is a negative claim with an "
                          "owl:NegativePropertyAssertion (docs/MODELLING.md): write it by hand")
    return node


def unasserted(store, triples: list[ox.Triple]) -> bool:
    """Whether the claim's modality is one under which the triple is not asserted."""
    return any(t.predicate == HSKG.modality and store.query(
        "ASK { ?m a hskg:UnassertedModality }", bindings={"m": t.object}).boolean for t in triples)


def unsourced_triples(statement: ox.Triple, node: ox.BlankNode) -> list[ox.Triple]:
    """The ``rdf:Statement`` that marks a statement added without a source (a blank node:
    it is no claim, and names nothing a user looks up)."""
    return [ox.Triple(node, RDF.type, RDF.Statement), ox.Triple(node, RDF.subject, statement.subject),
            ox.Triple(node, RDF.predicate, statement.predicate), ox.Triple(node, RDF.object, statement.object)]


def statement_triples(store, statement: ox.Triple, name: str, request, sources_dir: Path) -> tuple[list[ox.Triple], bool]:
    """The triples that say ``statement`` with its claim (or its unsourced mark); whether sourced."""
    if request.source.strip():
        claim = evidence_triples(store, statement, ox.NamedNode(f"{INDIVIDUAL_PREFIXES['claim']}added-{name}"),
                                 request, sources_dir)
        return ([] if unasserted(store, claim) else [statement]) + claim, True
    if request.quote.strip() or request.section.strip():
        raise ExtendError(f"{where(request.origin, 'source')}a quote or a section needs a source")
    if getattr(request, "modality", "").strip() or getattr(request, "according_to", "").strip():
        raise ExtendError(f"{where(request.origin, 'source')}a modality or a speaker says how a source puts it: "
                          "give the source")
    return [statement, *unsourced_triples(statement, ox.BlankNode("unsourced" + re.sub(r"[^A-Za-z0-9]", "", name)))], False


def plan_statements(knowledge, requests: list[StatementRequest], sources_dir: Path | None = None) -> Plan:
    """One file per statement under graph/statements/, each checked: nodes in the graph, a
    relation of the ontology whose domain and range fit, a quote in its source's text."""
    store, project = knowledge.store, knowledge.project
    sources = sources_dir or project.sources_dir
    folder = statements_dir(project)
    plan = Plan({})
    taken: set[str] = set()
    for request in requests:
        origin = request.origin
        subject = find_node(store, request.subject, origin, "subject")
        relation = find_relation(store, request.relation, origin)
        obj = find_node(store, request.object, origin, "object")
        check_fit(store, subject, relation, "domain", origin, "subject")
        check_fit(store, obj, relation, "range", origin, "object")
        statement = ox.Triple(subject, relation, obj)
        if store.query("ASK { ?c rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }", bindings={
                "s": subject, "p": relation, "o": obj}).boolean:
            raise DuplicateError(f"{where(origin)}the graph already states {compact(subject.value)} "
                                 f"{compact(relation.value)} {compact(obj.value)}")
        base = "-".join(_local(t) for t in (subject, relation, obj))[:120].strip("-")
        name = free_name(folder, base, taken, lambda n: _claim_exists(store, n))
        triples, sourced = statement_triples(store, statement, name, request, sources)
        path = folder / f"{name}.ttl"
        shown = f"{compact(subject.value)} {compact(relation.value)} {compact(obj.value)}"
        plan.files[path] = render_turtle(triples, f"{shown}: added with `hskg add statement`, validated with "
                                                  "the whole graph.")
        plan.nodes |= {t.subject.value for t in triples}
        plan.done.append(f"added {shown} in graph/statements/{path.name}")
        if not sourced:
            plan.warnings.append(f"{shown}: no source; the statement is marked unsourced")
        elif any(t.object == HSKG.UncheckedQuote for t in triples):
            plan.warnings.append(f"{shown}: the quote was not checked, sources/ holds no text of its source; "
                                 "it is marked hskg:UncheckedQuote")
    return plan


def _local(term: ox.NamedNode) -> str:
    local = re.split(r"[#/]", term.value)[-1]
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local).lower()).strip("-")


def _claim_exists(store, name: str) -> bool:
    return store.query("ASK { ?n ?p ?o }", bindings={"n": ox.NamedNode(f"{INDIVIDUAL_PREFIXES['claim']}added-{name}")}).boolean


def statements_dir(project) -> Path:
    return project.graph_dir / "statements"
