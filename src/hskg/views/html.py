"""The page of a view: one self-contained HTML file, and the same page in a notebook.

``render_html`` inlines vis-network (the release vendored in ``vendor/``, which injects
its own style sheet), the page's own script and style (``view.js``, ``view.css``, and the
explorer's ``assets/explore-layout.js`` for wrapping labels) and
the data as escaped JSON, so that the page opens from ``file://`` with no network.

Safety: labels, literals and IRIs are data, never markup.  They travel as JSON in a
``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped, and the page builds its panels with ``textContent`` only; nodes get
no vis ``title`` (vis renders string titles as HTML).  A Content-Security-Policy
allows only the page's own scripts (by hash) and no fetch of anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.resources
import json
import re
from typing import Any
from urllib.parse import quote

from ..errors import HskgError
from .build import View
from .page import page_data

VIS_NETWORK = "vendor/vis-network.min.js"  # see vendor/README.md
LABELS = "assets/explore-layout.js"  # how labels wrap: shared with the explorer

# The head every page shares: the policy, the title and the inlined style.
PAGE_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hskg">
<title>{heading}</title>
<style>
{page_css}
</style>
</head>
<body>
"""

PAGE = PAGE_HEAD + """<header id="hskg-header">
  <h1 id="hskg-title">{heading}</h1>
  <div id="hskg-search-box">
    <input id="hskg-search" type="search" placeholder="Search labels and alternative labels" autocomplete="off" aria-label="Search labels">
    <ol id="hskg-results" hidden></ol>
  </div>
  <span id="hskg-count" aria-live="polite"></span>
{site_links}
  <button id="hskg-fit" type="button">Fit</button>
  <button id="hskg-png" type="button">Download PNG</button>
</header>
<main id="hskg-main">
  <aside id="hskg-sidebar">
    <p id="hskg-description"></p>
    <section><h2>Kinds</h2><ul id="hskg-legend"></ul></section>
    <section><details><summary>Filter by type</summary><ul id="hskg-types"></ul></details></section>
    <section><details><summary>Filter by relation</summary><ul id="hskg-relations"></ul></details></section>
    <label id="hskg-inferred-switch" hidden><input id="hskg-inferred" type="checkbox" checked> inferred relations</label>
    <p class="hskg-note">Dashed relations are inferred, not asserted.</p>
  </aside>
  <div id="hskg-network"></div>
  <aside id="hskg-panel" hidden>
    <button id="hskg-close" type="button" aria-label="Close">×</button>
    <div id="hskg-details"></div>
  </aside>
</main>
<script type="application/json" id="hskg-data">{data}</script>
<script>{vis_js}</script>
<script>{labels_js}</script>
<script>{page_js}</script>
</body>
</html>
"""


def asset(package: str, name: str) -> str:
    """A text file shipped with the package (a script or a style sheet), with Unix line ends."""
    return importlib.resources.files(package).joinpath(name).read_text(encoding="utf-8").replace("\r\n", "\n")


def vis_network_script() -> str:
    """vis-network's script as the page inlines it: without its source map comment."""
    return re.sub(r"//# sourceMappingURL=\S*", "", asset(__package__, VIS_NETWORK))


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and parses to the same value."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def page_policy(scripts: list[str], style: str, *, connect: str = "'none'") -> str:
    """The Content-Security-Policy of a page that inlines ``scripts`` and ``style``: those
    scripts only (by hash), no fetch of anything (``connect``: ``'self'`` for a page served
    with its data behind it, which fetches from its own origin only).  Raises ``HskgError`` if one of them
    could end its element early."""
    for text, closing in (*((script, "</script") for script in scripts), (style, "</style")):
        if closing in text.lower() or "<!--" in text:
            raise HskgError(f"cannot inline an asset that contains {closing!r} or '<!--'")
    # vis-network adds its style sheet as <style> elements: styles are inline, scripts hashed.
    return ("default-src 'none'; "
            f"script-src {' '.join(_csp_hash(script) for script in scripts)}; "
            "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
            f"connect-src {connect}; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'")


def render_html(view: View, *, title: str | None = None, explorer: str | None = None) -> str:
    """One self-contained HTML page for ``view``: no file or address outside it is fetched.

    ``explorer``: the explorer page's address relative to this one (``hskg build`` writes
    both to build/site/); the page then links to it, and to ``index.html`` beside it, and
    each node's panel opens the explorer centred on that node.
    """
    title = title or f"hskg — {view.name}"
    vis_js = vis_network_script()
    labels_js = asset(__package__, LABELS)
    page_js = asset("hskg", "view.js")
    page_css = asset("hskg", "view.css")
    csp = page_policy([vis_js, labels_js, page_js], page_css)
    site_links = ""
    if explorer:  # a page of the site links to the index beside it and to the explorer
        start = explorer + ("#f=" + quote(view.focus, safe="") if view.focus else "")
        site_links = (f'  <nav id="hskg-site"><a href="index.html">Index</a> '
                      f'<a href="{html.escape(start)}">Explorer</a></nav>')
    return PAGE.format(csp=html.escape(csp), heading=html.escape(title), page_css=page_css, site_links=site_links,
                       data=json_for_script(page_data(view, title, explorer)), vis_js=vis_js, labels_js=labels_js,
                       page_js=page_js)


def display(view: View, *, height: int = 700):
    """The page of ``view`` for a notebook: an IPython HTML object with an isolated iframe."""
    from IPython.display import HTML

    page = render_html(view)
    srcdoc = html.escape(page, quote=True)
    # Wrapped in a div: IPython warns about a bare <iframe> (it suggests IFrame, which needs a URL).
    return HTML(
        f'<div class="hskg-view"><iframe srcdoc="{srcdoc}" sandbox="allow-scripts allow-downloads" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        f'title="{html.escape(view.description, quote=True)}"></iframe></div>'
    )
