"""A page for every node: its label, kinds, definition, relations grouped by predicate
(named by the predicates' labels) and every claim about it with its quote; or, by
content negotiation, its triples as Turtle, N-Triples or JSON-LD.

Runs in a worker.  The node's IRI enters the queries as a VALUES term written by
pyoxigraph (escaped), never as text pasted from the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import compact
from ..vocabulary import RDF, RDFS, SKOS
from .formats import GRAPH_FORMATS, graph_body
from .jobs import Reply, text_reply
from .pages import attribute, explore_href, node_href, page, text

TYPE = RDF.type.value
HIDDEN_INCOMING = {RDF.subject.value, RDF.object.value}  # shown as claims instead
DEFINITIONS = (SKOS.definition.value, RDFS.comment.value)

OUTGOING = "SELECT ?p ?o WHERE { VALUES ?node { %s } ?node ?p ?o } ORDER BY ?p ?o"
INCOMING = "SELECT ?s ?p WHERE { VALUES ?node { %s } ?s ?p ?node } ORDER BY ?p ?s"
AS_PREDICATE = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?node { %s } ?s ?node ?o }"
CLAIMS = """
SELECT ?claim ?s ?p ?o ?section ?quote WHERE {
  VALUES ?node { %s }
  ?claim rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  FILTER(?s = ?node || ?o = ?node)
  OPTIONAL { ?claim hskg:inSection ?section }
  OPTIONAL { ?claim hskg:evidence/oa:exact ?quote }
} ORDER BY ?section ?claim
"""


@dataclass
class Node:
    iri: str
    outgoing: list[tuple[ox.NamedNode, object]] = field(default_factory=list)
    incoming: list[tuple[object, ox.NamedNode]] = field(default_factory=list)
    claims: list[tuple] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    as_predicate: int = 0  # triples that use the node as their predicate

    @property
    def found(self) -> bool:
        return bool(self.outgoing or self.incoming or self.as_predicate)


def read_node(kg, iri: str) -> Node:
    term = str(ox.NamedNode(iri))
    node = Node(iri)
    node.outgoing = [tuple(row) for row in kg.store.query(OUTGOING % term).rows]
    node.incoming = [tuple(row) for row in kg.store.query(INCOMING % term).rows]
    node.claims = [tuple(row) for row in kg.store.query(CLAIMS % term).rows]
    node.as_predicate = int(kg.store.query(AS_PREDICATE % term).rows[0][0].value)
    named = {iri}
    for row in (*node.outgoing, *node.incoming, *node.claims):
        named.update(cell.value for cell in row if isinstance(cell, ox.NamedNode))
    node.labels = kg.labels(named)
    return node


def node_reply(kg, iri: str, fmt: str) -> Reply:
    node = read_node(kg, iri)
    if not node.found:
        return text_reply(404, f"no node <{iri}> in the graph")
    if fmt == "html":
        return Reply(200, "text/html; charset=utf-8", render(node).encode("utf-8"))
    triples = [ox.Triple(ox.NamedNode(iri), p, o) for p, o in node.outgoing]
    triples += [ox.Triple(s, p, ox.NamedNode(iri)) for s, p in node.incoming]
    media = GRAPH_FORMATS[fmt][0]
    return Reply(200, media + ("; charset=utf-8" if media.startswith("text/") else ""), graph_body(triples, fmt))


def render(node: Node) -> str:
    label = node.labels.get(node.iri) or compact(node.iri)
    kinds = [o for p, o in node.outgoing if p.value == TYPE]
    definitions = [o for p, o in node.outgoing if p.value in DEFINITIONS and isinstance(o, ox.Literal)]
    links = (f"<code>{text(node.iri)}</code> · <a href=\"{attribute(explore_href(node.iri))}\">explore in the graph</a>"
             " · <a href=\"?format=ttl\">Turtle</a> · <a href=\"?format=jsonld\">JSON-LD</a>")
    body = [f"<h1>{text(label)}</h1>", f"<p class=\"iri\">{links}</p>"]
    if kinds:
        body.append("<p class=\"kinds\">Kind: " + ", ".join(_link(k, node.labels) for k in kinds) + "</p>")
    body += [f"<p class=\"definition\">{text(d.value)}</p>" for d in definitions]
    if node.as_predicate:
        body.append(f"<p class=\"usage\">Used as a relation in {node.as_predicate} triples.</p>")
    body.append(_relations("Relations", [(p, o) for p, o in node.outgoing if p.value != TYPE], node.labels))
    body.append(_relations("Pointing here", [(p, s) for s, p in node.incoming if p.value not in HIDDEN_INCOMING],
                           node.labels))
    body.append(_claims(node))
    return page(f"{label} — hskg", "".join(body))


def _relations(title: str, pairs: list[tuple], labels: dict[str, str]) -> str:
    if not pairs:
        return ""
    groups: dict[str, list] = {}
    for predicate, other in pairs:
        groups.setdefault(predicate.value, []).append(other)
    items = []
    for predicate, others in groups.items():
        name = labels.get(predicate) or compact(predicate)
        values = "".join(f"<li>{_term(o, labels)}</li>" for o in others)
        items.append(f"<section class=\"relation\"><h3><a href=\"{attribute(node_href(predicate))}\" "
                     f"title=\"{attribute(compact(predicate))}\">{text(name)}</a></h3><ul>{values}</ul></section>")
    return f"<h2>{text(title)}</h2>" + "".join(items)


def _claims(node: Node) -> str:
    if not node.claims:
        return ""
    items = []
    for claim, subject, predicate, obj, section, quote in node.claims:
        statement = " ".join(_term(t, node.labels) for t in (subject, predicate, obj))
        where = f" <span class=\"section\">({_term(section, node.labels)})</span>" if section is not None else ""
        said = f"<blockquote class=\"quote\">{text(quote.value)}</blockquote>" if quote is not None else ""
        items.append(f"<li class=\"claim\"><p>{statement}{where} — {_term(claim, node.labels, 'claim')}</p>"
                     f"{said}</li>")
    return f"<h2>Claims ({len(items)})</h2><ol class=\"claims\">" + "".join(items) + "</ol>"


def _link(term: ox.NamedNode, labels: dict[str, str], shown: str | None = None) -> str:
    name = shown or labels.get(term.value) or compact(term.value)
    return f"<a href=\"{attribute(node_href(term.value))}\" title=\"{attribute(term.value)}\">{text(name)}</a>"


def _term(term, labels: dict[str, str], shown: str | None = None) -> str:
    if isinstance(term, ox.NamedNode):
        return _link(term, labels, shown)
    if isinstance(term, ox.BlankNode):
        return f"<code>_:{text(term.value)}</code>"
    language = f" <small>@{text(term.language)}</small>" if term.language else ""
    return f"<span class=\"literal\">{text(term.value)}</span>{language}"
