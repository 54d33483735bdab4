"""The stores' figures: the persistent store (cold ``hskg query``, incremental load) and every
catalog query on the embedded store and on Virtuoso, at 100k and 1M triples.

    python -m benchmarks.stores WORK_FOLDER [--out benchmarks/results/stores.md] [--persistent-only]

Synthetic projects (``benchmarks.synthetic``) are written under WORK_FOLDER; Virtuoso is
started there with a fresh database (tests/virtuoso_server.py) and stopped after.  With
``--persistent-only`` only the persistent store's figures are taken (no Virtuoso, no catalog).
Figures, not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from hskg import KnowledgeGraph
from hskg.project import Project
from hskg.store import open_store

from .synthetic import shipped_triples, write_synthetic_project

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"100k": 21, "1M": 210}  # copies of the shipped knowledge (benchmarks.synthetic)
COLD_RUNS = 3
POINT_QUERY = ("--text", "SELECT ?label WHERE { actor:nato rdfs:label ?label }")  # an answer that does not grow
QUERY_LIMIT = 30.0  # seconds; a query stopped there is reported as "nan"
SERVER_GRACE = 5  # seconds after which Virtuoso stops a query the client gave up on (not to slow the next)


def cold_query(project: Path, store: str | None, query: tuple[str, ...] = ("notions",), runs: int = COLD_RUNS) -> float:
    """Median wall time of ``hskg query QUERY`` in a new process (``store`` None: the default one)."""
    command = [sys.executable, "-m", "hskg.cli", "--root", str(project), *(["--store", store] if store else []),
               "query", *query, "--format", "csv"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def timed(action):
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def catalog_times(kg: KnowledgeGraph) -> dict[str, float]:
    kg.graphs()  # the entailments are in place before the clock starts
    times = {}
    for name, entry in kg.catalog().items():
        params = {p.name: p.example for p in entry.parameters}
        try:
            times[name] = timed(lambda: kg.catalog_query(name, params, timeout=QUERY_LIMIT))[1]
        except Exception as error:  # a figure table reports a failure, it does not stop
            print(f"{name}: {error}", file=sys.stderr)
            times[name] = float("nan")
    return times


def measure(work: Path, label: str, copies: int, shipped, virtuoso=None) -> dict:
    project = work / f"synthetic-{copies}"
    if not (project / "graph").is_dir():
        write_synthetic_project(project, shipped, copies)
    store = str(project / "build" / "store")
    figures: dict = {"label": label, "load_before": os.getloadavg()}
    kg, figures["first_load_s"] = timed(lambda: KnowledgeGraph.open(project, store=store))
    figures["triples"] = kg.store.count()
    _, figures["first_entailments_s"] = timed(kg.graphs)
    del kg
    figures["cold_memory_s"] = cold_query(project, "memory", runs=1 if figures["triples"] > 500_000 else COLD_RUNS)
    figures["cold_disk_s"] = cold_query(project, None)  # the default store: build/store
    figures["cold_disk_point_s"] = cold_query(project, None, POINT_QUERY)
    edited = sorted((project / "graph").glob("*.ttl"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + f"\n# edited\n<https://w3id.org/hskg/id/actor/bench> "
                      f"<http://www.w3.org/2000/01/rdf-schema#label> \"bench {time.time()}\" .\n", encoding="utf-8")
    kg, figures["incremental_load_s"] = timed(lambda: KnowledgeGraph.open(project, store=store))
    figures["reloaded_files"] = sum(f.loaded_now for f in kg.files)
    _, figures["incremental_entailments_s"] = timed(kg.graphs)
    if virtuoso is None:
        figures["load_after"] = os.getloadavg()
        return figures
    figures["embedded"] = catalog_times(kg)
    remote = KnowledgeGraph.load_into(Project(project), open_store(virtuoso.sparql, graph_store=virtuoso.graph_store))
    replaced, figures["push_s"] = timed(lambda: kg.push(remote.store))
    figures["push_logged"] = replaced.logged
    figures["virtuoso"] = catalog_times(remote)
    figures["load_after"] = os.getloadavg()
    return figures


def report(results: list[dict]) -> str:
    lines = ["# Stores: the persistent embedded store and Virtuoso", "",
             f"Measured by `python -m benchmarks.stores` on {os.cpu_count()} cores; "
             "synthetic projects of `benchmarks.synthetic`. Seconds, wall clock; a catalog query is stopped "
             f"at {QUERY_LIMIT:g} s (Virtuoso's own MaxQueryExecutionTime stops it {SERVER_GRACE} s later). "
             "The machine is shared: load average (1, 5, 15 min) "
             + "; ".join(f"{r['label']}: {_load(r['load_before'])} before, {_load(r['load_after'])} after"
                         for r in results) + ".", "",
             "| size | triples | first load | first entailments | cold query, memory | cold query, persistent "
             "| cold one-row query, persistent | load after one edited file (files loaded) | entailments after it "
             "| push to Virtuoso |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        push = f"{r['push_s']:.2f}" if "push_s" in r else "—"
        lines.append(f"| {r['label']} | {r['triples']} | {r['first_load_s']:.2f} | {r['first_entailments_s']:.2f} "
                     f"| {r['cold_memory_s']:.2f} | {r['cold_disk_s']:.2f} | {r['cold_disk_point_s']:.2f} "
                     f"| {r['incremental_load_s']:.2f} ({r['reloaded_files']}) | {r['incremental_entailments_s']:.2f} "
                     f"| {push}{'' if r.get('push_logged', True) else ' (swap with the log off)'} |")
    if not all("embedded" in r for r in results):
        return "\n".join(lines) + "\n"
    lines += ["", "Every catalog query, warm (in one process), embedded store beside Virtuoso:", "",
              "| query | " + " | ".join(f"{r['label']} embedded | {r['label']} Virtuoso" for r in results) + " |",
              "|---|" + "---|---|" * len(results)]
    for name in results[0]["embedded"]:
        cells = " | ".join(f"{_seconds(r['embedded'][name])} | {_seconds(r['virtuoso'][name])}" for r in results)
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines) + "\n"


def _load(averages: tuple[float, float, float]) -> str:
    return ", ".join(f"{a:.1f}" for a in averages)


def _seconds(value: float) -> str:
    return f"stopped at {QUERY_LIMIT:g}" if math.isnan(value) else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "stores.md")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--persistent-only", action="store_true", help="no Virtuoso, no catalog table")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT / "tests"))
    from virtuoso_server import PASSWORD, USER, start_virtuoso

    os.environ.update({"HSKG_STORE_USER": USER, "HSKG_STORE_PASSWORD": PASSWORD})
    shipped = shipped_triples(Project(ROOT))
    results = []
    for label in arguments.sizes.split(","):
        if arguments.persistent_only:
            results.append(measure(arguments.work, label, SIZES[label], shipped))
            arguments.out.write_text(report(results), encoding="utf-8")
            continue
        virtuoso = start_virtuoso(arguments.work / f"virtuoso-{label}", buffers=200_000,
                                  query_seconds=int(QUERY_LIMIT) + SERVER_GRACE)
        try:
            results.append(measure(arguments.work, label, SIZES[label], shipped, virtuoso))
        finally:
            virtuoso.stop()
        arguments.out.write_text(report(results), encoding="utf-8")
        print(report(results))


if __name__ == "__main__":
    main()
