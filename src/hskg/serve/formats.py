"""Content negotiation and the bytes of each answer.

SELECT and ASK: SPARQL 1.1 Query Results JSON, XML, CSV and TSV (JSON, CSV and TSV of
SELECT come from ``hskg.results``, which ``hskg query`` prints too).  CONSTRUCT and
DESCRIBE: Turtle, N-Triples and JSON-LD through ``hskg.export``.
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..namespaces import SPARQL_RESULTS_XML
from ..results import format_result
from ..store import QueryResult
from ..vocabulary import XSD
from .protocol import ProtocolError

# format name -> (media type sent, media types accepted for it)
SOLUTION_FORMATS = {
    "json": ("application/sparql-results+json", ("application/sparql-results+json", "application/json")),
    "xml": ("application/sparql-results+xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    "csv": ("text/csv", ("text/csv",)),
    "tsv": ("text/tab-separated-values", ("text/tab-separated-values",)),
}
GRAPH_FORMATS = {
    "ttl": ("text/turtle", ("text/turtle", "application/x-turtle")),
    "nt": ("application/n-triples", ("application/n-triples", "text/plain")),
    "jsonld": ("application/ld+json", ("application/ld+json", "application/json")),
}
# What XML 1.0 cannot carry, escaped or not (its Char production): C0 controls but tab,
# newline and carriage return, and the two non-characters U+FFFE and U+FFFF.
NOT_XML_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "text": "tsv"}


def media_ranges(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header, best first (ties keep their order)."""
    ranges = []
    for position, item in enumerate((accept or "").split(",")):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        quality = 1.0
        for parameter in parts[1:]:
            key, _, value = parameter.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((parts[0].lower(), quality, position))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(media, quality) for media, quality, _ in ranges if quality > 0]


def negotiate(accept: str | None, fmt: str | None, formats: dict, default: str) -> str:
    """The format name to answer with: ``fmt`` when given (``?format=``), else the best of
    ``formats`` that Accept allows (``*/*`` or no Accept: ``default``), else 406."""
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if name not in formats:
            raise ProtocolError(400, f"unknown format {fmt!r}; choose one of {', '.join(formats)}")
        return name
    ranges = media_ranges(accept)
    if not ranges:
        return default
    for media, _ in ranges:
        if media == "*/*":
            return default
        if media.endswith("/*"):
            for name, (sent, _) in formats.items():
                if sent.startswith(media[:-1]):
                    return name
        for name, (_, accepted) in formats.items():
            if media in accepted:
                return name
    wanted = ", ".join(sorted({m for name in formats for m in formats[name][1]}))
    raise ProtocolError(406, f"cannot answer in {accept}; this answer comes as {wanted}")


def solutions_body(result: QueryResult, fmt: str) -> bytes:
    if result.form == "ask":
        return _boolean(bool(result.boolean), fmt).encode("utf-8")
    if fmt == "xml":
        return _xml(result).encode("utf-8")
    return format_result(result, fmt).encode("utf-8")


def graph_body(triples: list[ox.Triple], fmt: str) -> bytes:
    from ..export import serialize

    return serialize(triples, fmt)


def _boolean(value: bool, fmt: str) -> str:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS_XML}">'
                f"<head/><boolean>{text}</boolean></sparql>\n")
    return f"_askResult\r\n{text}\r\n" if fmt == "csv" else f"?_askResult\n{text}\n"


def _xml(result: QueryResult) -> str:
    _refuse_what_xml_cannot_carry(result)
    lines = ['<?xml version="1.0"?>', f'<sparql xmlns="{SPARQL_RESULTS_XML}">', "<head>"]
    lines += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    lines += ["</head>", "<results>"]
    for row in result.rows:
        lines.append("<result>")
        for name, term in zip(result.variables, row):
            if term is not None:
                lines.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        lines.append("</result>")
    lines += ["</results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def _refuse_what_xml_cannot_carry(result: QueryResult) -> None:
    for row in result.rows:
        for name, term in zip(result.variables, row):
            found = NOT_XML_CHARACTER.search(term.value) if term is not None else None
            if found:
                raise ProtocolError(406, f"the value of ?{name} holds U+{ord(found.group()):04X}, which XML 1.0 "
                                         "cannot carry; ask for JSON, CSV or TSV")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_text(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{_text(term.value)}</literal>"
    if term.datatype != XSD.string:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{_text(term.value)}</literal>"
    return f"<literal>{_text(term.value)}</literal>"


def _text(value: str) -> str:
    # A raw carriage return would reach the client as a newline (XML normalises line ends).
    return escape(value, {"\r": "&#13;"})
