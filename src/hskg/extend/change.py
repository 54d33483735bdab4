"""One change to the graph, from plan to disk: the files it writes or deletes, the whole
graph validated with them, then one journaled write under the project's lock.

Every command of ``hskg add``, ``edit``, ``remove`` and ``import`` is a planner: a
function from the graph as it is now to a ``Plan``.  ``apply_change`` runs it on a fresh
load of the project *under the lock*, so that two concurrent changes never validate
against a graph the other is changing; a refusal (bad input, a finding) writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

import pyoxigraph as ox

from ..store import DATA_GRAPH, ONTOLOGY_GRAPH, open_store

if TYPE_CHECKING:
    from ..validate import Finding, ValidationReport



@dataclass
class Plan:
    """What a change writes (``None``: deletes), what it is about, and what to tell the user."""

    files: dict[Path, bytes | None]
    nodes: set[str] = field(default_factory=set)  # the IRIs the change adds, edits or removes
    done: list[str] = field(default_factory=list)  # one line per thing changed, printed once written
    warnings: list[str] = field(default_factory=list)


@dataclass
class Change:
    """A planned change, the validation of the whole graph with it, and whether it was written."""

    plan: Plan
    report: "ValidationReport"
    written: bool = False

    @property
    def findings(self) -> list["Finding"]:
        """Every error, and the warnings about what this change touches (the graph's older
        warnings are not the user's doing)."""
        return [f for f in self.report.findings if f.severity == "error" or f.node in self.plan.nodes]


Planner = Callable[["object"], Plan]


def apply_change(knowledge, planner: Planner, *, sources_dir: Path | None = None, owl: bool = True,
                 dry_run: bool = False) -> Change:
    """Plan on the project as it is on disk, validate the whole graph with the plan, and
    (unless ``dry_run`` or an error is found) write it as one step.

    Everything happens under the project's lock, after finishing any write that an earlier
    process left half done (``files.complete_journal``).
    """
    from ..files import JOURNAL, complete_journal, project_lock, write_all_or_nothing
    from ..validate import validate

    project = knowledge.project
    journal = project.build_dir / JOURNAL
    with project_lock(project):
        complete_journal(journal)
        current = type(knowledge).open(project)
        plan = planner(current)
        merged = type(knowledge)(project, graph_with(project, plan.files), current.files)
        change = Change(plan, validate(merged, sources_dir=sources_dir, owl=owl))
        if dry_run or change.report.errors or not plan.files:
            return change
        write_all_or_nothing(plan.files, journal)
        change.written = True
        return change


def graph_with(project, files: Mapping[Path, bytes | None]):
    """A new in-memory store holding the project's files as they would be after ``files``
    are written (``None``: the file deleted)."""
    store = open_store()
    on_disk = [(p, ONTOLOGY_GRAPH) for p in project.ontology_files()] + [(p, DATA_GRAPH) for p in project.graph_files()]
    for path, graph in on_disk:
        if path not in files:
            store.load_turtle(path, graph)
    for path, data in files.items():
        if data is not None:
            graph = ONTOLOGY_GRAPH if path.is_relative_to(project.ontology_dir) else DATA_GRAPH
            store.add_triples(ox.parse(data, format=ox.RdfFormat.TURTLE), graph)
    return store


def render_turtle(triples: Iterable[ox.Triple], comment: str) -> bytes:
    """A file written by hskg: a comment that says where it comes from, then its triples as
    the project writes all Turtle (``hskg.export``: sorted, the project's prefixes)."""
    from ..export import serialize

    return f"# {comment}\n\n".encode("utf-8") + serialize(triples, "ttl")


def file_triples(path: Path) -> list[ox.Triple]:
    """The triples of one file written by hskg (blank nodes as parsed)."""
    return list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))


def free_name(folder: Path, base: str, taken: set[str], exists: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first name that is neither a file of
    ``folder``, nor in ``taken``, nor (``exists``) a node of the graph."""
    name, number = base, 1
    while name in taken or (folder / f"{name}.ttl").exists() or exists(name):
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return name
