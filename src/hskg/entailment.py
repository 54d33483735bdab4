"""Entailments for queries: a few SPARQL CONSTRUCT rules run on the store to a fixpoint.

A query on a general relation (``hskg:relatesTo``) should find every specific
statement under it, ``?c a hskg:Claim`` should find the negative claims, and a
symmetric relation should be found both ways, without each query spelling out
UNIONs or property paths.  Full OWL reasoning (``hskg.reasoner``) is slow; these
rules are the cheap, predictable part of it:

- ``subclass``    ``?x a ?c``, ``?c rdfs:subClassOf ?d``      → ``?x a ?d``
- ``subproperty`` ``?s ?p ?o``, ``?p rdfs:subPropertyOf ?q``  → ``?s ?q ?o``
- ``inverse``     ``?s ?p ?o``, ``?p owl:inverseOf ?q`` (either way) → ``?o ?q ?s``
- ``symmetric``   ``?s ?p ?o``, ``?p a owl:SymmetricProperty`` → ``?o ?p ?s``
- ``transitive``  ``?a ?p ?b``, ``?b ?p ?c``, ``?p a owl:TransitiveProperty`` → ``?a ?p ?c``

Each rule is one file in ``queries/rules/`` (read here, so that the rules are data
that a reader can run by hand).  Every round runs every rule over the asserted
graphs plus what is entailed so far, kept in a scratch graph that is removed at the
end; rounds repeat until nothing new appears.  Only triples not already asserted are
returned, sorted, so that two runs return the same list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from .errors import HskgError
from .files import read_text
from .namespaces import HSKG_GRAPH
from .store import ASSERTED_GRAPHS, Store

RULE_NAMES = ("subclass", "subproperty", "inverse", "symmetric", "transitive")
SCRATCH_GRAPH = ox.NamedNode(HSKG_GRAPH + "entailment-scratch")
MAX_ROUNDS = 50  # far above the depth of any hierarchy or part-of chain in the graph


def rule_files(rules_dir: Path) -> list[Path]:
    """The rule files a project has (its ``queries/rules/``), in the fixed order of ``RULE_NAMES``;
    a project without them has no entailments."""
    return [path for name in RULE_NAMES if (path := rules_dir / f"{name}.rq").is_file()]


def load_rules(rules_dir: Path) -> dict[str, str]:
    """The text of each rule, by name, in the fixed order of ``RULE_NAMES``; a rule is a file
    anyone may edit, so it passes the checks of every query (no SERVICE, no update)."""
    from .query import QueryError, checked_query

    rules = {}
    for path in rule_files(rules_dir):
        rules[path.stem] = read_text(path)
        try:
            checked_query(rules[path.stem])
        except QueryError as error:
            raise HskgError(f"{path}: {error}") from None
    return rules


def _key(triple: ox.Triple) -> tuple[str, str, str]:
    return (str(triple.subject), str(triple.predicate), str(triple.object))


def sorted_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples in a fixed order (two runs return the same list)."""
    return sorted(triples, key=_key)


def entailed_triples(
    store: Store,
    rules: dict[str, str],
    graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
) -> list[ox.Triple]:
    """The triples that the rules entail from ``graphs`` and that ``graphs`` do not hold.

    The store is left as it was: the scratch graph is cleared before returning.
    Raises ``HskgError`` if no fixpoint is reached within ``MAX_ROUNDS`` rounds.
    """
    asserted = set(store.triples(graphs))  # pyoxigraph's terms hash in Rust: no string per term
    entailed: set[ox.Triple] = set()
    store.clear_graph(SCRATCH_GRAPH)
    try:
        for _ in range(MAX_ROUNDS):
            new = []
            for text in rules.values():
                for triple in store.query(text, graphs=[*graphs, SCRATCH_GRAPH]).triples:
                    if triple not in asserted and triple not in entailed:
                        entailed.add(triple)
                        new.append(triple)
            if not new:
                return sorted_triples(entailed)
            store.add_triples(new, SCRATCH_GRAPH)
        raise HskgError(f"the entailment rules reached no fixpoint in {MAX_ROUNDS} rounds")
    finally:
        store.clear_graph(SCRATCH_GRAPH)
