"""``hskg validate`` step by step (SHACL, SPARQL checks, OWL) and ``hskg reason``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

from .measure import Plan, repeat, run_child
from .results import GraphInfo, StepResult, Timing

VALIDATE_SYNTHETIC_MAX = 20_000  # SHACL and the SPARQL checks grow too fast to run on bigger graphs here
STEP_NAMES = {"shacl": "validate: SHACL (pySHACL)", "sparql": "validate: SPARQL checks",
              "owl": "validate: OWL (HermiT)", "all": "hskg validate (all, in process)",
              "reason": "hskg reason (run_reasoner)"}
SLOW_STEPS = ("owl", "all", "reason")  # each starts Java: two runs at most
OWL_TIME_LIMIT_S = 120.0


def validation_steps(graph: GraphInfo, plan: Plan) -> list[str]:
    """Every step on the shipped graph; SHACL and the SPARQL checks also on the small
    synthetic graphs (not in --quick), to show how they grow."""
    if graph.copies == 0:
        return ["shacl", "sparql", "owl"] + ([] if plan.quick else ["all", "reason"])
    if not plan.quick and graph.triples <= VALIDATE_SYNTHETIC_MAX:
        return ["shacl", "sparql"]
    return []


def measure_validation(graph: GraphInfo, plan: Plan) -> list[StepResult]:
    steps = validation_steps(graph, plan)
    if not steps:
        return []
    runs = 1 if plan.quick or graph.copies else min(plan.runs, 3)
    answer = run_child("validate", {"root": graph.root, "runs": runs, "budget": 20.0 if plan.quick else 60.0,
                                    "steps": steps}, timeout=1800)
    if "steps" not in answer:
        return [StepResult("hskg validate", Timing(error=answer.get("error", "no answer")), graph=graph.name)]
    return [StepResult(s["step"], Timing.from_dict(s["timing"]), s["detail"], graph.name) for s in answer["steps"]]


def child_validate(root: str, runs: int, budget: float, steps: list[str]) -> dict:
    """In the child: time each of ``steps`` (keys of ``STEP_NAMES``) on the project at ``root``."""
    found: dict[str, int] = {}  # findings, or inferred triples, of each step's last run
    actions, checks = _step_actions(Path(root), found)
    results = []
    for key in steps:
        slow = key in SLOW_STEPS
        timing = repeat(actions[key], runs=min(runs, 2) if slow else runs, warmup=0 if slow and runs == 1 else 1,
                        budget=budget)
        if key == "reason":
            detail = f"{found.get(key, 0)} inferred triples"
        else:
            detail = f"{found[key]} findings" if key in found else ""
        if key == "sparql":
            detail += f", {checks} checks"
        results.append({"step": STEP_NAMES[key], "timing": asdict(timing), "detail": detail})
    return {"steps": results}


def _step_actions(root: Path, found: dict[str, int]) -> tuple[dict[str, Callable[[], Any]], int]:
    """What each step runs (recording its count in ``found``), and how many SPARQL checks there are."""
    from hskg.knowledge import load_project
    from hskg.project import Project
    from hskg.reasoner import run_reasoner
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH
    from hskg.validate import load_checks, owl_findings, owl_verdict, shacl_findings, sparql_findings
    from hskg.validate import validate as run_validation

    project = Project(root)
    knowledge = load_project(project)
    store = knowledge.store
    data = list(store.triples([DATA_GRAPH]))
    ontology = list(store.triples([ONTOLOGY_GRAPH]))
    checks = load_checks(project.queries_dir / "checks")

    def counted(key: str, run: Callable[[], list]) -> Callable[[], list]:
        def action():
            answer = run()
            found[key] = len(answer)
            return answer
        return action

    return {
        "shacl": counted("shacl", lambda: shacl_findings(data, ontology, project.shape_files(), project.root)),
        "sparql": counted("sparql", lambda: sparql_findings(store, checks)),
        "owl": counted("owl", lambda: owl_findings(owl_verdict(store, OWL_TIME_LIMIT_S)[0])),
        "all": counted("all", lambda: run_validation(knowledge).findings),
        "reason": counted("reason", lambda: run_reasoner(store.triples()).inferred),
    }, len(checks)
