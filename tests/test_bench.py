"""The benchmark (``benchmarks/``): the shape of its report (not its times), its synthetic
graphs, and the README section it writes.

``python -m benchmarks --quick`` runs as CI's smoke test of the benchmark; the figures
themselves belong in the README, not in assertions.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from benchmarks.measure import repeat_side_by_side
from benchmarks.queries import catalog_parameters
from benchmarks.readme import END, START, replace_section, update_readme
from benchmarks.synthetic import parse_size, shipped_triples, size_label, synthetic_triples, write_synthetic_project
from hskg.errors import HskgError
from hskg.project import Project

ROOT = Path(__file__).resolve().parent.parent
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
MARKERS = {"—", "timeout", "error"}  # what a numeric cell may hold when there is no number
TARGET_VALUES = {"yes", "no", "n.a."}
SECTIONS = ["## Targets", "## Graphs", "## Load", "## Catalog queries: shipped", "## Catalog queries: synthetic 10k",
            "## Validate and reason", "## Cold start", "## Views"]
README_SECTIONS = ["### Targets", "### Cold start", "### Views"]
# Columns that hold text, not numbers.
TEXT_COLUMNS = {"target", "threshold", "measured", "graph", "path", "query", "step", "result", "command", "view",
                "view size", "target met?"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> dict:
    """One ``--quick`` run from the repository root, writing its report and a copy of the README."""
    folder = tmp_path_factory.mktemp("bench")
    readme = folder / "README.md"
    readme.write_bytes((ROOT / "README.md").read_bytes())
    output = folder / "results" / "latest.md"
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "-o", str(output), "--readme", str(readme)],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    return {"printed": done.stdout, "stderr": done.stderr, "written": output.read_text(encoding="utf-8"),
            "readme": readme.read_bytes().decode("utf-8")}


def tables(text: str) -> dict[str, list[list[dict[str, str]]]]:
    """The Markdown tables of a report under each heading: rows as {header: cell}."""
    found: dict[str, list[list[dict[str, str]]]] = {}
    heading = ""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
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


def _number(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None


def assert_cells_are_well_formed(text: str) -> None:
    found = tables(text)
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


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.java
class TestQuickRun:
    def test_prints_and_writes_the_same_report_and_is_quiet_without_a_terminal(self, quick_run):
        assert quick_run["printed"].strip() == quick_run["written"].strip()
        assert quick_run["stderr"] == ""  # progress goes to a terminal only

    def test_header_names_the_machine_and_every_library_version(self, quick_run):
        header = next(line for line in quick_run["printed"].splitlines() if line.startswith("**Machine:**"))
        assert re.search(r"\b\d+ cores\b", header)
        assert re.search(r"\bPython \d+\.\d+\.\d+", header)
        assert re.search(r"\b20\d\d-\d\d-\d\d\b", header)
        for library in ("rdflib", "pyoxigraph", "pyshacl", "owlready2", "networkx", "pyvis", "chromium"):
            assert re.search(rf"\b{library} \d+(\.\d+)+", header), f"no version of {library} in {header!r}"

    def test_report_has_every_section_in_order(self, quick_run):
        printed = quick_run["printed"]
        positions = [printed.find(section) for section in SECTIONS]
        assert all(p >= 0 for p in positions), [s for s, p in zip(SECTIONS, positions) if p < 0]
        assert positions == sorted(positions)
        assert "Catalog queries: synthetic 100k" not in printed and "synthetic 1M" not in printed  # --quick

    def test_one_row_per_catalog_query(self, quick_run):
        expected = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
        found = tables(quick_run["printed"])
        for heading in ("## Catalog queries: shipped", "## Catalog queries: synthetic 10k"):
            (table,) = [t for h, ts in found.items() if h.startswith(heading) for t in ts]
            assert sorted(row["query"] for row in table) == expected
            # Each query ran on the default path: a number, not an error.
            assert [r for r in table if _number(r["hskg (ms)"]) is None] == []

    def test_numeric_cells_are_numbers_and_targets_are_yes_no_or_na(self, quick_run):
        assert_cells_are_well_formed(quick_run["printed"])

    def test_targets_table_lists_the_issues_targets(self, quick_run):
        (targets,) = tables(quick_run["printed"])["## Targets"]
        text = " ".join(row["target"] for row in targets)
        for needle in ("cold", "catalog queries at 100k", "load at 1M", "5k-node view", "20k-node view",
                       "1k-node view"):
            assert needle in text
        # --quick measures neither 100k nor 1M nor a 20k view: those targets cannot be judged.
        by_name = {row["target"]: row["target met?"] for row in targets}
        assert all(met == "n.a." for name, met in by_name.items() if "100k" in name or "1M" in name or "20k" in name)

    def test_readme_section_is_the_runs_summary_and_the_rest_is_untouched(self, quick_run):
        original = (ROOT / "README.md").read_bytes().decode("utf-8")
        written = quick_run["readme"]
        assert _outside_markers(written) == _outside_markers(original)
        section = _inside_markers(written)
        assert section != _inside_markers(original)
        positions = [section.find(heading) for heading in README_SECTIONS]
        assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
        assert "**Machine:**" in section and "mode quick" in section
        assert "[results/latest.md](results/latest.md)" in section  # the full report, linked from the README's folder
        assert "## Load" not in section and "Catalog queries" not in section  # no copy of the full report
        assert_cells_are_well_formed(section)
        (targets,) = tables(section)["### Targets"]
        assert [row["target"] for row in targets] == [row["target"] for row in
                                                      tables(quick_run["printed"])["## Targets"][0]]


def _outside_markers(text: str) -> tuple[str, str]:
    before, rest = text.split(START)
    return before, rest.split(END)[1]


def _inside_markers(text: str) -> str:
    return text.split(START)[1].split(END)[0]


# --------------------------------------------------------------------------------------
# The README section


def test_replace_section_rewrites_between_the_markers_only():
    text = f"# Title\n\n## Performance\n\nBy hand.\n\n{START}\nold figures\n{END}\n\nAfter.\n## Next\n"
    replaced = replace_section(text, "new figures\n")
    assert replaced == f"# Title\n\n## Performance\n\nBy hand.\n\n{START}\nnew figures\n{END}\n\nAfter.\n## Next\n"
    assert replace_section(replaced, "old figures") == text


@pytest.mark.parametrize("text", ["no markers at all\n", f"{START}\nonly the start\n",
                                  f"{END}\nreversed\n{START}\n", f"{START}\n{END}\n{START}\n{END}\n"])
def test_replace_section_refuses_a_readme_without_one_pair_of_markers(text):
    with pytest.raises(HskgError):
        replace_section(text, "figures")


def test_update_readme_on_a_copy_keeps_the_rest_byte_identical(tmp_path):
    readme = tmp_path / "README.md"
    original = (ROOT / "README.md").read_bytes()
    readme.write_bytes(original)
    readme.chmod(0o644)
    update_readme(readme, "| a | b |\n|---|---:|\n| x | 1 |\n")
    written = readme.read_bytes()
    before, after = original.split(START.encode())[0], original.split(END.encode())[1]
    assert written.startswith(before + START.encode() + b"\n| a | b |")
    assert written.endswith(b"| x | 1 |\n" + END.encode() + after)
    assert readme.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]  # no temporary file left behind


def test_the_readme_has_one_generated_performance_section():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    performance = text.split("\n## Performance\n")[1].split("\n## ")[0]
    assert performance.count(START) == 1 and performance.count(END) == 1
    assert "benchmarks/results/latest.md" in _inside_markers(text)
    assert (ROOT / "benchmarks" / "results" / "latest.md").is_file()
    assert "hskg.bench" not in text


# --------------------------------------------------------------------------------------
# The synthetic generator


@pytest.fixture(scope="module")
def shipped():
    return shipped_triples(Project(ROOT))


def test_synthetic_graph_is_deterministic(shipped):
    first = synthetic_triples(shipped, 3, seed=7)
    again = synthetic_triples(shipped, 3, seed=7)
    other = synthetic_triples(shipped, 3, seed=8)
    assert first == again
    assert first != other  # the seed decides the rewiring
    assert len(first) > 2.5 * len(shipped.data)


def test_synthetic_graph_has_the_shipped_classes_and_predicates(shipped):
    triples = synthetic_triples(shipped, 3)
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
    from hskg.knowledge import load_project
    from hskg.query import bind_parameters, load_catalog
    from hskg.validate import load_checks, sparql_findings

    info = write_synthetic_project(tmp_path / "synthetic", shipped, 2)
    knowledge = load_project(Project(Path(info.root)))
    assert knowledge.store.count() == info.triples
    # The copies keep the claim structure: every claimed triple is asserted, labels stay unique.
    checks = load_checks(ROOT / "queries" / "checks")
    errors = [f for f in sparql_findings(knowledge.store, checks) if f.severity == "error"]
    assert errors == []
    # The catalog's example node parameters still name one node each.
    for entry in load_catalog(ROOT / "queries").values():
        if entry.parameters:
            bound = bind_parameters(knowledge.store, entry.parameters, catalog_parameters(entry))
            assert all(isinstance(bound[p.name], ox.NamedNode) for p in entry.parameters if p.kind == "node")


def test_sizes_read_and_print_alike():
    assert [parse_size(text) for text in ("10000", "100k", "1M", "2_500", "1.5k")] == [10_000, 100_000, 1_000_000,
                                                                                        2_500, 1_500]
    assert [size_label(size) for size in (10_000, 100_000, 1_000_000, 2_500)] == ["10k", "100k", "1M", "2500"]


def test_the_benchmark_finds_the_project_from_where_it_runs(tmp_path):
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--quick"], capture_output=True, text=True,
                          cwd=tmp_path, env=environment, timeout=120)
    assert done.returncode == 2
    assert "no hskg project" in done.stderr and "--root" in done.stderr


def test_side_by_side_runs_take_turns_and_a_failing_action_drops_out():
    calls = []

    def fails():
        calls.append("fails")
        raise ValueError("no store")

    hskg, broken, plain = repeat_side_by_side([lambda: calls.append("hskg"), fails, lambda: calls.append("plain")],
                                              runs=2, budget=60)
    assert calls == ["hskg", "fails", "plain", "hskg", "plain", "hskg", "plain"]  # a warm-up turn, then two
    assert (len(hskg.runs), len(plain.runs), broken.runs, broken.error) == (2, 2, [], "no store")


def test_side_by_side_a_warm_up_over_half_the_budget_counts_as_the_run():
    calls = []

    def slow():
        calls.append("slow")
        time.sleep(0.06)

    slow_timing, quick_timing = repeat_side_by_side([slow, lambda: calls.append("quick")], runs=3, budget=0.1)
    assert calls == ["slow", "quick"]
    assert (len(slow_timing.runs), len(quick_timing.runs)) == (1, 1)
