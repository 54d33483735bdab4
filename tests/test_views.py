"""The graph views without a browser: what each view holds, and a page that fetches nothing."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hskg import views
from hskg.errors import HskgError
from hskg.knowledge import load_project
from hskg.project import Project

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
VIEWS_PROJECT = DATA / "valid" / "views"

HSKG = "https://w3id.org/hskg/ontology#"
ID = "https://w3id.org/hskg/id/"
NOTIONS = {ID + "notion/narrow", ID + "notion/humanitarian", ID + "notion/broad"}
REST_ON = ("hskg:groundedIn", "hskg:respondsTo", "hskg:emphasizes")
VIS_NETWORK_VERSION = "9.1.13"  # the release in src/hskg/views/vendor/ (see its README)
VENDOR = ROOT / "src" / "hskg" / "views" / "vendor"

HOSTILE_LABELS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "<iframe src=javascript:alert(1)>",
    "{{constructor.constructor('alert(1)')()}}",
    "line\u2028separator\u2029paragraph",
    "<!-- <script>alert(1)</script> -->",
    "&lt;b&gt;entities&amp;&#60;script&#62;",
    "'; alert(1); //",
    "<style>*{background:url(https://evil.example/x.png)}</style>",
    '<a href="https://evil.example/">link</a>${alert(1)}',
    "<b onmouseover=alert(1)>notion</b>",
]


@pytest.fixture(scope="module")
def fixture_store():
    return load_project(Project(VIEWS_PROJECT)).store


def data_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="hskg-data">(.*?)</script>', page, re.S)
    assert found, "the page embeds its data as JSON"
    return json.loads(found.group(1))


def page_edges(data: dict) -> list[dict]:
    """The page's edges, [from, to, relation, inferred?, curve?], read back."""
    ids = [n["id"] for n in data["nodes"]]
    return [{"from": ids[e[0]], "to": ids[e[1]], "predicate": data["relations"][e[2]]["p"],
             "label": data["relations"][e[2]]["l"], "inferred": (e + [0, 0])[3] == 1, "curve": (e + [0, 0])[4]}
            for e in data["edges"]]


def page_statements(data: dict, node: dict) -> list[dict]:
    """A page node's statements, read back from the page's statement and text tables."""
    texts = data["texts"]

    def end(ref):
        return (data["nodes"][ref]["id"], data["nodes"][ref]["l"]) if isinstance(ref, int) else tuple(ref)

    found = []
    for i in node.get("s", []):
        claim, subject, predicate, obj, negative, quotes, section, references, sources, fact, according = \
            data["statements"][i]
        found.append({
            "claim": claim, "subject": end(subject)[0], "subject_label": end(subject)[1],
            "predicate_label": texts[predicate], "object": end(obj)[0], "object_label": end(obj)[1],
            "negative": negative == 1, "quotes": [texts[q] for q in quotes], "section": texts[section],
            "references": references, "sources": [texts[s] for s in sources], "context_fact": texts[fact],
            "according_to": [texts[a] for a in according],
        })
    return found


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def start_tags(page: str) -> list[str]:
    """The elements the browser's parser would create (script content is not parsed)."""
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def external_references(page: str) -> list[str]:
    """Every address outside the page the HTML or CSS would load (the JSON data is text)."""
    page = re.sub(r'(<script type="application/json" id="hskg-data">).*?(</script>)', r"\1\2", page, flags=re.S)
    patterns = [
        r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//[^\s"'>]*""",
        r"""url\(\s*["']?\s*(?:https?:)?//[^)]*\)""",
        r"""@import\s+(?:url\()?\s*["']?(?:https?:)?//[^;]*""",
    ]
    return [m.group(0) for p in patterns for m in re.finditer(p, page, re.I)]


# ---------------------------------------------------------------- the real graph


@pytest.mark.parametrize("name", list(views.VIEWS))
def test_every_view_builds_from_the_project_graph(real_store, name):
    view = views.build_view(real_store, name)
    graph = view.graph
    assert graph.number_of_nodes() > 0
    for node, data in graph.nodes(data=True):
        assert {"label", "types", "kind", "definition", "alt_labels", "statements", "x", "y"} <= set(data)
        assert data["label"]
        if name != "report":
            assert data["kind"] not in ("claim", "evidence"), node
    page = views.render_html(view, title=f"hskg {name}")
    assert len(data_of(page)["nodes"]) == graph.number_of_nodes()
    assert external_references(page) == []


def test_notions_view_holds_the_three_notions_and_what_they_rest_on(real_store):
    view = views.build_view(real_store, "notions")
    graph = view.graph
    notions = {n for n, kind in graph.nodes(data="kind") if kind == "notion"}
    assert notions == NOTIONS
    rest_on = real_store.query(
        "SELECT ?o WHERE { ?n a hskg:Notion ; hskg:groundedIn|hskg:respondsTo|hskg:emphasizes ?o }").values("o")
    assert rest_on, "the notions rest on something"
    assert rest_on <= set(graph)
    related = real_store.query(
        "SELECT ?x WHERE { ?n a hskg:Notion . { ?n ?p ?x } UNION { ?x ?p ?n } "
        "FILTER(isIRI(?x) && ?p != rdf:type) FILTER NOT EXISTS { ?x a/rdfs:subClassOf* hskg:Claim } }",
    ).values("x")
    assert set(graph) == NOTIONS | related
    for n in NOTIONS:
        assert graph.nodes[n]["statements"], f"{n} carries the statements about it"


def test_notions_view_puts_the_notions_side_by_side(real_store):
    graph = views.build_view(real_store, "notions").graph
    ys = {graph.nodes[n]["y"] for n in NOTIONS}
    xs = sorted(graph.nodes[n]["x"] for n in NOTIONS)
    assert len(ys) == 1 and len(set(xs)) == 3
    for s, o, predicate in graph.edges(data="predicate"):
        if predicate in REST_ON:  # what a notion rests on sits below it, in its column
            assert graph.nodes[o]["y"] > graph.nodes[s]["y"]
            assert graph.nodes[o]["x"] == graph.nodes[s]["x"]


def test_humanization_carries_its_quote_section_and_references(real_store):
    view = views.build_view(real_store, "law")
    node = view.graph.nodes[ID + "concept/humanization-of-international-law"]
    statement = next(s for s in node["statements"]
                     if s["claim"] == ID + "claim/s5-2-humanization-expressed-through-ihl")
    assert statement["quotes"][0].startswith("What is often termed the humanization of international law")
    assert statement["section"].startswith("5.2")
    assert statement["references"] == ["48", "50"]
    assert statement["object"] == ID + "regime/ihl"


def test_actor_and_law_views_are_seeded_by_class(real_store):
    actors = views.build_view(real_store, "actors").graph
    assert {ID + "actor/nato", ID + "actor/united-nations"} <= set(actors)
    assert {"actor", "person"} & {k for _, k in actors.nodes(data="kind")}
    law = views.build_view(real_store, "law").graph
    regimes = real_store.query("SELECT ?r WHERE { ?r a hskg:LegalRegime }").values("r")
    assert regimes and regimes <= set(law)


def test_classes_view_is_the_subclass_hierarchy(real_store):
    view = views.build_view(real_store, "classes")
    graph = view.graph
    assert {HSKG + "Actor", HSKG + "Organization", HSKG + "Notion"} <= set(graph)
    assert graph.has_edge(HSKG + "Organization", HSKG + "Actor", "rdfs:subClassOf")
    assert {p for _, _, p in graph.edges(data="predicate")} == {"rdfs:subClassOf"}
    for sub, sup in graph.edges():  # superclasses left of their subclasses
        assert graph.nodes[sup]["x"] < graph.nodes[sub]["x"]


def test_report_view_links_claims_to_sections_and_references(real_store):
    graph = views.build_view(real_store, "report").graph
    kinds = {k for _, k in graph.nodes(data="kind")}
    assert {"claim", "report", "reference"} <= kinds
    claim = ID + "claim/s5-2-humanization-expressed-through-ihl"
    assert graph.has_edge(claim, ID + "report/section-5-2", "hskg:inSection")
    assert graph.has_edge(claim, ID + "reference/48", "cito:citesAsEvidence")
    assert graph.nodes[claim]["statements"][0]["quotes"]


def test_focus_view_keeps_a_node_and_its_neighbours(real_store):
    view = views.build_view(real_store, "focus", focus="actor:nato", depth=1)
    graph = view.graph
    assert view.focus == ID + "actor/nato"
    assert ID + "actor/nato" in graph
    assert all(graph.has_edge(ID + "actor/nato", n) or graph.has_edge(n, ID + "actor/nato")
               for n in graph if n != ID + "actor/nato")
    deeper = views.build_view(real_store, "focus", focus=ID + "actor/nato", depth=2).graph
    assert set(graph) < set(deeper)


# ---------------------------------------------------------------- the fixture project


def test_fixture_views_hold_exactly_what_they_should(fixture_store):
    def nodes(name):
        return set(views.build_view(fixture_store, name).graph)

    assert nodes("notions") == NOTIONS | {ID + "concept/" + c for c in
                                          ("human-rights", "atrocity-crimes", "economic-development", "human-security")}
    assert nodes("actors") == {ID + "actor/nato", ID + "actor/sto", ID + "concept/human-security",
                               ID + "report/hfm-et-201"}
    assert nodes("law") == {ID + "regime/ihl", ID + "document/geneva-conventions",
                            ID + "concept/humanization-of-international-law", ID + "concept/responsibility-to-protect"}
    assert nodes("report") == {ID + "report/hfm-et-201", ID + "report/section-5-2", ID + "reference/48",
                               ID + "reference/50", ID + "claim/humanization-through-ihl",
                               ID + "claim/narrow-grounded-in-human-rights"}
    overview = nodes("overview")
    assert not any(n.startswith(ID + "claim/") or n.startswith("_:") for n in overview)
    assert HSKG + "expressedThrough" not in overview  # a claim's rdf:predicate is no node


def test_statements_of_report_and_context_claims(fixture_store):
    graph = views.build_view(fixture_store, "overview").graph
    [report_statement] = graph.nodes[ID + "regime/ihl"]["statements"]
    assert report_statement["quotes"] == [
        "What is often termed the humanization of international law is most poignantly expressed through"]
    assert report_statement["section"] == "5.2 The humanization of international law"
    assert report_statement["references"] == ["48", "50"]
    assert report_statement["sources"] == []
    [context_statement] = graph.nodes[ID + "actor/nato"]["statements"]
    assert context_statement["quotes"] == []
    assert context_statement["sources"] == ["NATO topic page: Human security"]
    assert context_statement["context_fact"] == "X1"
    assert graph.nodes[ID + "actor/nato"]["alt_labels"] == ["Alliance"]
    assert graph.nodes[ID + "concept/human-security"]["definition"] == "Security centred on people rather than states."


def test_inferred_triples_are_marked(fixture_store):
    inferred = [
        (ID + "concept/human-security", HSKG + "hasNotion", ID + "notion/narrow"),
        (ID + "actor/sto", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", HSKG + "Actor"),
        (HSKG + "Organ", "http://www.w3.org/2000/01/rdf-schema#subClassOf", HSKG + "Actor"),
        (ID + "notion/narrow", HSKG + "groundedIn", ID + "concept/human-rights"),  # asserted already
    ]
    view = views.build_view(fixture_store, "notions", inferred_triples=inferred)
    edges = {(s, o, k): d for s, o, k, d in view.graph.edges(keys=True, data=True)}
    assert edges[(ID + "concept/human-security", ID + "notion/narrow", "hskg:hasNotion+inferred")]["inferred"] is True
    assert edges[(ID + "notion/narrow", ID + "concept/human-rights", "hskg:groundedIn")]["inferred"] is False
    assert (ID + "notion/narrow", ID + "concept/human-rights", "hskg:groundedIn+inferred") not in edges
    actors = views.build_view(fixture_store, "actors", inferred_triples=inferred).graph
    assert actors.nodes[ID + "actor/sto"]["inferred_types"] == ["hskg:Actor"]
    classes = views.build_view(fixture_store, "classes", inferred_triples=inferred).graph
    assert classes.edges[HSKG + "Organ", HSKG + "Actor", "rdfs:subClassOf+inferred"]["inferred"] is True
    page = data_of(views.render_html(view, title="t"))
    assert [e["inferred"] for e in page_edges(page) if e["predicate"] == "hskg:hasNotion"] == [True]


def test_unknown_view_and_focus_are_errors(fixture_store):
    with pytest.raises(HskgError, match="unknown view"):
        views.build_view(fixture_store, "everything")
    with pytest.raises(HskgError, match="no node"):
        views.build_view(fixture_store, "focus", focus="actor:nobody")
    with pytest.raises(HskgError, match="needs a node"):
        views.build_view(fixture_store, "focus")


def test_page_is_self_contained(fixture_store):
    page = views.render_html(views.build_view(fixture_store, "overview"), title="Overview <&>")
    assert external_references(page) == []
    assert "<title>Overview &lt;&amp;&gt;</title>" in page
    assert "vis.Network" in page and "hskgView" in page
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in html.unescape(csp)


@pytest.mark.parametrize("name", ["overview", "report", "notions"])
def test_page_data_holds_each_statement_once_and_reads_back_whole(real_store, name):
    view = views.build_view(real_store, name)
    graph = view.graph
    data = data_of(views.render_html(view, title="t"))
    claims = [s[0] for s in data["statements"]]
    assert len(claims) == len(set(claims)), "a statement is stored once, however many nodes refer to it"
    assert set(claims) == {st["claim"] for _, sts in graph.nodes(data="statements") for st in sts}
    assert len(data["texts"]) == len(set(data["texts"]))
    kinds = [k["kind"] for k in data["kinds"]]
    assert [n["id"] for n in data["nodes"]] == list(graph)
    for n in data["nodes"]:
        node = graph.nodes[n["id"]]
        assert n["l"] == node["label"] and kinds[n["k"]] == node["kind"]
        assert (n["x"], n["y"]) == (node["x"], node["y"])
        assert [data["types"][i] for i in n.get("t", [])] == node["types"]
        assert [data["types"][i] for i in n.get("it", [])] == node["inferred_types"]
        assert n.get("d", "") == node["definition"] and n.get("a", []) == node["alt_labels"]
        shown = page_statements(data, n)
        assert shown == [{k: v for k, v in st.items() if k != "predicate"} for st in node["statements"]]
    edges = page_edges(data)
    assert [(e["from"], e["to"], e["predicate"], e["label"], e["inferred"]) for e in edges] == [
        (s, o, d["predicate"], d["label"], d["inferred"]) for s, o, d in graph.edges(data=True)]
    assert any(e["curve"] for e in edges) == any(
        graph.number_of_edges(s, o) + graph.number_of_edges(o, s) > 1 for s, o in graph.edges() if s != o)


def test_display_wraps_the_page_in_an_isolated_iframe(fixture_store):
    pytest.importorskip("IPython")
    view = views.build_view(fixture_store, "notions")
    shown = views.display(view, height=500).data
    assert shown.startswith('<div class="hskg-view"><iframe srcdoc="') and 'sandbox="allow-scripts allow-downloads"' in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == views.render_html(view)
    assert "height:500px" in shown


def test_the_same_graph_gives_the_same_page_in_every_process():
    """Layouts and node order do not depend on Python's per-process string hashing."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from hskg import views; from hskg.knowledge import load_project; "
        "from hskg.project import Project; store = load_project(Project(Path(sys.argv[1]))).store; "
        "print(views.render_html(views.build_view(store, 'overview'), title='t')); "
        "print(views.render_html(views.build_view(store, 'focus', focus='actor:nato', depth=1), title='t'))"
    )
    pages = [subprocess.run([sys.executable, "-c", script, str(VIEWS_PROJECT)], capture_output=True, text=True,
                            check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
             for seed in ("1", "2")]
    assert pages[0] == pages[1]


def test_layout_of_a_big_view_is_cheap():
    import time

    import networkx as nx

    graph = nx.MultiDiGraph()
    ring = nx.barabasi_albert_graph(3000, 1, seed=1)
    for n in ring:
        graph.add_node(str(n))
    graph.add_edges_from((str(u), str(v), "p") for u, v in ring.edges())
    start = time.perf_counter()
    views.layout.layout_components(graph)
    assert all("x" in d and "y" in d for _, d in graph.nodes(data=True))
    assert time.perf_counter() - start < 20  # radial only above FORCE_LAYOUT_LIMIT nodes


def test_page_inlines_the_vendored_vis_network(fixture_store):
    import hashlib

    page = views.render_html(views.build_view(fixture_store, "notions"), title="t")
    vendored = (VENDOR / "vis-network.min.js").read_text(encoding="utf-8")
    banner = vendored.split("*/", 1)[0]
    assert f"@version {VIS_NETWORK_VERSION}" in banner and "vis-network" in banner
    without_map = vendored[:vendored.rindex("//# sourceMappingURL=")]
    assert f"<script>{without_map}" in page
    assert "vis-9." not in page and "pyvis" not in page
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256((VENDOR / "vis-network.min.js").read_bytes()).hexdigest() in readme
    assert f"| version | {VIS_NETWORK_VERSION} " in readme
    assert {"LICENSE-APACHE-2.0", "LICENSE-MIT"} <= {p.name for p in VENDOR.iterdir()}


def test_to_pyvis_holds_the_views_nodes_edges_labels_and_positions(fixture_store):
    inferred = [(ID + "concept/human-security", HSKG + "hasNotion", ID + "notion/narrow")]
    view = views.build_view(fixture_store, "notions", inferred_triples=inferred)
    network = views.to_pyvis(view)
    nodes = {n["id"]: n for n in network.nodes}
    assert {n: (d["label"], d["shape"], d["color"], d["size"], d["x"], d["y"]) for n, d in nodes.items()} == {
        ID + "notion/broad": ("broad notion of human security", "star", "#d62728", 26, 0.0, 0.0),
        ID + "notion/humanitarian": ("humanitarian notion of human security", "star", "#d62728", 26, 460.0, 0.0),
        ID + "notion/narrow": ("narrow notion of human security", "star", "#d62728", 26, 920.0, 0.0),
        ID + "concept/economic-development": ("economic development", "dot", "#1f77b4", 14, 0.0, 165.0),
        ID + "concept/atrocity-crimes": ("atrocity crimes", "dot", "#1f77b4", 14, 460.0, 165.0),
        ID + "concept/human-rights": ("human rights", "dot", "#1f77b4", 14, 920.0, 165.0),
        ID + "concept/human-security": ("human security", "dot", "#1f77b4", 14, 460.0, -135.0),
    }
    assert nodes[ID + "concept/human-security"]["title"] == (
        "human security\nconcept · hskg:Concept\nSecurity centred on people rather than states.")
    assert sorted((e["from"].rsplit("/", 1)[1], e["to"].rsplit("/", 1)[1], e["label"], e["title"], e["dashes"])
                  for e in network.edges) == [
        ("broad", "economic-development", "emphasizes", "hskg:emphasizes", False),
        ("broad", "human-security", "is notion of", "hskg:isNotionOf", False),
        ("human-security", "narrow", "hasNotion", "hskg:hasNotion", True),  # no label in the fixture
        ("humanitarian", "atrocity-crimes", "responds to", "hskg:respondsTo", False),
        ("humanitarian", "human-security", "is notion of", "hskg:isNotionOf", False),
        ("narrow", "human-rights", "grounded in", "hskg:groundedIn", False),
        ("narrow", "human-security", "is notion of", "hskg:isNotionOf", False),
    ]
    assert network.directed and all(e["arrows"] == "to" for e in network.edges)
    assert network.options.physics.enabled is False


def test_to_pyvis_titles_stay_text(hostile_store):
    network = views.to_pyvis(views.build_view(hostile_store, "overview"))
    titles = [n["title"] for n in network.nodes]
    assert set(HOSTILE_LABELS) <= {t.split("\n", 1)[0].replace("\u200b", "") for t in titles}
    # pyvis would show every title as HTML if one held "href" (its link tooltip).
    assert not any("href" in t for t in titles)
    assert "<svg onload" not in network.generate_html()


# ---------------------------------------------------------------- hostile labels


def test_hostile_labels_are_escaped_in_the_page_source(hostile_store):
    for name in ("overview", "notions", "classes"):
        page = views.render_html(views.build_view(hostile_store, name), title="<script>alert(1)</script>")
        body = page.split('<script type="application/json" id="hskg-data">', 1)[1].split("</script>", 1)[0]
        for char in "<>&\u2028\u2029":
            assert char not in body, f"{char!r} is not escaped in the embedded data"
        tags = start_tags(page)
        assert tags.count("script") == 4  # the data, vis-network, label wrapping and the view's own script
        assert not {"img", "svg", "iframe", "a", "link", "b", "style"} & set(tags) - {"style"}
        assert tags.count("style") == 1  # the view's own: vis-network's standalone script adds its style sheet
        assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
        assert external_references(page) == []
    data = data_of(views.render_html(views.build_view(hostile_store, "overview"), title="t"))
    labels = {n["l"] for n in data["nodes"]}
    assert set(HOSTILE_LABELS) <= labels  # escaped, yet the very same text
    quotes = [q for n in data["nodes"] for s in page_statements(data, n) for q in s["quotes"]]
    assert "</script><img src=x onerror=alert('quote')>" in quotes


def test_json_for_script_round_trips():
    value = {"a": "</script><!-- \u2028 \u2029 & < >", "b": ["'\"", 1, None]}
    text = views.json_for_script(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value
