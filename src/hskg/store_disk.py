"""The persistent embedded store: Oxigraph in a folder (``build/store/`` by default), shared
safely between processes and kept in step with the project's files.

RocksDB, under Oxigraph, allows one writer per folder, and its read-only mode is undefined
while another process writes.  So every process takes a lock file beside the folder: shared
while it reads (through a read-only handle), exclusive while it writes (through a read-write
handle opened for the write and closed after it).  Readers never see half a write; a writer
waits for the readers of the moment.

Each loaded file keeps its triples in a named graph of its own (``file_graph``) besides the
ontology or data graph that queries read, so that removing a changed file's triples is exact
(a triple another file also asserts stays).  A small record beside the folder (``STATE``)
holds each file's content hash, size and modification time, and the inputs each derived
graph (entailments, inferences) was computed from: an unchanged project costs one ``stat``
per file.  Deleting the folder and its record loses nothing: the next command loads again.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path
from typing import Iterable, Mapping, Sequence
from urllib.parse import quote

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH
from .store_memory import OxigraphStore
from .store_protocol import ASSERTED_GRAPHS, QueryStream, Term

FILE_GRAPH_PREFIX = HSKG_GRAPH + "file/"


def file_graph(relative: str) -> ox.NamedNode:
    """The named graph that holds one file's triples, named by its path in the project."""
    return ox.NamedNode(FILE_GRAPH_PREFIX + quote(relative))


def is_file_graph(graph: ox.NamedNode) -> bool:
    return graph.value.startswith(FILE_GRAPH_PREFIX)


class DiskStore(OxigraphStore):
    """An on-disk Oxigraph store: read-only under a shared lock, read-write under an exclusive one."""

    _opened: dict[Path, "DiskStore"] = {}

    @classmethod
    def open(cls, path: Path) -> "DiskStore":
        """The store in ``path``, one per folder and process: a second handle in the same process
        would wait forever for the first one's shared lock when it writes."""
        key = path.resolve()
        store = cls._opened.get(key)
        if store is None or not store._lock_is_current():  # a deleted folder gets a new store
            store = cls._opened[key] = cls(path)
        return store

    def __init__(self, path: Path) -> None:
        self.path = path
        self.state_file = path.with_name(path.name + ".json")
        self.lock_file = path.with_name(path.name + ".lock")
        self._lock = open(self.lock_file, "a")  # noqa: SIM115 (held while the store is open)
        self._writing = 0
        fcntl.flock(self._lock, fcntl.LOCK_SH)
        if not any(path.iterdir()):
            with self.writing():
                pass  # creates the database
        self._store = ox.Store.read_only(str(path))

    def _lock_is_current(self) -> bool:
        try:
            return self.path.is_dir() and os.stat(self.lock_file).st_ino == os.fstat(self._lock.fileno()).st_ino
        except OSError:
            return False

    @contextlib.contextmanager
    def writing(self):
        """Hold the store read-write (and every other process out) for the writes inside."""
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        self._store = None  # the read-only handle is closed before the writer opens
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        try:
            self._store = ox.Store(str(self.path))
            self._writing = 1
            yield
            self._store.flush()
        finally:
            self._writing = 0
            self._store = None
            fcntl.flock(self._lock, fcntl.LOCK_SH)
            self._store = ox.Store.read_only(str(self.path))

    def load_turtle(self, path: Path, graph: ox.NamedNode) -> None:
        # A failed load would leave the triples parsed before the error: parse first, then
        # write them in one transaction.
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]
        with self.writing():
            self._store.extend(quads)

    def add_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        with self.writing():
            super().add_triples(triples, graph)

    def remove_triples(self, triples: Iterable[ox.Triple], graph: ox.NamedNode) -> None:
        with self.writing():
            super().remove_triples(triples, graph)

    def clear_graph(self, graph: ox.NamedNode) -> None:
        if self._store.contains_named_graph(graph):
            with self.writing():
                self._store.remove_graph(graph)

    def named_graphs(self) -> list[ox.NamedNode]:
        return [graph for graph in super().named_graphs() if not is_file_graph(graph)]

    def query_stream(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
                     graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
                     named_graphs: Sequence[ox.NamedNode] | None = None) -> QueryStream:
        # The per-file graphs are the store's bookkeeping: GRAPH ?g reaches only the project's graphs.
        return super().query_stream(sparql, bindings=bindings, graphs=graphs,
                                    named_graphs=self.named_graphs() if named_graphs is None else named_graphs)

    # --- the record of what the store holds ----------------------------------------------

    def read_state(self) -> dict:
        """What the store was last filled from: ``files`` (by path: sha256, size, mtime_ns,
        triples, graph) and ``derived`` (by graph: inputs)."""
        try:
            state = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"files": {}, "derived": {}}
        return state if isinstance(state, dict) and {"files", "derived"} <= set(state) else {"files": {}, "derived": {}}

    def write_state(self, state: dict) -> None:
        from .files import write_atomically

        try:
            write_atomically(self.state_file, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as error:
            raise HskgError(f"cannot record the store's state in {self.state_file}: {error.strerror}") from None

    def derived_inputs(self, graph: ox.NamedNode) -> str | None:
        return self.read_state()["derived"].get(graph.value)

    def record_derived(self, graph: ox.NamedNode, inputs: str) -> None:
        with self.writing():
            state = self.read_state()
            state["derived"][graph.value] = inputs
            self.write_state(state)

    def file_graphs(self) -> list[ox.NamedNode]:
        return [graph for graph in self._store.named_graphs() if is_file_graph(graph)]

    def holds_file_graph(self, graph: ox.NamedNode) -> bool:
        return self._store.contains_named_graph(graph)

    def remove_file_graphs(self, removed: Mapping[ox.NamedNode, ox.NamedNode]) -> None:
        """Remove each file graph and its triples from the graph it fed (``removed``: file graph →
        ontology or data graph), keeping the triples another file graph still holds.  One update
        per file, so that the engine, not Python, walks the triples."""
        with self.writing():
            for graph, target in removed.items():
                self._store.update(
                    f"DELETE {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
                    f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                    f"FILTER(?other != {graph} && STRSTARTS(STR(?other), \"{FILE_GRAPH_PREFIX}\")) }} }}")
                self._store.remove_graph(graph)

    def add_file(self, quads: list[ox.Quad], target: ox.NamedNode) -> None:
        """One file's triples into its own graph and into ``target``, in one transaction."""
        with self.writing():
            self._store.extend([*quads, *(ox.Quad(q.subject, q.predicate, q.object, target) for q in quads)])
