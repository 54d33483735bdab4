"""What a worker process does with one job: run it against its own copy of the graph and
return the finished HTTP answer (status, media type, bytes).

A job is a tuple ``(kind, *arguments)``; the kinds are ``sparql``, ``catalog``, ``node``,
``labels`` and ``data`` (the explorer's data interface).  The work (running the query, serialising, labelling) happens here, in
the worker, so that the server process only routes bytes and a runaway stays in a
process that can be killed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..errors import HskgError
from ..results import MAX_ROWS_HELD
from ..store import QueryStream, TooManyRows
from .formats import GRAPH_FORMATS, SOLUTION_FORMATS, graph_body, solutions_body
from .protocol import ProtocolError

TEXT = "text/plain; charset=utf-8"


@dataclass
class Reply:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    """The result-size limit: rows (SELECT) or triples (CONSTRUCT, DESCRIBE), and bytes."""

    max_rows: int = MAX_ROWS_HELD
    max_bytes: int = 64 * 1024 * 1024
    max_memory: int = 4 * 1024 ** 3  # address space a worker may add to what it had when forked


def text_reply(status: int, message: str, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, TEXT, (message.rstrip("\n") + "\n").encode("utf-8"), headers or {})


def run_job(kg, job: tuple, limits: Limits) -> Reply:
    """The answer to one job; every failure becomes a status and a one-line reason."""
    from ..query import QueryError

    kind, arguments = job[0], job[1:]
    try:
        return HANDLERS[kind](kg, limits, *arguments)
    except ProtocolError as error:
        return text_reply(error.status, error.reason)
    except (QueryError, HskgError) as error:
        return text_reply(400, str(error))
    except MemoryError:
        return text_reply(500, "the query ran out of memory")
    except Exception as error:  # the engine's own errors reach the client as a message
        return text_reply(500, f"the query failed: {error}")


def answer(found: QueryStream, fmt: str, limits: Limits) -> Reply:
    """A query's answer in ``fmt``, refused when it is larger than the limits; no more rows
    are held than one past the limit."""
    try:
        result = found.held(limits.max_rows)
    except TooManyRows as refused:
        return text_reply(400, f"the answer has more than the limit of {limits.max_rows} {refused.unit}; "
                               "narrow the query or add LIMIT")
    if result.form == "graph":
        fmt = fmt if fmt in GRAPH_FORMATS else "ttl"
        body, media = graph_body(result.triples, fmt), GRAPH_FORMATS[fmt][0]
    else:
        fmt = fmt if fmt in SOLUTION_FORMATS else "json"
        body, media = solutions_body(result, fmt), SOLUTION_FORMATS[fmt][0]
    if len(body) > limits.max_bytes:
        return text_reply(400, f"the answer is {len(body)} bytes, more than the limit of {limits.max_bytes}; "
                               "narrow the query or add LIMIT")
    if media.startswith("text/"):
        media += "; charset=utf-8"
    return Reply(200, media, body)


def sparql_job(kg, limits: Limits, query: str, fmt: str, chosen: tuple[list[str], list[str]] | None) -> Reply:
    """A protocol query: over the graph as ``hskg query`` sees it, or over the dataset the
    request named (``chosen``: default graphs, named graphs)."""
    from ..query import run_query

    if chosen is None:
        return answer(kg.query(query, inferred=False, timeout=None, stream=True), fmt, limits)
    default, named = ([ox.NamedNode(g) for g in graphs] for graphs in chosen)
    return answer(run_query(kg.store, query, graphs=default, named_graphs=named or None, timeout=None,
                            dataset_chosen=True, stream=True), fmt, limits)


def catalog_job(kg, limits: Limits, name: str, params: dict[str, str], fmt: str) -> Reply:
    return answer(kg.catalog_query(name, params, inferred=False, timeout=None, stream=True), fmt, limits)


def labels_job(kg, limits: Limits, iris: list[str]) -> Reply:
    """The preferred label of each IRI (for the query page's result table)."""
    found = kg.labels(iri for iri in iris[: limits.max_rows] if isinstance(iri, str))
    return Reply(200, "application/json", json.dumps(found, ensure_ascii=False).encode("utf-8"))


def node_job(kg, limits: Limits, iri: str, fmt: str) -> Reply:
    from .nodes import node_reply

    return node_reply(kg, iri, fmt)


def data_job(kg, limits: Limits, question: str, params: dict[str, str]) -> Reply:
    from .data import data_reply

    return data_reply(kg, question, params)


HANDLERS = {"sparql": sparql_job, "catalog": catalog_job, "labels": labels_job, "node": node_job, "data": data_job}
