"""``python -m hskg.bench``: what hskg costs as the graph grows.

Prints one Markdown report: loading (hskg's loader, plain rdflib, pyoxigraph
directly), every catalog query (hskg's ``run_query`` in process, as ``hskg query``
runs it, and in a forked child, as the library does; pyoxigraph directly; rdflib on
small graphs), ``hskg validate`` and
``hskg reason``, the cold start of ``hskg query NAME``, and the interactive views
(generation, HTML size, first draw and redraw in headless Chromium), each against
the targets of issue 9.

The graphs are the shipped one and synthetic ones of the same shape: the shipped
knowledge replicated with renamed IRIs (labels suffixed, blank nodes renamed,
quotes and numbers kept), some relations rewired across copies with
``random.Random(seed)`` (the claim that describes a rewired triple follows it),
written as Turtle into a temporary project (``ontology/`` and ``queries/`` copied)
so that hskg's real loader reads them.

Every measure runs in a child process (``python -m hskg.bench --child …``), so
that its peak memory (``ru_maxrss``) is its own and a big store never makes the
next measure slower.  Figures are medians of several runs after a warm-up; a
measure whose warm-up is slow gets fewer runs (a time budget per measure).

Usage::

    python -m hskg.bench [--quick] [--sizes 10000,100000,1000000] [--runs N] [-o FILE.md]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pyoxigraph as ox

from .files import write_atomically
from .namespaces import HSKG_ID, INDIVIDUAL_PREFIXES, PREFIXES

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000,)
DEFAULT_SEED = 2024
LIBRARIES = ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx", "pyvis", "playwright")
LOAD_PATHS = ("hskg", "rdflib", "pyoxigraph", "pyoxigraph-load")
LOAD_PATH_NAMES = {"hskg": "hskg load_project", "rdflib": "rdflib Graph.parse", "pyoxigraph": "pyoxigraph bulk_load",
                   "pyoxigraph-load": "pyoxigraph load"}
COLD_QUERIES = (("notions", ()), ("according-to", ("actor=person:mary-kaldor",)))
VIEW_TARGETS = (100, 1_000, 5_000, 20_000)
QUICK_VIEW_TARGETS = (100, 1_000, 5_000)
VALIDATE_SYNTHETIC_MAX = 20_000  # SHACL and the SPARQL checks grow too fast to run on bigger graphs here
NOT_MEASURED = "—"

# The targets.
TARGET_COLD_S = 0.15
TARGET_QUERY_MS = 50.0
TARGET_QUERY_SIZE = 100_000
TARGET_QUERY_RATIO = 2.0
TARGET_LOAD_RATE = 250_000
TARGET_LOAD_SIZE = 1_000_000
TARGET_FIRST_DRAW_MS = {5_000: 1500.0, 20_000: 3000.0}
TARGET_REDRAW_MS = 25.0
TARGET_REDRAW_NODES = 1_000

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = RDF + "type"
REIFICATION = (RDF + "subject", RDF + "predicate", RDF + "object")
LABEL_PREDICATES = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                    "http://www.w3.org/2004/02/skos/core#altLabel", "http://purl.org/dc/terms/title"}
CLAIM_NAMESPACE = HSKG_ID + "claim/"
REWIRE_SHARE = 0.1  # the share of relations between individuals that a copy points into another copy



# --------------------------------------------------------------------------------------
# Results


@dataclass
class Environment:
    date: str
    cores: int
    python: str
    versions: dict[str, str]
    mode: str

    def line(self) -> str:
        parts = [f"Run {self.date}", f"{self.cores} cores", f"Python {self.python}"]
        parts += [f"{name} {version}" for name, version in self.versions.items()]
        return "**Machine:** " + " · ".join(parts) + f" · mode {self.mode}"


@dataclass
class GraphInfo:
    name: str
    root: str
    triples: int
    files: int
    copies: int  # copies of the shipped knowledge; 0 for the shipped graph itself
    generate_s: float = 0.0
    turtle_mb: float = 0.0


@dataclass
class Timing:
    """Seconds of each measured run (the warm-up left out, unless it was the only run)."""

    runs: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None


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
class QueryResultTimes:
    query: str
    rows: int | None
    hskg: Timing  # what `hskg query` runs: run_query in process, a watchdog keeping the time limit
    hskg_forked: Timing  # the library's default: run_query in a forked child it can stop
    pyoxigraph: Timing  # Store.query on a store of the same files, default graph
    rdflib: Timing | None = None  # Graph.query, small graphs only

    def ratio(self) -> float | None:
        a, b = self.hskg.median, self.pyoxigraph.median
        return a / b if a is not None and b else None


@dataclass
class QueryRun:
    graph: str
    triples: int
    queries: list[QueryResultTimes]
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


# --------------------------------------------------------------------------------------
# The machine


def environment(mode: str) -> Environment:
    from importlib import metadata

    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    versions["chromium"] = chromium_version()
    return Environment(date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), cores=os.cpu_count() or 1,
                       python=platform.python_version(), versions=versions, mode=mode)


def chromium_version() -> str:
    if not CHROMIUM.exists():
        return "missing"
    try:
        done = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    match = re.search(r"(\d+(?:\.\d+)+)", done.stdout)
    return match.group(1) if match else "unknown"


# --------------------------------------------------------------------------------------
# Synthetic graphs


@dataclass
class Shipped:
    """The shipped graph's triples, split as the loader splits them."""

    ontology: list[ox.Triple]
    data: list[ox.Triple]


def shipped_triples(root: Path = REPO_ROOT) -> Shipped:
    from .load import load_project
    from .project import Project
    from .store import DATA_GRAPH, ONTOLOGY_GRAPH

    store = load_project(Project(root)).store
    return Shipped(list(store.triples([ONTOLOGY_GRAPH])), list(store.triples([DATA_GRAPH])))


def copies_for(size: int, shipped: Shipped) -> int:
    """How many copies of the knowledge make a graph of about ``size`` triples."""
    return max(1, round((size - len(shipped.ontology)) / len(shipped.data)))


def synthetic_copies(shipped: Shipped, copies: int, seed: int = DEFAULT_SEED) -> Iterator[list[ox.Triple]]:
    """The knowledge of a synthetic graph, one list of triples per copy of the shipped knowledge.

    Copy 0 is the shipped knowledge itself (so the catalog's example parameters name
    the same nodes); copy k renames every individual the knowledge defines
    (``…/actor/nato`` → ``…/actor/nato-s7``), its blank nodes, and suffixes its labels
    (``NATO (7)``); quotes, numbers and dates are kept.  Of the relations between two
    individuals, about ``REWIRE_SHARE`` point into a random other copy, and the claim
    that describes such a triple points there too.  Same seed, same triples.
    """
    ontology_subjects = {t.subject.value for t in shipped.ontology if isinstance(t.subject, ox.NamedNode)}
    shared = shared_individuals()
    individuals = {t.subject.value for t in shipped.data if isinstance(t.subject, ox.NamedNode)
                   and t.subject.value.startswith(HSKG_ID) and t.subject.value not in ontology_subjects
                   and t.subject.value not in shared}
    statements: dict[str, dict[str, ox.Term]] = {}
    for t in shipped.data:
        if t.predicate.value in REIFICATION:
            statements.setdefault(t.subject.value, {})[t.predicate.value] = t.object
    claim_of: dict[tuple[str, str, str], list[str]] = {}
    for claim, parts in statements.items():
        if all(p in parts for p in REIFICATION):
            key = tuple(parts[p].value for p in REIFICATION)
            claim_of.setdefault(key, []).append(claim)  # type: ignore[arg-type]
    label_claims = {claim for claim, parts in statements.items()
                    if RDF + "predicate" in parts and parts[RDF + "predicate"].value in LABEL_PREDICATES}
    rewirable = sorted({(t.subject.value, t.predicate.value, t.object.value) for t in shipped.data
                        if isinstance(t.object, ox.NamedNode) and t.object.value in individuals
                        and t.subject.value in individuals and t.predicate.value != RDF_TYPE
                        and t.predicate.value not in REIFICATION and not t.subject.value.startswith(CLAIM_NAMESPACE)})
    rng = random.Random(seed)
    for k in range(copies):
        # Which relations of this copy point into another copy, and which copy.
        target: dict[tuple[str, str, str], int] = {}
        if k > 0 and copies > 1:
            for key in rewirable:
                if rng.random() < REWIRE_SHARE:
                    other = rng.randrange(copies - 1)
                    target[key] = other if other < k else other + 1
        claim_target = {claim: j for key, j in target.items() for claim in claim_of.get(key, ())}
        # What the shared individuals (the report, the notion scheme) say is said once, in
        # copy 0; a copy adds only their relations to the copy's own individuals.
        yield [_copied(t, k, individuals, target, claim_target, label_claims) for t in shipped.data
               if k == 0 or t.subject.value in individuals or not isinstance(t.subject, ox.NamedNode)
               or (isinstance(t.object, ox.NamedNode) and t.object.value in individuals)]


def shared_individuals(root: Path = REPO_ROOT) -> set[str]:
    """Individuals the shapes or the SPARQL checks name (``report:hfm-et-201``,
    ``notion:scheme``): one of each in any graph, so copies share them."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "ontology").glob("shapes*.ttl"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "queries" / "checks").glob("*.rq"))]
    named = set()
    for text in texts:
        for prefix, local in re.findall(r"(?<![\w/#])([a-z]+):([A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9_])", text):
            if prefix in INDIVIDUAL_PREFIXES:
                named.add(INDIVIDUAL_PREFIXES[prefix] + local)
        named.update(re.findall(r"<(" + re.escape(HSKG_ID) + r"[^>]+)>", text))
    return named


def _copied(t: ox.Triple, k: int, individuals: set[str], target: dict, claim_target: dict,
            label_claims: set[str]) -> ox.Triple:
    s, p, o = t.subject, t.predicate, t.object
    if k == 0:
        return t
    j = k
    if isinstance(o, ox.NamedNode):
        if s.value in claim_target and p.value == RDF + "object":
            j = claim_target[s.value]
        else:
            j = target.get((s.value, p.value, o.value), k)
    label = p.value in LABEL_PREDICATES or (p.value == RDF + "object" and s.value in label_claims)
    return ox.Triple(_renamed(s, k, individuals), p, _renamed(o, j, individuals, label=label))


def _renamed(term, k: int, individuals: set[str], *, label: bool = False):
    if k == 0:
        return term
    if isinstance(term, ox.NamedNode):
        return ox.NamedNode(f"{term.value}-s{k}") if term.value in individuals else term
    if isinstance(term, ox.BlankNode):
        return ox.BlankNode(f"c{k}{term.value}")
    if label and isinstance(term, ox.Literal):
        text = f"{term.value} ({k})"
        return ox.Literal(text, language=term.language) if term.language else ox.Literal(text)
    return term


def synthetic_triples(shipped: Shipped, copies: int, seed: int = DEFAULT_SEED) -> list[ox.Triple]:
    """The whole synthetic graph, schema and knowledge."""
    triples = list(shipped.ontology)
    for part in synthetic_copies(shipped, copies, seed):
        triples += part
    return triples


def write_synthetic_project(folder: Path, shipped: Shipped, copies: int, seed: int = DEFAULT_SEED,
                            name: str = "synthetic", triples_per_file: int = 50_000) -> GraphInfo:
    """A project folder: ``ontology/`` and ``queries/`` copied from the repository, the
    synthetic knowledge as Turtle files in ``graph/`` (several copies per file)."""
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(REPO_ROOT / "ontology", folder / "ontology")
    shutil.copytree(REPO_ROOT / "queries", folder / "queries")
    graph_dir = folder / "graph"
    graph_dir.mkdir(parents=True)
    per_file = max(1, triples_per_file // max(1, len(shipped.data)))
    batch: list[ox.Triple] = []
    files = 0
    size = 0
    triples = len(shipped.ontology)

    def flush() -> None:
        nonlocal batch, files, size
        if not batch:
            return
        batch.sort(key=lambda t: (str(t.subject), str(t.predicate)))
        data = ox.serialize(batch, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        (graph_dir / f"synthetic-{files:04d}.ttl").write_bytes(data)
        size += len(data)
        files += 1
        batch = []

    for k, part in enumerate(synthetic_copies(shipped, copies, seed)):
        batch += part
        triples += len(part)
        if (k + 1) % per_file == 0:
            flush()
    flush()
    ontology_files = len([p for p in (folder / "ontology").glob("*.ttl") if not p.name.startswith("shapes")])
    return GraphInfo(name=name, root=str(folder), triples=triples, files=files + ontology_files, copies=copies,
                     generate_s=time.perf_counter() - started, turtle_mb=size / 1e6)


def shipped_info(root: Path = REPO_ROOT) -> GraphInfo:
    from .project import Project

    project = Project(root)
    files = project.ontology_files() + project.graph_files()
    shipped = shipped_triples(root)
    return GraphInfo(name="shipped", root=str(root), triples=len(shipped.ontology) + len(shipped.data),
                     files=len(files), copies=0, turtle_mb=sum(p.stat().st_size for p in files) / 1e6)


def size_label(size: int) -> str:
    if size >= 1_000_000 and size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size >= 1_000 and size % 1_000 == 0:
        return f"{size // 1_000}k"
    return str(size)


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


# --------------------------------------------------------------------------------------
# Repeating a measure


def repeat(action: Callable[[], Any], *, runs: int, warmup: int = 1, budget: float = 60.0,
           after: Callable[[], None] | None = None) -> Timing:
    """Seconds per run of ``action``: ``warmup`` runs first, then up to ``runs`` runs while
    the ``budget`` (seconds) lasts.  A warm-up that takes half the budget counts as the run."""
    timing = Timing()
    started = time.perf_counter()
    warm: list[float] = []
    try:
        for _ in range(warmup):
            warm.append(_timed(action, after))
            if warm[-1] > budget / 2:
                timing.runs = warm[-1:]
                return timing
        for _ in range(max(1, runs)):
            timing.runs.append(_timed(action, after))
            if time.perf_counter() - started > budget:
                break
    except Exception as error:  # a measure that fails is reported, not fatal
        timing.error = _short(error)
    return timing


def _timed(action: Callable[[], Any], after: Callable[[], None] | None) -> float:
    gc.collect()
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    del result
    if after is not None:
        after()
    return seconds


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# --------------------------------------------------------------------------------------
# Child processes


def run_child(kind: str, arguments: dict, *, timeout: float) -> dict:
    """Run one measure in a fresh interpreter; its answer is the JSON on its last stdout line."""
    command = [sys.executable, "-m", "hskg.bench", "--child", kind, json.dumps(arguments)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=str(REPO_ROOT))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = " | ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return {"error": f"exit {done.returncode}: {tail[:300]}"}
    return json.loads(lines[-1])


def _timing(data: dict | None) -> Timing:
    return Timing(**data) if data else Timing()


def _child_main(kind: str, arguments: dict) -> None:
    handlers = {"load": _child_load, "queries": _child_queries, "validate": _child_validate, "view": _child_view}
    result = handlers[kind](**arguments)
    print(json.dumps(result))


def project_files(root: Path) -> list[tuple[Path, ox.NamedNode]]:
    from .project import Project
    from .store import DATA_GRAPH, ONTOLOGY_GRAPH

    project = Project(root)
    return [(p, ONTOLOGY_GRAPH) for p in project.ontology_files()] + [(p, DATA_GRAPH) for p in project.graph_files()]


def _child_load(root: str, path: str, runs: int, budget: float) -> dict:
    files = project_files(Path(root))
    counted: list[int] = []
    if path == "hskg":
        from .load import load_project
        from .project import Project

        def action():
            knowledge = load_project(Project(Path(root)))
            if not counted:
                counted.append(knowledge.store.count())
            return knowledge
    elif path == "rdflib":
        import rdflib

        def action():
            graph = rdflib.Graph()
            for file, _ in files:
                graph.parse(file, format="turtle")
            if not counted:
                counted.append(len(graph))
            return graph
    else:
        def action():
            store = ox.Store()
            for file, graph in files:
                if path == "pyoxigraph":
                    store.bulk_load(path=file, format=ox.RdfFormat.TURTLE, to_graph=graph)
                else:
                    store.load(path=file, format=ox.RdfFormat.TURTLE, to_graph=graph)
            if not counted:
                counted.append(len(store))
            return store
    imports = max_rss_mb()
    timing = repeat(action, runs=runs, budget=budget)
    return {"timing": asdict(timing), "triples": counted[0] if counted else 0, "peak_rss_mb": max_rss_mb(),
            "imports_rss_mb": imports}


def catalog_parameters(entry) -> dict[str, str]:
    """The documented example value of each parameter of a catalog query (its ``# param:`` line)."""
    given = {parameter.name: parameter.example for parameter in entry.parameters}
    missing = [name for name, value in given.items() if value is None]
    if missing:
        raise ValueError(f"{entry.name}: no example value for ?{', ?'.join(missing)}")
    return given


def _child_queries(root: str, runs: int, budget: float, rdflib_cap: float) -> dict:
    from .load import load_project
    from .project import Project
    from .query import QueryError, bind_parameters, load_catalog, run_query

    started = time.perf_counter()
    knowledge = load_project(Project(Path(root)))
    load_s = time.perf_counter() - started
    store = knowledge.store
    direct = ox.Store()
    for file, _ in project_files(Path(root)):
        direct.bulk_load(path=file, format=ox.RdfFormat.TURTLE)
    rdflib_graph = None
    if rdflib_cap > 0:
        import rdflib

        rdflib_graph = rdflib.Graph()
        for file, _ in project_files(Path(root)):
            rdflib_graph.parse(file, format="turtle")
    catalog = load_catalog(REPO_ROOT / "queries")
    results = []
    for name, entry in catalog.items():
        text = entry.text
        row: dict[str, Any] = {"query": name, "rows": None}
        try:
            bindings = bind_parameters(store, entry.parameters, catalog_parameters(entry))
        except (QueryError, ValueError) as error:
            failed = asdict(Timing(error=_short(error)))
            results.append({**row, "hskg": failed, "hskg_forked": failed, "pyoxigraph": failed, "rdflib": None})
            continue
        rows: list[int] = []

        def forked():
            answer = run_query(store, text, bindings=bindings)
            rows[:] = [len(answer.rows)]
            return answer

        # The forked run goes first: it survives a query over the time limit, which the
        # command's path (a watchdog that ends the process) would not.
        fork = repeat(forked, runs=runs, budget=budget)
        row["rows"] = rows[0] if rows else None
        if fork.error:
            skipped = asdict(Timing())  # not run: the forked run failed (its error is listed)
            results.append({**row, "hskg": skipped, "hskg_forked": asdict(fork), "pyoxigraph": skipped,
                            "rdflib": None})
            continue
        command = repeat(lambda: run_query(store, text, bindings=bindings, on_timeout="exit"), runs=runs,
                         budget=budget)
        substitutions = {ox.Variable(k): v for k, v in bindings.items()} or None

        def pyoxigraph_direct():
            answer = direct.query(text, prefixes=PREFIXES, substitutions=substitutions)
            return list(answer) if isinstance(answer, (ox.QuerySolutions, ox.QueryTriples)) else bool(answer)

        plain = repeat(pyoxigraph_direct, runs=runs, budget=budget)
        rdflib_timing = None
        if rdflib_graph is not None:
            rdflib_timing = asdict(_rdflib_query(rdflib_graph, text, bindings, min(runs, 2), rdflib_cap))
        results.append({**row, "hskg": asdict(command), "hskg_forked": asdict(fork),
                        "pyoxigraph": asdict(plain), "rdflib": rdflib_timing})
    return {"load_s": load_s, "triples": store.count(), "queries": results}


def _rdflib_query(graph, text: str, bindings: dict, runs: int, cap: float) -> Timing:
    """rdflib's ``Graph.query`` in a forked child (it has no time limit of its own):
    a warm-up then up to ``runs`` runs; the runs that finish within ``cap`` seconds count."""
    import multiprocessing

    from .rdf import to_rdflib_term

    initial = {name: to_rdflib_term(term) for name, term in bindings.items()}

    def child(sender) -> None:
        try:
            for _ in range(1 + runs):
                start = time.perf_counter()
                list(graph.query(text, initNs=PREFIXES, initBindings=initial))
                sender.send(("time", time.perf_counter() - start))
        except Exception as error:  # reported as the cell's error
            sender.send(("error", _short(error)))
        sender.send(("done", None))

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(sender,), daemon=True)
    process.start()
    sender.close()
    times: list[float] = []
    timing = Timing()
    deadline = time.perf_counter() + cap
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not receiver.poll(remaining):
                if not times:
                    timing.error = "timeout"
                break
            kind, value = receiver.recv()
            if kind == "time":
                times.append(value)
            elif kind == "error":
                timing.error = value
            else:
                break
    except EOFError:
        timing.error = timing.error or "the child ended without an answer"
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if times:
        timing.runs = times[1:] or times[:1]
        timing.error = ""
    return timing


def _child_validate(root: str, runs: int, budget: float, steps: list[str]) -> dict:
    from .load import load_project
    from .project import Project
    from .reasoner import run_reasoner
    from .store import DATA_GRAPH, ONTOLOGY_GRAPH
    from .validate import load_checks, owl_findings, shacl_findings, sparql_findings
    from .validate import validate as run_validation

    project = Project(Path(root))
    knowledge = load_project(project)
    store = knowledge.store
    data = list(store.triples([DATA_GRAPH]))
    ontology = list(store.triples([ONTOLOGY_GRAPH]))
    checks = load_checks(project.queries_dir / "checks")
    wanted = steps
    steps = []
    found: dict[str, int] = {}

    def record(key: str, findings):
        found[key] = len(findings)
        return findings

    measures = [
        ("validate: SHACL (pySHACL)", "shacl",
         lambda: record("shacl", shacl_findings(data, ontology, project.shape_files(), project.root))),
        ("validate: SPARQL checks", "sparql", lambda: record("sparql", sparql_findings(store, checks))),
        ("validate: OWL (HermiT)", "owl", lambda: record("owl", owl_findings(store, 120.0))),
        ("hskg validate (all, in process)", "all", lambda: record("all", run_validation(knowledge).findings)),
        ("hskg reason (run_reasoner)", "reason",
         lambda: found.__setitem__("reason", len(run_reasoner(store.triples()).inferred))),
    ]
    for label, key, action in measures:
        if key not in wanted:
            continue
        slow = key in ("owl", "all", "reason")
        timing = repeat(action, runs=min(runs, 2) if slow else runs, warmup=0 if slow and runs == 1 else 1,
                        budget=budget)
        detail = f"{found[key]} findings" if key in found and key != "reason" else (
            f"{found.get('reason', 0)} inferred triples" if key == "reason" else "")
        if key == "sparql":
            detail += f", {len(checks)} checks"
        steps.append({"step": label, "key": key, "timing": asdict(timing), "detail": detail})
    return {"steps": steps}


def _child_view(target: int, view: str, copies: int, runs: int, browser_runs: int, budget: float,
                html_path: str, seed: int, warmup: int = 1) -> dict:
    from . import views
    from .store import DATA_GRAPH, ONTOLOGY_GRAPH, OxigraphStore

    shipped = shipped_triples(REPO_ROOT)
    store = OxigraphStore()
    store.add_triples(shipped.ontology, ONTOLOGY_GRAPH)
    for part in synthetic_copies(shipped, max(1, copies), seed):
        store.add_triples(part, DATA_GRAPH)
    built: list = []

    def build():
        built[:] = [views.build_view(store, view)]
        return built[0]

    result: dict[str, Any] = {"target_nodes": target, "view": view, "copies": copies}
    build_timing = repeat(build, runs=runs, warmup=warmup, budget=budget)
    result["build"] = asdict(build_timing)
    if not built:
        result["error"] = build_timing.error
        return result
    graph = built[0].graph
    result["nodes"], result["edges"] = graph.number_of_nodes(), graph.number_of_edges()
    page: list[str] = []

    def render():
        page[:] = [views.render_html(built[0], title=f"hskg bench {view} {graph.number_of_nodes()}")]
        return page[0]

    result["render"] = asdict(repeat(render, runs=runs, warmup=warmup, budget=budget))
    data = page[0].encode("utf-8")
    result["html_bytes"] = len(data)
    Path(html_path).write_bytes(data)
    try:
        result.update(browser_timings(Path(html_path), runs=browser_runs, budget=budget, warmup=warmup))
    except Exception as error:  # no chromium, no playwright: the other figures stand
        result["error"] = _short(error)
    return result


REDRAW_SCRIPT = """(count) => {
  const network = window.hskgView.network;
  let drawn = 0;
  network.on("afterDrawing", () => { drawn += 1; });
  const times = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    network.redraw();
    times.push(performance.now() - start);
  }
  return { times: times, drawn: drawn };
}"""


def browser_timings(html_path: Path, *, runs: int, budget: float, warmup: int = 1) -> dict:
    """First draw (``hskgView.state.firstDrawMs``: ms from navigation start to the first
    ``afterDrawing``) and the page's own marks (data parsed, ``vis.Network`` built), the
    wall time from ``goto`` to ready, and synchronous ``network.redraw()`` times."""
    from playwright.sync_api import sync_playwright

    first, wall, parsed, built, redraw = Timing(), Timing(), Timing(), Timing(), Timing()
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for attempt in range(warmup + max(1, runs)):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                start = time.perf_counter()
                page.goto(html_path.as_uri())
                page.wait_for_function("window.hskgView && window.hskgView.state.ready", timeout=180_000)
                seen = (time.perf_counter() - start) * 1000
                state = page.evaluate("({first: window.hskgView.state.firstDrawMs, marks: window.hskgView.state.marks})")
                slow_warmup = attempt < warmup and seen / 1000 > budget / 2
                if attempt >= warmup or slow_warmup:
                    first.runs.append(float(state["first"]))
                    wall.runs.append(seen)
                    parsed.runs.append(float(state["marks"].get("parsed", 0.0)))
                    built.runs.append(float(state["marks"].get("network", 0.0)))
                if not redraw.runs and (attempt >= warmup or slow_warmup):
                    answer = page.evaluate(REDRAW_SCRIPT, 12)
                    if answer["drawn"] < 12:
                        redraw.error = "redraw() did not draw synchronously"
                    redraw.runs = answer["times"][2:]  # the first two warm up
                page.close()
                if slow_warmup or (time.perf_counter() - started > budget and first.runs):
                    break
        finally:
            browser.close()
    return {"first_draw_ms": asdict(first), "ready_wall_ms": asdict(wall), "parsed_ms": asdict(parsed),
            "network_ms": asdict(built), "redraw_ms": asdict(redraw)}


# --------------------------------------------------------------------------------------
# The measures, from the parent


@dataclass
class Plan:
    quick: bool
    sizes: tuple[int, ...]
    runs: int
    seed: int = DEFAULT_SEED

    def runs_for(self, triples: int) -> int:
        if self.quick:
            return min(self.runs, 2)
        if triples >= 500_000:
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


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure_load(graph: GraphInfo, path: str, plan: Plan) -> LoadResult:
    answer = run_child("load", {"root": graph.root, "path": path, "runs": plan.runs_for(graph.triples),
                                "budget": plan.budget_for(graph.triples)}, timeout=1800)
    if "error" in answer and "timing" not in answer:
        return LoadResult(graph.name, path, graph.triples, Timing(error=answer["error"]))
    return LoadResult(graph.name, path, answer["triples"] or graph.triples, _timing(answer["timing"]),
                      answer["peak_rss_mb"], answer["imports_rss_mb"])


def measure_queries(graph: GraphInfo, plan: Plan) -> QueryRun:
    answer = run_child("queries", {"root": graph.root, "runs": plan.runs_for(graph.triples),
                                   "budget": plan.query_budget_for(graph.triples),
                                   "rdflib_cap": plan.rdflib_cap_for(graph)}, timeout=3600)
    if "queries" not in answer:
        return QueryRun(graph.name, graph.triples, [], error=answer.get("error", "no answer"))
    queries = [QueryResultTimes(q["query"], q["rows"], _timing(q["hskg"]), _timing(q["hskg_forked"]),
                                _timing(q["pyoxigraph"]), _timing(q["rdflib"]) if q["rdflib"] else None)
               for q in answer["queries"]]
    return QueryRun(graph.name, answer["triples"], queries, load_s=answer["load_s"])


def measure_validation(plan: Plan, graphs: list[GraphInfo]) -> list[StepResult]:
    """Every step on the shipped graph; SHACL and the SPARQL checks also on the small
    synthetic graphs (not in --quick), to show how they grow."""
    results = []
    for graph in graphs:
        if graph.copies == 0:
            steps = ["shacl", "sparql", "owl"] + ([] if plan.quick else ["all", "reason"])
        elif not plan.quick and graph.triples <= VALIDATE_SYNTHETIC_MAX:
            steps = ["shacl", "sparql"]
        else:
            continue
        runs = 1 if plan.quick or graph.copies else min(plan.runs, 3)
        answer = run_child("validate", {"root": graph.root, "runs": runs, "budget": 20.0 if plan.quick else 60.0,
                                        "steps": steps}, timeout=1800)
        if "steps" not in answer:
            results.append(StepResult("hskg validate", Timing(error=answer.get("error", "no answer")),
                                      graph=graph.name))
            continue
        results += [StepResult(s["step"], _timing(s["timing"]), s["detail"], graph.name) for s in answer["steps"]]
    return results


def hskg_command() -> list[str]:
    script = Path(sys.executable).with_name("hskg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hskg.cli"]


def measure_cold_start(graphs: list[GraphInfo], plan: Plan) -> list[ColdStart]:
    """Wall time of whole processes, from spawn to exit."""
    results = []
    runs = 3 if plan.quick else 10
    commands: list[tuple[str, str, list[str], bool]] = [
        ("python -c pass", "—", [sys.executable, "-c", "pass"], False),
        ("python -c 'import hskg.cli'", "—", [sys.executable, "-c", "import hskg.cli"], False),
        ("hskg --version", "—", hskg_command() + ["--version"], False),
    ]
    for graph in graphs:
        if graph.triples > 150_000:
            continue
        for name, params in COLD_QUERIES:
            if graph.copies and name != "notions":
                continue
            arguments = ["--root", graph.root, "query", name] + [x for p in params for x in ("--param", p)]
            shown = "hskg query " + " ".join([name] + [f"--param {p}" for p in params])
            commands.append((shown, graph.name, hskg_command() + arguments, graph.copies == 0))
    for shown, graph_name, command, target in commands:
        def action(command=command):
            done = subprocess.run(command, capture_output=True, cwd=str(REPO_ROOT))
            if done.returncode != 0:
                raise RuntimeError(done.stderr.decode("utf-8", "replace")[-200:])

        graph_runs = runs if graph_name in ("shipped", "—") else max(2, runs // 3)
        results.append(ColdStart(shown, graph_name, repeat(action, runs=graph_runs, budget=60.0), target))
    return results


def plan_views(plan: Plan, per_copy: int, named: dict[str, int]) -> list[tuple[int, str, int]]:
    """(target nodes, view name, copies) for each view size: a named view of the shipped
    graph where one is near the target, else the overview of enough copies."""
    planned = []
    for target in QUICK_VIEW_TARGETS if plan.quick else VIEW_TARGETS:
        if target < 0.75 * per_copy:
            import math

            name = min(named, key=lambda n: abs(math.log(max(1, named[n]) / target)))
            planned.append((target, name, 1))
        else:
            planned.append((target, "overview", max(1, round(target / per_copy))))
    return planned


def measure_views(plan: Plan, folder: Path) -> list[ViewResult]:
    from . import views
    from .load import load_project
    from .project import Project

    store = load_project(Project(REPO_ROOT)).store
    named = {name: views.build_view(store, name).graph.number_of_nodes() for name in views.VIEWS}
    results = []
    for target, name, copies in plan_views(plan, named["overview"], named):
        log(f"view ~{target} nodes: {name} of {copies} cop{'y' if copies == 1 else 'ies'}")
        runs = 1 if plan.quick or target >= 20_000 else (2 if target >= 5_000 else 3)
        browser_runs = 1 if plan.quick else (2 if target >= 5_000 else 3)
        answer = run_child("view", {"target": target, "view": name, "copies": copies, "runs": runs,
                                    "browser_runs": browser_runs, "budget": 30.0 if plan.quick else 120.0,
                                    "html_path": str(folder / f"view-{target}.html"), "seed": plan.seed,
                                    "warmup": 0 if plan.quick else 1},
                           timeout=1800)
        result = ViewResult(target, name, copies, error=answer.get("error", ""))
        for key in ("nodes", "edges", "html_bytes"):
            setattr(result, key, answer.get(key, 0))
        for key in ("build", "render", "first_draw_ms", "ready_wall_ms", "redraw_ms", "parsed_ms", "network_ms"):
            setattr(result, key, _timing(answer.get(key)))
        results.append(result)
    return results


# --------------------------------------------------------------------------------------
# Targets


def check_targets(report: Report) -> list[TargetCheck]:
    checks = []
    cold = [c for c in report.cold if c.target and c.timing.median is not None]
    if cold:
        worst = max(cold, key=lambda c: c.timing.median)
        checks.append(TargetCheck(f"cold `{worst.command}` (shipped graph, whole process)", f"≤ {TARGET_COLD_S} s",
                                  f"{worst.timing.median:.3f} s", _yes(worst.timing.median <= TARGET_COLD_S)))
    else:
        checks.append(TargetCheck("cold `hskg query NAME`", f"≤ {TARGET_COLD_S} s", NOT_MEASURED, "n.a."))
    at_target = [q for q in report.queries if _graph_size(report, q.graph) == TARGET_QUERY_SIZE]
    label = f"catalog queries at {size_label(TARGET_QUERY_SIZE)}, default path (`hskg query`: in process)"
    if at_target and at_target[0].queries:
        run = at_target[0]
        medians = [(q.hskg.median, q.query) for q in run.queries if q.hskg.median is not None]
        failed = [q.query for q in run.queries if q.hskg.median is None]
        slow = max(medians) if medians else (None, "")
        within = [q for q in run.queries if q.hskg.median is not None and q.hskg.median * 1000 <= TARGET_QUERY_MS]
        checks.append(TargetCheck(label + ": every median", f"≤ {TARGET_QUERY_MS:g} ms",
                                  f"{len(within)}/{len(run.queries)} within; slowest {slow[1]} "
                                  f"{slow[0] * 1000:.1f} ms" + (f"; failed: {', '.join(failed)}" if failed else ""),
                                  _yes(len(within) == len(run.queries))))
        ratios = [(q.ratio(), q.query) for q in run.queries if q.ratio() is not None]
        ok = [r for r in ratios if r[0] <= TARGET_QUERY_RATIO]
        worst_ratio = max(ratios) if ratios else (float("nan"), "")
        checks.append(TargetCheck(label + ": within 2× of pyoxigraph", f"≤ {TARGET_QUERY_RATIO:g}×",
                                  f"{len(ok)}/{len(run.queries)} within; worst {worst_ratio[1]} "
                                  f"{worst_ratio[0]:.1f}×", _yes(len(ok) == len(run.queries))))
    else:
        checks.append(TargetCheck(label + ": every median", f"≤ {TARGET_QUERY_MS:g} ms", NOT_MEASURED, "n.a."))
        checks.append(TargetCheck(label + ": within 2× of pyoxigraph", f"≤ {TARGET_QUERY_RATIO:g}×", NOT_MEASURED,
                                  "n.a."))
    loads = {l.path: l for l in report.loads if _graph_size(report, l.graph) == TARGET_LOAD_SIZE}
    for path in ("hskg", "pyoxigraph", "pyoxigraph-load"):
        load = loads.get(path)
        name = f"load at {size_label(TARGET_LOAD_SIZE)}, {LOAD_PATH_NAMES[path]}"
        if path == "hskg":
            name += " (hskg's default path)"
        if load and load.rate:
            checks.append(TargetCheck(name, f"≥ {TARGET_LOAD_RATE} triples/s", f"{load.rate:.0f} triples/s",
                                      _yes(load.rate >= TARGET_LOAD_RATE)))
        else:
            checks.append(TargetCheck(name, f"≥ {TARGET_LOAD_RATE} triples/s", NOT_MEASURED, "n.a."))
    for nodes, limit in TARGET_FIRST_DRAW_MS.items():
        view = next((v for v in report.views if v.target_nodes == nodes), None)
        measured = view.first_draw_ms.median if view else None
        shown = f"{measured:.0f} ms ({view.nodes} nodes)" if measured is not None and view else NOT_MEASURED
        checks.append(TargetCheck(f"{size_label(nodes)}-node view, first draw in headless Chromium",
                                  f"≤ {limit:g} ms", shown, _yes(measured <= limit) if measured is not None else "n.a."))
    view = next((v for v in report.views if v.target_nodes == TARGET_REDRAW_NODES), None)
    measured = view.redraw_ms.median if view else None
    checks.append(TargetCheck(f"{size_label(TARGET_REDRAW_NODES)}-node view, one redraw", f"≤ {TARGET_REDRAW_MS:g} ms",
                              f"{measured:.1f} ms ({view.nodes} nodes)" if measured is not None and view
                              else NOT_MEASURED,
                              _yes(measured <= TARGET_REDRAW_MS) if measured is not None else "n.a."))
    return checks


def _yes(condition: bool) -> str:
    return "yes" if condition else "no"


def _graph_size(report: Report, name: str) -> int | None:
    for graph in report.graphs:
        if graph.name == name:
            return graph.copies and _nominal(graph.name)
    return None


def _nominal(name: str) -> int:
    """The nominal size of ``synthetic 100k``: 100000."""
    return parse_size(name.split()[-1]) if name.startswith("synthetic") else 0


# --------------------------------------------------------------------------------------
# The report


def _ms(timing: Timing | None, digits: int = 1) -> str:
    if timing is None:
        return NOT_MEASURED
    if timing.median is None:
        return "timeout" if "timeout" in timing.error or "time limit" in timing.error else (
            "error" if timing.error else NOT_MEASURED)
    return f"{timing.median * 1000:.{digits}f}"


def _s(timing: Timing, digits: int = 3) -> str:
    if timing.median is None:
        return "error" if timing.error else NOT_MEASURED
    return f"{timing.median:.{digits}f}"


def _plain(timing: Timing, digits: int = 1) -> str:
    """A timing already in milliseconds."""
    if timing.median is None:
        return "error" if timing.error else NOT_MEASURED
    return f"{timing.median:.{digits}f}"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(report: Report) -> str:
    env = report.environment
    out = ["# hskg benchmark", "", env.line(), ""]
    out += [f"Synthetic graphs: the shipped knowledge replicated with renamed IRIs, {REWIRE_SHARE:.0%} of the "
            f"relations between individuals rewired across copies (seed {DEFAULT_SEED}). Times are medians of the "
            "runs after a warm-up; a slow measure gets fewer runs (the runs column). Each measure runs in its own "
            "child process; peak RSS is that process's `ru_maxrss`. Total time of this run: "
            f"{report.total_s:.0f} s.", ""]

    out += ["## Targets", ""]
    out += _table(["target", "threshold", "measured", "target met?"],
                  [[t.target, t.threshold, t.measured, t.met] for t in report.targets])

    out += ["## Graphs", ""]
    out += _table(["graph", "triples", "files", "copies of the knowledge", "Turtle (MB)", "generation (s)"],
                  [[g.name, str(g.triples), str(g.files), str(g.copies), f"{g.turtle_mb:.2f}",
                    f"{g.generate_s:.1f}"] for g in report.graphs])

    out += ["## Load", "", "hskg `load_project` (pyoxigraph parses each file straight into its named graph), "
            "plain rdflib (`Graph().parse` of the same files), pyoxigraph directly (`Store().bulk_load`, and "
            "`Store().load`, of each file into its named graph). Peak RSS includes the interpreter and its imports (the imports column).", ""]
    rows = []
    for load in report.loads:
        size = _graph_size(report, load.graph)
        met = "n.a."
        if size == TARGET_LOAD_SIZE and load.path == "hskg" and load.rate:
            met = _yes(load.rate >= TARGET_LOAD_RATE)
        rows.append([load.graph, LOAD_PATH_NAMES[load.path], str(load.triples), _s(load.timing),
                     f"{load.rate:.0f}" if load.rate else ("error" if load.timing.error else NOT_MEASURED),
                     f"{load.peak_rss_mb:.0f}" if load.peak_rss_mb else NOT_MEASURED,
                     f"{load.imports_rss_mb:.0f}" if load.imports_rss_mb else NOT_MEASURED,
                     str(len(load.timing.runs)), met])
    out += _table(["graph", "path", "triples", "load (s)", "triples/s", "peak RSS (MB)", "RSS after imports (MB)",
                   "runs", "target met?"], rows)
    errors = [f"- {l.graph}, {l.path}: {l.timing.error}" for l in report.loads if l.timing.error]
    out += errors + ([""] if errors else [])

    for run in report.queries:
        size = _graph_size(report, run.graph)
        out += [f"## Catalog queries: {run.graph} ({run.triples} triples)", ""]
        if run.error:
            out += [f"The queries could not run: {run.error}", ""]
            continue
        out += [f"`hskg` = what `hskg query` runs: `run_query` in process with its 30 s time limit kept by a "
                f"watchdog; forked = the library's default, `run_query` in a forked child it can stop at the limit "
                f"(so that a notebook survives a runaway query); pyoxigraph = `Store.query` with the same prefixes on a store of the "
                f"same files (default graph); rdflib = `Graph.query` (small graphs only; capped). "
                f"hskg loaded this graph in {run.load_s:.2f} s.", ""]
        rows = []
        for q in run.queries:
            ratio = q.ratio()
            met = "n.a."
            if size == TARGET_QUERY_SIZE:
                met = _yes(q.hskg.median is not None and q.hskg.median * 1000 <= TARGET_QUERY_MS
                           and ratio is not None and ratio <= TARGET_QUERY_RATIO)
            rows.append([q.query, str(q.rows) if q.rows is not None else NOT_MEASURED, _ms(q.hskg),
                         _ms(q.hskg_forked), _ms(q.pyoxigraph), _ms(q.rdflib),
                         f"{ratio:.2f}" if ratio is not None else NOT_MEASURED, str(len(q.hskg.runs)), met])
        out += _table(["query", "rows", "hskg (ms)", "forked (ms)", "pyoxigraph (ms)", "rdflib (ms)",
                       "hskg / pyoxigraph", "runs", "target met?"], rows)
        errors = [f"- {q.query}: {t.error}" for q in run.queries for t in (q.hskg, q.hskg_forked, q.pyoxigraph,
                                                                            q.rdflib) if t is not None and t.error]
        out += errors + ([""] if errors else [])

    out += ["## Validate and reason", ""]
    out += _table(["step", "graph", "time (s)", "runs", "result"],
                  [[s.step, s.graph, _s(s.timing), str(len(s.timing.runs)), s.detail or s.timing.error]
                   for s in report.validation])

    out += ["## Cold start (whole process, wall time)", ""]
    rows = [[c.command, c.graph, _s(c.timing), f"{min(c.timing.runs):.3f}" if c.timing.runs else NOT_MEASURED,
             f"{max(c.timing.runs):.3f}" if c.timing.runs else NOT_MEASURED, str(len(c.timing.runs)),
             _yes(c.timing.median <= TARGET_COLD_S) if c.target and c.timing.median is not None else "n.a."]
            for c in report.cold]
    out += _table(["command", "graph", "median (s)", "min (s)", "max (s)", "runs", "target met?"], rows)
    errors = [f"- {c.command} ({c.graph}): {c.timing.error}" for c in report.cold if c.timing.error]
    out += errors + ([""] if errors else [])

    out += ["## Views", "", "`build_view` + `render_html` in Python; first draw = `hskgView.state.firstDrawMs` "
            "(ms from navigation start to vis-network's first `afterDrawing`) in headless Chromium, 1400×900; data parsed "
            "and network built are the page's own marks (`state.marks`, ms from navigation start); "
            "ready = `page.goto` to ready as seen from Python; redraw = one synchronous `network.redraw()`.", ""]
    rows = []
    for v in report.views:
        met = "n.a."
        if v.target_nodes in TARGET_FIRST_DRAW_MS and v.first_draw_ms.median is not None:
            met = _yes(v.first_draw_ms.median <= TARGET_FIRST_DRAW_MS[v.target_nodes])
        elif v.target_nodes == TARGET_REDRAW_NODES and v.redraw_ms.median is not None:
            met = _yes(v.redraw_ms.median <= TARGET_REDRAW_MS)
        source = f"{v.view}" + (f" ×{v.copies}" if v.view == "overview" else " (shipped)")
        rows.append([f"~{size_label(v.target_nodes)}", source, str(v.nodes), str(v.edges), _s(v.build),
                     _s(v.render), f"{v.html_bytes / 1e6:.2f}", _plain(v.parsed_ms, 0), _plain(v.network_ms, 0),
                     _plain(v.first_draw_ms, 0), _plain(v.ready_wall_ms, 0), _plain(v.redraw_ms, 1), met])
    out += _table(["view size", "view", "nodes", "edges", "build_view (s)", "render_html (s)", "HTML (MB)",
                   "data parsed (ms)", "network built (ms)", "first draw (ms)", "ready (ms)", "redraw (ms)",
                   "target met?"], rows)
    errors = [f"- ~{v.target_nodes} nodes: {v.error or v.first_draw_ms.error or v.redraw_ms.error}"
              for v in report.views if v.error or v.first_draw_ms.error or v.redraw_ms.error]
    out += errors + ([""] if errors else [])
    out += ["Rerun: `" + rerun_command(report) + "`", ""]
    return "\n".join(out)


def rerun_command(report: Report) -> str:
    return ".venv/bin/python -m hskg.bench" + (" --quick" if report.environment.mode == "quick" else "")


# --------------------------------------------------------------------------------------
# The whole run


def run_benchmark(plan: Plan) -> Report:
    started = time.perf_counter()
    env = environment("quick" if plan.quick else "full")
    with tempfile.TemporaryDirectory(prefix="hskg-bench-") as temporary:
        folder = Path(temporary)
        log("reading the shipped graph")
        graphs = [shipped_info(REPO_ROOT)]
        shipped = shipped_triples(REPO_ROOT)
        for size in plan.sizes:
            copies = copies_for(size, shipped)
            log(f"writing synthetic {size_label(size)} ({copies} copies)")
            graphs.append(write_synthetic_project(folder / f"synthetic-{size_label(size)}", shipped, copies,
                                                  plan.seed, name=f"synthetic {size_label(size)}"))
        del shipped
        gc.collect()
        loads = []
        for graph in graphs:
            for path in LOAD_PATHS:
                log(f"load {graph.name} ({graph.triples} triples) with {path}")
                loads.append(measure_load(graph, path, plan))
        queries = []
        for graph in graphs:
            log(f"catalog queries on {graph.name}")
            queries.append(measure_queries(graph, plan))
        log("validate and reason")
        validation = measure_validation(plan, graphs)
        log("cold starts")
        cold = measure_cold_start(graphs, plan)
        log("views")
        view_results = measure_views(plan, folder)
    report = Report(env, graphs, loads, queries, validation, cold, view_results)
    report.targets = check_targets(report)
    report.total_s = time.perf_counter() - started
    return report


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m hskg.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="The shipped graph and 10k only, 1-2 runs, no 20k view (a smoke test, under a minute).")
    parser.add_argument("--sizes", help="Synthetic graph sizes in triples, comma-separated (10000,100k,1M). "
                        "Default: 10000,100000,1000000 (10000 with --quick).")
    parser.add_argument("--runs", type=int, default=5, help="Runs per measure after the warm-up (fewer on big "
                        "graphs and with --quick). Default: 5.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic graphs.")
    parser.add_argument("-o", "--output", type=Path, help="Also write the report to this file (atomically).")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "JSON"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.child:
        _child_main(args.child[0], json.loads(args.child[1]))
        return 0
    if args.runs < 1:
        print("hskg.bench: --runs must be 1 or more", file=sys.stderr)
        return 2
    try:
        sizes = tuple(parse_size(s) for s in args.sizes.split(",") if s.strip()) if args.sizes else (
            QUICK_SIZES if args.quick else DEFAULT_SIZES)
    except ValueError:
        print(f"hskg.bench: --sizes wants numbers like 10000,100k,1M, not {args.sizes!r}", file=sys.stderr)
        return 2
    if args.quick:
        sizes = tuple(s for s in sizes if s < 1_000_000)
    report = run_benchmark(Plan(quick=args.quick, sizes=sizes, runs=args.runs, seed=args.seed))
    text = render_markdown(report)
    print(text)
    if args.output:
        write_atomically(args.output, (text + "\n").encode("utf-8"))
        log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
