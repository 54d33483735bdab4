"""Loading a project: every Turtle file of ``ontology/`` and ``graph/`` into one store.

Files are read in sorted order by pyoxigraph's own parser straight into the store (no
Python object per triple: this is the fast path).  Its blank nodes get fresh ids at
each load, so exports give them canonical ids instead (``hskg.export``): two loads of
the same files export the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .errors import RdfSyntaxError
from .project import Project
from .store import DATA_GRAPH, ONTOLOGY_GRAPH, Store


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    graph: ox.NamedNode


def load_files(store: Store, project: Project) -> list[LoadedFile]:
    """Load the schema into the ontology graph and the knowledge into the data graph.

    Raises ``RdfSyntaxError`` naming the file, line and cause of the first
    unparsable file.
    """
    files = [LoadedFile(p, ONTOLOGY_GRAPH) for p in project.ontology_files()]
    files += [LoadedFile(p, DATA_GRAPH) for p in project.graph_files()]
    for loaded in files:
        try:
            store.load_turtle(loaded.path, loaded.graph)
        except SyntaxError as error:
            raise _syntax_error(error, loaded.path, project.root) from None
        except (OSError, UnicodeDecodeError) as error:
            raise RdfSyntaxError(_shown(loaded.path, project.root), 0, 0, f"cannot read the file: {error}") from None
    return files


def parse_turtle_file(path: Path, *, blank_node_prefix: str, display_root: Path | None = None) -> list[ox.Triple]:
    """All triples of one Turtle file as Python objects (for small files: shapes, fixtures,
    inferences), with blank nodes renamed deterministically."""
    try:
        return list(_renamed_blank_nodes(ox.parse(path=path, format=ox.RdfFormat.TURTLE), blank_node_prefix))
    except SyntaxError as error:
        raise _syntax_error(error, path, display_root) from None
    except (OSError, UnicodeDecodeError) as error:
        raise RdfSyntaxError(_shown(path, display_root), 0, 0, f"cannot read the file: {error}") from None


def _shown(path: Path, root: Path | None) -> Path:
    return path.relative_to(root) if root and path.is_relative_to(root) else path


def _syntax_error(error: SyntaxError, path: Path, root: Path | None) -> RdfSyntaxError:
    line, column = _position(error)
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
