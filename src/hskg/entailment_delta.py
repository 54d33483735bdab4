"""Entailments brought in step with an edit, from the triples it added and removed, instead of
computed again from the whole graph (``hskg.entailment``).

Additions are handled by semi-naive evaluation: a rule can derive something new only from a
solution that uses at least one new triple, so each round runs each rule once per triple
pattern of its WHERE clause and per new triple that the pattern matches, with the pattern's
variables bound to that triple (the rule's text is run as it is written, so its join order
stays the one its author chose, with the bindings of all its runs in one ``VALUES`` clause).
Binding variables only narrows the rule's solutions, so whatever it returns the full run
returns too.  Each round's triples that are neither asserted nor already entailed are the
next round's new triples.

The entailed graph is changed in place (``bring_in_step``): what the old entailments already
hold is read from the store, and only the difference is written, so that an on-disk store
brings its entailments in step with a small edit without reading them whole.

Removals are handled by DRed (delete and re-derive): first everything that may have been
derived through a removed triple is deleted (the same bound runs, over the old closure,
round after round); then each deleted triple, and each removed triple no longer asserted, is
derived again if one rule still yields it in one step from what remains (the rule run with
its CONSTRUCT template bound to it), and what is derived again is added as above.

The rewrite needs rules whose solutions only grow with the graph: a WHERE clause of triple
patterns joined, UNIONed and FILTERed, without EXISTS, OPTIONAL, MINUS, property paths, blank
nodes, sub-queries or dataset clauses, and a template without blank nodes.  A rule beyond it
(``delta_rule`` returns None; the rules are files anyone may edit) makes ``delta_rules``
return None, and the caller computes the entailments in full; so does an edit that changes
more than one asserted triple in a hundred (a new large file: ``worth_bringing_in_step``),
for which the full run is faster.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pyoxigraph as ox

from .entailment import MAX_ROUNDS
from .errors import HskgError
from .namespaces import HSKG_GRAPH, PREFIXES
from .store import ASSERTED_GRAPHS, ENTAILED_GRAPH, Store

REMOVED_GRAPH = ox.NamedNode(HSKG_GRAPH + "entailment-removed")  # the removed triples, while over-deleting
MONOTONE_NODES = {"Project", "Filter", "Join", "Union", "BGP"}  # the algebra the bound runs are exact for
# Each changed triple costs about 1 ms of bound runs (0.7 added, 1.2 removed, at 100k triples), the
# full run about 10 ms per 1,000 asserted triples: past 1 changed triple in 100 it is faster
# (and 100 changed triples cost a tenth of a second, on any graph).
MAX_CHANGED_SHARE = 0.01
ALWAYS_BOUND = 100
ROWS_PER_RUN = 1000  # rows of one VALUES clause (``_bound_runs``): a query of some 100 KB at most
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
        derived |= _bound_runs(store, rule, runs, graphs)
    return derived


def still_derived(store: Store, rules: Sequence[DeltaRule], candidates: Iterable[ox.Triple],
                  graphs: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """The candidates that one step of the rules derives over ``graphs`` (each rule run with its
    template bound to the candidate)."""
    candidates, found = set(candidates), set()
    for rule in rules:
        runs = {frozenset(bound.items()) for pattern in rule.template for candidate in candidates - found
                if (bound := bindings(pattern, candidate)) is not None}
        found |= candidates & _bound_runs(store, rule, runs, graphs)
    return found


def _bound_runs(store: Store, rule: DeltaRule, runs: set[frozenset], graphs: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """The triples of the rule run once per set of bindings: runs that bind the same variables
    together, as rows of a ``VALUES`` clause after the query (joined with its solutions, as the
    engine's own substitution would bind them: one query instead of thousands); a run that
    binds a blank node (which ``VALUES`` cannot name) on its own."""
    derived: set[ox.Triple] = set()
    rows_by_names: dict[tuple[str, ...], list[str]] = {}
    for run in runs:
        bound = dict(run)
        if any(isinstance(term, ox.BlankNode) for term in bound.values()):
            derived.update(store.query(rule.text, bindings=bound, graphs=graphs, named_graphs=()).triples)
            continue
        names = tuple(sorted(bound))
        rows_by_names.setdefault(names, []).append("(" + " ".join(str(bound[name]) for name in names) + ")")
    for names, rows in rows_by_names.items():
        header = "\nVALUES (" + " ".join(f"?{name}" for name in names) + ") {\n"
        for start in range(0, len(rows), ROWS_PER_RUN):
            text = rule.text + header + "\n".join(rows[start:start + ROWS_PER_RUN]) + "\n}"
            derived.update(store.query(text, graphs=graphs, named_graphs=()).triples)
    return derived


@dataclass(frozen=True)
class EntailedChange:
    """What bringing an entailed graph in step with an edit took out of it and put in."""

    added: frozenset[ox.Triple]
    removed: frozenset[ox.Triple]


class _ChangedGraph:
    """A graph of the store changed in place, with the net change kept: a triple taken out and
    put back is no change."""

    def __init__(self, store: Store, graph: ox.NamedNode) -> None:
        self.store, self.graph = store, graph
        self.added: set[ox.Triple] = set()
        self.removed: set[ox.Triple] = set()

    def add(self, triples: set[ox.Triple]) -> None:
        """Put in triples the graph does not hold."""
        self.store.add_triples(triples, self.graph)
        back = triples & self.removed
        self.removed -= back
        self.added |= triples - back

    def remove(self, triples: set[ox.Triple]) -> None:
        """Take out triples the graph holds."""
        self.store.remove_triples(triples, self.graph)
        undone = triples & self.added
        self.added -= undone
        self.removed |= triples - undone

    def change(self) -> EntailedChange:
        return EntailedChange(frozenset(self.added), frozenset(self.removed))


def delta_rules(rules: Mapping[str, str], kept: Path | None = None) -> list[DeltaRule] | None:
    """Each rule with its patterns, or None when one is beyond the rewrite (see the module).
    ``kept``: a JSON file (in build/) that keeps each rule text's analysis by its hash, since
    importing rdflib and parsing the rules take 0.4 s, more than a small edit's bound runs."""
    from .derived import read_record, write_record

    record = (read_record(kept) if kept else None) or {}
    analysed, known = [], {}
    for text in rules.values():
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        rule = _recorded_rule(text, record.get(key, False))
        if rule is False:
            rule = delta_rule(text)
        analysed.append(rule)
        known[key] = None if rule is None else {"patterns": _recorded(rule.patterns), "template": _recorded(rule.template)}
    if kept and known != record:
        write_record(kept, known)
    return None if None in analysed else analysed


def _recorded(patterns: tuple[Pattern, ...]) -> list[list[str | None]]:
    """Patterns as JSON: a variable as ?name, an IRI as <iri>, any term as null."""
    return [[f"?{term}" if isinstance(term, str) else None if term is ANY_TERM else str(term) for term in pattern]
            for pattern in patterns]


def _recorded_rule(text: str, entry) -> DeltaRule | None | bool:
    """The rule read back from its record entry; False when there is none or it is not one
    ``delta_rules`` wrote (the rule is analysed again)."""
    if entry is None:
        return None

    def patterns(recorded) -> tuple[Pattern, ...]:
        return tuple(tuple(ANY_TERM if term is None else term[1:] if term.startswith("?") else
                           ox.NamedNode(term[1:-1]) for term in pattern) for pattern in recorded)

    try:
        rule = DeltaRule(text, patterns(entry["patterns"]), patterns(entry["template"]))
    except (TypeError, KeyError, AttributeError, ValueError):
        return False
    valid = all(len(pattern) == 3 for pattern in (*rule.patterns, *rule.template)) and rule.patterns
    return rule if valid else False


def worth_bringing_in_step(changed: int, asserted: int) -> bool:
    """Whether an edit of ``changed`` triples, of ``asserted``, is brought in step faster than the
    entailments are computed in full (``ALWAYS_BOUND``, ``MAX_CHANGED_SHARE``)."""
    return changed <= max(ALWAYS_BOUND, MAX_CHANGED_SHARE * asserted)


def bring_in_step(store: Store, rules: Sequence[DeltaRule], added: Iterable[ox.Triple],
                  removed: Iterable[ox.Triple], entailed: ox.NamedNode = ENTAILED_GRAPH,
                  graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> EntailedChange:
    """Make ``entailed``, which holds what ``hskg.entailment.entailed_triples`` returned for
    ``graphs`` before ``added`` were asserted and ``removed`` retracted (each may hold triples
    that did not change: a triple another file also asserts), hold what it returns for them
    now, changing only what differs (in place: an on-disk store is written the change, not the
    graph).  Returns that change."""
    added, removed = set(added), set(removed)
    graph = _ChangedGraph(store, entailed)
    closure = [*graphs, entailed]
    gone = {triple for triple in removed if not store.holds(triple, graphs)}
    store.clear_graph(REMOVED_GRAPH)
    try:
        rederived: set[ox.Triple] = set()
        if gone:
            over_deleted = _over_deleted(store, rules, gone, entailed, [*closure, REMOVED_GRAPH])
            store.clear_graph(REMOVED_GRAPH)
            graph.remove(over_deleted)
            rederived = still_derived(store, rules, over_deleted | gone, closure)
            graph.add(rederived)
        delta = rederived | added
        for _ in range(MAX_ROUNDS):
            new = {triple for triple in derived_through(store, rules, delta, closure)
                   if not store.holds(triple, closure)}
            if not new:
                # a newly asserted triple is no longer entailed
                graph.remove({triple for triple in added if store.holds(triple, [entailed])})
                return graph.change()
            graph.add(new)
            delta = new
        raise HskgError(f"the entailment rules reached no fixpoint in {MAX_ROUNDS} rounds")
    finally:
        store.clear_graph(REMOVED_GRAPH)


def _over_deleted(store: Store, rules: Sequence[DeltaRule], gone: set[ox.Triple], entailed: ox.NamedNode,
                  old_closure: Sequence[ox.NamedNode]) -> set[ox.Triple]:
    """DRed's first step: every triple of ``entailed`` derivable, over the old closure, through a
    removed triple (round after round, through what it deletes)."""
    store.add_triples(gone, REMOVED_GRAPH)
    over_deleted: set[ox.Triple] = set()
    delta = gone
    for _ in range(MAX_ROUNDS):
        delta = {triple for triple in derived_through(store, rules, delta, old_closure)
                 if triple not in over_deleted and store.holds(triple, [entailed])}
        if not delta:
            return over_deleted
        over_deleted |= delta
    raise HskgError(f"the entailment rules reached no fixpoint in {MAX_ROUNDS} rounds")
