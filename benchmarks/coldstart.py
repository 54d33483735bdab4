"""Cold start: the wall time of whole ``hskg`` processes, from spawn to exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .measure import Plan, repeat
from .results import ColdStart, GraphInfo

COLD_QUERIES = (("notions", ()), ("according-to", ("actor=person:mary-kaldor",)))
COLD_GRAPH_MAX = 150_000  # above this, loading dominates: not a cold start any more
NO_GRAPH = "—"


def hskg_command() -> list[str]:
    """The installed ``hskg`` script beside this interpreter, else ``python -m hskg.cli``."""
    script = Path(sys.executable).with_name("hskg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hskg.cli"]


def cold_commands(graphs: list[GraphInfo]) -> list[tuple[str, str, list[str], bool]]:
    """(shown command, graph name, argv, whether the target applies) of each command timed."""
    commands = [
        ("python -c pass", NO_GRAPH, [sys.executable, "-c", "pass"], False),
        ("python -c 'import hskg.cli'", NO_GRAPH, [sys.executable, "-c", "import hskg.cli"], False),
        ("hskg --version", NO_GRAPH, hskg_command() + ["--version"], False),
    ]
    for graph in graphs:
        if graph.triples > COLD_GRAPH_MAX:
            continue
        for name, params in COLD_QUERIES:
            if graph.copies and name != "notions":
                continue
            arguments = ["--root", graph.root, "query", name] + [x for p in params for x in ("--param", p)]
            shown = "hskg query " + " ".join([name] + [f"--param {p}" for p in params])
            commands.append((shown, graph.name, hskg_command() + arguments, graph.copies == 0))
    return commands


def measure_cold_start(graphs: list[GraphInfo], plan: Plan, cwd: Path) -> list[ColdStart]:
    results = []
    runs = 3 if plan.quick else 10
    for shown, graph_name, command, target in cold_commands(graphs):
        def action(command=command):
            done = subprocess.run(command, capture_output=True, cwd=str(cwd))
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode("utf-8", "replace")[-200:])

        # Synthetic graphs show how start-up grows with the graph; fewer runs do.
        graph_runs = runs if graph_name in ("shipped", NO_GRAPH) else max(2, runs // 3)
        results.append(ColdStart(shown, graph_name, repeat(action, runs=graph_runs, budget=60.0), target))
    return results
