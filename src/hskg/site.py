"""build/site/: every named view as a page, the explorer, and an index that links them."""

from __future__ import annotations

import html
from pathlib import Path

from .files import write_atomically
from .progress import Steps
from .store import INFERRED_GRAPH

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hskg views</title>
<style>body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5 }}
a {{ color: #1a5fb4 }} .explorer {{ font-size: 1.15em }}</style></head>
<body><h1>hskg — the Human Security Knowledge Graph</h1>
<p class="explorer"><a href="{explorer}">Explorer</a> — start from any node and grow the picture; read the
evidence of every relation; see how the notions, the legal regimes and the actors' approaches relate.</p>
<p>Views of the whole graph; each page works offline:</p>
<ul>{items}</ul></body></html>
"""


def write_site(store, site: Path, steps: Steps) -> list[Path]:
    """Write each view of ``hskg.views.VIEWS``, the explorer and ``index.html`` under ``site``;
    the pages written."""
    from . import views
    from .views.explore import EXPLORER_PAGE, explorer_data, render_explorer

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
    page = render_explorer(explorer_data(store, title="hskg explorer", inferred_triples=inferred))
    write_atomically(explorer, page.encode("utf-8"))
    index = INDEX.format(explorer=EXPLORER_PAGE, items="".join(items))
    write_atomically(site / "index.html", index.encode("utf-8"))
    return written + [explorer, site / "index.html"]
