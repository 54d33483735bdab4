"""The knowledge graph as a networkx graph: nodes are resources, edges are relations.

Literals are not nodes: a node's label, definition and types become its
attributes, so that a picture or a GraphML file shows the relations between
things.  Parallel relations between two nodes are kept (a MultiDiGraph).
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from .labels import label_index
from .namespaces import compact
from .vocabulary import RDF, SKOS

RDF_TYPE = RDF.type.value
DEFINITION = SKOS.definition.value


def to_networkx(triples: Iterable[ox.Triple]) -> nx.MultiDiGraph:
    """One node per IRI or blank node that is related to another; labels as attributes.

    Node attributes (all strings, as GraphML wants): ``iri`` (the IRI or blank node
    id), ``label`` (the label policy's choice, ``hskg.labels``, else the compact IRI),
    ``types`` (compact class IRIs, space-separated) and ``definition``.
    Edge key and attribute ``predicate``: the compact property IRI.
    """
    network = nx.MultiDiGraph()
    triples = list(triples)
    labels = label_index(triples)
    types: dict[str, list[str]] = {}
    definitions: dict[str, str] = {}
    edges = []
    for triple in triples:
        subject, predicate, obj = node_id(triple.subject), triple.predicate.value, triple.object
        if isinstance(obj, ox.Literal):
            if predicate == DEFINITION:
                definitions.setdefault(subject, obj.value)
        elif predicate == RDF_TYPE:
            types.setdefault(subject, []).append(compact(obj.value))
        else:
            edges.append((subject, node_id(obj), compact(predicate)))
    nodes = sorted({s for s, _, _ in edges} | {o for _, o, _ in edges})
    network.add_nodes_from(
        (
            node,
            {
                "iri": node,
                "label": labels.get(node) or compact(node),
                "types": " ".join(sorted(types.get(node, []))),
                "definition": definitions.get(node, ""),
            },
        )
        for node in nodes
    )
    network.add_edges_from((s, o, p, {"predicate": p}) for s, o, p in sorted(edges))
    return network


def node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    """The name of a node in a networkx graph: its IRI, or ``_:id`` for a blank node."""
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"

