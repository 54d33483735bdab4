"""Loading a project: every Turtle file of ``ontology/`` and ``graph/`` into one store.

Files are read in sorted order by pyoxigraph's own parser straight into the store (no
Python object per triple: this is the fast path).  Its blank nodes get fresh ids at
each load, so exports give them canonical ids instead (``hskg.export``): two loads of
the same files export the same bytes.

An on-disk store (``hskg.store_disk``) is not filled again but kept in step
(``sync_files``): only the files whose content changed since the last command are
removed and loaded again.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyoxigraph as ox

from .errors import RdfSyntaxError
from .project import Project
from .scan import TooDeep, check_nesting
from .store import DATA_GRAPH, ONTOLOGY_GRAPH, Store

NEWLINE = ord("\n")
MAX_TURTLE_BYTES = 64 * 1024 * 1024  # one Turtle file; the shipped graph's largest is 16 KB
BOM = b"\xef\xbb\xbf"
if TYPE_CHECKING:
    from .store_disk import DiskStore


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    graph: ox.NamedNode
    # The sha256 of its content, when the loader knows it already; from an on-disk store, that of
    # its triples (N-Triples lines), so that what is derived from it outlives an edit of its layout.
    digest: bytes | None = None
    loaded_now: bool = True  # False: an on-disk store held its triples already


def project_files(project: Project) -> list[LoadedFile]:
    """The files a project loads, in order, each with the graph it goes to."""
    files = [LoadedFile(p, ONTOLOGY_GRAPH) for p in project.ontology_files()]
    return files + [LoadedFile(p, DATA_GRAPH) for p in project.graph_files()]


def load_files(store: Store, project: Project) -> list[LoadedFile]:
    """Load the schema into the ontology graph and the knowledge into the data graph.

    Raises ``RdfSyntaxError`` naming the file, line and cause of the first
    unparsable file, or of the first past an input limit (``checked_turtle``).
    """
    files = project_files(project)
    for loaded in files:
        checked_turtle(loaded.path, project.root)  # the input limits, before the parser recurses
        with _reading(loaded.path, project.root):
            store.load_turtle(loaded.path, loaded.graph)
    return files


@dataclass(frozen=True)
class AssertedChange:
    """What one ``sync_files`` took out of the files' graphs (``removed``) and put in (``added``),
    with the store's record from before it: enough for ``hskg.entailment_delta`` to bring the
    entailments in step instead of computing them again."""

    added: list[ox.Triple]
    removed: list[ox.Triple]
    record_before: dict  # DiskStore.read_state() before the sync: ``files`` and ``derived``


@dataclass(frozen=True)
class Synced:
    files: list[LoadedFile]  # each project file, as the store now holds it
    change: AssertedChange | None  # None: nothing was written


def sync_files(store: "DiskStore", project: Project) -> Synced:
    """Bring an on-disk store in step with the project's files; only what changed is loaded.

    A file whose size and modification time are those recorded is taken as unchanged (as
    git's index does); any other is hashed, and loaded again only if its content differs
    (from the bytes it was hashed from: each changed file is read once).  A changed or
    deleted file's triples are removed exactly (its own graph says which); every derived
    graph is then out of date (``DiskStore.derived_inputs`` forgets them).  The plan is made
    under a read lock, and made again under the writer's lock only when something must be
    written (another process may have brought the store in step meanwhile).  On a syntax
    error the files loaded before it stay loaded and recorded, the bad file's old triples
    stay out, and ``RdfSyntaxError`` names it.  The change is the triples each changed file
    gained and lost, from the lines kept of it, or from its graph when they are missing; a
    deleted file's triples are taken from its graph.
    """
    with store.reading():
        plan = _SyncPlan.make(store, project, {})
    if plan.in_step:
        return Synced(plan.files, None)
    with store.writing():
        plan = _SyncPlan.make(store, project, plan.contents)
        if plan.in_step:
            return Synced(plan.files, None)
        change = plan.apply(store, project)
    return Synced(plan.files, change)


@dataclass
class _SyncPlan:
    """What bringing a store in step with the files takes."""

    state: dict  # the store's record
    current: dict  # the record of the files the store holds as they are, by path
    changed: list  # (file, path, content or None when not read yet) of each file to load
    strays: list  # the file graphs that no unchanged file accounts for
    files: list  # each project file as a LoadedFile
    contents: dict  # path → (size, mtime_ns, content) of each file read while planning

    @property
    def in_step(self) -> bool:
        return not self.changed and not self.strays and self.current == self.state["files"]

    @classmethod
    def make(cls, store: "DiskStore", project: Project, contents: dict) -> "_SyncPlan":
        from .store_disk import file_graph

        state = store.read_state()
        recorded: dict = state["files"]
        plan = cls(state, {}, [], [], [], {})
        for loaded in project_files(project):
            relative = _shown(loaded.path, project.root).as_posix()
            entry = recorded.get(relative)
            entry = entry if entry and "lines_sha256" in entry else None  # else recorded by an older hskg
            held = bool(entry) and (entry["triples"] == 0 or store.holds_file_graph(file_graph(relative)))
            content = None
            with _reading(loaded.path, project.root):
                status = loaded.path.stat()
                stamp = (status.st_size, status.st_mtime_ns)
                if entry and (entry["size"], entry["mtime_ns"]) != stamp:
                    seen = contents.get(relative)
                    content = seen[2] if seen and seen[:2] == stamp else loaded.path.read_bytes()
                    plan.contents[relative] = (*stamp, content)
                    digest = hashlib.sha256(content).hexdigest()
                    entry = {**entry, "size": stamp[0], "mtime_ns": stamp[1]} if entry["sha256"] == digest else None
            if entry and held:
                plan.current[relative] = entry
                plan.files.append(LoadedFile(loaded.path, loaded.graph, bytes.fromhex(entry["lines_sha256"]), False))
            else:  # a file the record claimed is changed in place; any other graph of it is a stray
                plan.changed.append((loaded, relative, content, held))
        kept = {file_graph(relative) for relative in plan.current}
        kept |= {file_graph(relative) for _, relative, _, held in plan.changed if held}
        plan.strays = [graph for graph in store.file_graphs() if graph not in kept]
        return plan

    def apply(self, store: "DiskStore", project: Project) -> AssertedChange:
        """Load what changed (under the writer's lock).  The record first loses the files about
        to change, and every derived graph before the first triple changes; it regains each
        file once it is loaded: a writer killed half-way leaves a record that claims nothing it
        did not finish.  A file whose triples did not change (a comment, the layout) keeps what
        was derived from it: its digest is that of its triples.  Returns the change."""
        from .store_disk import file_graph, file_of, ntriples, target_graph

        state = {**self.state, "files": self.current}
        store.write_state(state)
        change = AssertedChange([], [], self.state)

        def before_a_triple_changes() -> None:
            if state["derived"]:
                state["derived"] = {}
                store.write_state(state)

        if self.strays:
            before_a_triple_changes()
            change.removed.extend(store.remove_file_graphs({graph: target_graph(file_of(graph))
                                                            for graph in self.strays}))
        try:
            for loaded, relative, content, held in self.changed:
                with _reading(loaded.path, project.root):
                    status = loaded.path.stat()
                    content = content if content is not None else loaded.path.read_bytes()
                    # the input limits, before the parser recurses
                    lines = _ntriples_lines(checked_bytes(content, _shown(loaded.path, project.root)), relative)
                graph = file_graph(relative)
                before = store.kept_lines(relative, self.state["files"][relative]["triples"]) if held else None
                if before != lines:
                    before_a_triple_changes()
                    if before is None and held:  # its old lines are missing: its old graph goes whole
                        change.removed.extend(store.remove_file_graphs({graph: loaded.graph}))
                    before = before or set()
                    removed, added = ntriples(before - lines), ntriples(lines - before)
                    store.change_file(graph, removed, added, loaded.graph)
                    change.removed.extend(removed)
                    change.added.extend(added)
                    store.keep_lines(relative, lines)
                digest = hashlib.sha256(b"\n".join(sorted(lines))).digest()
                self.current[relative] = {"sha256": hashlib.sha256(content).hexdigest(), "size": status.st_size,
                                          "mtime_ns": status.st_mtime_ns, "triples": len(lines),
                                          "lines_sha256": digest.hex()}
                self.files.append(LoadedFile(loaded.path, loaded.graph, digest))
        finally:
            store.write_state(state)
        order = {loaded.path: index for index, loaded in enumerate(project_files(project))}
        self.files.sort(key=lambda loaded: order[loaded.path])
        return change


def _ntriples_lines(content: bytes, relative: str) -> set[bytes]:
    """A Turtle file's triples as N-Triples lines, the same lines each time the same content is
    read: its blank nodes are named by the file's path and the order they first appear in (the
    parser names an anonymous one at random), so that a changed file is compared with its last
    version line by line and only the difference is written.  Raises ``SyntaxError``."""
    text = ox.serialize(ox.parse(content, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    prefix = b"f" + hashlib.sha256(relative.encode("utf-8")).hexdigest()[:12].encode("ascii") + b"b"
    names: dict[bytes, bytes] = {}

    def renamed(match: re.Match) -> bytes:
        # A blank node is a line's subject or its object, right before the final " ."; the same
        # characters inside a literal are text (a literal ends with a quote, a tag or an IRI).
        start, end = match.span()
        if start == 0 or text[start - 1] == NEWLINE or text[end:end + 3] in (b" .\n", b" ."):
            return b"_:" + names.setdefault(match.group(1), prefix + str(len(names)).encode("ascii"))
        return match.group(0)

    return set(re.sub(rb"_:([A-Za-z0-9_.-]+)", renamed, text).splitlines())


@contextlib.contextmanager
def _reading(path: Path, root: Path | None):
    """Turn a parser's or the file system's complaint about ``path`` into ``RdfSyntaxError``."""
    try:
        yield
    except SyntaxError as error:
        raise _syntax_error(error, path, root) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RdfSyntaxError(_shown(path, root), 0, 0, f"cannot read the file: {error}") from None


def parse_turtle_file(path: Path, *, blank_node_prefix: str, display_root: Path | None = None) -> list[ox.Triple]:
    """All triples of one Turtle file as Python objects (for small files: shapes, fixtures,
    inferences), with blank nodes renamed deterministically.

    Checked first (``checked_turtle``): at most ``MAX_TURTLE_BYTES``, UTF-8, nested at most
    ``MAX_NESTING`` deep; a byte order mark at the start is skipped."""
    data = checked_turtle(path, display_root)
    try:
        return list(_renamed_blank_nodes(ox.parse(data, format=ox.RdfFormat.TURTLE), blank_node_prefix))
    except SyntaxError as error:
        raise _syntax_error(error, path, display_root) from None


def checked_turtle(path: Path, display_root: Path | None = None) -> bytes:
    """The bytes of a Turtle file, without a leading byte order mark, once they are known
    to be safe to hand to a parser (``checked_bytes``).  Raises ``RdfSyntaxError`` naming the file."""
    shown = _shown(path, display_root)
    try:
        if path.stat().st_size > MAX_TURTLE_BYTES:
            raise _too_large(shown)
        data = path.read_bytes()
    except OSError as error:
        raise RdfSyntaxError(shown, 0, 0, f"cannot read the file: {error.strerror}") from None
    return checked_bytes(data, shown)


def checked_bytes(data: bytes, shown: Path) -> bytes:
    """A Turtle file's bytes (``shown`` names it), without a leading byte order mark, once they
    are known to be safe to hand to a parser: not larger than ``MAX_TURTLE_BYTES``, valid UTF-8
    and nested no deeper than ``MAX_NESTING`` (deeper blank nodes crash the serializers).
    Raises ``RdfSyntaxError``."""
    if len(data) > MAX_TURTLE_BYTES:
        raise _too_large(shown)
    data = data.removeprefix(BOM)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RdfSyntaxError(shown, line, 0, f"not valid UTF-8 (byte {error.start}: {error.reason})") from None
    try:
        check_nesting(data, str(shown))
    except TooDeep as error:
        raise RdfSyntaxError(shown, error.line, 0, error.reason) from None
    return data


def _too_large(shown: Path) -> RdfSyntaxError:
    return RdfSyntaxError(shown, 0, 0, f"the file is larger than {MAX_TURTLE_BYTES // 1024 // 1024} MiB "
                                       "(the limit of hskg); split it")


def _shown(path: Path, root: Path | None) -> Path:
    return path.relative_to(root) if root and path.is_relative_to(root) else path


def _syntax_error(error: SyntaxError, path: Path, root: Path | None) -> RdfSyntaxError:
    line, column = _position(error)
    try:
        with open(path, "rb") as stream:
            starts_with_bom = stream.read(len(BOM)) == BOM
    except OSError:
        starts_with_bom = False
    if starts_with_bom and (line, column) == (1, 1):
        # The parser names the invisible character only as "\ufeff is not a valid subject".
        return RdfSyntaxError(_shown(path, root), 1, 1, "the file starts with a byte order mark (U+FEFF); "
                                                        "save it as UTF-8 without one")
    return RdfSyntaxError(_shown(path, root), line, column, _cause(error))


def _renamed_blank_nodes(triples: Iterator[ox.Triple], prefix: str) -> Iterator[ox.Triple]:
    names: dict[str, ox.BlankNode] = {}

    def rename(term):
        if isinstance(term, ox.BlankNode):
            if term.value not in names:
                names[term.value] = ox.BlankNode(f"{prefix}{len(names)}")
            return names[term.value]
        return term

    for triple in triples:
        subject, obj = triple.subject, triple.object
        if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
            yield ox.Triple(rename(subject), triple.predicate, rename(obj))
        else:
            yield triple


def _position(error: SyntaxError) -> tuple[int, int]:
    # pyoxigraph reports (file, line, column, text, end line, end column) in args[1].
    if len(error.args) > 1 and isinstance(error.args[1], tuple) and len(error.args[1]) >= 3:
        return int(error.args[1][1] or 0), int(error.args[1][2] or 0)
    return int(error.lineno or 0), int(error.offset or 0)


def _cause(error: SyntaxError) -> str:
    message = str(error.args[0]) if error.args else str(error)
    # "Parser error between line 3 column 11 and line 4 column 1: Unexpected end of file"
    return message.split(": ", 1)[1] if message.startswith("Parser error") and ": " in message else message
