"""The SPARQL 1.1 Protocol, read-only: what a request asks, and whether it may ask it.

A request becomes a ``SparqlRequest`` (the query text and the dataset it names) or a
``ProtocolError`` (an HTTP status and a one-line reason).  The query text is scanned,
not run: comments and strings are skipped, so a ``SERVICE`` inside a quote is no
reason to refuse, while an update keyword, ``SERVICE`` or a ``FROM`` of a graph this
endpoint does not serve is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from ..scan import MAX_QUERY_BYTES, BadFrom, Scan, TooDeep, check_nesting, first_unserved, scan as scan_text
from ..store import ASSERTED_GRAPHS, INFERRED_GRAPH

SERVED_GRAPHS = tuple(g.value for g in (*ASSERTED_GRAPHS, INFERRED_GRAPH))
FORM_MEDIA = "application/x-www-form-urlencoded"
QUERY_MEDIA = "application/sparql-query"
UPDATE_MEDIA = "application/sparql-update"


class ProtocolError(Exception):
    """A request this endpoint refuses: ``status`` and a one-line ``reason``."""

    def __init__(self, status: int, reason: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.headers = status, reason, headers or {}


@dataclass
class SparqlRequest:
    query: str
    default_graphs: list[str] = field(default_factory=list)  # default-graph-uri (protocol)
    named_graphs: list[str] = field(default_factory=list)  # named-graph-uri (protocol)
    fmt: str | None = None  # ?format= (overrides Accept)


def decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {what} is not valid UTF-8") from None


def parse_pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    """``name=value`` pairs of a query string or form body; percent-escapes must be UTF-8."""
    text = decode(raw, what)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"the {what} is not valid UTF-8 once its %-escapes are decoded") from None


def read_request(method: str, content_type: str | None, query_string: bytes, body: bytes) -> SparqlRequest | None:
    """The SPARQL request of an HTTP request; ``None`` for a GET that asks nothing (the
    service description)."""
    pairs = parse_pairs(query_string, "query string")
    if method == "POST":
        media = (content_type or "").split(";")[0].strip().lower()
        if media == FORM_MEDIA:
            pairs += parse_pairs(body, "form body")
        elif media == QUERY_MEDIA:
            pairs.append(("query", decode(body, "query")))
        elif media == UPDATE_MEDIA:
            raise ProtocolError(400, "SPARQL Update is refused: this endpoint is read-only")
        else:
            raise ProtocolError(415, f"POST wants {FORM_MEDIA} or {QUERY_MEDIA}, not {media or 'no media type'}")
    names = [name for name, _ in pairs]
    if "update" in names:
        raise ProtocolError(400, "SPARQL Update is refused: this endpoint is read-only")
    if method == "GET" and not pairs:
        return None
    queries = [value for name, value in pairs if name == "query"]
    if len(queries) != 1:
        raise ProtocolError(400, "give exactly one query parameter" if queries else "the query parameter is missing")
    if len(queries[0].encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"the query is longer than {MAX_QUERY_BYTES // 1024} KiB")
    if not queries[0].strip():
        raise ProtocolError(400, "the query is empty")
    formats = [value for name, value in pairs if name in ("format", "output")]
    return SparqlRequest(queries[0], [v for n, v in pairs if n == "default-graph-uri"],
                         [v for n, v in pairs if n == "named-graph-uri"], formats[0] if formats else None)


def scan(query: str) -> Scan:
    """The query's form and its FROM / FROM NAMED graphs; refuses updates and SERVICE."""
    try:
        check_nesting(query, "the query")
        found = scan_text(query)
    except (BadFrom, TooDeep) as error:
        raise ProtocolError(400, str(error)) from None
    if found.update:
        raise ProtocolError(400, f"SPARQL Update ({found.update}) is refused: this endpoint is read-only")
    if found.service:
        raise ProtocolError(400, "SERVICE (a federated query) is refused: this endpoint answers from its own graph")
    if found.form is None:
        raise ProtocolError(400, "not a SPARQL query: it has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return found


def dataset(request: SparqlRequest, found: Scan) -> tuple[list[str], list[str]] | None:
    """The (default graphs, named graphs) to query, or ``None`` for the graph as ``hskg query``
    sees it.  The protocol's parameters win over the query's FROM (SPARQL 1.1 Protocol 2.1.4);
    every graph named must be one this endpoint serves."""
    if request.default_graphs or request.named_graphs:
        chosen = (request.default_graphs, request.named_graphs)
        where = ("default-graph-uri", "named-graph-uri")
    elif found.from_graphs or found.from_named:
        chosen = (list(found.from_graphs), list(found.from_named))
        where = ("FROM", "FROM NAMED")
    else:
        return None
    unserved = first_unserved(dict(zip(where, chosen)), SERVED_GRAPHS)
    if unserved:
        raise ProtocolError(400, f"{unserved[0]} <{unserved[1]}> is not a graph of this endpoint; it serves "
                                 + ", ".join(f"<{g}>" for g in SERVED_GRAPHS))
    return chosen
