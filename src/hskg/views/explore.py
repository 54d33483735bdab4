"""The explorer: one page that starts from a node and grows the picture from there.

``explorer_data`` reads the whole knowledge (the overview's nodes and relations) with
what the page shows of each: a node's label, kind, classes, definition, alternative
labels and statements; a relation's human label, its group (the ontology module or the
vocabulary that defines it) and its general relation (``rdfs:subPropertyOf``); and every
edge's evidence: the claims that state it (verbatim quote, section, references,
attribution, modality) or the context fact and its source (title and address).
``render_explorer`` writes the page: vis-network and the explorer's scripts inline
(``assets/explore-*.js``), the data as escaped JSON, the same Content-Security-Policy as
the views.  The scripts read the data only through a small interface
(``assets/explore-data.js``: ``search``, ``node``, ``neighbours``, ``edgeEvidence``), so
that ``hskg serve`` answers the same calls over a graph too big to embed (``/explore``:
the page without data, asking ``/data/…``; see ``serve/data.py``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from ..namespaces import HSKG_ONTOLOGY, PREFIXES, compact
from ..vocabulary import HSKG, PROV, RDFS
from .build import view_graph
from .html import PAGE_HEAD, asset, json_for_script, page_policy, vis_network_script
from .index import GraphIndex
from .page import kind_styles
from .rules import HIDDEN_CLASSES, view_content
from .statements import read_statements

EXPLORER_PAGE = "explore.html"  # the explorer's file name in build/site/
SCRIPTS = ("explore-data.js", "explore-layout.js", "explore-panel.js", "explore-filters.js", "explore-export.js",
           "explore-relate.js", "explore-search.js", "explore-state.js", "explore.js")
MODALITY = HSKG_ONTOLOGY + "modality"
ADDRESS = HSKG.address.value
SUBPROPERTY_OF = RDFS.subPropertyOf.value
# The groups of relations from other vocabularies, by prefix.
VOCABULARY_NAMES = {
    "rdf": "RDF", "rdfs": "RDF Schema", "owl": "OWL", "skos": "SKOS", "dcterms": "Dublin Core terms",
    "org": "W3C Organization", "foaf": "FOAF", "prov": "PROV", "oa": "Web Annotation", "cito": "CiTO",
}


def explorer_data(store, *, title: str = "hskg explorer", inferred_triples: Iterable = ()) -> dict:
    """What the explorer page carries: the knowledge's nodes, relations and evidence.

    ``nodes``: ``{id, l: label, k: kind index, t: class labels, d: definition,
    a: alternative labels, s: claim indices}`` (empty fields left out); ``edges``:
    ``[from node, to node, relation, inferred (1/0), claim indices]``; ``relations``:
    ``{p: compact IRI, i: IRI, l: label, g: group index, sup: general relation's label}``;
    ``claims``: ``{c: claim IRI, s, o: node index or text, p: relation label, n: negative,
    q: quotes, sec: section, ref: reference numbers, by: according to, m: modality,
    src: [[title, address]], f: context fact}``.
    """
    store = getattr(store, "store", store)
    index = GraphIndex(store, inferred_triples)
    statements = read_statements(index)
    hidden = statements.claims | statements.evidence | {n for n in index.data_nodes if index.is_a(n, HIDDEN_CLASSES)}
    nodes, edges = view_content(index, "overview", statements.claims, hidden)
    graph = view_graph(index, nodes, edges, statements.by_node)
    position = {node: i for i, node in enumerate(graph)}
    claims = _ClaimTable(index, position)
    kinds: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        kinds[kind] = kinds.get(kind, 0) + 1
    styles = kind_styles(kinds, big=False)
    kind_index = {style["kind"]: i for i, style in enumerate(styles)}
    page_nodes = []
    for node, data in graph.nodes(data=True):
        item: dict[str, Any] = {"id": node, "l": data["label"], "k": kind_index[data["kind"]]}
        types = [index.label(t) for t in sorted(index.types.get(node, ()))]
        if types:
            item["t"] = types
        if data["definition"]:
            item["d"] = data["definition"]
        if data["alt_labels"]:
            item["a"] = data["alt_labels"]
        if data["statements"]:
            item["s"] = [claims.ref(st) for st in data["statements"]]
        page_nodes.append(item)
    relations = _Relations(index)
    page_edges = []
    for s, o, data in graph.edges(data=True):
        evidence = [] if data["inferred"] else claims.stating(s, data["predicate"], o)
        page_edges.append([position[s], position[o], relations.ref(data["predicate"]), 1 if data["inferred"] else 0,
                           evidence])
    return {
        "title": title,
        "start": _start(graph),
        "prefixes": PREFIXES,
        "nodes": page_nodes,
        "edges": page_edges,
        "kinds": styles,
        "relations": relations.items,
        "groups": relations.groups,
        "claims": claims.items,
    }


def _start(graph) -> str | None:
    """Where the explorer starts without a link: the most related concept (else node)."""
    concepts = [n for n, kind in graph.nodes(data="kind") if kind == "concept"] or list(graph)
    return max(concepts, key=lambda n: (graph.degree(n), n), default=None)


class _ClaimTable:
    """The claims, each once, with everything the panel shows of it."""

    def __init__(self, index: GraphIndex, position: dict[str, int]) -> None:
        self.items: list[dict] = []
        self._index: dict[str, int] = {}
        self._by_triple: dict[tuple[str, str, str], list[int]] = {}
        self._graph_index = index
        self._position = position

    def ref(self, st: dict) -> int:
        found = self._index.get(st["claim"])
        if found is None:
            found = self._index[st["claim"]] = len(self.items)
            self.items.append(self._claim(st))
            self._by_triple.setdefault((st["subject"], st["predicate"], st["object"]), []).append(found)
        return found

    def stating(self, subject: str, predicate: str, obj: str) -> list[int]:
        """The claims whose triple is (subject, predicate, object): the edge's evidence."""
        return self._by_triple.get((subject, predicate, obj), [])

    def _end(self, node: str, label: str) -> int | str:
        return self._position.get(node, label)

    def _claim(self, st: dict) -> dict:
        index, claim = self._graph_index, st["claim"]
        item: dict[str, Any] = {"c": claim, "s": self._end(st["subject"], st["subject_label"]),
                                "p": st["predicate_label"], "o": self._end(st["object"], st["object_label"])}
        modality = [index.label(m) for m in index.resources(claim, MODALITY)]
        modality += [m.value for m in index.literals(claim, MODALITY)]
        sources = [[index.label(src), next((a.value for a in index.literals(src, ADDRESS)), "")]
                   for src in sorted(index.resources(claim, PROV.wasDerivedFrom.value))] if not st["quotes"] else []
        optional = {"n": 1 if st["negative"] else 0, "q": st["quotes"], "sec": st["section"], "ref": st["references"],
                    "by": st["according_to"], "m": sorted(modality), "src": sources, "f": st["context_fact"]}
        item.update({key: value for key, value in optional.items() if value})
        return item


class _Relations:
    """The relations of the edges, each with its human label, group and general relation."""

    def __init__(self, index: GraphIndex) -> None:
        self.items: list[dict] = []
        self.groups: list[str] = []
        self._index: dict[str, int] = {}
        self._graph_index = index

    def ref(self, predicate: str) -> int:
        found = self._index.get(predicate)
        if found is None:
            found = self._index[predicate] = len(self.items)
            self.items.append(self._relation(predicate))
        return found

    def _relation(self, predicate: str) -> dict:
        index = self._graph_index
        iri = next((iri for prefix, namespace in PREFIXES.items() if predicate.startswith(prefix + ":")
                    for iri in [namespace + predicate.split(":", 1)[1]]), predicate)
        item: dict[str, Any] = {"p": predicate, "i": iri, "l": relation_label(index, iri), "g": self._group(iri)}
        general = [relation_label(index, sup) for sup in index.resources(iri, SUBPROPERTY_OF)]
        if general:
            item["sup"] = min(general)
        return item

    def _group(self, iri: str) -> int:
        index = self._graph_index
        module = next(iter(index.resources(iri, RDFS.isDefinedBy.value)), None)
        if module:
            name = re.sub(r"^hskg |\s*module$", "", index.label(module)) if module in index.labels else compact(module)
        else:
            prefix = compact(iri).split(":", 1)[0]
            name = VOCABULARY_NAMES.get(prefix, prefix if not prefix.startswith("<") else "other vocabularies")
        if name not in self.groups:
            self.groups.append(name)
        return self.groups.index(name)


def relation_label(index: GraphIndex, iri: str) -> str:
    """The property's ``rdfs:label`` (the label policy's choice), else its local name in words."""
    if iri in index.labels:
        return index.labels[iri]
    local = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).lower() or iri


PAGE = PAGE_HEAD + """<header id="x-header">
  <button id="x-filters-toggle" type="button" aria-controls="x-sidebar" aria-expanded="true">Filters</button>
  <h1 id="x-title">{heading}</h1>
  <div id="x-search-box">
    <input id="x-search" type="search" placeholder="Search a node by label" autocomplete="off" role="combobox"
      aria-label="Search a node by label or alternative label" aria-controls="x-results" aria-expanded="false">
    <ol id="x-results" role="listbox" hidden></ol>
  </div>
  <nav id="x-modes">
    <button id="x-mode-grow" type="button" aria-pressed="true">Grow</button>
    <button id="x-mode-relate" type="button" aria-pressed="false">Relate</button>
  </nav>
  <details id="x-export"><summary>Export</summary>
    <button id="x-png" type="button">PNG (2×)</button>
    <button id="x-ttl" type="button">Turtle</button>
    <button id="x-csv" type="button">CSV</button>
  </details>
  <a id="x-index" href="{index}">Index</a>{links}
</header>
<main id="x-main">
  <aside id="x-sidebar" aria-label="Filters and legend">
    <p id="x-count" aria-live="polite"></p>
    <p id="x-path-state"></p>
    <label class="x-switch"><input id="x-inferred" type="checkbox"> inferred relations</label>
    <section><h2>Kinds</h2><ul id="x-legend"></ul></section>
    <section><h2>Relations</h2>
      <div class="x-bulk"><button id="x-rel-all" type="button">all</button><button id="x-rel-none" type="button">none</button></div>
      <div id="x-relations"></div></section>
    <p class="x-note">Click a node: its neighbours open or close. Double-click: centre on it. Click an edge: its evidence.
      Keys (graph focused): arrows move between neighbours, Enter opens or closes, + and − zoom, Esc closes the panel.</p>
  </aside>
  <div id="x-network" tabindex="0" role="application" aria-label="Graph: arrows move between neighbours, Enter expands"></div>
  <aside id="x-panel" aria-label="Details" hidden>
    <div id="x-panel-bar"><button id="x-back" type="button" disabled>← Back</button>
      <button id="x-close" type="button" aria-label="Close the panel">×</button></div>
    <div id="x-details"></div>
  </aside>
</main>
{data_block}
<script>{vis_js}</script>
{scripts}
</body>
</html>
"""


def render_explorer(data: dict, links: Iterable[tuple[str, str]] = ()) -> str:
    """The explorer page for ``data`` (``explorer_data``): one self-contained HTML file;
    ``links``: (address, title) of pages beside it that its header links to."""
    data_block = f'<script type="application/json" id="hskg-data">{json_for_script(data)}</script>'
    return _explorer_page(data["title"], data_block, "'none'", "index.html", links)[0]


def render_served_explorer(data_address: str, *, title: str = "hskg explorer",
                           index: str = "index.html") -> tuple[str, str]:
    """The explorer page without a graph in it, and its Content-Security-Policy: the page
    asks ``data_address`` (``/data/`` of ``hskg serve``) each question of the data
    interface, and may fetch from its own origin only (``connect-src 'self'``)."""
    source_block = f'<script type="application/json" id="hskg-source">{json_for_script({"address": data_address})}</script>'
    return _explorer_page(title, source_block, "'self'", index)


def _explorer_page(title: str, data_block: str, connect: str, index: str,
                   links: Iterable[tuple[str, str]] = ()) -> tuple[str, str]:
    vis_js = vis_network_script()
    scripts = [asset(__package__, f"assets/{name}") for name in SCRIPTS]
    page_css = asset(__package__, "assets/explore.css")
    csp = page_policy([vis_js, *scripts], page_css, connect=connect)
    beside = "".join(f' <a class="x-page" href="{html.escape(address)}">{html.escape(name)}</a>' for address, name in links)
    page = PAGE.format(csp=html.escape(csp), heading=html.escape(title), page_css=page_css, index=html.escape(index),
                       links=beside,
                       data_block=data_block, vis_js=vis_js,
                       scripts="\n".join(f"<script>{s}</script>" for s in scripts))
    return page, csp
