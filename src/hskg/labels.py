"""The label policy: which text names a node, everywhere hskg shows or looks up a node.

A node's label is its preferred label: the first of ``skos:prefLabel``, ``rdfs:label``,
``dcterms:title`` that it has, in English where there is English text (then text without
a language tag, then any language), the smallest text where one predicate gives several.
Its alternative labels (``skos:altLabel``) name it too when a user looks it up.  Results,
figures, networks, views, parameter resolution and additions all ask this module, so a
node is called the same by every command.
"""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox

from .vocabulary import DCTERMS, RDFS, SKOS

PREFERRED_LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
ALTERNATIVE_LABELS = (SKOS.altLabel,)
LANGUAGE = "en"

_RANK = {predicate.value: rank for rank, predicate in enumerate(PREFERRED_LABELS)}
_PATH = "|".join(str(p) for p in PREFERRED_LABELS)
_ALL_PATH = "|".join(str(p) for p in (*PREFERRED_LABELS, *ALTERNATIVE_LABELS))

LABEL_CANDIDATES = f"""
SELECT ?node ?predicate ?label WHERE {{
  VALUES ?node {{ %s }}
  VALUES ?predicate {{ {" ".join(str(p) for p in PREFERRED_LABELS)} }}
  ?node ?predicate ?label .
}}
"""

# Every name a user may give for a node: its preferred and its alternative labels.
NAMES = f"""
SELECT ?node ?label WHERE {{
  ?node {_ALL_PATH} ?label .
  FILTER(isIRI(?node))
}}
"""

NODES_NAMED = f"""
SELECT DISTINCT ?node ?wanted WHERE {{
  ?node {_ALL_PATH} ?label .
  FILTER(isIRI(?node) && LCASE(STR(?label)) = LCASE(STR(?wanted)))
}} ORDER BY ?node
"""


def language_rank(literal: ox.Literal) -> int:
    language = (literal.language or "").lower()
    if language == LANGUAGE or language.startswith(LANGUAGE + "-"):
        return 0
    return 1 if not language else 2


def preferred(candidates: Iterable[tuple[str, ox.Literal]]) -> str | None:
    """The label among ``(predicate IRI, literal)`` candidates that the policy prefers."""
    ranked = [(_RANK[p], language_rank(lit), lit.value) for p, lit in candidates
              if p in _RANK and isinstance(lit, ox.Literal)]
    return min(ranked)[2] if ranked else None


def label_index(triples: Iterable[ox.Triple]) -> dict[str, str]:
    """The preferred label of every subject of ``triples`` that has one (by IRI or ``_:id``)."""
    found: dict[str, list[tuple[str, ox.Literal]]] = {}
    for triple in triples:
        if triple.predicate.value in _RANK and isinstance(triple.object, ox.Literal):
            subject = triple.subject
            key = subject.value if isinstance(subject, ox.NamedNode) else f"_:{subject.value}"
            found.setdefault(key, []).append((triple.predicate.value, triple.object))
    return {node: preferred(candidates) for node, candidates in found.items()}


def labels_of(store, iris: Iterable[str]) -> dict[str, str]:
    """The preferred label of each of the IRIs that has one.

    The IRIs go into a VALUES block as N-Triples terms (pyoxigraph's own serialisation,
    which escapes them), never as user text.
    """
    values = " ".join(str(ox.NamedNode(iri)) for iri in sorted(set(iris)) if iri)
    if not values:
        return {}
    found: dict[str, list[tuple[str, ox.Literal]]] = {}
    for node, predicate, label in store.query(LABEL_CANDIDATES % values).rows:
        found.setdefault(node.value, []).append((predicate.value, label))
    return {node: preferred(candidates) for node, candidates in found.items()}


def nodes_named(store, name: str) -> list[ox.NamedNode]:
    """The nodes whose preferred or alternative label is ``name`` (case folded)."""
    return store.query(NODES_NAMED, bindings={"wanted": ox.Literal(name)}).column("node")


def all_names(store) -> dict[str, str]:
    """Every label and alternative label, case folded, with the node it names."""
    return {row[1].value.casefold(): row[0].value for row in store.query(NAMES).rows}
