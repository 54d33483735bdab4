"""The Markdown report of a run: one function per section, so that the README's summary
(``readme``) reuses the same tables."""

from __future__ import annotations

from .loading import LOAD_PATH_NAMES
from .results import QueryRun, Report, Timing
from .synthetic import DEFAULT_SEED, REWIRE_SHARE, size_label
from .targets import NOT_MEASURED, cold_met, load_met, query_met, view_met

VIEWS_NOTE = ("`build_view` + `render_html` in Python; first draw = `hskgView.state.firstDrawMs` (ms from navigation "
              "start to vis-network's first `afterDrawing`) in headless Chromium, 1400×900; data parsed and network "
              "built are the page's own marks (`state.marks`, ms from navigation start); ready = `page.goto` to ready "
              "as seen from Python; redraw = one synchronous `network.redraw()`.")
LOAD_NOTE = ("hskg `load_project` (pyoxigraph parses each file straight into its named graph), plain rdflib "
             "(`Graph().parse` of the same files), pyoxigraph directly (`Store().bulk_load`, and `Store().load`, of "
             "each file into its named graph). Peak RSS includes the interpreter and its imports (the imports column).")
QUERIES_NOTE = ("`hskg` = what `hskg query` runs: `run_query` in process with its 30 s time limit kept by a watchdog; "
                "forked = the library's default, `run_query` in a forked child it can stop at the limit (so that a "
                "notebook survives a runaway query); pyoxigraph = `Store.query` with the same prefixes on a store of "
                "the same triples (the files and their entailments, in the default graph); rdflib = `Graph.query` "
                "(small graphs only; capped).")


def render_markdown(report: Report) -> str:
    """The whole report."""
    out = ["# hskg benchmark", "", report.environment.line(), "", method_note(report), ""]
    out += ["## Targets", ""] + targets_table(report)
    out += ["## Graphs", ""] + graphs_table(report)
    out += ["## Load", "", LOAD_NOTE, ""] + load_table(report)
    for run in report.queries:
        out += queries_section(report, run)
    out += ["## Validate and reason", ""] + validation_table(report)
    out += ["## Cold start (whole process, wall time)", ""] + cold_table(report)
    out += ["## Views", "", VIEWS_NOTE, ""] + views_table(report)
    out += ["Rerun: `" + rerun_command(report) + "`", ""]
    return "\n".join(out)


def method_note(report: Report) -> str:
    return (f"Synthetic graphs: the shipped knowledge replicated with renamed IRIs, {REWIRE_SHARE:.0%} of the "
            f"relations between individuals rewired across copies (seed {DEFAULT_SEED}). Times are medians of the "
            "runs after a warm-up; a slow measure gets fewer runs (the runs column). Each measure runs in its own "
            "child process; peak RSS is that process's `ru_maxrss`. Total time of this run: "
            f"{report.total_s:.0f} s.")


def rerun_command(report: Report) -> str:
    return "python -m benchmarks" + (" --quick" if report.environment.mode == "quick" else "")


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (first column left-aligned, the others right), then a blank line."""
    alignments = ["---"] + ["---:"] * (len(headers) - 1)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(alignments) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines + [""]


def footnotes(errors: list[str]) -> list[str]:
    """Errors as a list after a table, or nothing."""
    return [f"- {error}" for error in errors] + ([""] if errors else [])


def _ms(timing: Timing | None, digits: int = 1) -> str:
    """A timing in seconds, shown in milliseconds."""
    if timing is None:
        return NOT_MEASURED
    if timing.median is None:
        if "timeout" in timing.error or "time limit" in timing.error:
            return "timeout"
        return "error" if timing.error else NOT_MEASURED
    return f"{timing.median * 1000:.{digits}f}"


def _value(timing: Timing, digits: int) -> str:
    """A timing shown in its own unit (seconds, or milliseconds for the browser's)."""
    if timing.median is None:
        return "error" if timing.error else NOT_MEASURED
    return f"{timing.median:.{digits}f}"


def targets_table(report: Report) -> list[str]:
    return table(["target", "threshold", "measured", "target met?"],
                 [[t.target, t.threshold, t.measured, t.met] for t in report.targets])


def graphs_table(report: Report) -> list[str]:
    return table(["graph", "triples", "files", "copies of the knowledge", "Turtle (MB)", "generation (s)"],
                 [[g.name, str(g.triples), str(g.files), str(g.copies), f"{g.turtle_mb:.2f}", f"{g.generate_s:.1f}"]
                  for g in report.graphs])


def load_table(report: Report) -> list[str]:
    rows = []
    for load in report.loads:
        rows.append([load.graph, LOAD_PATH_NAMES[load.path], str(load.triples), _value(load.timing, 3),
                     f"{load.rate:.0f}" if load.rate else ("error" if load.timing.error else NOT_MEASURED),
                     f"{load.peak_rss_mb:.0f}" if load.peak_rss_mb else NOT_MEASURED,
                     f"{load.imports_rss_mb:.0f}" if load.imports_rss_mb else NOT_MEASURED,
                     str(len(load.timing.runs)), load_met(load, report.nominal_size(load.graph))])
    return table(["graph", "path", "triples", "load (s)", "triples/s", "peak RSS (MB)", "RSS after imports (MB)",
                  "runs", "target met?"], rows) + footnotes(
        [f"{l.graph}, {l.path}: {l.timing.error}" for l in report.loads if l.timing.error])


def queries_section(report: Report, run: QueryRun) -> list[str]:
    out = [f"## Catalog queries: {run.graph} ({run.triples} triples)", ""]
    if run.error:
        return out + [f"The queries could not run: {run.error}", ""]
    out += [QUERIES_NOTE + f" hskg loaded this graph in {run.load_s:.2f} s.", ""]
    size = report.nominal_size(run.graph)
    rows = []
    for q in run.queries:
        ratio = q.ratio()
        rows.append([q.query, str(q.rows) if q.rows is not None else NOT_MEASURED, _ms(q.hskg), _ms(q.hskg_forked),
                     _ms(q.pyoxigraph), _ms(q.rdflib), f"{ratio:.2f}" if ratio is not None else NOT_MEASURED,
                     str(len(q.hskg.runs)), query_met(q, size)])
    out += table(["query", "rows", "hskg (ms)", "forked (ms)", "pyoxigraph (ms)", "rdflib (ms)", "hskg / pyoxigraph",
                  "runs", "target met?"], rows)
    return out + footnotes([f"{q.query}: {t.error}" for q in run.queries for t in q.timings() if t.error])


def validation_table(report: Report) -> list[str]:
    return table(["step", "graph", "time (s)", "runs", "result"],
                 [[s.step, s.graph, _value(s.timing, 3), str(len(s.timing.runs)), s.detail or s.timing.error]
                  for s in report.validation])


def cold_table(report: Report) -> list[str]:
    rows = [[c.command, c.graph, _value(c.timing, 3),
             f"{min(c.timing.runs):.3f}" if c.timing.runs else NOT_MEASURED,
             f"{max(c.timing.runs):.3f}" if c.timing.runs else NOT_MEASURED, str(len(c.timing.runs)), cold_met(c)]
            for c in report.cold]
    return table(["command", "graph", "median (s)", "min (s)", "max (s)", "runs", "target met?"], rows) + footnotes(
        [f"{c.command} ({c.graph}): {c.timing.error}" for c in report.cold if c.timing.error])


def views_table(report: Report) -> list[str]:
    rows = []
    for v in report.views:
        source = v.view + (f" ×{v.copies}" if v.view == "overview" else " (shipped)")
        rows.append([f"~{size_label(v.target_nodes)}", source, str(v.nodes), str(v.edges), _value(v.build, 3),
                     _value(v.render, 3), f"{v.html_bytes / 1e6:.2f}", _value(v.parsed_ms, 0),
                     _value(v.network_ms, 0), _value(v.first_draw_ms, 0), _value(v.ready_wall_ms, 0),
                     _value(v.redraw_ms, 1), view_met(v)])
    return table(["view size", "view", "nodes", "edges", "build_view (s)", "render_html (s)", "HTML (MB)",
                  "data parsed (ms)", "network built (ms)", "first draw (ms)", "ready (ms)", "redraw (ms)",
                  "target met?"], rows) + footnotes(
        [f"~{v.target_nodes} nodes: {v.problem}" for v in report.views if v.problem])
