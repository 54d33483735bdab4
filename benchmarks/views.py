"""The interactive views: ``build_view`` and ``render_html`` in Python, first draw and
redraw in headless Chromium (driven by Playwright)."""

from __future__ import annotations

import math
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hskg.project import Project

from .browser import CHROMIUM, CHROMIUM_ARGS
from .measure import Plan, repeat, run_child, short_error
from .results import Timing, ViewResult
from .synthetic import shipped_triples, synthetic_copies

VIEW_TARGETS = (100, 1_000, 5_000, 20_000)
QUICK_VIEW_TARGETS = (100, 1_000, 5_000)
VIEWPORT = {"width": 1400, "height": 900}
READY_TIMEOUT_MS = 180_000
REDRAWS = 12  # synchronous redraws per page; the first two warm up
TIMINGS = ("build", "render", "first_draw_ms", "ready_wall_ms", "redraw_ms", "parsed_ms", "network_ms")
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


def plan_views(plan: Plan, project: Project) -> list[tuple[int, str, int]]:
    """(target nodes, view name, copies) for each view size: a named view of the shipped
    graph where one is near the target, else the overview of enough copies."""
    from hskg import views
    from hskg.knowledge import load_project

    store = load_project(project).store
    named = {name: views.build_view(store, name).graph.number_of_nodes() for name in views.VIEWS}
    per_copy = named["overview"]
    planned = []
    for target in QUICK_VIEW_TARGETS if plan.quick else VIEW_TARGETS:
        if target < 0.75 * per_copy:
            name = min(named, key=lambda n: abs(math.log(max(1, named[n]) / target)))
            planned.append((target, name, 1))
        else:
            planned.append((target, "overview", max(1, round(target / per_copy))))
    return planned


def measure_view(target: int, name: str, copies: int, plan: Plan, project: Project, folder: Path) -> ViewResult:
    runs = 1 if plan.quick or target >= 20_000 else (2 if target >= 5_000 else 3)
    browser_runs = 1 if plan.quick else (2 if target >= 5_000 else 3)
    answer = run_child("view", {"project": str(project.root), "target": target, "view": name, "copies": copies,
                                "runs": runs, "browser_runs": browser_runs, "budget": 30.0 if plan.quick else 120.0,
                                "html_path": str(folder / f"view-{target}.html"), "seed": plan.seed,
                                "warmup": 0 if plan.quick else 1}, timeout=1800)
    result = ViewResult(target, name, copies, error=answer.get("error", ""))
    for key in ("nodes", "edges", "html_bytes"):
        setattr(result, key, answer.get(key, 0))
    for key in TIMINGS:
        setattr(result, key, Timing.from_dict(answer.get(key)))
    return result


def child_view(project: str, target: int, view: str, copies: int, runs: int, browser_runs: int, budget: float,
               html_path: str, seed: int, warmup: int = 1) -> dict:
    """In the child: build and render ``view`` of ``copies`` copies of the knowledge, then
    open the page in Chromium."""
    from hskg import views
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH, OxigraphStore

    shipped = shipped_triples(Project(Path(project)))
    store = OxigraphStore()
    store.add_triples(shipped.ontology, ONTOLOGY_GRAPH)
    for part in synthetic_copies(shipped, max(1, copies), seed):
        store.add_triples(part, DATA_GRAPH)
    built: list = []  # the last view built, which render_html then renders

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
    pages: list[str] = []

    def render():
        pages[:] = [views.render_html(built[0], title=f"hskg bench {view} {graph.number_of_nodes()}")]
        return pages[0]

    result["render"] = asdict(repeat(render, runs=runs, warmup=warmup, budget=budget))
    data = pages[0].encode("utf-8")
    result["html_bytes"] = len(data)
    Path(html_path).write_bytes(data)
    try:
        result.update(browser_timings(Path(html_path), runs=browser_runs, budget=budget, warmup=warmup))
    except Exception as error:  # no chromium, no playwright: the other figures stand
        result["error"] = short_error(error)
    return result


def browser_timings(html_path: Path, *, runs: int, budget: float, warmup: int = 1) -> dict:
    """First draw (``hskgView.state.firstDrawMs``: ms from navigation start to the first
    ``afterDrawing``) and the page's own marks (data parsed, ``vis.Network`` built), the
    wall time from ``goto`` to ready, and synchronous ``network.redraw()`` times."""
    from playwright.sync_api import sync_playwright

    timings = {key: Timing() for key in ("first_draw_ms", "ready_wall_ms", "parsed_ms", "network_ms", "redraw_ms")}
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for attempt in range(warmup + max(1, runs)):
                page = browser.new_page(viewport=VIEWPORT)
                wall_ms = _open(page, html_path)
                # A warm-up that takes half the budget counts as the run (as in measure.repeat).
                slow_warmup = attempt < warmup and wall_ms / 1000 > budget / 2
                if attempt >= warmup or slow_warmup:
                    _record_page(page, wall_ms, timings)
                page.close()
                if slow_warmup or (time.perf_counter() - started > budget and timings["first_draw_ms"].runs):
                    break
        finally:
            browser.close()
    return {key: asdict(timing) for key, timing in timings.items()}


def _open(page, html_path: Path) -> float:
    """Milliseconds from ``goto`` until the page says it is ready."""
    start = time.perf_counter()
    page.goto(html_path.as_uri())
    page.wait_for_function("window.hskgView && window.hskgView.state.ready", timeout=READY_TIMEOUT_MS)
    return (time.perf_counter() - start) * 1000


def _record_page(page, wall_ms: float, timings: dict[str, Timing]) -> None:
    """Add one page's figures to ``timings``; redraws are timed on the first recorded page only."""
    state = page.evaluate("({first: window.hskgView.state.firstDrawMs, marks: window.hskgView.state.marks})")
    timings["first_draw_ms"].runs.append(float(state["first"]))
    timings["ready_wall_ms"].runs.append(wall_ms)
    timings["parsed_ms"].runs.append(float(state["marks"].get("parsed", 0.0)))
    timings["network_ms"].runs.append(float(state["marks"].get("network", 0.0)))
    redraw = timings["redraw_ms"]
    if not redraw.runs:
        answer = page.evaluate(REDRAW_SCRIPT, REDRAWS)
        if answer["drawn"] < REDRAWS:
            redraw.error = "redraw() did not draw synchronously"
        redraw.runs = answer["times"][2:]  # the first two warm up
