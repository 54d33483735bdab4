"""The reading pages of the site: one shell (navigation, style, policy) and safe text.

Every page is static HTML written here with every text escaped (``text``), plus, for the
annotated report, a script that builds its panel with ``textContent`` only.  The
Content-Security-Policy is the views' (``views.html.page_policy``): the page's own scripts
by hash, no fetch of anything, so each page opens from ``file://`` offline.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..namespaces import compact
from ..views.html import PAGE_HEAD, asset, page_policy

if TYPE_CHECKING:
    from ..coverage import Claim, Claims

STYLE = "assets/site.css"
# The reading pages, in the order the navigation lists them: (file, title).
ANNOTATED_REPORT = "annotated-report.html"  # not report.html: that is the view of the report's structure
PAGES = ((ANNOTATED_REPORT, "Annotated report"), ("reference/index.html", "Ontology reference"),
         ("citations.html", "Citation index"), ("evidence.html", "Evidence report"))
EXPLORER = "explore.html"


def text(value: object) -> str:
    """Any value as HTML text (never markup)."""
    return html.escape(str(value), quote=True)


def slug(iri: str) -> str:
    """A file or fragment name for a node: its compact IRI with ``:`` as ``-``."""
    name = compact(iri)
    if name.startswith("<"):
        name = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name.replace(":", "-"))


def explorer_link(iri: str, label: str, explorer_nodes: set[str], up: str = "") -> str:
    """The node's label, linked to the explorer centred on it when the explorer shows it."""
    if iri not in explorer_nodes:
        return text(label)
    address = f"{up}{EXPLORER}#f={quote(compact(iri), safe='')}"
    return f'<a class="node" href="{text(address)}">{text(label)}</a>'


def render_page(title: str, body: str, *, up: str = "", scripts: tuple[str, ...] = (), data: str = "") -> str:
    """A whole page: the shared head, the navigation (``up``: the way back to build/site/),
    ``body``, the data block and the inlined ``scripts`` (texts)."""
    style = asset(__package__, STYLE)
    csp = page_policy(list(scripts), style)
    links = [f'<a href="{up}index.html">Index</a>', f'<a href="{up}{EXPLORER}">Explorer</a>']
    links += [f'<a href="{up}{address}">{text(name)}</a>' for address, name in PAGES]
    head = PAGE_HEAD.format(csp=text(csp), heading=text(title), page_css=style)
    return (head + f'<header class="site"><nav>{" ".join(links)}</nav></header>\n'
            f'<main class="site" id="site-main">\n<h1>{text(title)}</h1>\n{body}\n</main>\n{data}'
            + "".join(f"<script>{script}</script>" for script in scripts) + "\n</body>\n</html>\n")


def claim_sentence(claim: "Claim", claims: "Claims", explorer_nodes: set[str], up: str = "") -> str:
    """subject — relation — object, its nodes linked into the explorer, denials marked."""
    obj = (explorer_link(claim.object, claims.label(claim.object), explorer_nodes, up) if claim.object_is_node
           else text(claim.object))
    denied = ' <span class="tag denied">denied</span>' if claim.negative else ""
    return (f'{explorer_link(claim.subject, claims.label(claim.subject), explorer_nodes, up)} '
            f'<span class="muted">— {text(claims.label(claim.predicate))} —</span> {obj}{denied}')
