"""``hskg add kind``: a new kind of actor, a subclass of ``hskg:Actor`` or of one of its
kinds, in its own ontology module ``ontology/extensions/<slug>.ttl`` with a label, a
definition and a source like every term of the ontology; ``add actor --kinds`` then
offers it.  A label that is, folded, already a class's or a node's label is a duplicate;
one that differs only by a plural or a few letters is a near duplicate: both refused.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import HSKG_ONTOLOGY, compact
from ..vocabulary import DCTERMS, HSKG, OWL, RDF, RDFS, SKOS
from .actors import Kind, actor_kinds, find_kind, kind_slug, slugify
from .change import Plan, render_turtle
from .common import DuplicateError, ExtendError, check_label, find_node, fold_label, folded_names, where

EXTENSIONS_MODULE = HSKG_ONTOLOGY.rstrip("#") + "/extensions/"
ACTORS_MODULE = HSKG_ONTOLOGY.rstrip("#") + "/actors"
NEAR_DUPLICATE = 0.85  # difflib's ratio of two folded labels at or above which they are "near"

CLASS_LABELS = """
SELECT ?class ?label WHERE { ?class a owl:Class ; rdfs:label|skos:altLabel ?label . FILTER(isIRI(?class)) }
"""


@dataclass
class KindRequest:
    """One kind of actor to add: its label, the kind it specialises, a definition and a source."""

    label: str
    parent: str
    definition: str
    source: str
    alt: list[str] = field(default_factory=list)
    origin: str = ""


def plan_kinds(knowledge, requests: list[KindRequest]) -> Plan:
    store, project = knowledge.store, knowledge.project
    folder = extensions_dir(project)
    kinds = actor_kinds(store)
    kinds["actor"] = Kind("actor", HSKG.Actor.value, "actor", "")
    class_labels = {fold_label(row[1].value): row[0].value for row in store.query(CLASS_LABELS).rows}
    names = folded_names(store)
    plan = Plan({})
    for request in requests:
        origin = request.origin
        label = check_label(request.label, "label", origin, "label")
        alts = [check_label(a, "alternative label", origin, "alt") for a in request.alt if a.strip()]
        for field_name, text in [("label", label), *(("alt", a) for a in alts)]:
            _refuse_duplicate(text, field_name, origin, class_labels, names)
        parent = find_kind(kinds, request.parent, origin, 'parent') if request.parent.strip() else None
        if parent is None:
            raise ExtendError(f"{where(origin, 'parent')}a kind needs its parent kind (e.g. organization; "
                              f"kinds: actor, {', '.join(sorted(k for k in kinds if k != 'actor'))})")
        if not request.definition.strip():
            raise ExtendError(f"{where(origin, 'definition')}a kind needs a definition: one sentence saying what it is")
        definition = check_label(request.definition, "definition", origin, "definition")
        source = _source(store, request.source, origin)
        local = "".join(word[:1].upper() + word[1:] for word in slugify(label).split("-") if word)
        if not local or not local[0].isalpha():
            raise ExtendError(f"{where(origin, 'label')}the label {label!r} gives no class name: start it with a letter")
        iri = ox.NamedNode(HSKG_ONTOLOGY + local)
        slug = kind_slug(iri.value)
        path = folder / f"{slug}.ttl"
        if slug in kinds or path.exists() or path in plan.files:
            raise DuplicateError(f"{where(origin, 'label')}{compact(iri.value)} is already a kind ({slug})")
        class_labels |= {fold_label(text): iri.value for text in (label, *alts)}  # the next rows see this kind
        module = ox.NamedNode(EXTENSIONS_MODULE + slug)
        triples = [
            ox.Triple(module, RDF.type, OWL.Ontology),
            ox.Triple(module, RDFS.label, ox.Literal(f"hskg extension: {label}", language="en")),
            ox.Triple(module, OWL.imports, ox.NamedNode(ACTORS_MODULE)),
            ox.Triple(iri, RDF.type, OWL.Class),
            ox.Triple(iri, RDFS.label, ox.Literal(label, language="en")),
            ox.Triple(iri, SKOS.definition, ox.Literal(definition, language="en")),
            ox.Triple(iri, RDFS.subClassOf, ox.NamedNode(parent.iri)),
            ox.Triple(iri, RDFS.isDefinedBy, module),
            ox.Triple(iri, DCTERMS.source, source),
            *(ox.Triple(iri, SKOS.altLabel, ox.Literal(a, language="en")) for a in alts),
        ]
        plan.files[path] = render_turtle(triples, f"{label}: a kind of actor added with `hskg add kind`, "
                                                  "validated with the whole graph.")
        plan.nodes.add(iri.value)
        plan.done.append(f"added the kind {slug} ({compact(iri.value)}, a kind of {parent.slug}) in "
                         f"ontology/extensions/{path.name}")
        kinds[slug] = Kind(slug, iri.value, label, definition)
    return plan


def _refuse_duplicate(text: str, field_name: str, origin: str, class_labels: dict, names: dict) -> None:
    folded = fold_label(text)
    owner = class_labels.get(folded) or names.get(folded)
    if owner:
        raise DuplicateError(f"{where(origin, field_name)}{text!r} is already a label of {compact(owner)}")
    singular = re.sub(r"s\b", "", folded)
    for other, owner in class_labels.items():
        if re.sub(r"s\b", "", other) == singular or difflib.SequenceMatcher(None, folded, other).ratio() >= NEAR_DUPLICATE:
            raise DuplicateError(f"{where(origin, field_name)}{text!r} is a near duplicate of {other!r} "
                                 f"({compact(owner)})")


def _source(store, given: str, origin: str) -> ox.NamedNode:
    """A document of the graph, or the IRI of a vocabulary or page the meaning comes from."""
    if not given.strip():
        raise ExtendError(f"{where(origin, 'source')}a kind needs a source: the document its meaning comes from")
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", given.strip()):
        return ox.NamedNode(given.strip())
    node = find_node(store, given, origin, "source")
    if not store.query("ASK { ?s a/rdfs:subClassOf* hskg:Document }", bindings={"s": node}).boolean:
        raise ExtendError(f"{where(origin, 'source')}{compact(node.value)} is not a document")
    return node


def extensions_dir(project):
    return project.ontology_dir / "extensions"
