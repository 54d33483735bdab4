"""The targets of issue 9, and whether a run met them."""

from __future__ import annotations

from .loading import LOAD_PATH_NAMES
from .results import ColdStart, LoadResult, QueryRun, QueryTimes, Report, TargetCheck, ViewResult
from .synthetic import size_label

TARGET_COLD_S = 0.15
TARGET_QUERY_MS = 50.0
TARGET_QUERY_SIZE = 100_000
TARGET_QUERY_RATIO = 2.0
TARGET_LOAD_RATE = 250_000
TARGET_LOAD_SIZE = 1_000_000
TARGET_FIRST_DRAW_MS = {5_000: 1500.0, 20_000: 3000.0}
TARGET_REDRAW_MS = 25.0
TARGET_REDRAW_NODES = 1_000
NOT_MEASURED = "—"
NOT_APPLICABLE = "n.a."


def yes_no(condition: bool) -> str:
    return "yes" if condition else "no"


def cold_met(cold: ColdStart) -> str:
    if not cold.target or cold.timing.median is None:
        return NOT_APPLICABLE
    return yes_no(cold.timing.median <= TARGET_COLD_S)


def query_within_time(query: QueryTimes) -> bool:
    return query.hskg.median is not None and query.hskg.median * 1000 <= TARGET_QUERY_MS


def query_within_ratio(query: QueryTimes) -> bool:
    ratio = query.ratio()
    return ratio is not None and ratio <= TARGET_QUERY_RATIO


def query_met(query: QueryTimes, graph_size: int | None) -> str:
    if graph_size != TARGET_QUERY_SIZE:
        return NOT_APPLICABLE
    return yes_no(query_within_time(query) and query_within_ratio(query))


def load_met(load: LoadResult, graph_size: int | None) -> str:
    if graph_size != TARGET_LOAD_SIZE or load.path != "hskg" or not load.rate:
        return NOT_APPLICABLE
    return yes_no(load.rate >= TARGET_LOAD_RATE)


def view_met(view: ViewResult) -> str:
    if view.target_nodes in TARGET_FIRST_DRAW_MS and view.first_draw_ms.median is not None:
        return yes_no(view.first_draw_ms.median <= TARGET_FIRST_DRAW_MS[view.target_nodes])
    if view.target_nodes == TARGET_REDRAW_NODES and view.redraw_ms.median is not None:
        return yes_no(view.redraw_ms.median <= TARGET_REDRAW_MS)
    return NOT_APPLICABLE


def check_targets(report: Report) -> list[TargetCheck]:
    return _cold_targets(report) + _query_targets(report) + _load_targets(report) + _view_targets(report)


def _cold_targets(report: Report) -> list[TargetCheck]:
    threshold = f"≤ {TARGET_COLD_S} s"
    cold = [c for c in report.cold if c.target and c.timing.median is not None]
    if not cold:
        return [TargetCheck("cold `hskg query NAME`", threshold, NOT_MEASURED, NOT_APPLICABLE)]
    worst = max(cold, key=lambda c: c.timing.median)
    return [TargetCheck(f"cold `{worst.command}` (shipped graph, whole process)", threshold,
                        f"{worst.timing.median:.3f} s", cold_met(worst))]


def _query_targets(report: Report) -> list[TargetCheck]:
    label = f"catalog queries at {size_label(TARGET_QUERY_SIZE)}, default path (`hskg query`: in process)"
    time_label, time_threshold = label + ": every median", f"≤ {TARGET_QUERY_MS:g} ms"
    ratio_label, ratio_threshold = label + ": within 2× of pyoxigraph", f"≤ {TARGET_QUERY_RATIO:g}×"
    run = next((q for q in report.queries if report.nominal_size(q.graph) == TARGET_QUERY_SIZE and q.queries), None)
    if run is None:
        return [TargetCheck(time_label, time_threshold, NOT_MEASURED, NOT_APPLICABLE),
                TargetCheck(ratio_label, ratio_threshold, NOT_MEASURED, NOT_APPLICABLE)]
    return [TargetCheck(time_label, time_threshold, _query_time_summary(run), yes_no(_all(run, query_within_time))),
            TargetCheck(ratio_label, ratio_threshold, _query_ratio_summary(run), yes_no(_all(run, query_within_ratio)))]


def _all(run: QueryRun, within) -> bool:
    return all(within(q) for q in run.queries)


def _query_time_summary(run: QueryRun) -> str:
    within = sum(query_within_time(q) for q in run.queries)
    medians = [(q.hskg.median, q.query) for q in run.queries if q.hskg.median is not None]
    failed = [q.query for q in run.queries if q.hskg.median is None]
    text = f"{within}/{len(run.queries)} within"
    if medians:
        slowest, name = max(medians)
        text += f"; slowest {name} {slowest * 1000:.1f} ms"
    return text + (f"; failed: {', '.join(failed)}" if failed else "")


def _query_ratio_summary(run: QueryRun) -> str:
    within = sum(query_within_ratio(q) for q in run.queries)
    ratios = [(q.ratio(), q.query) for q in run.queries if q.ratio() is not None]
    text = f"{within}/{len(run.queries)} within"
    if ratios:
        worst, name = max(ratios)
        text += f"; worst {name} {worst:.1f}×"
    return text


def _load_targets(report: Report) -> list[TargetCheck]:
    loads = {l.path: l for l in report.loads if report.nominal_size(l.graph) == TARGET_LOAD_SIZE}
    checks = []
    for path in ("hskg", "pyoxigraph", "pyoxigraph-load"):
        load = loads.get(path)
        name = f"load at {size_label(TARGET_LOAD_SIZE)}, {LOAD_PATH_NAMES[path]}"
        if path == "hskg":
            name += " (hskg's default path)"
        threshold = f"≥ {TARGET_LOAD_RATE} triples/s"
        if load and load.rate:
            checks.append(TargetCheck(name, threshold, f"{load.rate:.0f} triples/s",
                                      yes_no(load.rate >= TARGET_LOAD_RATE)))
        else:
            checks.append(TargetCheck(name, threshold, NOT_MEASURED, NOT_APPLICABLE))
    return checks


def _view_targets(report: Report) -> list[TargetCheck]:
    def view_of(nodes: int) -> ViewResult | None:
        return next((v for v in report.views if v.target_nodes == nodes), None)

    checks = [_view_check(f"{size_label(nodes)}-node view, first draw in headless Chromium", view_of(nodes),
                          "first_draw_ms", limit, digits=0) for nodes, limit in TARGET_FIRST_DRAW_MS.items()]
    checks.append(_view_check(f"{size_label(TARGET_REDRAW_NODES)}-node view, one redraw",
                              view_of(TARGET_REDRAW_NODES), "redraw_ms", TARGET_REDRAW_MS, digits=1))
    return checks


def _view_check(label: str, view: ViewResult | None, measure: str, limit_ms: float, *, digits: int) -> TargetCheck:
    """The check of one view's ``measure`` (a timing in milliseconds) against ``limit_ms``."""
    measured = getattr(view, measure).median if view else None
    if measured is None:
        return TargetCheck(label, f"≤ {limit_ms:g} ms", NOT_MEASURED, NOT_APPLICABLE)
    return TargetCheck(label, f"≤ {limit_ms:g} ms", f"{measured:.{digits}f} ms ({view.nodes} nodes)",
                       yes_no(measured <= limit_ms))
