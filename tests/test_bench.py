"""The benchmark script: the shape of its report (not its times), and its synthetic graphs.

``python -m hskg.bench --quick`` runs as CI's smoke test of the script; the figures
themselves belong in the README, not in assertions.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from hskg import bench

ROOT = Path(__file__).resolve().parent.parent
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MARKERS = {"—", "timeout", "error"}  # what a numeric cell may hold when there is no number
TARGET_VALUES = {"yes", "no", "n.a."}
SECTIONS = ["## Targets", "## Graphs", "## Load", "## Catalog queries: shipped", "## Catalog queries: synthetic 10k",
            "## Validate and reason", "## Cold start", "## Views"]
# Columns that hold text, not numbers.
TEXT_COLUMNS = {"target", "threshold", "measured", "graph", "path", "query", "step", "result", "command", "view",
                "view size", "target met?"}


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory) -> tuple[str, str]:
    """The report printed by ``--quick``, and the one written with ``-o``."""
    output = tmp_path_factory.mktemp("bench") / "bench.md"
    done = subprocess.run([sys.executable, "-m", "hskg.bench", "--quick", "-o", str(output)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, output.read_text(encoding="utf-8")


def tables(text: str) -> dict[str, list[list[dict[str, str]]]]:
    """The Markdown tables of the report under each ``##`` heading: rows as {header: cell}."""
    found: dict[str, list[list[dict[str, str]]]] = {}
    heading = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            heading = line
        if line.startswith("| ") and i + 1 < len(lines) and re.fullmatch(r"\|(---:?\|)+", lines[i + 1]):
            headers = _cells(line)
            rows = []
            i += 2
            while i < len(lines) and lines[i].startswith("| "):
                cells = _cells(lines[i])
                assert len(cells) == len(headers), f"row of {len(cells)} cells under {len(headers)} headers: {lines[i]}"
                rows.append(dict(zip(headers, cells)))
                i += 1
            found.setdefault(heading, []).append(rows)
            continue
        i += 1
    return found


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def test_quick_report_prints_and_writes_the_same_report(quick_report):
    printed, written = quick_report
    assert printed.strip() == written.strip()


def test_header_names_the_machine_and_every_library_version(quick_report):
    printed, _ = quick_report
    header = next(line for line in printed.splitlines() if line.startswith("**Machine:**"))
    assert re.search(r"\b\d+ cores\b", header)
    assert re.search(r"\bPython \d+\.\d+\.\d+", header)
    assert re.search(r"\b20\d\d-\d\d-\d\d\b", header)
    for library in ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx", "pyvis", "chromium"):
        assert re.search(rf"\b{library} \d+(\.\d+)+", header), f"no version of {library} in {header!r}"


def test_report_has_every_section_in_order(quick_report):
    printed, _ = quick_report
    positions = [printed.find(section) for section in SECTIONS]
    assert all(p >= 0 for p in positions), [s for s, p in zip(SECTIONS, positions) if p < 0]
    assert positions == sorted(positions)
    assert "Catalog queries: synthetic 100k" not in printed and "synthetic 1M" not in printed  # --quick


def test_one_row_per_catalog_query(quick_report):
    printed, _ = quick_report
    expected = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    found = tables(printed)
    for heading in ("## Catalog queries: shipped", "## Catalog queries: synthetic 10k"):
        (table,) = [t for h, ts in found.items() if h.startswith(heading) for t in ts]
        assert sorted(row["query"] for row in table) == expected
        # Each query ran on the default path: a number, not an error.
        assert all(_number(row["hskg (ms)"]) is not None for row in table), [r for r in table if
                                                                             _number(r["hskg (ms)"]) is None]


def test_numeric_cells_are_numbers_and_targets_are_yes_no_or_na(quick_report):
    printed, _ = quick_report
    found = tables(printed)
    assert found, "no tables"
    for heading, heading_tables in found.items():
        for table in heading_tables:
            assert table, f"an empty table under {heading}"
            for row in table:
                for column, cell in row.items():
                    if column == "target met?":
                        assert cell in TARGET_VALUES, (heading, row)
                    elif column not in TEXT_COLUMNS:
                        assert _number(cell) is not None or cell in MARKERS, (heading, column, cell)


def test_targets_table_lists_the_issues_targets(quick_report):
    printed, _ = quick_report
    (targets,) = tables(printed)["## Targets"]
    text = " ".join(row["target"] for row in targets)
    for needle in ("cold", "catalog queries at 100k", "load at 1M", "5k-node view", "20k-node view", "1k-node view"):
        assert needle in text
    # --quick measures neither 100k nor 1M nor a 20k view: those targets cannot be judged.
    by_name = {row["target"]: row["target met?"] for row in targets}
    assert all(met == "n.a." for name, met in by_name.items() if "100k" in name or "1M" in name or "20k" in name)


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------
# The synthetic generator


@pytest.fixture(scope="module")
def shipped():
    return bench.shipped_triples(ROOT)


def test_synthetic_graph_is_deterministic(shipped):
    first = bench.synthetic_triples(shipped, 3, seed=7)
    again = bench.synthetic_triples(shipped, 3, seed=7)
    other = bench.synthetic_triples(shipped, 3, seed=8)
    assert first == again
    assert first != other  # the seed decides the rewiring
    assert len(first) > 2.5 * len(shipped.data)


def test_synthetic_graph_has_the_shipped_classes_and_predicates(shipped):
    triples = bench.synthetic_triples(shipped, 3)
    data = triples[len(shipped.ontology):]

    def classes(ts):
        return {t.object.value for t in ts if t.predicate.value == RDF_TYPE}

    def predicates(ts):
        return {t.predicate.value for t in ts}

    assert classes(data) == classes(shipped.data)
    assert predicates(data) == predicates(shipped.data)
    assert triples[:len(shipped.ontology)] == shipped.ontology
    # Copies rename the individuals: no IRI subject repeats a triple of another copy.
    assert len(set(triples)) == len(triples)


def test_synthetic_project_is_valid_and_loads_with_hskg(shipped, tmp_path):
    from hskg.load import load_project
    from hskg.project import Project
    from hskg.validate import load_checks, sparql_findings

    info = bench.write_synthetic_project(tmp_path / "synthetic", shipped, 2)
    knowledge = load_project(Project(Path(info.root)))
    assert knowledge.store.count() == info.triples
    # The copies keep the claim structure: every claimed triple is asserted, labels stay unique.
    checks = load_checks(ROOT / "queries" / "checks")
    errors = [f for f in sparql_findings(knowledge.store, checks) if f.severity == "error"]
    assert errors == []
    # The catalog's example node parameters still name one node each.
    from hskg.query import bind_parameters, load_catalog

    for entry in load_catalog(ROOT / "queries").values():
        if entry.parameters:
            bound = bind_parameters(knowledge.store, entry.parameters, bench.catalog_parameters(entry))
            assert all(isinstance(bound[p.name], ox.NamedNode) for p in entry.parameters if p.kind == "node")
