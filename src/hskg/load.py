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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pyoxigraph as ox

from .errors import RdfSyntaxError
from .project import Project
from .scan import TooDeep, check_nesting
from .store import DATA_GRAPH, ONTOLOGY_GRAPH, Store

MAX_TURTLE_BYTES = 64 * 1024 * 1024  # one Turtle file; the shipped graph's largest is 16 KB
BOM = b"\xef\xbb\xbf"
if TYPE_CHECKING:
    from .store_disk import DiskStore


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    graph: ox.NamedNode
    digest: bytes | None = None  # the sha256 of its content, when the loader knows it already
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


def sync_files(store: "DiskStore", project: Project) -> list[LoadedFile]:
    """Bring an on-disk store in step with the project's files; only what changed is loaded.

    A file whose size and modification time are those recorded is taken as unchanged (as
    git's index does); any other is hashed, and loaded again only if its content differs.
    A changed or deleted file's triples are removed exactly (its own graph says which);
    every derived graph is then out of date (``DiskStore.derived_inputs`` forgets them).
    On a syntax error the files loaded before it stay loaded and recorded, the bad file's
    old triples stay out, and ``RdfSyntaxError`` names it.
    """
    from .store_disk import file_graph

    state = store.read_state()
    recorded: dict = state["files"]
    current: dict = {}
    changed: list[tuple[LoadedFile, str, dict]] = []
    files = []
    for loaded in project_files(project):
        relative = _shown(loaded.path, project.root).as_posix()
        entry, fresh = recorded.get(relative), None
        with _reading(loaded.path, project.root):
            status = loaded.path.stat()
            if not (entry and (entry["size"], entry["mtime_ns"]) == (status.st_size, status.st_mtime_ns)):
                digest = hashlib.sha256(loaded.path.read_bytes()).hexdigest()
                fresh = {"sha256": digest, "size": status.st_size, "mtime_ns": status.st_mtime_ns}
                entry = {**entry, **fresh} if entry and entry["sha256"] == digest else None
        if entry and (entry["triples"] == 0 or store.holds_file_graph(file_graph(relative))):
            current[relative] = entry
        else:
            changed.append((loaded, relative, fresh or {key: entry[key] for key in ("sha256", "size", "mtime_ns")}))
        files.append(LoadedFile(loaded.path, loaded.graph, bytes.fromhex((entry or fresh)["sha256"]),
                                loaded_now=relative not in current))
    strays = _stray_graphs(store, current)
    if not changed and not strays:
        if current != recorded:  # only touched: remember the new times, so that they are not hashed again
            with store.writing():
                store.write_state({**state, "files": current})
        return files
    with store.writing():
        state = {"files": current, "derived": {}}
        try:
            store.remove_file_graphs({graph: _target_of(graph) for graph in strays})
            for loaded, relative, fresh in changed:
                checked_turtle(loaded.path, project.root)  # the input limits, before the parser recurses
                with _reading(loaded.path, project.root):
                    triples = list(ox.parse(path=loaded.path, format=ox.RdfFormat.TURTLE))
                graph = file_graph(relative)
                store.add_file([ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples], loaded.graph)
                current[relative] = {**fresh, "triples": len(triples)}
        finally:
            store.write_state(state)
    return files


def _stray_graphs(store: "DiskStore", current: dict) -> list[ox.NamedNode]:
    """The file graphs in the store that no unchanged file accounts for."""
    from .store_disk import file_graph

    kept = {file_graph(relative) for relative in current}
    return [graph for graph in store.file_graphs() if graph not in kept]


def _target_of(graph: ox.NamedNode) -> ox.NamedNode:
    from urllib.parse import unquote

    from .store_disk import FILE_GRAPH_PREFIX

    relative = unquote(graph.value[len(FILE_GRAPH_PREFIX):])
    return ONTOLOGY_GRAPH if relative.startswith("ontology/") else DATA_GRAPH


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
    to be safe to hand to a parser: not larger than ``MAX_TURTLE_BYTES``, valid UTF-8 and
    nested no deeper than ``MAX_NESTING`` (deeper blank nodes crash the serializers).
    Raises ``RdfSyntaxError`` naming the file."""
    shown = _shown(path, display_root)
    try:
        if path.stat().st_size > MAX_TURTLE_BYTES:
            raise RdfSyntaxError(shown, 0, 0, f"the file is larger than {MAX_TURTLE_BYTES // 1024 // 1024} MiB "
                                              "(the limit of hskg); split it")
        data = path.read_bytes()
    except OSError as error:
        raise RdfSyntaxError(shown, 0, 0, f"cannot read the file: {error.strerror}") from None
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
