"""SPARQL for users: the query catalog, safe parameters, a time limit, clear errors.

A catalog query is a ``queries/*.rq`` file whose header comment says what it asks::

    # title: The three notions
    # question: What are Chinkin and Kaldor's three notions of human security?
    # param: actor node  the actor to look at, e.g. actor:nato (IRI, prefix:name, slug or label)
    # answer: one row per notion, with what it rests on and the quote behind it.

Parameters are bound through the engine's substitutions (SEP-0007), never pasted
into the query text.  Every query runs in a forked child process, so a runaway
query is stopped at its time limit and the calling process stays healthy.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import re
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence

import pyoxigraph as ox

from .errors import EXIT_ERROR, HskgError
from .files import discard_unfinished, read_text
from .labels import nodes_named
from .namespaces import HSKG_ID, compact, expand
from .scan import MAX_QUERY_BYTES, Scan, check_nesting, first_unserved, scan
from .store import ASSERTED_GRAPHS, QueryResult, QueryStream, Store

DEFAULT_TIMEOUT = 30.0
HEADER_LINE = re.compile(r"^#\s*([a-z]+):\s*(.*)$")
PARAMETER_KINDS = ("node", "text")
EXAMPLE = re.compile(r"e\.g\.\s+([^\s,;)]+)")


class QueryError(HskgError):
    """A query could not be run: bad syntax, unknown name, bad parameter, time limit."""


class NameNotResolved(QueryError):
    """No single node has the label or slug given (none, or several)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str  # "node": bound to an IRI found by IRI, prefix:name, slug or label; "text": a string literal
    description: str

    @property
    def example(self) -> str | None:
        """The first value after "e.g." in the description: the documented example."""
        match = EXAMPLE.search(self.description)
        return match.group(1) if match else None


@dataclass(frozen=True)
class CatalogQuery:
    name: str
    path: Path
    title: str
    question: str
    answer: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return read_text(self.path)

    def text_for(self, dialect: str) -> str:
        return text_for_dialect(self.path, dialect)


def text_for_dialect(path: Path, dialect: str) -> str:
    """The text of the query file ``path`` to run on a store of ``dialect`` (``Store.dialect``):
    on other stores than Oxigraph, its portable form (``portable/NAME.rq`` beside it) where it
    has one, because the fast form uses an Oxigraph extension or a pattern another engine
    evaluates wrongly.  Catalog queries and the ``*-violation.rq`` checks share this rule."""
    portable = path.parent / "portable" / path.name
    return read_text(portable if dialect != "oxigraph" and portable.is_file() else path)


def load_catalog(queries_dir: Path) -> dict[str, CatalogQuery]:
    """Every ``*.rq`` directly under ``queries_dir`` (the checks live in a subfolder), by name."""
    catalog = {}
    for path in sorted(queries_dir.glob("*.rq")):
        catalog[path.stem] = parse_header(path)
    return catalog


def header_fields(path: Path) -> list[tuple[str, str]]:
    """The ``# key: value`` lines of a query file's header, in order; the header ends
    where the query begins (the first line that is neither blank nor a comment).
    Catalog queries and the ``*-violation.rq`` checks share this one rule."""
    fields = []
    for line in read_text(path).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            break
        match = HEADER_LINE.match(stripped)
        if match:
            fields.append((match.group(1), match.group(2).strip()))
    return fields


def parse_header(path: Path) -> CatalogQuery:
    fields: dict[str, str] = {}
    parameters = []
    for key, value in header_fields(path):
        if key == "param":
            name, kind, description = (value.split(None, 2) + ["", ""])[:3]
            if kind not in PARAMETER_KINDS:
                raise QueryError(f"{path}: parameter {name!r} has kind {kind!r}; use one of {', '.join(PARAMETER_KINDS)}")
            parameters.append(Parameter(name, kind, description))
        else:
            fields[key] = value
    missing = [key for key in ("title", "question", "answer") if not fields.get(key)]
    if missing:
        raise QueryError(f"{path}: the header lacks {', '.join(missing)}")
    return CatalogQuery(path.stem, path, fields["title"], fields["question"], fields["answer"], tuple(parameters))


def find_catalog_query(catalog: Mapping[str, CatalogQuery], name: str) -> CatalogQuery:
    if name in catalog:
        return catalog[name]
    import difflib  # only for the hint of an error: a query that runs does not import it

    close = difflib.get_close_matches(name, list(catalog), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `hskg query --list` shows the catalog"
    raise QueryError(f"no catalog query named {name!r}{hint}")


SLUG_LOOKUP = """
SELECT DISTINCT ?node ?tail WHERE {
  ?node ?p ?o .
  FILTER(isIRI(?node) && STRSTARTS(STR(?node), "%s") && STRENDS(STR(?node), ?tail))
} ORDER BY ?node
""" % HSKG_ID


NODE_EXISTS = "ASK { { ?node ?p ?o } UNION { ?s ?p ?node } }"
NODES_UNDER = """
SELECT DISTINCT ?node ?namespace WHERE {
  { ?node ?p ?o } UNION { ?s ?p ?node }
  FILTER(isIRI(?node) && STRSTARTS(STR(?node), ?namespace))
}
"""


def resolve_node(store: Store, value: str) -> ox.NamedNode:
    """The node a user means by an IRI (``<…>``), a ``prefix:name``, a slug or a label.

    An IRI under the project's namespace (``actor:natoo``) that the graph does not hold
    is refused, with the closest names it does hold: a typo must not give an empty answer.
    A label or slug that fits no node, or more than one, raises ``NameNotResolved``.
    """
    iri = expand(value.strip())
    if iri is None and re.match(r"^[a-z][a-z0-9+.-]*://", value):
        iri = value
    if iri is not None:
        return _known_node(store, value, iri)
    matches = nodes_named(store, value.strip())
    if not matches and re.fullmatch(r"[A-Za-z0-9_.-]+", value):
        matches = store.query(SLUG_LOOKUP, bindings={"tail": ox.Literal("/" + value)}).column("node")
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NameNotResolved(f"no node has the label, alternative label or slug {value!r}")
    names = ", ".join(m.value for m in matches)
    raise NameNotResolved(f"{value!r} is ambiguous: it names {len(matches)} nodes ({names}); give the IRI")


def _known_node(store: Store, value: str, iri: str) -> ox.NamedNode:
    try:
        node = ox.NamedNode(iri)
    except ValueError as error:
        raise QueryError(f"{value!r} is not a valid IRI ({error})") from None
    if not iri.startswith(HSKG_ID) or store.query(NODE_EXISTS, bindings={"node": node}).boolean:
        return node
    import difflib  # as in find_catalog_query: for the hint only

    namespace = iri[:iri.rfind("/") + 1]
    held = {n.value[len(namespace):]: compact(n.value)
            for n in store.query(NODES_UNDER, bindings={"namespace": ox.Literal(namespace)}).column("node")}
    # Compared by local name: the shared prefix would make every name look close.
    close = difflib.get_close_matches(iri[len(namespace):], list(held), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(held[name] for name in close)}?" if close else ""
    raise QueryError(f"{compact(iri)} is not in the graph{hint}")


def bind_parameters(
    store: Store, declared: Sequence[Parameter] | None, given: Mapping[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Terms for the given ``name=value`` parameters; every declared one must be given.

    With ``declared`` None (a query from a file or the command line), every value is
    resolved as a node when it names one, and bound as text otherwise.
    """
    if declared is None:
        bound: dict[str, ox.NamedNode | ox.Literal] = {}
        for name, value in given.items():
            try:
                bound[name] = resolve_node(store, value)
            except NameNotResolved:
                bound[name] = ox.Literal(value)
        return bound
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        raise QueryError(f"unknown parameter {', '.join(unknown)}; this query takes: {_describe(declared)}")
    missing = [p for p in declared if p.name not in given]
    if missing:
        raise QueryError(f"missing parameter {', '.join(p.name for p in missing)}; give --param NAME=VALUE for: "
                         f"{_describe(missing)}")
    return {
        name: resolve_node(store, value) if by_name[name].kind == "node" else ox.Literal(value)
        for name, value in given.items()
    }


def _describe(parameters: Sequence[Parameter]) -> str:
    return "; ".join(f"{p.name} ({p.kind}) {p.description}".strip() for p in parameters) or "no parameters"


def run_query(
    store: Store,
    sparql: str,
    *,
    bindings: Mapping[str, ox.NamedNode | ox.Literal] | None = None,
    graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
    named_graphs: Sequence[ox.NamedNode] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    on_timeout: str = "raise",
    allow_service: bool = False,
    dataset_chosen: bool = False,
    stream: bool = False,
) -> QueryResult | QueryStream:
    """Run one query with its prefixes predeclared, within ``timeout`` seconds.

    Before the engine sees it, the text is scanned (``hskg.scan``): longer than
    ``MAX_QUERY_BYTES`` or nested deeper than ``MAX_NESTING``, an update, or a ``SERVICE``
    clause (unless ``allow_service``: it sends the query over the network) is refused.
    ``FROM`` / ``FROM NAMED`` choose among ``graphs``, the named graphs this query may see,
    unless ``dataset_chosen`` (the endpoint, whose protocol parameters win over FROM).

    pyoxigraph cannot cancel a query, so the time limit is kept in one of two ways:

    - ``on_timeout="raise"`` (for library use): the query runs in a forked child that
      is killed at the limit; ``QueryError`` is raised and this process goes on.
    - ``on_timeout="exit"`` (for the command line): the query runs here, without the
      cost of a fork; at the limit a watchdog thread prints the reason, removes the
      temporary file of an output under way and ends the process with exit code 2.

    ``timeout=None`` runs here with no limit.  Raises ``QueryError`` for a syntax error
    (with line, column and what was expected).

    ``stream`` answers with a ``QueryStream`` (rows as the engine finds them) instead of a
    ``QueryResult``: read it inside ``with``, for the engine works while it is read, and
    with ``on_timeout="exit"`` the time limit holds until the stream is closed.  (The
    forked child of ``on_timeout="raise"`` hands its answer back whole.)
    """
    dataset = _dataset(sparql, graphs, named_graphs, allow_service, dataset_chosen)
    if not timeout:
        return _query(store, sparql, bindings, dataset, stream)
    if on_timeout == "exit":
        disarm = _WATCHDOG.arm(timeout)
        try:
            answer = _query(store, sparql, bindings, dataset, stream)
        except BaseException:
            disarm()
            raise
        if stream:
            answer.closers.append(disarm)
        else:
            disarm()
        return answer
    result = _query_in_child(store, sparql, bindings, dataset, timeout)
    return result.stream() if stream else result


def checked_query(sparql: str, *, allow_service: bool = False) -> Scan:
    """What the query's text asks, once it is known to be safe to run: not longer than
    ``MAX_QUERY_BYTES``, nested no deeper than ``MAX_NESTING``, no update, and no
    ``SERVICE`` unless ``allow_service``.  Every query hskg runs from a file or a user
    passes here (``run_query``, the entailment rules); raises ``QueryError``."""
    found = _scanned(sparql)
    if found.update:
        raise QueryError(f"hskg query is read-only; updates are not run (the text has {found.update})")
    if found.service and not allow_service:
        raise QueryError("SERVICE is refused: it would send the query to another server; "
                         "hskg query --allow-service runs it")
    return found


@functools.lru_cache(maxsize=64)
def _scanned(sparql: str) -> Scan:
    """What ``checked_query`` learns from the text alone, once per text and process: a
    query run again (the command's catalog query in a notebook, an endpoint's worker, the
    benchmark) is not scanned again, which cost as much as running a cheap query.  A text
    refused raises each time (``lru_cache`` keeps answers, not exceptions)."""
    if len(sparql.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise QueryError(f"the query is longer than {MAX_QUERY_BYTES // 1024} KiB (the limit of hskg)")
    check_nesting(sparql, "the query")
    return scan(sparql)


def _dataset(sparql: str, graphs, named_graphs, allow_service: bool, dataset_chosen: bool) -> dict:
    """The graphs to query, after the checks that keep the engine and the network safe."""
    found = checked_query(sparql, allow_service=allow_service)
    if dataset_chosen:
        return {"graphs": graphs, "named_graphs": named_graphs}
    seen = tuple(g.value for g in graphs)
    unserved = first_unserved({"FROM": found.from_graphs, "FROM NAMED": found.from_named}, seen)
    if unserved:
        raise QueryError(f"{unserved[0]} <{unserved[1]}> is not a graph this query sees; it sees "
                         + ", ".join(f"<{g}>" for g in seen))
    if found.from_graphs or found.from_named:
        # pyoxigraph lets the dataset given with the call win over the query's own.
        return {"graphs": [ox.NamedNode(g) for g in found.from_graphs],
                "named_graphs": [ox.NamedNode(g) for g in found.from_named]}
    return {"graphs": graphs, "named_graphs": named_graphs}


def _time_limit_message(timeout: float) -> str:
    return f"the query was stopped after {timeout:g} s (the time limit; raise it with --timeout)"


class _Watchdog:
    """The time limits of the queries run with ``on_timeout="exit"``, kept by one thread per
    process that sleeps until the earliest of them and ends the process when it passes.

    A query that ends in time only takes its limit off the list: nothing wakes the thread,
    which finds the list changed when it wakes at the limit it slept for.  (A thread
    started and stopped per query cost more than a cheap query: 0.2 to 0.4 ms on an idle
    machine, milliseconds on a busy one, mostly the switches between it and the thread
    reading the engine's rows.)"""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._limits: dict[int, tuple[float, float]] = {}  # by token: (deadline, timeout)
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._waking_at = math.inf  # the deadline the thread sleeps until

    def arm(self, timeout: float):
        """Start the clock of one query; returns what stops it (call it once the query is over)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            token = next(self._tokens)
            self._limits[token] = (deadline, timeout)
            if self._thread is None or not self._thread.is_alive():  # the first query, or a forked child
                self._thread = threading.Thread(target=self._watch, name="hskg query time limit", daemon=True)
                self._thread.start()
            elif deadline < self._waking_at:
                self._changed.notify()
        return functools.partial(self._disarm, token)

    def _disarm(self, token: int) -> None:
        with self._changed:
            self._limits.pop(token, None)

    def _watch(self) -> None:
        with self._changed:
            while True:
                deadline, timeout = min(self._limits.values(), default=(math.inf, 0.0))
                now = time.monotonic()
                if deadline <= now:
                    _exit_at_time_limit(timeout)
                self._waking_at = deadline
                self._changed.wait(None if deadline == math.inf else deadline - now)


_WATCHDOG = _Watchdog()
# A forked child has none of its parent's threads, and may have forked while one held the lock.
os.register_at_fork(after_in_child=_WATCHDOG.__init__)


def _exit_at_time_limit(timeout: float) -> None:
    discard_unfinished()  # os._exit unwinds nothing: no half-written output may stay behind
    sys.stderr.write(f"hskg: error: {_time_limit_message(timeout)}\n")
    sys.stderr.flush()
    os._exit(EXIT_ERROR)


def _query_in_child(store, sparql, bindings, dataset, timeout: float) -> QueryResult:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_answer_in_child, args=(sender, store, sparql, bindings, dataset), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(_time_limit_message(timeout))
        outcome, payload = receiver.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer (out of memory?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if outcome == "error":
        raise payload
    return payload


def _answer_in_child(sender, store, sparql, bindings, dataset) -> None:
    try:
        sender.send(("ok", _query(store, sparql, bindings, dataset, stream=False)))
    except QueryError as error:
        sender.send(("error", error))
    except Exception as error:  # anything else the engine raises reaches the user as a message
        sender.send(("error", QueryError(f"the query failed: {error}")))
    finally:
        sender.close()


def _query(store, sparql, bindings, dataset: dict, stream: bool) -> QueryResult | QueryStream:
    try:
        if not stream:
            return store.query(sparql, bindings=bindings, **dataset)
        answer = store.query_stream(sparql, bindings=bindings, **dataset)
    except (SyntaxError, OSError, RuntimeError) as error:
        raise _query_error(sparql, error) from None
    # The engine goes on working as the rows are read: its errors come from the iterators.
    answer.rows, answer.triples = _engine_errors(answer.rows, sparql), _engine_errors(answer.triples, sparql)
    return answer


def _engine_errors(items: Iterator, sparql: str) -> Iterator:
    try:
        yield from items
    except (SyntaxError, OSError, RuntimeError) as error:
        raise _query_error(sparql, error) from None


def _query_error(sparql: str, error: Exception) -> QueryError:
    """The engine's complaint about a query, in words for its author."""
    if isinstance(error, SyntaxError):
        return QueryError(describe_syntax_error(sparql, str(error)))
    unprojected = re.search(r"does not contains? variable \?(\w+) in its SELECT projection", str(error))
    if unprojected:
        # pyoxigraph binds a parameter only where the SELECT clause shows it.
        return QueryError(f"the parameter ?{unprojected.group(1)} must appear in the query's SELECT clause")
    return QueryError(f"the query failed: {error}")


def describe_syntax_error(sparql: str, message: str) -> str:
    """``SPARQL syntax error at line L, column C: expected …`` and the line with a caret."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message)
    if not match:
        return f"SPARQL syntax error: {message}"
    line, column, cause = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = sparql.splitlines() or [""]
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"SPARQL syntax error at line {line}, column {column}: {cause}\n  {text}\n  {' ' * max(column - 1, 0)}^"
