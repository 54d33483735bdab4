"""How fast and how legible the explorer and the views are, measured in headless Chromium.

``measure_explorer(page_path, focus)`` opens the explorer on a node and gives the first
labelled draw (ms after navigation start: the picture opens at a scale where labels
draw), the time to open a neighbour's neighbours (click to drawn, ms) and the share of
drawn nodes whose label box overlaps another's at open (from vis-network's bounding
boxes).  ``measure_view(page_path)`` gives the same first-draw and overlap figures for a
named view.  ``python -m benchmarks.explorer [--root PROJECT]`` measures a project (the
shipped graph by default; a synthetic one written by ``benchmarks.synthetic`` for larger
graphs) and prints a Markdown table.  Targets: first draw ≤ 1 s, expand ≤ 100 ms, overlap ≤ 5% in the explorer.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from .browser import CHROMIUM, CHROMIUM_ARGS, LABEL_OVERLAP

VIEWPORT = {"width": 1440, "height": 900}
# Open the neighbours of the drawn neighbour of the focus that has the most relations; resolve
# with the time from the call to the end of the next draw.
EXPAND = """() => new Promise(resolve => {
    const x = window.hskgExplorer, focus = x.state().focus;
    const candidates = x.nodes.getIds().filter(id => id !== focus);
    candidates.sort((a, b) => x.graph.neighbours(b).length - x.graph.neighbours(a).length || (a < b ? -1 : 1));
    const start = performance.now();
    x.network.once("afterDrawing", () => resolve([candidates[0], performance.now() - start]));
    x.actions.toggleOpen(candidates[0]);
})"""


def _wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Poll ``expression`` until true (Playwright's wait_for_function polls with code built from
    text, which the pages' Content-Security-Policy refuses)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        time.sleep(0.01)


def _browser(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def measure_explorer(page_path: Path, focus: str, *, browser=None) -> dict:
    """First labelled draw (ms), expand (ms) and label overlap at open for the explorer on ``focus``
    (an IRI or a compact name such as ``concept:human-security``)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = _browser(playwright)
            try:
                return measure_explorer(page_path, focus, browser=launched)
            finally:
                launched.close()
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(Path(page_path).resolve().as_uri() + "#f=" + quote(focus, safe=""))
        _wait_until(page, "window.hskgExplorer && window.hskgExplorer.marks.firstDraw")
        first_draw = page.evaluate("window.hskgExplorer.marks.firstDraw")
        scale = page.evaluate("window.hskgExplorer.network.getScale()")
        overlap = page.evaluate(f"({LABEL_OVERLAP})(window.hskgExplorer.network)")
        nodes = page.evaluate("window.hskgExplorer.nodes.length")
        expanded, expand_ms = page.evaluate(EXPAND)
        return {"focus": focus, "nodes": nodes, "scale": round(scale, 2), "first_draw_ms": round(first_draw),
                "expand_ms": round(expand_ms, 1), "expanded": expanded, "label_overlap": round(overlap, 3)}
    finally:
        page.close()


def measure_view(page_path: Path, *, browser) -> dict:
    """First draw (ms after navigation start), opening scale and label overlap at open of a view's page."""
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(Path(page_path).resolve().as_uri())
        _wait_until(page, "window.hskgView && window.hskgView.state.ready")
        return {"view": Path(page_path).stem, "nodes": page.evaluate("window.hskgView.nodes.length"),
                "scale": round(page.evaluate("window.hskgView.network.getScale()"), 2),
                "first_draw_ms": round(page.evaluate("window.hskgView.state.firstDrawMs")),
                "label_overlap": round(page.evaluate(f"({LABEL_OVERLAP})(window.hskgView.network)"), 3)}
    finally:
        page.close()


FOCUSES = ("concept:human-security", "actor:nato", "regime:ihl", "notion:narrow")


def main() -> int:
    import argparse

    from playwright.sync_api import sync_playwright

    from hskg import views
    from hskg.knowledge import load_project
    from hskg.project import Project
    from hskg.views.explore import explorer_data, render_explorer

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, help="the project (default: the checkout here)")
    store = load_project(Project.find(parser.parse_args().root)).store
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        site = Path(folder)
        explorer = site / "explore.html"
        explorer.write_text(render_explorer(explorer_data(store)), encoding="utf-8")
        for name in views.VIEWS:
            (site / f"{name}.html").write_text(views.render_html(views.build_view(store, name)), encoding="utf-8")
        browser = _browser(playwright)
        print("| explorer focus | nodes | scale | first labelled draw (ms) | expand (ms) | label overlap |")
        print("|---|---:|---:|---:|---:|---:|")
        for focus in FOCUSES:
            m = measure_explorer(explorer, focus, browser=browser)
            print(f"| {focus} | {m['nodes']} | {m['scale']} | {m['first_draw_ms']} | {m['expand_ms']} "
                  f"| {m['label_overlap']:.1%} |")
        print()
        print("| view | nodes | opening scale | first draw (ms) | label overlap |")
        print("|---|---:|---:|---:|---:|")
        for name in views.VIEWS:
            m = measure_view(site / f"{name}.html", browser=browser)
            print(f"| {name} | {m['nodes']} | {m['scale']} | {m['first_draw_ms']} | {m['label_overlap']:.1%} |")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
