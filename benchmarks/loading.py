"""Loading a project: hskg's loader against plain rdflib and pyoxigraph used directly."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

from hskg.project import Project

from .measure import Plan, max_rss_mb, repeat, run_child
from .results import GraphInfo, LoadResult, Timing

LOAD_PATHS = ("hskg", "rdflib", "pyoxigraph", "pyoxigraph-load")
LOAD_PATH_NAMES = {"hskg": "hskg load_project", "rdflib": "rdflib Graph.parse", "pyoxigraph": "pyoxigraph bulk_load",
                   "pyoxigraph-load": "pyoxigraph load"}


def project_files(root: Path) -> list[tuple[Path, ox.NamedNode]]:
    """Each Turtle file hskg loads, with the named graph it goes into."""
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH

    project = Project(root)
    return [(p, ONTOLOGY_GRAPH) for p in project.ontology_files()] + [(p, DATA_GRAPH) for p in project.graph_files()]


def measure_load(graph: GraphInfo, path: str, plan: Plan) -> LoadResult:
    answer = run_child("load", {"root": graph.root, "path": path, "runs": plan.runs_for(graph.triples),
                                "budget": plan.budget_for(graph.triples)}, timeout=1800)
    if "timing" not in answer:
        return LoadResult(graph.name, path, graph.triples, Timing(error=answer["error"]))
    return LoadResult(graph.name, path, answer["triples"] or graph.triples, Timing.from_dict(answer["timing"]),
                      answer["peak_rss_mb"], answer["imports_rss_mb"])


def child_load(root: str, path: str, runs: int, budget: float) -> dict:
    """In the child: load the project at ``root`` by ``path`` (one of ``LOAD_PATHS``)."""
    counted: list[int] = []  # the triples of the first load, to report the size actually loaded
    action = _loader(path, Path(root), counted)
    imports = max_rss_mb()
    timing = repeat(action, runs=runs, budget=budget)
    return {"timing": asdict(timing), "triples": counted[0] if counted else 0, "peak_rss_mb": max_rss_mb(),
            "imports_rss_mb": imports}


def _loader(path: str, root: Path, counted: list[int]) -> Callable[[], Any]:
    files = project_files(root)
    if path == "hskg":
        from hskg.knowledge import load_project

        def load_with_hskg():
            knowledge = load_project(Project(root))
            if not counted:
                counted.append(knowledge.store.count())
            return knowledge
        return load_with_hskg
    if path == "rdflib":
        import rdflib

        def load_with_rdflib():
            graph = rdflib.Graph()
            for file, _ in files:
                graph.parse(file, format="turtle")
            if not counted:
                counted.append(len(graph))
            return graph
        return load_with_rdflib
    bulk = path == "pyoxigraph"

    def load_with_pyoxigraph():
        store = ox.Store()
        for file, graph in files:
            if bulk:
                store.bulk_load(path=file, format=ox.RdfFormat.TURTLE, to_graph=graph)
            else:
                store.load(path=file, format=ox.RdfFormat.TURTLE, to_graph=graph)
        if not counted:
            counted.append(len(store))
        return store
    return load_with_pyoxigraph
