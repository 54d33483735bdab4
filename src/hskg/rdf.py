"""Conversions between the store's terms (pyoxigraph) and rdflib's.

rdflib is imported here, lazily, by the parts that need its ecosystem:
serialisation with prefixes, pySHACL, owlready2's input.
"""

from __future__ import annotations

import logging
import warnings
from typing import Iterable

import pyoxigraph as ox
import rdflib

from .namespaces import PREFIXES
from .vocabulary import XSD


class _KeptLexicalForms(logging.Filter):
    """rdflib logs a traceback for each literal whose lexical form does not fit its datatype
    (``"abc"^^xsd:integer``), and prints it on standard error.  The literal is kept as
    written (``normalize=False``) and ``hskg validate`` reports it (the check
    ``queries/checks/ill-typed-literal-violation.rq``); the traceback only hid that message."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_KeptLexicalForms())
warnings.filterwarnings("ignore", message="Parsing weird boolean", module="rdflib.term")


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype == XSD.string:
        return rdflib.Literal(term.value)
    # Keep the lexical form as written: rdflib would otherwise normalise "01" to "1".
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value), normalize=False)


def to_rdflib_graph(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph of the triples, bound to the project's prefixes."""
    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, rdflib.Namespace(namespace), override=True, replace=True)
    for triple in triples:
        graph.add((to_rdflib_term(triple.subject), to_rdflib_term(triple.predicate), to_rdflib_term(triple.object)))
    return graph
