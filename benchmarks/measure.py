"""How a measure is taken: repeated runs within a time budget, each measure in a child process.

A child process (``python -m benchmarks.child KIND JSON``) has its own peak memory
(``ru_maxrss``), and a big store it builds never makes the next measure slower.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from .results import GraphInfo, Timing
from .synthetic import DEFAULT_SEED

# The folder this package is imported from, which a child process must be able to import
# it from too; it says nothing about where the measured project is.
PACKAGE_HOME = Path(__file__).resolve().parent.parent


@dataclass
class Plan:
    """What a run measures, and how many runs and seconds each measure gets."""

    quick: bool
    sizes: tuple[int, ...]
    runs: int
    seed: int = DEFAULT_SEED

    @property
    def mode(self) -> str:
        return "quick" if self.quick else "full"

    def runs_for(self, triples: int) -> int:
        if self.quick or triples >= 500_000:
            return min(self.runs, 2)
        if triples >= 50_000:
            return min(self.runs, 3)
        return self.runs

    def budget_for(self, triples: int) -> float:
        if self.quick:
            return 10.0
        return 30.0 if triples < 50_000 else (60.0 if triples < 500_000 else 120.0)

    def query_budget_for(self, triples: int) -> float:
        if self.quick:
            return 2.0
        return 5.0 if triples < 50_000 else (10.0 if triples < 500_000 else 15.0)

    def rdflib_cap_for(self, graph: GraphInfo) -> float:
        """Seconds rdflib may take per query (0: not run); small graphs only."""
        if self.quick:
            return 0.0
        return 2.0 if graph.triples <= 20_000 else 0.0


def repeat(action: Callable[[], Any], *, runs: int, warmup: int = 1, budget: float = 60.0) -> Timing:
    """Seconds per run of ``action``: ``warmup`` runs first, then up to ``runs`` runs while
    the ``budget`` (seconds) lasts.  A warm-up that takes half the budget counts as the run."""
    timing = Timing()
    started = time.perf_counter()
    try:
        for _ in range(warmup):
            seconds = _timed(action)
            if seconds > budget / 2:
                timing.runs = [seconds]
                return timing
        for _ in range(max(1, runs)):
            timing.runs.append(_timed(action))
            if time.perf_counter() - started > budget:
                break
    except Exception as error:  # a measure that fails is reported, not fatal
        timing.error = short_error(error)
    return timing


def repeat_side_by_side(actions: Sequence[Callable[[], Any]], *, runs: int, warmup: int = 1,
                        budget: float = 60.0) -> list[Timing]:
    """``repeat`` for actions whose times are compared (a ratio): their runs take turns, so
    that a change of the machine's load (other processes) weighs on each alike.  Each action
    has ``budget`` seconds, as in ``repeat``; when a warm-up takes half of it, the warm-ups
    count as the runs.  An action that fails is reported and left out of the next turns."""
    timings = [Timing() for _ in actions]
    started = time.perf_counter()
    for turn in range(warmup + max(1, runs)):
        seconds = {}
        for index, (action, timing) in enumerate(zip(actions, timings)):
            if timing.error:
                continue
            try:
                seconds[index] = _timed(action)
            except Exception as error:  # a measure that fails is reported, not fatal
                timing.error, timing.runs = short_error(error), []
        warming, slow = turn < warmup, max(seconds.values(), default=0.0) > budget / 2
        if not warming or slow:
            for index, value in seconds.items():
                timings[index].runs.append(value)
        if warming and slow or not warming and time.perf_counter() - started > budget * len(actions):
            break
    return timings


def _timed(action: Callable[[], Any]) -> float:
    gc.collect()  # so that the garbage of earlier runs is not collected during this one
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    del result  # freeing what a run built (a whole store) is not part of its time
    return seconds


def short_error(error: BaseException) -> str:
    """An error as one short line, for a report cell or footnote."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]


def max_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports ``ru_maxrss`` in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_child(kind: str, arguments: dict, *, timeout: float) -> dict:
    """Run one measure in a fresh interpreter; its answer is the JSON on its last stdout line,
    or ``{"error": …}``."""
    command = [sys.executable, "-m", "benchmarks.child", kind, json.dumps(arguments)]
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_HOME), os.environ.get("PYTHONPATH")]))
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return {"error": f"exit {done.returncode}: {tail[:300]}"}
    return json.loads(lines[-1])
