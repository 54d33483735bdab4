"""Entailments brought in step with an edit, from the triples it added and removed, instead of
computed again from the whole graph (``hskg.entailment``).

Additions are handled by semi-naive evaluation: a rule can derive something new only from a
solution that uses at least one new triple, so each round runs each rule once per triple
pattern of its WHERE clause and per new triple that the pattern matches, with the pattern's
variables bound to that triple (``pyoxigraph``'s ``substitutions``: the rule's text is run
as it is written, so its join order stays the one its author chose).  Binding variables only
narrows the rule's solutions, so whatever it returns the full run returns too.  Each round's
triples that are neither asserted nor already entailed are the next round's new triples.

Removals are handled by DRed (delete and re-derive): first everything that may have been
derived through a removed triple is deleted (the same bound runs, over the old closure,
round after round); then each deleted triple, and each removed triple no longer asserted, is
derived again if one rule still yields it in one step from what remains (the rule run with
its CONSTRUCT template bound to it), and what is derived again is added as above.

The rewrite needs rules whose solutions only grow with the graph: a WHERE clause of triple
patterns joined, UNIONed and FILTERed, without EXISTS, OPTIONAL, MINUS, property paths, blank
nodes, sub-queries or dataset clauses, and a template without blank nodes.  A rule beyond it
(``delta_rule`` returns None; the rules are files anyone may edit) makes
``updated_entailed_triples`` return None, and the caller computes the entailments in full;
so does an edit that changes more than one asserted triple in a hundred (a new large file),
for which the full run is faster.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import pyoxigraph as ox

from .entailment import MAX_ROUNDS, SCRATCH_GRAPH
from .errors import HskgError
from .namespaces import HSKG_GRAPH, PREFIXES
from .store import ASSERTED_GRAPHS, Store

REMOVED_GRAPH = ox.NamedNode(HSKG_GRAPH + "entailment-removed")  # the removed triples, while over-deleting
MONOTONE_NODES = {"Project", "Filter", "Join", "Union", "BGP"}  # the algebra the bound runs are exact for
# Each changed triple costs about 1 ms of bound runs (0.7 added, 1.2 removed, at 100k triples), the
# full run about 10 ms per 1,000 asserted triples: past 1 changed triple in 100 it is faster
# (and 100 changed triples cost a tenth of a second, on any graph).
MAX_CHANGED_SHARE = 0.01
ALWAYS_BOUND = 100
ANY_TERM = None  # a constant of a pattern other than an IRI: matched by any term (binding nothing stays sound)

Pattern = tuple  # three positions, each a variable's name (str), an IRI (ox.NamedNode) or ANY_TERM


@dataclass(frozen=True)
class DeltaRule:
    """A rule with the triple patterns of its WHERE clause and of its CONSTRUCT template."""

    text: str
    patterns: tuple[Pattern, ...]
    template: tuple[Pattern, ...]


@lru_cache(maxsize=64)  # rdflib's parser takes 0.1 s a rule: once per process (a server, a notebook)
def delta_rule(text: str) -> DeltaRule | None:
    """The rule with its patterns, or None when the rewrite cannot handle it (see the module)."""
    from rdflib import BNode, URIRef, Variable
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.algebra import translateQuery

    try:
        query = translateQuery(parseQuery(text), initNs=PREFIXES).algebra
    except Exception:  # rdflib's parser raises several kinds; the engine is the judge of syntax
        return None
    if query.name != "ConstructQuery" or query.get("datasetClause") is not None:
        return None
    triples: list = []
    if not _monotone(query.p, triples):
        return None

    def pattern(triple) -> Pattern | None:
        terms = []
        for term in triple:
            if isinstance(term, BNode) or not isinstance(term, str):  # a blank node or a property path
                return None
            terms.append(str(term) if isinstance(term, Variable) else
                         ox.NamedNode(str(term)) if isinstance(term, URIRef) else ANY_TERM)
        return tuple(terms)

    patterns = [pattern(triple) for triple in triples]
    template = [pattern(triple) for triple in query.template]
    if not patterns or None in patterns or None in template:
        return None
    return DeltaRule(text, tuple(patterns), tuple(template))


def _monotone(node, triples: list) -> bool:
    """Whether an algebra node is built only of ``MONOTONE_NODES`` (filters without EXISTS);
    collects the triple patterns of its BGPs into ``triples``."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if not isinstance(node, CompValue) or node.name not in MONOTONE_NODES:
        return False
    if node.name == "BGP":
        triples.extend(node.triples)
        return True
    if node.name == "Filter" and _has_exists(node.expr):
        return False
    return all(_monotone(node[part], triples) for part in ("p", "p1", "p2") if part in node)


def _has_exists(expression) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(expression, CompValue):
        return "EXISTS" in expression.name.upper() or any(_has_exists(value) for value in expression.values())
    if isinstance(expression, (list, tuple)):
        return any(_has_exists(value) for value in expression)
    return False


def bindings(pattern: Pattern, triple: ox.Triple) -> dict[str, ox.Term] | None:
    """The variables of ``pattern`` bound to the terms of ``triple``, or None when it cannot match."""
    bound: dict[str, ox.Term] = {}
    for position, term in zip(pattern, triple):
        if isinstance(position, str):
            if bound.setdefault(position, term) != term:
                return None
        elif position is not ANY_TERM and position != term:
            return None
    return bound


def derived_through(store: Store, rules: Sequence[DeltaRule], delta: Iterable[ox.Triple],
                    graphs: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """What one step of the rules derives over ``graphs`` from a solution that matches at least
    one triple of ``delta`` (``delta`` itself is in ``graphs``)."""
    delta = list(delta)
    derived: set[ox.Triple] = set()
    for rule in rules:
        runs = {frozenset(bound.items()) for pattern in rule.patterns for triple in delta
                if (bound := bindings(pattern, triple)) is not None}
        for run in runs:
            derived.update(store.query(rule.text, bindings=dict(run), graphs=graphs).triples)
    return derived


def still_derived(store: Store, rules: Sequence[DeltaRule], candidates: Iterable[ox.Triple],
                  graphs: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """The candidates that one step of the rules derives over ``graphs`` (each rule run with its
    template bound to the candidate)."""
    found = set()
    for candidate in candidates:
        for rule in rules:
            runs = {frozenset(bound.items()) for pattern in rule.template
                    if (bound := bindings(pattern, candidate)) is not None}
            if any(candidate in store.query(rule.text, bindings=dict(run), graphs=graphs).triples for run in runs):
                found.add(candidate)
                break
    return found


def _asserted(store: Store, triple: ox.Triple, graphs: Sequence[ox.NamedNode]) -> bool:
    bound = dict(zip("spo", triple))
    return bool(store.query("ASK { ?s ?p ?o }", bindings=bound, graphs=graphs).boolean)


def updated_entailed_triples(store: Store, rules: dict[str, str], entailed: Iterable[ox.Triple],
                             added: Iterable[ox.Triple], removed: Iterable[ox.Triple],
                             graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> list[ox.Triple] | None:
    """The triples ``hskg.entailment.entailed_triples`` would return for ``graphs`` as they are
    now, in no particular order (an on-disk store keeps them as a set; sorting 360k triples
    takes 1.7 s), given what it returned (``entailed``) before ``added`` were asserted and
    ``removed`` were retracted (each may hold triples that did not change: a triple another
    file also asserts); None when a rule is beyond the rewrite, or when more than
    ``ALWAYS_BOUND`` triples and ``MAX_CHANGED_SHARE`` of the asserted ones changed (a full
    run is faster then).  The
    store is left as it was."""
    delta_rules = [delta_rule(text) for text in rules.values()]
    added, removed = set(added), list(removed)
    if None in delta_rules or len(added) + len(removed) > max(ALWAYS_BOUND, MAX_CHANGED_SHARE * store.count(graphs)):
        return None
    entailed = set(entailed)
    gone = {triple for triple in removed if not _asserted(store, triple, graphs)}
    with_entailed = [*graphs, SCRATCH_GRAPH]
    store.clear_graph(SCRATCH_GRAPH)
    store.clear_graph(REMOVED_GRAPH)
    try:
        store.add_triples(entailed, SCRATCH_GRAPH)
        rederived: set[ox.Triple] = set()
        if gone:
            over_deleted = _over_deleted(store, delta_rules, gone, entailed, [*with_entailed, REMOVED_GRAPH])
            store.clear_graph(REMOVED_GRAPH)
            entailed -= over_deleted
            store.remove_triples(over_deleted, SCRATCH_GRAPH)
            rederived = still_derived(store, delta_rules, over_deleted | gone, with_entailed)
            entailed |= rederived
            store.add_triples(rederived, SCRATCH_GRAPH)
        delta = rederived | added
        for _ in range(MAX_ROUNDS):
            new = {triple for triple in derived_through(store, delta_rules, delta, with_entailed)
                   if triple not in entailed and not _asserted(store, triple, graphs)}
            if not new:
                return list(entailed - added)  # a newly asserted triple is no longer entailed
            entailed |= new
            store.add_triples(new, SCRATCH_GRAPH)
            delta = new
        raise HskgError(f"the entailment rules reached no fixpoint in {MAX_ROUNDS} rounds")
    finally:
        store.clear_graph(SCRATCH_GRAPH)
        store.clear_graph(REMOVED_GRAPH)


def _over_deleted(store: Store, rules: Sequence[DeltaRule], gone: set[ox.Triple], entailed: set[ox.Triple],
                  old_closure: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """DRed's first step: every entailed triple derivable, over the old closure, through a
    removed triple (round after round, through what it deletes)."""
    store.add_triples(gone, REMOVED_GRAPH)
    over_deleted: set[ox.Triple] = set()
    delta = gone
    for _ in range(MAX_ROUNDS):
        delta = {triple for triple in derived_through(store, rules, delta, old_closure)
                 if triple in entailed and triple not in over_deleted}
        if not delta:
            return over_deleted
        over_deleted |= delta
    raise HskgError(f"the entailment rules reached no fixpoint in {MAX_ROUNDS} rounds")
