"""What a run measured: plain records, built by the measures and read by the report."""

from __future__ import annotations

import os
import platform
import re
import statistics
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .browser import CHROMIUM

LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx", "pyvis", "playwright")


@dataclass
class Environment:
    date: str
    cores: int
    memory_gb: float
    python: str
    versions: dict[str, str]
    mode: str

    def line(self) -> str:
        parts = [f"Run {self.date}", f"{self.cores} cores", f"{self.memory_gb:.0f} GB", f"Python {self.python}"]
        parts += [f"{name} {version}" for name, version in self.versions.items()]
        return "**Machine:** " + " · ".join(parts) + f" · mode {self.mode}"


def environment(mode: str) -> Environment:
    """This machine, now: cores, Python, and the version of every library measured."""
    from importlib import metadata

    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    versions["chromium"] = chromium_version()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return Environment(date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), cores=os.cpu_count() or 1,
                       memory_gb=memory / 2**30, python=platform.python_version(), versions=versions, mode=mode)


def chromium_version() -> str:
    if not CHROMIUM.exists():
        return "missing"
    try:
        done = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    match = re.search(r"(\d+(?:\.\d+)+)", done.stdout)
    return match.group(1) if match else "unknown"


@dataclass
class GraphInfo:
    name: str
    root: str
    triples: int
    files: int
    copies: int  # copies of the shipped knowledge; 0 for the shipped graph itself
    generate_s: float = 0.0
    turtle_mb: float = 0.0
    nominal: int = 0  # the size asked for (100_000 for "synthetic 100k"); 0 for the shipped graph


@dataclass
class Timing:
    """Seconds of each measured run (the warm-up left out, unless it was the only run)."""

    runs: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @classmethod
    def from_dict(cls, data: dict | None) -> "Timing":
        """A timing sent by a child process as JSON (``None``: not measured)."""
        return cls(**data) if data else cls()


@dataclass
class LoadResult:
    graph: str
    path: str
    triples: int
    timing: Timing
    peak_rss_mb: float | None = None
    imports_rss_mb: float | None = None

    @property
    def rate(self) -> float | None:
        median = self.timing.median
        return self.triples / median if median else None


@dataclass
class QueryTimes:
    query: str
    rows: int | None
    hskg: Timing  # what `hskg query` runs: run_query in process, a watchdog keeping the time limit
    hskg_forked: Timing  # the library's default: run_query in a forked child it can stop
    pyoxigraph: Timing  # Store.query on a store of the same files, default graph
    rdflib: Timing | None = None  # Graph.query, small graphs only

    def ratio(self) -> float | None:
        a, b = self.hskg.median, self.pyoxigraph.median
        return a / b if a is not None and b else None

    def timings(self) -> list[Timing]:
        return [t for t in (self.hskg, self.hskg_forked, self.pyoxigraph, self.rdflib) if t is not None]


@dataclass
class QueryRun:
    graph: str
    triples: int
    queries: list[QueryTimes]
    load_s: float = 0.0
    error: str = ""


@dataclass
class StepResult:
    step: str
    timing: Timing
    detail: str = ""
    graph: str = "shipped"


@dataclass
class ColdStart:
    command: str
    graph: str
    timing: Timing
    target: bool  # whether the cold-start target applies


@dataclass
class ViewResult:
    target_nodes: int
    view: str
    copies: int
    nodes: int = 0
    edges: int = 0
    build: Timing = field(default_factory=Timing)
    render: Timing = field(default_factory=Timing)
    html_bytes: int = 0
    first_draw_ms: Timing = field(default_factory=Timing)  # in milliseconds, from navigation start
    ready_wall_ms: Timing = field(default_factory=Timing)  # page.goto to ready, seen from Python
    redraw_ms: Timing = field(default_factory=Timing)  # one synchronous network.redraw()
    parsed_ms: Timing = field(default_factory=Timing)  # the page's mark: data parsed (ms from navigation start)
    network_ms: Timing = field(default_factory=Timing)  # the page's mark: vis.Network constructed
    error: str = ""

    @property
    def problem(self) -> str:
        """The first error of this view's measures, or ''."""
        return self.error or self.first_draw_ms.error or self.redraw_ms.error


@dataclass
class TargetCheck:
    target: str
    threshold: str
    measured: str
    met: str  # yes, no, n.a.


@dataclass
class Report:
    environment: Environment
    graphs: list[GraphInfo]
    loads: list[LoadResult]
    queries: list[QueryRun]
    validation: list[StepResult]
    cold: list[ColdStart]
    views: list[ViewResult]
    targets: list[TargetCheck] = field(default_factory=list)
    total_s: float = 0.0

    def nominal_size(self, graph_name: str) -> int | None:
        """The size asked for of the graph of this name (0 for the shipped graph)."""
        return next((g.nominal for g in self.graphs if g.name == graph_name), None)
