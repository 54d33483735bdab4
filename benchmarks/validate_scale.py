"""``python -m benchmarks.validate_scale``: ``hskg validate`` as a user runs it, one fresh
process per run, on the shipped graph and on synthetic graphs of 10k, 100k and 1M triples,
without OWL and with it (HermiT's first run, then the same graph again, answered from the
kept verdict), and on the shipped graph after one edited file.  Writes
``benchmarks/results/validate.md``.

    python -m benchmarks.validate_scale                      # 10k,100k,1M; OWL up to 100k
    python -m benchmarks.validate_scale --sizes 10k --runs 1 # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from hskg.files import write_atomically
from hskg.project import Project

from .synthetic import copies_for, parse_size, shipped_triples, size_label, write_synthetic_project

RESULTS = Path("benchmarks") / "results" / "validate.md"
OWL_TIME_LIMIT = "900"  # seconds HermiT may take on a synthetic graph
# One edit of each kind, in the shipped graph's actors file: what the OWL verdict may skip, and what not.
TEXT_EDIT = ('rdfs:label "NATO"@en', 'rdfs:label "NATO"@en ; rdfs:comment "edited for the benchmark"@en')
AXIOM_EDIT = ('rdfs:label "NATO"@en', 'rdfs:label "NATO"@en ; a hskg:Organization')


@dataclass
class Row:
    graph: str
    triples: int
    command: str
    seconds: list[float]
    owl: str
    findings: int
    load: float  # the 1-minute load average when the measure began (the machine is shared)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def run_validate(root: Path, *options: str) -> tuple[float, dict]:
    """One ``hskg validate --format json`` in a fresh process: seconds and its JSON report."""
    command = [sys.executable, "-m", "hskg.cli", "--root", str(root), "validate", "--format", "json", *options]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        return seconds, {"owl": f"error: {done.stderr.strip()[:120]}", "findings": []}
    return seconds, json.loads(done.stdout)


def measure(graph: str, triples: int, root: Path, command: str, runs: int, *options: str) -> Row:
    seconds, report, load = [], {}, os.getloadavg()[0]
    for _ in range(runs):
        took, report = run_validate(root, *options)
        seconds.append(took)
    return Row(graph, triples, command, seconds, report.get("owl") or "skipped", len(report.get("findings", [])), load)


def project_copy(source: Project, folder: Path) -> Path:
    for name in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(source.root / name, folder / name)
    return folder


def edited(root: Path, edit: tuple[str, str]) -> None:
    path = root / "graph" / "actors.ttl"
    text = path.read_text(encoding="utf-8")
    if edit[0] not in text:
        raise SystemExit(f"{path}: the benchmark's edit expects {edit[0]!r}")
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validate_scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M", help="Synthetic sizes (default 10k,100k,1M).")
    parser.add_argument("--owl-up-to", default="100k", help="Run HermiT on synthetic graphs up to this size.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each measure (the median is shown).")
    parser.add_argument("-o", "--output", type=Path, help=f"Default: {RESULTS} in the project.")
    args = parser.parse_args(argv)
    project = Project.find()
    output = args.output or project.root / RESULTS
    rows: list[Row] = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="hskg-validate-bench-") as work:
        shipped = shipped_triples(project)
        root = project_copy(project, Path(work) / "shipped")
        size = len(shipped.ontology) + len(shipped.data)
        rows.append(measure("shipped", size, root, "validate --no-owl", args.runs, "--no-owl"))
        rows.append(measure("shipped", size, root, "validate (first run: HermiT)", 1))
        rows.append(measure("shipped", size, root, "validate (unchanged graph)", args.runs))
        edited(root, TEXT_EDIT)
        rows.append(measure("shipped", size, root, "validate after one edited file (a comment added)", 1))
        edited(root, AXIOM_EDIT)
        rows.append(measure("shipped", size, root, "validate after one edited file (a type added)", 1))
        for nominal in (parse_size(s) for s in args.sizes.split(",")):
            folder = Path(work) / size_label(nominal)
            info = write_synthetic_project(folder, shipped, copies_for(nominal, shipped), nominal=nominal)
            shutil.copytree(project.sources_dir, folder / "sources")
            label = f"synthetic {size_label(nominal)}"
            rows.append(measure(label, info.triples, folder, "validate --no-owl", args.runs, "--no-owl"))
            if nominal <= parse_size(args.owl_up_to):
                first = measure(label, info.triples, folder, "validate (first run: HermiT)", 1,
                                "--owl-timeout", OWL_TIME_LIMIT)
                rows.append(first)
                if first.owl == "hermit":
                    rows.append(measure(label, info.triples, folder, "validate (unchanged graph)", args.runs))
            shutil.rmtree(folder)
    text = render(rows, (load_before, os.getloadavg()))
    print(text)
    write_atomically(output, (text + "\n").encode("utf-8"))
    return 0


def render(rows: list[Row], loads: tuple[tuple[float, ...], tuple[float, ...]]) -> str:
    lines = [
        "# `hskg validate` at scale",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `python -m benchmarks.validate_scale`: "
        f"a fresh `hskg validate --format json` process per run (Python start, load, every check), "
        f"{os.cpu_count()} cores shared with other work (`load`: the load average as each measure began). "
        "`owl` says where the OWL verdict came from: `hermit` (Java started), `cached` (the same graph), "
        "`texts` (only free texts changed), `skipped` (`--no-owl`). Load average (1, 5, 15 min) of the "
        "whole run: " + " before, ".join(", ".join(f"{a:.2f}" for a in load) for load in loads) + " after.",
        "",
        "| graph | triples | command | median (s) | runs | owl | findings | load |",
        "|---|---:|---|---:|---:|---|---:|---:|",
    ]
    lines += [f"| {r.graph} | {r.triples:,} | `{r.command}` | {r.median:.2f} | {len(r.seconds)} | {r.owl} | {r.findings} | {r.load:.1f} |"
              for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
