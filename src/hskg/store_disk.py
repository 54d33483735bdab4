"""The persistent embedded store: Oxigraph in a folder (``build/store/`` by default), shared
safely between processes and kept in step with the project's files.

RocksDB, under Oxigraph, allows one writer per folder; a read-only handle sees the folder as
it was when it was opened, and reading through it while another process writes is undefined
(``pyoxigraph.Store.read_only``; pyoxigraph 0.5 has no secondary mode that would follow a
writer).  So two lock files beside the folder order the processes:

- a read (one query, one count, one listing) holds ``store.lock`` shared for that read only,
  never for the life of the process, so a writer waits at most for the reads in flight;
- a write holds ``store.lock`` exclusive, with a read-write handle opened for it and closed
  after it; before it changes anything it writes a new *generation* (a random stamp) into
  ``store.lock``.  A reader compares the stamp with the one its handle was opened at, under
  its shared lock, and opens a fresh read-only handle when they differ: a handle opened
  before a write is never read after it, even when the writer was killed half-way;
- ``store.turn`` is the writer's turn: a writer holds it while it waits and writes, and a
  reader passes through it before taking its shared lock, so that a stream of overlapping
  reads (``hskg serve`` under load) cannot keep a writer out.

``flock`` locks belong to an open file description, which a forked process shares with its
parent: each process (a server's forked worker too) opens the lock files itself.

Each loaded file keeps its triples in a named graph of its own (``file_graph``) besides the
ontology or data graph that queries read, so that removing a changed file's triples is exact
(a triple another file also asserts stays).  ``store.files/`` keeps each file's triples as
N-Triples lines, so that a change is compared with them and only the difference is written; a
derived graph is changed in place by the difference too (``changing_derived``).  A small
record beside the folder (``store.json``) holds each file's content hash, size, modification
time and the hash of its triples, and the inputs each derived graph (entailments, inferences)
was computed from: an unchanged project costs one ``stat`` per file.  A writer takes a claim
out of the record before it changes what the claim is about and puts it back after, so the
record never claims what a killed writer left half done.  Deleting the folder and its record
loses nothing: the next command loads again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence
from urllib.parse import quote, unquote

import pyoxigraph as ox

from .errors import HskgError
from .namespaces import HSKG_GRAPH
from .store_memory import OxigraphStore
from .store_protocol import ASSERTED_GRAPHS, DATA_GRAPH, ONTOLOGY_GRAPH, QueryResult, QueryStream, Term

FILE_GRAPH_PREFIX = HSKG_GRAPH + "file/"
STAMP_BYTES = 16  # a generation: 8 random bytes, in hex


def file_graph(relative: str) -> ox.NamedNode:
    """The named graph that holds one file's triples, named by its path in the project."""
    return ox.NamedNode(FILE_GRAPH_PREFIX + quote(relative))


def is_file_graph(graph: ox.NamedNode) -> bool:
    return graph.value.startswith(FILE_GRAPH_PREFIX)


def file_of(graph: ox.NamedNode) -> str:
    """The path in the project of the file whose triples a file graph holds."""
    return unquote(graph.value[len(FILE_GRAPH_PREFIX):])


def target_graph(relative: str) -> ox.NamedNode:
    """The graph a project file feeds: the ontology graph for ``ontology/``, else the data graph."""
    return ONTOLOGY_GRAPH if relative.startswith("ontology/") else DATA_GRAPH


class _LockFiles:
    """This process's own open descriptions of the two lock files."""

    def __init__(self, lock_file: Path, turn_file: Path) -> None:
        self.pid = os.getpid()
        self.lock = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        self.turn = os.open(turn_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        self.lock_file = lock_file

    def current(self) -> bool:
        """Opened by this process, on the lock file that is there now (a deleted ``build/``
        gets new ones)."""
        try:
            return self.pid == os.getpid() and os.stat(self.lock_file).st_ino == os.fstat(self.lock).st_ino
        except OSError:
            return False

    def close(self) -> None:
        # In a forked child this closes the child's descriptors only: the parent's locks stay.
        for descriptor in (self.lock, self.turn):
            with contextlib.suppress(OSError):
                os.close(descriptor)


class DiskStore(OxigraphStore):
    """An on-disk Oxigraph store: each read under a shared lock, each write under an exclusive one."""

    _opened: dict[Path, "DiskStore"] = {}

    @classmethod
    def open(cls, path: Path) -> "DiskStore":
        """The store in ``path``, one per folder and process (a write inside another handle's read
        of the same folder would wait for itself)."""
        key = path.resolve()
        store = cls._opened.get(key)
        if store is None or not store._files.current():  # a deleted folder gets a new store
            store = cls._opened[key] = cls(path)
        return store

    def __init__(self, path: Path) -> None:
        self.path = path
        self.state_file = path.with_name(path.name + ".json")
        self.lock_file = path.with_name(path.name + ".lock")
        self.turn_file = path.with_name(path.name + ".turn")
        self.copies = path.with_name(path.name + ".files")  # build/store.files/: see kept_lines
        self.generation = b""  # the stamp the read-only handle was opened at
        self._files = _LockFiles(self.lock_file, self.turn_file)
        self._store = None  # opened by the first read, after a write, and when the generation moved
        self._reading = self._writing = False
        self._graphs_listed: tuple[bytes, list[ox.NamedNode]] | None = None  # (generation, graphs)
        # The threads of a process share its lock files' descriptions (a lock taken by one is
        # held by all): they take their turns here, one read or write at a time.
        self._thread_turn = threading.RLock()
        if not any(path.iterdir()):
            with self.writing():
                pass  # creates the database

    def _locks(self) -> _LockFiles:
        if not self._files.current():
            self._files.close()
            self._files, self._store = _LockFiles(self.lock_file, self.turn_file), None
        return self._files

    @contextlib.contextmanager
    def reading(self):
        """Hold the store for one read: the shared lock, and a read-only handle opened at the
        current generation.  Nested reads (and reads inside a write) share the outer one."""
        with self._thread_turn:
            if self._reading or self._writing:
                yield
            else:
                with self._locked_for_reading():
                    yield

    @contextlib.contextmanager
    def _locked_for_reading(self):
        files = self._locks()
        fcntl.flock(files.turn, fcntl.LOCK_EX)  # waits while a writer has its turn
        try:
            fcntl.flock(files.lock, fcntl.LOCK_SH)
        finally:
            fcntl.flock(files.turn, fcntl.LOCK_UN)
        self._reading = True
        try:
            generation = os.pread(files.lock, STAMP_BYTES, 0)
            if self._store is None or generation != self.generation:
                self._store = None  # the stale handle is closed before the fresh one opens
                self._store = ox.Store.read_only(str(self.path))
                self.generation = generation
            yield
        finally:
            self._reading = False
            fcntl.flock(files.lock, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writing(self, *, previous: bytes | None = None):
        """Hold the store read-write (and every other process out) for the writes inside; yields
        whether the generation was ``previous`` when the lock was taken (no write came between)."""
        with self._thread_turn:
            if self._writing:
                yield previous in (None, self.generation)
            elif self._reading:
                raise RuntimeError("a write inside a read of the same store would wait for itself")
            else:
                with self._locked_for_writing(previous) as unchanged:
                    yield unchanged

    @contextlib.contextmanager
    def _locked_for_writing(self, previous: bytes | None):
        files = self._locks()
        fcntl.flock(files.turn, fcntl.LOCK_EX)
        try:
            fcntl.flock(files.lock, fcntl.LOCK_EX)
            self._writing = True
            self._store = None
            unchanged = previous in (None, os.pread(files.lock, STAMP_BYTES, 0))
            generation = os.urandom(STAMP_BYTES // 2).hex().encode("ascii")
            os.pwrite(files.lock, generation, 0)  # from here on every read-only handle is stale
            self._store = ox.Store(str(self.path))
            yield unchanged
            self._store.flush()
            self.generation = generation
        finally:
            self._writing = False
            self._store = None  # the read-write handle is closed before another process opens one
            fcntl.flock(files.lock, fcntl.LOCK_UN)
            fcntl.flock(files.turn, fcntl.LOCK_UN)

    def changed_since(self, generation: bytes) -> bool:
        """Whether a write (of this process or another) came after ``generation``."""
        with self.reading():
            return self.generation != generation

    # --- the Store protocol, each call one read or one write -------------------------------

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
        with self.writing():
            super().clear_graph(graph)

    def named_graphs(self) -> list[ox.NamedNode]:
        """The project's graphs (not the per-file ones), listed once per generation: every query
        asks for them (GRAPH ?g reaches these), and listing the store's 40-odd graphs was a
        third of a cheap query's time."""
        with self.reading():
            if self._writing:
                return self._project_graphs()
            if self._graphs_listed is None or self._graphs_listed[0] != self.generation:
                self._graphs_listed = (self.generation, self._project_graphs())
            return list(self._graphs_listed[1])

    def _project_graphs(self) -> list[ox.NamedNode]:
        return [graph for graph in super().named_graphs() if not is_file_graph(graph)]

    def query_stream(self, sparql: str, *, bindings: Mapping[str, Term] | None = None,
                     graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS,
                     named_graphs: Sequence[ox.NamedNode] | None = None) -> QueryStream:
        """The answer as the engine finds it, under the shared lock until the stream is closed
        (read it inside ``with``: it is one read).  GRAPH ?g reaches only the project's graphs:
        the per-file graphs are the store's bookkeeping."""
        lock = contextlib.ExitStack()
        lock.enter_context(self.reading())
        try:
            stream = super().query_stream(sparql, bindings=bindings, graphs=graphs,
                                          named_graphs=self.named_graphs() if named_graphs is None else named_graphs)
        except BaseException:
            lock.close()
            raise
        stream.closers.append(lock.close)
        return stream

    def query(self, sparql: str, **options) -> QueryResult:
        with self.query_stream(sparql, **options) as stream:
            return stream.held()

    def triples(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> Iterator[ox.Triple]:
        # Read whole under one lock: a caller may take its time over them.
        with self.reading():
            return iter(list(super().triples(graphs)))

    def count(self, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> int:
        with self.reading():
            return super().count(graphs)

    def holds(self, triple: ox.Triple, graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> bool:
        with self.reading():
            return super().holds(triple, graphs)

    # --- the record of what the store holds ----------------------------------------------

    def read_state(self) -> dict:
        """What the store was last filled from: ``files`` (by path: sha256, size, mtime_ns,
        triples, lines_sha256) and ``derived`` (by graph: inputs)."""
        try:
            state = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"files": {}, "derived": {}}
        return state if isinstance(state, dict) and {"files", "derived"} <= set(state) else {"files": {}, "derived": {}}

    def write_state(self, state: dict) -> None:
        """Record ``state`` (under the writer's lock)."""
        from .files import write_atomically

        if not self._writing:
            raise RuntimeError("the store's record is written under the writer's lock")
        try:
            write_atomically(self.state_file, json.dumps(state, indent=1, sort_keys=True).encode("utf-8"))
        except OSError as error:
            raise HskgError(f"cannot record the store's state in {self.state_file}: {error.strerror}") from None

    def derived_inputs(self, graph: ox.NamedNode) -> str | None:
        return self.read_state()["derived"].get(graph.value)

    @contextlib.contextmanager
    def changing_derived(self, graph: ox.NamedNode, inputs: str, *, since: bytes | None):
        """Hold the store for a change of a derived graph, if no write came after generation
        ``since`` (the one its new content was derived at; None: any); yields whether it may
        go ahead.  The graph's record goes first and comes back, with ``inputs``, once the
        change is done: a writer killed half-way leaves a graph that claims nothing."""
        with self.writing(previous=since) as unchanged:
            if not unchanged:
                yield False
                return
            state = self.read_state()
            state["derived"].pop(graph.value, None)
            self.write_state(state)
            yield True
            state["derived"][graph.value] = inputs
            self.write_state(state)

    def replace_derived(self, graph: ox.NamedNode, triples: list[ox.Triple], inputs: str, *, since: bytes | None) -> bool:
        """Make a derived graph hold ``triples`` and record the inputs they were derived from, if
        no write came after generation ``since``; else change nothing and return False.  Only
        the difference with what the graph holds is written."""
        with self.changing_derived(graph, inputs, since=since) as unchanged:
            if unchanged:
                new, old = set(triples), set(super().triples([graph]))
                super().remove_triples(old - new, graph)
                super().add_triples(new - old, graph)
        return unchanged

    def asserted_copy(self) -> OxigraphStore:
        """What the ontology and data graphs hold, in a store in memory (read under one shared
        lock from the lines kept of each file, else from the store)."""
        copy = OxigraphStore()
        with self.reading():
            files = self.read_state()["files"]
            kept = {relative: self._kept_bytes(relative, entry["triples"]) for relative, entry in files.items()}
            if None in kept.values():
                for graph in ASSERTED_GRAPHS:
                    copy.add_triples(self.triples([graph]), graph)
                return copy
        for relative, data in kept.items():
            copy._store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=target_graph(relative))
        return copy

    def file_graphs(self) -> list[ox.NamedNode]:
        with self.reading():
            return [graph for graph in self._store.named_graphs() if is_file_graph(graph)]

    def holds_file_graph(self, graph: ox.NamedNode) -> bool:
        with self.reading():
            return self._store.contains_named_graph(graph)

    def remove_file_graphs(self, removed: Mapping[ox.NamedNode, ox.NamedNode]) -> list[ox.Triple]:
        """Remove each file graph and its triples from the graph it fed (``removed``: file graph →
        ontology or data graph), keeping the triples another file graph still holds; returns
        the triples that left the ontology and data graphs."""
        gone = []
        with self.writing():
            for graph, target in removed.items():
                only_here = [quad.triple for quad in self._store.quads_for_pattern(None, None, None, graph)
                             if not self._held_elsewhere(quad.triple, graph)]
                super().remove_triples(only_here, target)  # first: a writer killed after it leaves a stray
                self._store.remove_graph(graph)  # file graph, which the next command removes again
                self.forget_lines(file_of(graph))
                gone.extend(only_here)
        return gone

    def _held_elsewhere(self, triple: ox.Triple, graph: ox.NamedNode) -> bool:
        return any(other.graph_name != graph and is_file_graph(other.graph_name)
                   for other in self._store.quads_for_pattern(*triple, None))

    def change_file(self, graph: ox.NamedNode, gone: list[ox.Triple], added: list[ox.Triple],
                    target: ox.NamedNode) -> None:
        """Take ``gone`` out of a file's graph and put ``added`` in, and into ``target`` (the
        ontology or data graph) with it.  The triples gained go into both graphs in one
        transaction; those lost leave ``target`` (unless another file holds them) before they
        leave the file's graph, so that ``target`` never keeps a triple no file graph accounts for."""
        with self.writing():
            super().remove_triples([triple for triple in gone if not self._held_elsewhere(triple, graph)], target)
            super().remove_triples(gone, graph)
            self._store.extend([ox.Quad(*triple, name) for triple in added for name in (graph, target)])

    # --- the N-Triples of each loaded file, as the store holds them (``hskg.load.sync_files``
    # compares a changed file with them, so that only the difference is written and nothing is
    # read from the store)

    def _copy_path(self, key: str) -> Path:
        return self.copies / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".nt")

    def _kept_bytes(self, key: str, triples: int) -> bytes | None:
        try:
            data = self._copy_path(key).read_bytes()
        except OSError:
            return None
        return data if (data.count(b"\n") + 1 if data else 0) == triples else None

    def kept_lines(self, key: str, triples: int) -> set[bytes] | None:
        """The lines kept for a file (by path), or None when they are missing or not ``triples``
        lines."""
        data = self._kept_bytes(key, triples)
        return None if data is None else set(data.splitlines())

    def keep_lines(self, key: str, lines: set[bytes]) -> None:
        from .files import write_atomically

        self.copies.mkdir(exist_ok=True)
        write_atomically(self._copy_path(key), b"\n".join(lines))

    def forget_lines(self, key: str) -> None:
        self._copy_path(key).unlink(missing_ok=True)


def ntriples(lines: Iterable[bytes]) -> list[ox.Triple]:
    """The triples of N-Triples lines."""
    return [quad.triple for quad in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES)]
