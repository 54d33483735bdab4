"""Serialising the loaded graph: Turtle, N-Triples, JSON-LD, RDF/XML and GraphML."""

from __future__ import annotations

import io
from typing import Iterable

import pyoxigraph as ox

from .namespaces import PREFIXES

FORMATS = ("ttl", "nt", "jsonld", "xml", "graphml")
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "graphml": ".graphml"}


def canonical_blank_nodes(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples with blank node ids that depend only on the graph (RDF canonicalization
    by pyoxigraph), so that the same graph always exports the same bytes."""
    triples = list(triples)
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
        triples = [quad.triple for quad in dataset]
    # In a fixed order too: rdflib's writers keep the order in which triples were added.
    return sorted(triples, key=str)


def serialize(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """The triples in one of ``FORMATS``, as UTF-8 bytes, the same bytes for the same triples.

    Turtle, JSON-LD and RDF/XML go through rdflib (sorted subjects, the project's
    prefixes, a JSON-LD context); N-Triples are sorted lines; GraphML is the
    networkx graph of ``hskg.views.graph.to_networkx``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    triples = canonical_blank_nodes(triples)
    if fmt == "nt":
        return "".join(f"{t} .\n" for t in triples).encode("utf-8")
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
    if fmt == "jsonld":
        context = {prefix: namespace for prefix, namespace in PREFIXES.items()}
        return _sorted_json(graph.serialize(format="json-ld", context=context, indent=1, encoding="utf-8"))
    return graph.serialize(format="pretty-xml", encoding="utf-8")


def _sorted_json(data: bytes) -> bytes:
    """JSON-LD with its arrays in a fixed order: rdflib writes nodes and values in the order
    of a Python set, which changes from run to run.  (No ``@list`` is written, so no array's
    order carries meaning.)"""
    import json

    def ordered(value):
        if isinstance(value, dict):
            return {key: ordered(item) for key, item in value.items()}
        if isinstance(value, list):
            items = [ordered(item) for item in value]
            return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
        return value

    return (json.dumps(ordered(json.loads(data)), indent=1, ensure_ascii=False) + "\n").encode("utf-8")
