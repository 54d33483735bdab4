"""build/site/: every named view as a page, and an index that links them."""

from __future__ import annotations

import html
from pathlib import Path

from .files import write_atomically
from .progress import Steps


def write_site(store, site: Path, steps: Steps) -> list[Path]:
    """Write each view of ``hskg.views.VIEWS`` and ``index.html`` under ``site``; the pages written."""
    from . import views

    written, items = [], []
    for name, description in views.VIEWS.items():
        steps.step(f"{name} view")
        built = views.build_view(store, name)
        target = site / f"{name}.html"
        write_atomically(target, views.render_html(built).encode("utf-8"))
        written.append(target)
        items.append(f'<li><a href="{name}.html">{html.escape(name)}</a> — {html.escape(description)} '
                     f'({built.graph.number_of_nodes()} nodes)</li>')
    index = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hskg views</title></head>"
             "<body><h1>hskg — the Human Security Knowledge Graph</h1><p>Interactive views; each page works "
             "offline.</p><ul>" + "".join(items) + "</ul></body></html>\n")
    write_atomically(site / "index.html", index.encode("utf-8"))
    return written + [site / "index.html"]
