"""``hskg add actor`` and the actor rows of ``hskg import``: one file per actor under
graph/actors/, with its relations (each checked against the relation's range) and, when a
source is given, a claim per relation; without a source each relation is marked unsourced.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import pyoxigraph as ox

from ..namespaces import INDIVIDUAL_PREFIXES, compact
from ..relations import RELATIONS
from ..vocabulary import RDF, RDFS, SKOS
from .change import Plan, free_name, render_turtle
from .common import DuplicateError, ExtendError, check_label, closest, find_node, fold_label, folded_names, where
from .statements import check_fit, statement_triples

ACTOR_KINDS = """
SELECT ?class ?label ?definition WHERE {
  ?class rdfs:subClassOf+ hskg:Actor .
  FILTER(isIRI(?class))
  OPTIONAL { ?class rdfs:label ?label }
  OPTIONAL { ?class skos:definition ?definition }
} ORDER BY ?class
"""


@dataclass(frozen=True)
class Kind:
    slug: str
    iri: str
    label: str
    definition: str


@dataclass
class ActorRequest:
    """One actor to add, as the user gave it (options or one CSV row)."""

    label: str
    kind: str
    alt: list[str] = field(default_factory=list)
    relations: dict[str, list[str]] = field(default_factory=dict)  # option -> node names
    definition: str = ""
    source: str = ""
    quote: str = ""
    section: str = ""
    origin: str = ""  # "row 3" for a CSV row, for messages


def kind_slug(iri: str) -> str:
    """``…#InternationalOrganization`` → ``international-organization``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", re.split(r"[#/]", iri)[-1]).lower()


def actor_kinds(store) -> dict[str, Kind]:
    """The kinds of actor the ontology knows (its extensions included), by slug."""
    kinds = {}
    for cls, label, definition in store.query(ACTOR_KINDS).rows:
        slug = kind_slug(cls.value)
        kinds[slug] = Kind(slug, cls.value, label.value if label else slug, definition.value if definition else "")
    return kinds


def find_kind(kinds: Mapping[str, Kind], given: str, origin: str = "", field: str = "kind") -> Kind:
    """A kind by slug or label; else a refusal with the closest kinds."""
    wanted = given.strip().lower()
    by_label = {fold_label(k.label): k for k in kinds.values()}
    if wanted in kinds or fold_label(given) in by_label:
        return kinds.get(wanted) or by_label[fold_label(given)]
    hint = closest(wanted, list(kinds), question=True, cutoff=0.5)
    raise ExtendError(f"{where(origin, field)}unknown kind {given!r}{hint} (kinds: {', '.join(sorted(kinds))})")


def slugify(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def check_new_labels(store, labels: list[tuple[str, str]], origin: str, seen: dict[str, str],
                     keep: ox.NamedNode | None = None) -> None:
    """Refuse a label (``(field, text)``) that, folded, is already a label of another node
    (``keep``: the node being edited) or given twice in this change (``seen``)."""
    existing = folded_names(store)
    for field_name, text in labels:
        folded = fold_label(text)
        owner = existing.get(folded)
        if owner and (keep is None or owner != keep.value):
            raise DuplicateError(f"{where(origin, field_name)}{text!r} is already a label of {compact(owner)}: "
                                 "a duplicate of an existing node")
        if folded in seen:
            raise DuplicateError(f"{where(origin, field_name)}{text!r} is also given by {seen[folded]}")
        seen[folded] = origin or "another actor"


def plan_actors(knowledge, requests: Sequence[ActorRequest], sources_dir: Path | None = None) -> Plan:
    """Check every request and build its file; raise on the first bad input, naming it.
    A new file never replaces an existing one (``african-union-2`` if need be)."""
    store, project = knowledge.store, knowledge.project
    kinds = actor_kinds(store)
    folder = actors_dir(project.graph_dir)
    seen: dict[str, str] = {}
    taken: set[str] = set()
    plan = Plan({})
    for request in requests:
        origin = request.origin
        label = check_label(request.label, "label", origin, "label")
        kind = find_kind(kinds, request.kind, origin)
        alt_labels = [check_label(a, "alternative label", origin, "alt") for a in request.alt if a.strip()]
        check_new_labels(store, [("label", label), *(("alt", a) for a in alt_labels)], origin, seen)
        slug = free_name(folder, slugify(label) or "actor", taken, lambda s: _node_exists(store, s))
        iri = ox.NamedNode(INDIVIDUAL_PREFIXES["actor"] + slug)
        triples = [ox.Triple(iri, RDF.type, ox.NamedNode(kind.iri)),
                   ox.Triple(iri, RDFS.label, ox.Literal(label, language="en"))]
        triples += [ox.Triple(iri, SKOS.altLabel, ox.Literal(a, language="en")) for a in alt_labels]
        if request.definition.strip():
            triples.append(ox.Triple(iri, SKOS.definition, ox.Literal(
                check_label(request.definition, "definition", origin, "definition"), language="en")))
        statements = []
        for relation in RELATIONS:
            for name in request.relations.get(relation.option, []):
                if name.strip():
                    target = find_node(store, name, origin, relation.option)
                    predicate = ox.NamedNode(relation.predicate)
                    check_fit(store, target, predicate, "range", origin, relation.option)
                    statements.append(ox.Triple(iri, predicate, target))
        if not statements and (request.source.strip() or request.quote.strip() or request.section.strip()):
            if not request.source.strip():
                raise ExtendError(f"{where(origin, 'source')}a quote or a section needs a source")
            raise ExtendError(f"{where(origin, 'source')}a source is given but there is no relation for it to back "
                              "(give part-of, member-of, country, notion or produced)")
        for index, statement in enumerate(statements, start=1):
            said, sourced = statement_triples(store, statement, f"actor-{slug}-{index}", request,
                                              sources_dir or project.sources_dir)
            triples += said
            if not sourced:
                plan.warnings.append(f"{compact(iri.value)} {compact(statement.predicate.value)} "
                                     f"{compact(statement.object.value)}: no source; marked unsourced")
        turtle = render_turtle(triples, f"{label}: added with `hskg add actor` or `hskg import`, validated with "
                                        "the whole graph.")
        path = folder / f"{slug}.ttl"
        plan.files[path] = turtle
        plan.nodes |= {t.subject.value for t in triples}
        plan.done.append(f"added {iri.value} ({label}) in graph/actors/{path.name}")
    return plan


def _node_exists(store, slug: str) -> bool:
    return store.query("ASK { ?node ?p ?o }", bindings={"node": ox.NamedNode(INDIVIDUAL_PREFIXES["actor"] + slug)}).boolean


def actors_dir(graph_dir: Path) -> Path:
    return graph_dir / "actors"
