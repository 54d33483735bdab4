"""build/site/: every named view as a page, the explorer, the reading pages and an index.

The reading pages (``page.PAGES``) put the report and the graph side by side: the annotated
report (``report``, with its passages as W3C Web Annotations), the ontology reference
(``reference``), the citation index (``citations``) and the evidence report (``evidence``).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox

from ..coverage import evidence_report, read_claims
from ..files import write_atomically
from ..namespaces import WEB_ANNOTATION_CONTEXT
from ..progress import Steps
from ..store import ASSERTED_GRAPHS, INFERRED_GRAPH
from .page import ANNOTATED_REPORT, PAGES, render_page

READING_STEPS = len(PAGES)  # one progress step per reading page

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hskg views</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5 }}
a {{ color: #1a5fb4 }} .explorer {{ font-size: 1.15em }}</style></head>
<body><h1>hskg — the Human Security Knowledge Graph</h1>
<p class="explorer"><a href="{explorer}">Explorer</a> — start from any node and grow the picture; read the
evidence of every relation; see how the notions, the legal regimes and the actors' approaches relate.</p>
<p>The report and the graph side by side:</p>
<ul>{reading}</ul>
<p>Views of the whole graph; each page works offline:</p>
<ul>{items}</ul></body></html>
"""
READING = {
    ANNOTATED_REPORT: "the report excerpt with every passage a claim quotes highlighted, its claims a click away, "
                   "and what no claim quotes marked",
    "reference/index.html": "a page per module, class, property and scheme individual of the ontology, with its "
                            "use in the graph",
    "citations.html": "each reference [43]…[54], the claims that rest on it and where the report cites it",
    "evidence.html": "per concept, notion, regime and actor: claims, passages, sources, and what rests on context "
                     "sources only",
}
NO_TEXT = ('<p class="lead">No text to annotate: no <code>*.txt</code> file in the project\'s '
           '<code>sources/</code> holds the quotes of its claims.</p>')
REPORT_SOURCE = "report:hfm-et-201"  # the document whose text sources/ holds, as the annotations' target


def write_site(store, site: Path, steps: Steps, *, sources_dir: Path | None = None,
               graphs: Sequence[ox.NamedNode] = ASSERTED_GRAPHS) -> list[Path]:
    """Write each view of ``hskg.views.VIEWS``, the explorer, the reading pages (the text from
    ``sources_dir``; term uses counted in ``graphs``) and ``index.html`` under ``site``; the
    pages written (of the ontology reference's hundreds of pages, its index)."""
    from .. import views
    from ..views.explore import EXPLORER_PAGE, explorer_data, render_explorer

    written, items = [], []
    for name, description in views.VIEWS.items():
        steps.step(f"{name} view")
        built = views.build_view(store, name)
        target = site / f"{name}.html"
        write_atomically(target, views.render_html(built, explorer=EXPLORER_PAGE).encode("utf-8"))
        written.append(target)
        items.append(f'<li><a href="{name}.html">{html.escape(name)}</a> — {html.escape(description)} '
                     f'({built.graph.number_of_nodes()} nodes)</li>')
    explorer = site / EXPLORER_PAGE
    # The inferences the store holds (KnowledgeGraph.load_inferences), for the page's switch.
    inferred = list(getattr(store, "store", store).triples(graphs=[INFERRED_GRAPH]))
    data = explorer_data(store, title="hskg explorer", inferred_triples=inferred)
    write_atomically(explorer, render_explorer(data, links=PAGES).encode("utf-8"))
    pages = reading_pages(store, steps, {node["id"] for node in data["nodes"]}, sources_dir, graphs)
    for name, content in pages.items():
        write_atomically(site / name, content.encode("utf-8"))
    reading = "".join(f'<li><a href="{address}">{html.escape(title)}</a> — {html.escape(READING[address])}</li>'
                      for address, title in PAGES if address in pages)
    index = INDEX.format(explorer=EXPLORER_PAGE, reading=reading, items="".join(items))
    write_atomically(site / "index.html", index.encode("utf-8"))
    shown = [name for name in pages if not name.startswith("reference/") or name == "reference/index.html"]
    return written + [explorer] + [site / name for name in shown] + [site / "index.html"]


def reading_pages(store, steps: Steps, explorer_nodes: set[str], sources_dir: Path | None,
                  graphs: Sequence[ox.NamedNode]) -> dict[str, str]:
    """File name (relative to build/site/) → content of each reading page; the annotated
    report's annotations only when ``sources_dir`` holds the text the claims quote."""
    from ..namespaces import expand
    from .annotations import annotate, report_text, section_coverage, web_annotations
    from .citations import citation_page
    from .evidence import evidence_page
    from .reference import read_reference, reference_pages
    from .report import ANNOTATIONS_FILE, report_page

    claims = read_claims(store)
    pages: dict[str, str] = {}
    steps.step("annotated report")
    source = report_text(sources_dir, claims)
    annotated = annotate(store, claims, source) if source else None
    if annotated:
        pages[ANNOTATED_REPORT] = report_page(annotated, section_coverage(annotated, claims), claims, explorer_nodes)
        collection = web_annotations(annotated, expand(REPORT_SOURCE), WEB_ANNOTATION_CONTEXT)
        pages[ANNOTATIONS_FILE] = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    else:  # the other pages link to it: it says why there is nothing to read
        pages[ANNOTATED_REPORT] = render_page("Annotated report", NO_TEXT)
    steps.step("ontology reference")
    reference = read_reference(store, graphs)
    pages.update({f"reference/{name}": page for name, page in reference_pages(reference, explorer_nodes).items()})
    steps.step("citation index")
    numbers = {int(n.value): r.value for r, n in getattr(store, "store", store).query(
        "SELECT ?r ?n WHERE { ?r a hskg:Reference ; hskg:referenceNumber ?n } ORDER BY ?n").rows}
    pages["citations.html"] = citation_page(claims, annotated, numbers, explorer_nodes)
    steps.step("evidence report")
    pages["evidence.html"] = evidence_page(evidence_report(store, claims), explorer_nodes)
    return pages
