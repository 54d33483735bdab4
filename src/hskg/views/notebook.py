"""A view as a pyvis ``Network``, for notebook users who want to restyle or extend it.

``render_html`` and ``display`` give the finished page; ``to_pyvis`` gives the same
nodes, relations, kinds and positions as an object pyvis can edit, write and show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .build import View
from .rules import KIND_STYLES, UNSTYLED

if TYPE_CHECKING:
    from pyvis.network import Network


def to_pyvis(view: View) -> Network:
    """The nodes and edges of ``view`` in a pyvis ``Network`` (directed, physics off).

    Nodes (ids as in ``view.graph``) carry their ``label``, a plain-text ``title`` (label,
    kind, classes, definition), the ``shape``, ``color`` and ``size`` of their kind and the
    view's ``x``, ``y``; edges carry their relation's ``label`` and ``title`` (the compact
    property), dashed when inferred.  ``cdn_resources="in_line"``: a page pyvis writes
    works offline, as the views do.
    """
    from pyvis.network import Network

    network = Network(height="700px", width="100%", directed=True, cdn_resources="in_line")
    network.toggle_physics(False)
    for node, data in view.graph.nodes(data=True):
        color, shape, _, size = KIND_STYLES.get(data["kind"], UNSTYLED)
        network.add_node(node, label=data["label"], title=_title(data), shape=shape, color=color, size=size,
                         x=data.get("x", 0.0), y=data.get("y", 0.0))
    for s, o, data in view.graph.edges(data=True):
        network.add_edge(s, o, label=data["label"], title=data["predicate"], dashes=bool(data["inferred"]))
    return network


def _title(data: dict) -> str:
    """A node's tooltip as plain text, one fact a line.

    vis-network shows a string title as text; pyvis replaces that tooltip with one that
    reads the title as HTML when a title contains "href", so that word is broken by a
    zero-width space: the graph's text stays text whatever it holds.
    """
    lines = [data["label"], " · ".join([data["kind"], *data["types"]])]
    if data.get("definition"):
        lines.append(data["definition"])
    return "\n".join(lines).replace("href", "hre\u200bf")
