"""Serialising the loaded graph: Turtle, N-Triples, JSON-LD, RDF/XML and GraphML."""

from __future__ import annotations

import io
from typing import Iterable

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import PREFIXES
from .scan import MAX_NESTING
from .vocabulary import RDF

RDF_REST = RDF.rest

FORMATS = ("ttl", "nt", "jsonld", "xml", "graphml")
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "graphml": ".graphml"}


def canonical_blank_nodes(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples with blank node ids that depend only on the graph (RDF canonicalization
    by pyoxigraph), so that the same graph always exports the same bytes."""
    triples = list(triples)
    check_blank_node_depth(triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        triples = [quad.triple for quad in dataset]
    # In a fixed order too: rdflib's writers keep the order in which triples were added.
    return sorted(triples, key=str)


def check_blank_node_depth(triples: list[ox.Triple]) -> None:
    """Refuse blank nodes chained deeper than ``MAX_NESTING`` (``[ :p [ :p [ … ] ] ]``):
    canonicalizing them costs the cube of their depth and crashes pyoxigraph at 20,000.
    The links of a collection (``rdf:rest``) do not count: a long list is cheap."""
    below: dict[ox.BlankNode, list[ox.BlankNode]] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode) and isinstance(t.object, ox.BlankNode) and t.predicate != RDF_REST:
            below.setdefault(t.subject, []).append(t.object)
    depth: dict[ox.BlankNode, int] = {}
    for start in below:
        stack = [(start, iter(below[start]))]
        depth.setdefault(start, 0)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    depth[parent] = max(depth[parent], depth[node] + 1)
            elif child not in depth:  # a cycle or a node already measured adds nothing new to walk
                depth[child] = 0
                stack.append((child, iter(below.get(child, ()))))
            else:
                depth[node] = max(depth[node], depth[child] + 1)
            if len(stack) > MAX_NESTING or depth[node] > MAX_NESTING:
                raise HskgError(f"blank nodes are nested more than {MAX_NESTING} levels deep ([ … [ … ] ]); "
                                "hskg refuses to write them (it would take hours or crash); give the inner "
                                "nodes IRIs")


def serialize(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """The triples in one of ``FORMATS``, as UTF-8 bytes, the same bytes for the same triples.

    Turtle and JSON-LD go through rdflib (sorted subjects, the project's prefixes, a
    JSON-LD context); N-Triples are sorted lines; RDF/XML is pyoxigraph's writer (rdflib's
    pretty-xml wrote ``xml:lang`` with an unbound prefix and dropped statements about list
    nodes); GraphML is the networkx graph of ``hskg.views.graph.to_networkx``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    triples = canonical_blank_nodes(triples)
    if fmt == "nt":
        return "".join(f"{t} .\n" for t in triples).encode("utf-8")
    if fmt == "xml":
        return ox.serialize(triples, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)
    if fmt == "graphml":
        import networkx as nx

        from .views.graph import to_networkx

        buffer = io.BytesIO()
        nx.write_graphml(to_networkx(triples), buffer, encoding="utf-8", named_key_ids=True)
        return buffer.getvalue()
    from .rdf import to_rdflib_graph

    graph = to_rdflib_graph(triples)
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8")
    _refuse_ill_typed_native_literals(graph)
    context = {prefix: namespace for prefix, namespace in PREFIXES.items()}
    return _sorted_json(graph.serialize(format="json-ld", context=context, indent=1, encoding="utf-8"))


def _refuse_ill_typed_native_literals(graph) -> None:
    """rdflib writes an integer, double or boolean as a JSON value, and an ill-typed one
    (``"abc"^^xsd:integer``, ``"yes"^^xsd:boolean``) as a plain string or ``false``: the
    export would change the graph without a word.  Refuse instead."""
    from rdflib import Literal
    from rdflib.plugins.serializers.jsonld import PLAIN_LITERAL_TYPES

    ill_typed = sorted((value.n3(), str(subject)) for subject, _, value in graph
                       if isinstance(value, Literal) and value.ill_typed and value.datatype in PLAIN_LITERAL_TYPES)
    if ill_typed:
        value, subject = ill_typed[0]
        raise HskgError(f"cannot write JSON-LD: {value} of <{subject}> does not fit its datatype, and JSON-LD "
                        "would change it; fix it (hskg validate lists every such literal)")


def _sorted_json(data: bytes) -> bytes:
    """JSON-LD with its arrays in a fixed order: rdflib writes nodes and values in the order
    of a Python set, which changes from run to run.  A ``@list`` (an RDF collection, such as
    ``owl:unionOf``) keeps its order: there the order is the meaning."""
    import json

    def ordered(value, keep_order: bool = False):
        if isinstance(value, dict):
            return {key: ordered(item, key == "@list") for key, item in value.items()}
        if isinstance(value, list):
            items = [ordered(item) for item in value]
            return items if keep_order else sorted(
                items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return value

    return (json.dumps(ordered(json.loads(data)), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
