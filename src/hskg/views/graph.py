"""RDF as a networkx graph: the one conversion, used by the views and by the GraphML export.

``build_graph`` turns triples (or quads, whose graph names it keeps) into a
``MultiDiGraph``: every IRI or blank node that is a subject, or the object of a
relation, is a node; every triple between two nodes (other than ``rdf:type``) is an
edge keyed by its predicate.  A node's label (the project's label policy,
``hskg.labels``), its classes and its literal values are node attributes, so that
nothing is lost that a view or an export may want.  ``to_networkx`` is the graph
the GraphML export writes: the related nodes only, with string attributes.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from ..labels import label_index
from ..namespaces import compact
from ..vocabulary import RDF, SKOS

TYPE = RDF.type.value
DEFINITION = SKOS.definition.value


def node_id(term: ox.NamedNode | ox.BlankNode) -> str:
    """The name of a node in a networkx graph: its IRI, or ``_:id`` for a blank node."""
    return term.value if isinstance(term, ox.NamedNode) else f"_:{term.value}"


def build_graph(statements: Iterable[ox.Triple | ox.Quad]) -> nx.MultiDiGraph:
    """Every resource of ``statements`` as a node, every relation between two as an edge.

    Nodes (ids: ``node_id``), in the order they first appear, carry ``iri`` (the id),
    ``label`` (the label policy's choice, or None), ``types`` (ids of the classes of its
    ``rdf:type`` triples, in order), ``literals`` (``(predicate IRI, Literal)`` pairs, in
    order) and ``graphs`` (the names of the graphs in which it is a subject; None for a
    triple).  Edges are keyed by predicate IRI and carry ``predicate`` (that IRI) and
    ``graphs`` (where the triple is asserted).
    """
    statements = list(statements)
    labels = label_index(_triple(s) for s in statements)
    graph = nx.MultiDiGraph()

    def node(name: str) -> dict:
        if name not in graph:
            graph.add_node(name, iri=name, label=labels.get(name), types=[], literals=[], graphs=set())
        return graph.nodes[name]

    for statement in statements:
        triple = _triple(statement)
        where = statement.graph_name.value if isinstance(statement, ox.Quad) else None
        subject = node(node_id(triple.subject))
        subject["graphs"].add(where)
        predicate, obj = triple.predicate.value, triple.object
        if isinstance(obj, ox.Literal):
            subject["literals"].append((predicate, obj))
        elif predicate == TYPE:
            if node_id(obj) not in subject["types"]:
                subject["types"].append(node_id(obj))
        else:
            ends = (subject["iri"], node(node_id(obj))["iri"], predicate)
            if not graph.has_edge(*ends):
                graph.add_edge(*ends, predicate=predicate, graphs=set())
            graph.edges[ends]["graphs"].add(where)
    return graph


def _triple(statement: ox.Triple | ox.Quad) -> ox.Triple:
    return statement.triple if isinstance(statement, ox.Quad) else statement


def to_networkx(triples: Iterable[ox.Triple]) -> nx.MultiDiGraph:
    """The graph the GraphML export writes: one node per resource related to another.

    Literals are not nodes: a node's label, definition and types are its attributes, all
    strings as GraphML wants: ``iri``, ``label`` (the label policy's choice, else the
    compact IRI), ``types`` (compact class IRIs, sorted, space-separated) and
    ``definition`` (its first ``skos:definition``).  Edge key and attribute ``predicate``:
    the compact property IRI.  Nodes and edges are sorted, so the file is the same for
    the same triples.
    """
    graph = build_graph(triples)
    network = nx.MultiDiGraph()
    network.add_nodes_from(
        (node, {
            "iri": node,
            "label": data["label"] or compact(node),
            "types": " ".join(sorted(compact(t) for t in data["types"])),
            "definition": next((lit.value for p, lit in data["literals"] if p == DEFINITION), ""),
        })
        for node, data in sorted(graph.nodes(data=True)) if graph.degree(node)
    )
    network.add_edges_from(sorted((s, o, compact(p), {"predicate": compact(p)}) for s, o, p in graph.edges(keys=True)))
    return network
