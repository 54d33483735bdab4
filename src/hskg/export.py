"""Serialising the loaded graph: Turtle, N-Triples, JSON-LD, RDF/XML and GraphML."""

from __future__ import annotations

import io
from typing import Iterable

import pyoxigraph as ox

from .namespaces import PREFIXES

FORMATS = ("ttl", "nt", "jsonld", "xml", "graphml")
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf", "graphml": ".graphml"}


def serialize(triples: Iterable[ox.Triple], fmt: str) -> bytes:
    """The triples in one of ``FORMATS``, as UTF-8 bytes, the same bytes for the same triples.

    Turtle, JSON-LD and RDF/XML go through rdflib (sorted subjects, the project's
    prefixes, a JSON-LD context); N-Triples are sorted lines; GraphML is the
    networkx graph of ``hskg.network.to_networkx``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    triples = list(triples)
    if fmt == "nt":
        lines = sorted(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
        return "".join(lines).encode("utf-8")
    if fmt == "graphml":
        import networkx as nx

        from .network import to_networkx

        buffer = io.BytesIO()
        nx.write_graphml(to_networkx(triples), buffer, encoding="utf-8", named_key_ids=True)
        return buffer.getvalue()
    from .rdf import to_rdflib_graph

    graph = to_rdflib_graph(triples)
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8")
    if fmt == "jsonld":
        context = {prefix: namespace for prefix, namespace in PREFIXES.items()}
        return graph.serialize(format="json-ld", context=context, indent=1, encoding="utf-8")
    return graph.serialize(format="pretty-xml", encoding="utf-8")
