"""Interactive graph views: the knowledge graph as one self-contained HTML page.

``build_view`` picks part of the graph (``VIEWS``, or a node and its neighbours),
turns it into a networkx graph whose nodes carry what the page shows (label,
types, kind, definition, alternative labels, and the statements behind them with
their verbatim quotes, sections and reference numbers), and lays it out in
Python.  ``render_html`` writes the page (vis-network vendored in ``vendor/``,
positions fixed, physics off), which opens from ``file://`` with no network and
draws thousands of nodes in about a second.  ``display`` shows a page in a
notebook, isolated in an ``<iframe srcdoc>``; ``to_pyvis`` gives a view as a pyvis
``Network`` to restyle.  Nothing here writes files: callers (``hskg view``) do.

One module per job: ``graph`` (RDF as networkx, shared with the GraphML export),
``index`` (lookups on it), ``statements`` (the claims behind the nodes), ``rules``
(kinds, styles, what each view shows), ``build`` (a view), ``layout``, ``page``
(the page's data), ``html`` (the page) and ``notebook`` (pyvis).
"""

from ..view_names import FOCUS_VIEW, VIEWS
from . import layout
from .build import View, build_view
from .html import display, json_for_script, render_html
from .notebook import to_pyvis
from .page import SHAPES_LIMIT

__all__ = ["FOCUS_VIEW", "SHAPES_LIMIT", "VIEWS", "View", "build_view", "display", "json_for_script", "layout",
           "render_html", "to_pyvis"]
