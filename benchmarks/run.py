"""A whole run: the graphs, then every measure on them, in the order of the report."""

from __future__ import annotations

import gc
import tempfile
import time
from pathlib import Path
from typing import Callable, TypeVar

from hskg.progress import Steps, progress
from hskg.project import Project

from .coldstart import measure_cold_start
from .loading import LOAD_PATHS, measure_load
from .measure import Plan
from .queries import measure_queries
from .results import GraphInfo, Report, environment
from .synthetic import copies_for, shipped_info, shipped_triples, size_label, write_synthetic_project
from .targets import check_targets
from .validation import measure_validation
from .views import QUICK_VIEW_TARGETS, VIEW_TARGETS, measure_view, plan_views

Result = TypeVar("Result")


def step_count(plan: Plan) -> int:
    """The steps ``run_benchmark`` shows progress over."""
    graphs = 1 + len(plan.sizes)
    views = len(QUICK_VIEW_TARGETS if plan.quick else VIEW_TARGETS)
    # graphs written, then per graph: loads, queries, validation; cold start; the view plan and each view
    return graphs + graphs * (len(LOAD_PATHS) + 2) + 1 + 1 + views


def run_benchmark(plan: Plan, project: Project) -> Report:
    """Every measure of ``plan``; progress on standard error when a person watches (``hskg.progress``)."""
    started = time.perf_counter()
    env = environment(plan.mode)
    with tempfile.TemporaryDirectory(prefix="hskg-bench-") as temporary, \
            progress("benchmark", step_count(plan)) as steps:
        folder = Path(temporary)
        graphs = write_graphs(plan, project, folder, steps)
        loads = [_step(steps, f"load {graph.name} with {path}", measure_load, graph, path, plan)
                 for graph in graphs for path in LOAD_PATHS]
        queries = [_step(steps, f"catalog queries on {graph.name}", measure_queries, graph, plan) for graph in graphs]
        validation = [step for graph in graphs
                      for step in _step(steps, f"validate {graph.name}", measure_validation, graph, plan)]
        cold = _step(steps, "cold starts", measure_cold_start, graphs, plan, project.root)
        planned = _step(steps, "planning the views", plan_views, plan, project)
        views = [_step(steps, f"view ~{target} nodes: {name} ×{copies}", measure_view, target, name, copies, plan,
                       project, folder) for target, name, copies in planned]
    report = Report(env, graphs, loads, queries, validation, cold, views)
    report.targets = check_targets(report)
    report.total_s = time.perf_counter() - started
    return report


def _step(steps: Steps, name: str, work: Callable[..., Result], *arguments) -> Result:
    """``work(*arguments)``, shown as step ``name``."""
    steps.step(name)
    return work(*arguments)


def write_graphs(plan: Plan, project: Project, folder: Path, steps: Steps) -> list[GraphInfo]:
    """The shipped graph, then a synthetic project in ``folder`` for each size of the plan."""
    shipped = _step(steps, "reading the shipped graph", shipped_triples, project)
    graphs = [shipped_info(shipped)]
    for size in plan.sizes:
        copies = copies_for(size, shipped)
        label = size_label(size)
        graphs.append(_step(steps, f"writing synthetic {label} ({copies} copies)", write_synthetic_project,
                            folder / f"synthetic-{label}", shipped, copies, plan.seed, f"synthetic {label}", size))
    del shipped
    gc.collect()  # the children measure beside this process: it should hold no big graph meanwhile
    return graphs
