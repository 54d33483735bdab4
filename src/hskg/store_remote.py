"""A remote store: any SPARQL 1.1 endpoint (query and update), with the Graph Store Protocol
for bulk writes when the store offers it.

The endpoint is named by its query URL; its update URL and Graph Store Protocol URL default
to it and to none (then SPARQL Update's ``INSERT DATA`` carries the triples).  Credentials
come from the environment only (``HSKG_STORE_USER``, ``HSKG_STORE_PASSWORD``), answered in
whichever of HTTP Basic or Digest the store asks for (Virtuoso's ``/sparql-auth`` asks for
Digest).

What differs from the embedded store, and how it is bridged:

- bindings: the engine cannot substitute them over the protocol, so each is joined as a
  ``VALUES`` row at the start of the query's outermost ``WHERE`` group;
- blank nodes: a request's blank nodes are new nodes in the store, so triples that share
  one are sent in the same request (``_batches``); a triple with a blank node cannot be
  removed by ``DELETE DATA`` (SPARQL 1.1 Update, 3.1.2), and ``remove_triples`` refuses it;
- named graphs: a store holds graphs of its own (Virtuoso's system graphs), so
  ``named_graphs`` lists only hskg's (under ``HSKG_GRAPH``).
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence
from urllib.parse import quote

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH, PREFIXES
from .store_protocol import ASSERTED_GRAPHS, QueryResult, QueryStream, Term
from .vocabulary import XSD

USER_VARIABLE, PASSWORD_VARIABLE = "HSKG_STORE_USER", "HSKG_STORE_PASSWORD"
BATCH = 20_000  # triples per write request: well under the request sizes stores accept, and
# under Virtuoso's default limit on one transaction's roll-forward log (50 MB)

# Virtuoso's answer to a transaction whose roll-forward log passed TransactionAfterImageLimit,
# and its pragma that runs a request with that log off (log_enable 0: no log, no autocommit)
LOG_LIMIT_ABORT = "SR325"
UNLOGGED = "DEFINE sql:log-enable 0\n"

HTTP_TIMEOUT = 600.0  # seconds; a query's own time limit is kept by hskg.query
RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
CANONICAL_BOOLEAN = {"1": "true", "0": "false"}
_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*|\bWHERE\s*\{|\{',
                     re.IGNORECASE)


class StoreRefused(HskgError):
    """The store answered a request with an HTTP error status: it received the request and refused it."""

    def __init__(self, message: str, detail: str) -> None:
        super().__init__(message)
        self.detail = detail  # the start of the store's answer


@dataclass(frozen=True)
class Replaced:
    """What ``RemoteStore.replace_graphs`` did: the triples now in each graph, and whether the
    store kept the swap in its transaction log (``False``: durable from its next checkpoint)."""

    triples: dict[ox.NamedNode, int]
    logged: bool = True


class RemoteStore:
    """A SPARQL 1.1 endpoint behind the ``Store`` protocol."""

    dialect = "sparql11"  # the catalog runs its portable forms (hskg.query)
    path = None

    def __init__(self, endpoint: str, *, update: str | None = None, graph_store: str | None = None) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update or endpoint
        self.graph_store = graph_store
        self._opener = _opener([endpoint, self.update_endpoint, *([graph_store] if graph_store else [])])

    # --- writing ----------------------------------------------------------------------------

    def load_turtle(self, path: Path, graph: ox.NamedNode) -> None:
        # Parsed here first, so that a syntax error sends nothing.
        self.add_triples([q.triple for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)], graph)

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        for batch in _batches(list(triples)):
            body = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
            if self.graph_store:
                url = f"{self.graph_store}?{urllib.parse.urlencode({'graph': graph.value})}"
                self._send(url, body, N_TRIPLES, "POST")
            else:
                self.update(f"INSERT DATA {{ GRAPH {graph} {{\n{body.decode('utf-8')}}} }}")

    def remove_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        triples = list(triples)
        if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
            raise HskgError("a triple with a blank node cannot be removed from a remote store (DELETE DATA "
                            "refuses blank nodes); clear the graph and push again")
        for start in range(0, len(triples), BATCH):
            body = ox.serialize(triples[start:start + BATCH], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            self.update(f"DELETE DATA {{ GRAPH {graph} {{\n{body}}} }}")

    def clear_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def replace_graphs(self, contents: Mapping[ox.NamedNode, list[ox.Triple]]) -> Replaced:
        """Replace each graph's triples: every graph is uploaded to a staging graph first, in
        requests of about ``BATCH`` triples (each its own transaction, so that none meets a
        store's limit on one transaction), then one update request moves them all in.

        The store keeps the previous graphs when an upload fails, and when it refuses the swap:
        the swap uses only ``SILENT`` operations, so a refusal is an aborted transaction.
        SPARQL 1.1 Update (section 2.2) asks a store to run a request as one transaction;
        Virtuoso does, and aborts a swap whose roll-forward log passes its
        ``TransactionAfterImageLimit`` (``LOG_LIMIT_ABORT``); the same swap then runs again
        with the log off for that request (``UNLOGGED``), still one transaction, durable from
        the store's next checkpoint (``Replaced.logged`` says which)."""
        staged = {graph: ox.NamedNode(f"{HSKG_GRAPH}staging/{quote(graph.value, safe='')}") for graph in contents}
        swap = " ;\n".join(f"MOVE SILENT GRAPH {staged[graph]} TO {graph}" if triples else f"DROP SILENT GRAPH {graph}"
                            for graph, triples in contents.items())
        counts = {graph: len(triples) for graph, triples in contents.items()}
        try:
            for graph, triples in contents.items():
                self.clear_graph(staged[graph])
                self.add_triples(triples, staged[graph])
        except HskgError as error:
            raise HskgError(f"{error}; nothing replaced: {self._dropped(staged.values())}") from None
        logged = True
        try:
            try:
                self.update(swap)
            except StoreRefused as refusal:
                if LOG_LIMIT_ABORT not in refusal.detail:
                    raise
                logged = False
                self.update(UNLOGGED + swap)
        except StoreRefused as refusal:
            raise HskgError(f"{refusal}; nothing replaced: {self._dropped(staged.values())}") from None
        except HskgError as error:  # no answer: the store may have run the swap or not
            raise HskgError(f"{error}; the store may or may not have swapped the graphs in: push again") from None
        return Replaced(counts, logged)

    def _dropped(self, graphs: Iterable[ox.NamedNode]) -> str:
        """Drop the staging graphs after a failed push; what the store now holds, said for the error."""
        try:
            for graph in graphs:
                self.clear_graph(graph)
        except HskgError:
            return "the store keeps the previous graphs (and staging graphs the next push replaces)"
        return "the store keeps the previous graphs"

    def update(self, sparql: str) -> None:
        """Run one SPARQL 1.1 Update request."""
        body = urllib.parse.urlencode({"update": sparql}).encode("utf-8")
        self._send(self.update_endpoint, body, "application/x-www-form-urlencoded", "POST")

    # --- reading ----------------------------------------------------------------------------

    def named_graphs(self) -> list[ox.NamedNode]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?base)) }",
                            bindings={"base": ox.Literal(HSKG_GRAPH)}, graphs=[])
        return sorted((g for g in result.column("g") if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def query_stream(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
                     graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
                     named_graphs: Sequence[ox.NamedNode] | None = None) -> QueryStream:
        """The answer is read whole from HTTP; its rows become terms as they are read."""
        fields = [("query", with_prefixes(with_bindings(sparql, bindings or {})))]
        fields += [("default-graph-uri", g.value) for g in graphs]
        fields += [("named-graph-uri", g.value) for g in named_graphs or ()]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        graph_form = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        answer, kind = self._send(self.endpoint, body, "application/x-www-form-urlencoded", "POST",
                                  accept=N_TRIPLES if graph_form else RESULTS_JSON)
        if graph_form:
            return QueryStream(form="graph", triples=(q.triple for q in ox.parse(answer, format=_format_of(kind))))
        return _query_stream(json.loads(answer))

    def query(self, sparql: str, **options) -> QueryResult:
        return self.query_stream(sparql, **options).held()

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]:
        for graph in graphs:
            yield from self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graphs=[graph]).triples

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int:
        total = 0
        for graph in graphs:  # one graph at a time: a triple in two graphs counts twice, as on Oxigraph
            result = self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graphs=[graph])
            total += int(result.rows[0][0].value)
        return total

    def holds(self, triple: ox.Triple, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> bool:
        if any(isinstance(term, ox.BlankNode) for term in triple):
            # in a query a blank node is a variable: the store's own blank nodes cannot be named
            raise HskgError("a triple with a blank node cannot be looked up in a remote store")
        # no default-graph-uri would make the store's default graph its whole content
        return bool(graphs) and bool(self.query("ASK { ?s ?p ?o }", bindings=dict(zip("spo", triple)),
                                                graphs=graphs).boolean)

    # --- HTTP -------------------------------------------------------------------------------

    def _send(self, url: str, body: bytes, content_type: str, method: str, *, accept: str = "*/*") -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with self._opener.open(request, timeout=HTTP_TIMEOUT) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            detail = " ".join(error.read().decode("utf-8", "replace").split())[:300]
            raise StoreRefused(f"the store at {url} answered {error.code} {error.reason}" + (f": {detail}" if detail else ""),
                               detail) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise HskgError(f"cannot reach the store at {url}: {reason}") from None


def _opener(urls: list[str]) -> urllib.request.OpenerDirector:
    """An HTTP client that answers Basic or Digest challenges with the environment's credentials."""
    user, password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        passwords.add_password(None, url, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       urllib.request.HTTPDigestAuthHandler(passwords))


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first of those keywords outside comments, strings and IRIs."""
    text = _TOKENS.sub(lambda m: " " if m.group()[0] in "\"'<#" else m.group(), sparql)
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE)
    return match.group(1).upper() if match else "SELECT"


def with_prefixes(sparql: str) -> str:
    """The query with the project's prefixes declared before it (a later PREFIX of the query wins)."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items()) + sparql


def with_bindings(sparql: str, bindings: Mapping[str, Term]) -> str:
    """The query with each binding joined as a ``VALUES`` row at the start of its outermost
    ``WHERE`` group (or its first group, for a query written without the keyword)."""
    if not bindings:
        return sparql
    opening = next((m for m in _TOKENS.finditer(sparql) if m.group().endswith("{")), None)
    if opening is None:
        raise HskgError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(term) for term in bindings.values())
    return f"{sparql[:opening.end()]} VALUES ({names}) {{ ({row}) }} {sparql[opening.end():]}"


def _query_stream(answer: dict) -> QueryStream:
    if "boolean" in answer:
        return QueryStream(form="ask", boolean=bool(answer["boolean"]))
    variables = answer["head"]["vars"]
    if variables == ["__ASK_RETVAL"]:  # Virtuoso answers an ASK over a dataset as a SELECT of one row, or none
        return QueryStream(form="ask", boolean=any(b["__ASK_RETVAL"]["value"] not in ("0", "false")
                                                   for b in answer["results"]["bindings"]))
    rows = (tuple(_term(binding[v]) if v in binding else None for v in variables)
            for binding in answer["results"]["bindings"])
    return QueryStream(form="select", variables=variables, rows=rows)


def _term(cell: dict) -> Term:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", value.removeprefix("nodeID://")))
    if "xml:lang" in cell:
        return ox.Literal(value, language=cell["xml:lang"])
    if "datatype" in cell:
        if cell["datatype"] == XSD.boolean.value:
            # Virtuoso has no boolean type: it writes every xsd:boolean as "1" or "0", lexical
            # forms of the same values that no query can make it write as "true" or "false"
            # (the catalog casts a projected EXISTS or comparison to xsd:boolean, which
            # Virtuoso would give as the integer 1 or 0); read as the canonical forms.
            value = CANONICAL_BOOLEAN.get(value, value)
        return ox.Literal(value, datatype=ox.NamedNode(cell["datatype"]))
    return ox.Literal(value)


def _format_of(content_type: str) -> ox.RdfFormat:
    media = content_type.split(";")[0].strip().lower()
    return ox.RdfFormat.TURTLE if media == "text/turtle" else ox.RdfFormat.N_TRIPLES


def _batches(triples: list[ox.Triple]) -> Iterator[list[ox.Triple]]:
    """The triples in requests of about ``BATCH``, keeping the triples linked by blank nodes
    together (a request's blank nodes are its own)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for t in triples:
        if isinstance(t.subject, ox.BlankNode) and isinstance(t.object, ox.BlankNode):
            parent[root(t.subject.value)] = root(t.object.value)
    groups: dict[str, list[ox.Triple]] = {}
    batch: list[ox.Triple] = []
    for t in triples:
        node = t.subject if isinstance(t.subject, ox.BlankNode) else t.object
        if isinstance(node, ox.BlankNode):
            groups.setdefault(root(node.value), []).append(t)
        else:
            batch.append(t)
            if len(batch) >= BATCH:
                yield batch
                batch = []
    for group in groups.values():
        batch.extend(group)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
