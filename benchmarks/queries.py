"""Every catalog query: hskg's ``run_query`` as the command and as the library run it,
against pyoxigraph directly and, on small graphs, rdflib."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from hskg.namespaces import PREFIXES

from .loading import project_files
from .measure import Plan, repeat, repeat_side_by_side, run_child, short_error
from .results import GraphInfo, QueryRun, QueryTimes, Timing


def measure_queries(graph: GraphInfo, plan: Plan) -> QueryRun:
    answer = run_child("queries", {"root": graph.root, "runs": plan.runs_for(graph.triples),
                                   "budget": plan.query_budget_for(graph.triples),
                                   "rdflib_cap": plan.rdflib_cap_for(graph)}, timeout=3600)
    if "queries" not in answer:
        return QueryRun(graph.name, graph.triples, [], error=answer.get("error", "no answer"))
    queries = [QueryTimes(q["query"], q["rows"], Timing.from_dict(q["hskg"]), Timing.from_dict(q["hskg_forked"]),
                          Timing.from_dict(q["pyoxigraph"]), Timing.from_dict(q["rdflib"]) if q["rdflib"] else None)
               for q in answer["queries"]]
    return QueryRun(graph.name, answer["triples"], queries, load_s=answer["load_s"])


def catalog_parameters(entry) -> dict[str, str]:
    """The documented example value of each parameter of a catalog query (its ``# param:`` line)."""
    given = {parameter.name: parameter.example for parameter in entry.parameters}
    missing = [name for name, value in given.items() if value is None]
    if missing:
        raise ValueError(f"{entry.name}: no example value for ?{', ?'.join(missing)}")
    return given


def child_queries(root: str, runs: int, budget: float, rdflib_cap: float) -> dict:
    """In the child: load the project at ``root`` three ways, then time every catalog query."""
    from hskg.knowledge import load_project
    from hskg.project import Project
    from hskg.query import load_catalog
    from hskg.store import ENTAILED_GRAPH

    project = Project(Path(root))
    started = time.perf_counter()
    knowledge = load_project(project)
    load_s = time.perf_counter() - started
    store, graphs = knowledge.store, knowledge.graphs()  # what `hskg query` sees: asserted + entailed
    direct = ox.Store()
    for file, _ in project_files(project.root):
        direct.bulk_load(path=file, format=ox.RdfFormat.TURTLE)
    # The same data as hskg's: without the entailments the engine would answer another question
    # (at 100k they are a third more triples, and many queries find more rows in them).
    direct.extend(ox.Quad(t.subject, t.predicate, t.object) for t in store.triples([ENTAILED_GRAPH]))
    rdflib_graph = _rdflib_graph(project.root) if rdflib_cap > 0 else None
    results = [_time_query(name, entry, store, graphs, direct, rdflib_graph, runs=runs, budget=budget,
                           rdflib_cap=rdflib_cap)
               for name, entry in load_catalog(project.queries_dir).items()]
    return {"load_s": load_s, "triples": store.count(), "queries": results}


def _rdflib_graph(root: Path):
    import rdflib

    graph = rdflib.Graph()
    for file, _ in project_files(root):
        graph.parse(file, format="turtle")
    return graph


def _time_query(name: str, entry, store, graphs, direct: ox.Store, rdflib_graph, *, runs: int, budget: float,
                rdflib_cap: float) -> dict[str, Any]:
    """One catalog query's row: its rows and its timings on each path, as JSON."""
    from hskg.query import QueryError, bind_parameters, run_query

    row: dict[str, Any] = {"query": name, "rows": None, "rdflib": None}
    try:
        bindings = bind_parameters(store, entry.parameters, catalog_parameters(entry))
    except (QueryError, ValueError) as error:
        failed = asdict(Timing(error=short_error(error)))
        return {**row, "hskg": failed, "hskg_forked": failed, "pyoxigraph": failed}
    rows: list[int] = []

    def forked():
        answer = run_query(store, entry.text, bindings=bindings, graphs=graphs)
        rows[:] = [len(answer.rows)]
        return answer

    # The forked run goes first: it survives a query over the time limit, which the
    # command's path (a watchdog that ends the process) would not.
    fork = repeat(forked, runs=runs, budget=budget)
    row["rows"] = rows[0] if rows else None
    if fork.error:
        skipped = asdict(Timing())  # not run: the forked run failed (its error is listed)
        return {**row, "hskg": skipped, "hskg_forked": asdict(fork), "pyoxigraph": skipped}
    substitutions = {ox.Variable(k): v for k, v in bindings.items()} or None

    def pyoxigraph_direct():
        answer = direct.query(entry.text, prefixes=PREFIXES, substitutions=substitutions)
        return list(answer) if isinstance(answer, (ox.QuerySolutions, ox.QueryTriples)) else bool(answer)

    # Side by side: their ratio is a target, which a change of the machine's load between
    # two series of runs would move.
    command, plain = repeat_side_by_side(
        [lambda: run_query(store, entry.text, bindings=bindings, graphs=graphs, on_timeout="exit"), pyoxigraph_direct],
        runs=runs, budget=budget)
    if rdflib_graph is not None:
        row["rdflib"] = asdict(_rdflib_query(rdflib_graph, entry.text, bindings, min(runs, 2), rdflib_cap))
    return {**row, "hskg": asdict(command), "hskg_forked": asdict(fork), "pyoxigraph": asdict(plain)}


def _rdflib_query(graph, text: str, bindings: dict, runs: int, cap: float) -> Timing:
    """rdflib's ``Graph.query`` in a forked child (it has no time limit of its own):
    a warm-up then up to ``runs`` runs; the runs that finish within ``cap`` seconds count."""
    import multiprocessing

    from hskg.rdf import to_rdflib_term

    initial = {name: to_rdflib_term(term) for name, term in bindings.items()}

    def child(sender) -> None:
        try:
            for _ in range(1 + runs):
                start = time.perf_counter()
                list(graph.query(text, initNs=PREFIXES, initBindings=initial))
                sender.send(("time", time.perf_counter() - start))
        except Exception as error:  # reported as the cell's error
            sender.send(("error", short_error(error)))
        sender.send(("done", None))

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=child, args=(sender,), daemon=True)
    process.start()
    sender.close()
    try:
        times, error = _received_times(receiver, deadline=time.perf_counter() + cap)
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if times:
        return Timing(runs=times[1:] or times[:1])  # the first run warms up
    return Timing(error=error)


def _received_times(receiver, *, deadline: float) -> tuple[list[float], str]:
    """The run times the rdflib child sent before ``deadline``, and its error if it sent no time."""
    times: list[float] = []
    error = ""
    try:
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not receiver.poll(remaining):
                return times, error or "timeout"
            kind, value = receiver.recv()
            if kind == "time":
                times.append(value)
            elif kind == "error":
                error = value
            else:
                return times, error
    except EOFError:
        return times, error or "the child ended without an answer"
