"""The explorer in a real browser: Debian's chromium, headless, offline, the page from file://.

One browser for the module, one page per test; see test_views_browser.py for the setup.
"""

from __future__ import annotations

import base64
import csv
import io
import re
import struct
import sys
import tempfile
from collections import defaultdict, deque
from pathlib import Path

import pytest
from test_views import HOSTILE_LABELS
from test_views_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ID,
    LABEL_OVERLAP,
    ROOT,
    wait_until,
)

from hskg.knowledge import load_project
from hskg.project import Project
from hskg.views.explore import explorer_data, render_explorer

pytestmark = pytest.mark.browser

HUMAN_SECURITY = ID + "concept/human-security"
NATO = ID + "actor/nato"
IHL = ID + "regime/ihl"
HUMANIZATION = ID + "concept/humanization-of-international-law"
LABEL_SCALE = 6 / 14  # vis-network draws a 14 px label from this scale (drawThreshold 6)



@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shipped(real_store) -> dict:
    return explorer_data(real_store, title="hskg explorer")


@pytest.fixture(scope="module")
def page_file(shipped, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "explore.html"
    path.write_text(render_explorer(shipped), encoding="utf-8")
    return path


class Explorer:
    """The explorer open in the browser, with everything it logged, fetched or popped up."""

    def __init__(self, browser, path, hash_: str = "", viewport=(1400, 900)):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto((path.as_uri() if isinstance(path, Path) else path) + hash_)  # a file, or a served address
        self.wait()

    def wait(self):
        wait_until(self.page, "window.hskgExplorer && window.hskgExplorer.marks.firstDraw")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def shown(self) -> set[str]:
        return set(self.js("window.hskgExplorer.nodes.getIds()"))

    def state(self) -> dict:
        return self.js("window.hskgExplorer.state()")

    def panel(self) -> str:
        return " ".join(self.js("document.getElementById('x-details').innerText").split())

    def screen_point(self, x: float, y: float) -> tuple[float, float]:
        return tuple(self.js("""([x, y]) => {
            const dom = window.hskgExplorer.network.canvasToDOM({x, y});
            const box = document.getElementById('x-network').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y]; }""", [x, y]))

    def centre_on(self, node_id: str) -> dict:
        return self.js("(id) => { const n = window.hskgExplorer.network; n.moveTo({position: n.getPositions([id])[id],"
                       " scale: n.getScale(), animation: false}); return n.getPositions([id])[id]; }", node_id)

    def click_node(self, node_id: str) -> None:
        p = self.centre_on(node_id)
        self.page.mouse.click(*self.screen_point(p["x"], p["y"]))

    def click_edge(self, a: str, b: str) -> None:
        self.centre_on(a)
        pa, pb = (self.js("(id) => window.hskgExplorer.network.getPositions([id])[id]", n) for n in (a, b))
        t = 0.35  # along the edge, away from the labels at its ends
        self.page.mouse.click(*self.screen_point(pa["x"] + t * (pb["x"] - pa["x"]), pa["y"] + t * (pb["y"] - pa["y"])))

    def assert_clean(self):
        assert self.errors == [], f"console errors: {self.errors}"
        outside = [u for u in self.requests if not u.startswith(("file://", "data:", "blob:"))]
        assert outside == [], f"requests outside file://: {outside}"
        assert self.dialogs == [], f"a script ran and opened a dialog: {self.dialogs}"


@pytest.fixture
def explorer(browser, page_file):
    opened = []

    def open_(hash_: str = "", viewport=(1400, 900)) -> Explorer:
        page = Explorer(browser, page_file, hash_, viewport)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.page.close()


def adjacency(data: dict, inferred: bool = False) -> dict[str, set[str]]:
    ids = [n["id"] for n in data["nodes"]]
    around = defaultdict(set)
    for s, o, _, is_inferred, _ in data["edges"]:
        if inferred or not is_inferred:
            around[ids[s]].add(ids[o])
            around[ids[o]].add(ids[s])
    return around


def shortest_path_nodes(around: dict[str, set[str]], a: str, b: str) -> set[str]:
    """The nodes on every shortest path between a and b."""
    def distances(start):
        found, queue = {start: 0}, deque([start])
        while queue:
            node = queue.popleft()
            for other in around[node]:
                if other not in found:
                    found[other] = found[node] + 1
                    queue.append(other)
        return found

    da, db = distances(a), distances(b)
    return {n for n in da if n in db and da[n] + db[n] == da[b]}


def test_opens_on_the_focus_and_its_neighbours_labelled_and_apart(explorer, shipped):
    page = explorer()
    around = adjacency(shipped)
    assert page.state()["focus"] == HUMAN_SECURITY == shipped["start"]
    assert page.shown() == {HUMAN_SECURITY} | around[HUMAN_SECURITY]
    assert page.js("location.hash") == "#f=concept%3Ahuman-security"
    assert page.js("window.hskgExplorer.network.getScale()") >= 0.8 > LABEL_SCALE
    assert page.js("window.hskgExplorer.network.getSelectedNodes()") == []
    focus = page.js("(id) => window.hskgExplorer.nodes.get(id)", HUMAN_SECURITY)
    assert focus["borderWidth"] == 4 and focus["color"]["border"] == "#d00000"
    assert page.js(f"({LABEL_OVERLAP})(window.hskgExplorer.network)") <= 0.05
    # a long label wraps to three lines of 24 characters at most, shortened, its full text on hover
    report = ID + "report/hfm-et-201"
    full = next(n["l"] for n in shipped["nodes"] if n["id"] == report)
    drawn, hover = page.js("(id) => { const n = window.hskgExplorer.nodes.get(id);"
                           " return [n.label, n.title.firstChild.textContent]; }", report)
    assert len(full) > 3 * 24 and hover == full
    assert len(drawn.split("\n")) == 3 and all(len(line) <= 24 for line in drawn.split("\n")) and drawn.endswith("…")
    count = page.js("document.getElementById('x-count').textContent")
    shown_relations = sum(1 for s, o, _, inferred, _ in shipped["edges"] if not inferred
                          and {shipped["nodes"][s]["id"], shipped["nodes"][o]["id"]} <= page.shown())
    assert count == (f"Showing {len(page.shown())} of {len(shipped['nodes'])} nodes and {shown_relations} of "
                     f"{len(shipped['edges'])} relations.")
    page.assert_clean()


def test_search_starts_from_a_node_by_keyboard(explorer, shipped):
    page = explorer()
    page.page.fill("#x-search", "Alliance")  # NATO's alternative label
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("ArrowUp")
    first = page.js("document.querySelector('#x-results li').dataset.node")
    assert first == NATO
    page.page.keyboard.press("Enter")
    assert page.state()["focus"] == NATO
    assert page.shown() == {NATO} | adjacency(shipped)[NATO]
    assert page.js("document.querySelector('#x-details h2').textContent") == "NATO"
    page.assert_clean()


def test_click_expands_and_collapses_and_hide_removes(explorer, shipped):
    around = adjacency(shipped)
    page = explorer("#f=concept%3Ahuman-security")
    start = page.shown()
    page.click_node(NATO)
    assert page.state()["open"] == [NATO]
    assert page.shown() == start | around[NATO]
    assert "o=actor%3Anato" in page.js("location.hash")
    assert "NATO" in page.panel()
    page.click_node(NATO)  # again: closed
    assert page.state()["open"] == [] and page.shown() == start
    page.page.click("#x-details .x-hide")
    assert page.state()["hidden"] == [NATO]
    assert page.shown() == start - {NATO}
    page.page.click("#x-sidebar .x-unhide")
    assert page.shown() == start
    page.assert_clean()


def test_path_highlights_every_shortest_path(explorer, shipped):
    around = adjacency(shipped)
    page = explorer("#f=actor%3Anato")
    page.js("(id) => window.hskgExplorer.panel.showNode(id)", NATO)
    page.page.click("#x-details .x-path-from")
    page.js("(id) => window.hskgExplorer.panel.showNode(id)", IHL)
    page.page.click("#x-details .x-path-to")
    assert page.state()["path"] == [NATO, IHL]
    expected = shortest_path_nodes(around, NATO, IHL)
    paths = page.js("window.hskgExplorer.picture().paths")
    assert {n for p in paths for n in p} == expected
    assert len(paths[0]) - 1 <= 4
    red = page.js("window.hskgExplorer.edges.get({filter: e => e.width === 4}).map(e => [e.from, e.to])")
    assert {n for pair in red for n in pair} == expected
    assert expected <= page.shown()
    assert page.js("document.getElementById('x-path-state').textContent").startswith("Path NATO → international humanitarian law")
    page.assert_clean()


def test_url_round_trip_reload_back_and_forward(explorer, page_file):
    page = explorer("#f=concept%3Ahuman-security")
    first = page.shown()
    page.click_node(NATO)
    page.js("window.hskgExplorer.actions.setKind('context source', false)")
    hash_ = page.js("location.hash")
    assert hash_ == "#f=concept%3Ahuman-security&o=actor%3Anato&k=context%20source"
    picture = page.js("window.hskgExplorer.network.getPositions()")
    page.page.reload()
    page.wait()
    assert page.js("location.hash") == hash_
    assert page.js("window.hskgExplorer.network.getPositions()") == picture
    page.page.go_back()
    wait_until(page.page, "location.hash === '#f=concept%3Ahuman-security&o=actor%3Anato'")
    assert page.state()["kinds"] == [] and page.state()["open"] == [NATO]
    page.page.go_back()
    wait_until(page.page, "window.hskgExplorer.state().open.length === 0")
    assert page.shown() == first
    page.page.go_forward()
    wait_until(page.page, "window.hskgExplorer.state().open.length === 1")
    assert NATO in page.state()["open"]
    page.assert_clean()


def test_clicking_an_edge_shows_its_claims_quote_section_and_references(explorer):
    page = explorer("#f=regime%3Aihl")
    page.click_edge(IHL, HUMANIZATION)
    text = page.panel()
    assert text.startswith("humanization of international law — international humanitarian law")
    assert "What is often termed the humanization of international law is most poignantly expressed" in text
    assert "Section: 5.2" in text and "References: [48] [50]" in text
    assert "Claim: claim:s5-2-humanization-expressed-through-ihl" in text
    tip = page.js("([a, b]) => window.hskgExplorer.edges.get({filter: e => [e.from, e.to].sort().join() === [a, b].sort().join()})"
                  "[0].title.textContent", [IHL, HUMANIZATION])
    assert tip.startswith("expressed through")
    page.page.click("#x-details .x-link >> nth=0")  # a node of the evidence: its panel, with a back step
    assert page.js("document.querySelector('#x-details h2').textContent") == "humanization of international law"
    page.page.click("#x-back")
    assert page.panel().startswith("humanization of international law — international humanitarian law")
    page.assert_clean()


def test_context_fact_shows_its_source_and_address_link(explorer, shipped):
    page = explorer("#f=actor%3Anato")
    page.js("(id) => window.hskgExplorer.panel.showNode(id)", NATO)
    page.js("document.querySelectorAll('#x-details details').forEach(d => d.open = true)")
    addresses = page.js("[...document.querySelectorAll('#x-details a.x-address')]"
                        ".map(a => [a.textContent, a.getAttribute('href')])")
    nato = next(n for n in shipped["nodes"] if n["id"] == NATO)
    expected = sorted({src[1] for i in nato["s"] for src in shipped["claims"][i].get("src", [])})
    text = page.panel()
    assert all(address in text for address in expected)  # every address shown, as text
    linkable = [a for a in expected if re.fullmatch(r"[a-z0-9.-]+\.[a-z]+(/[^\s…]*)?", a)]
    assert linkable and sorted({text for text, _ in addresses}) == linkable  # "…?…ID=17176": shown, not linked
    assert all(href == "https://" + text for text, href in addresses)
    assert "Context fact X" in page.panel()
    page.assert_clean()


def test_relation_filters_all_none_only_and_counter(explorer, shipped):
    page = explorer("#f=concept%3Ahuman-security")
    group = shipped["groups"].index("concepts")
    members = sorted(r["p"] for r in shipped["relations"] if r["g"] == group)
    page.page.click(f"#x-relations details >> nth={group}")  # open the group's fold
    page.page.click(f"#x-relations details:nth-of-type({group + 1}) .x-bulk button:text('only')")
    assert sorted({r["p"] for r in shipped["relations"]} - set(page.state()["rels"])) == members
    relations = page.js("window.hskgExplorer.exporter.visibleEdges().map(e => e.predicate)")
    assert set(relations) <= set(members)
    count = page.js("document.getElementById('x-count').textContent")
    assert count.endswith(f"; {len(shipped['relations']) - len(members)} of {len(shipped['relations'])} relation types filtered out.")
    page.page.click("#x-rel-none")
    assert page.shown() == {HUMAN_SECURITY} and page.js("window.hskgExplorer.edges.length") == 0
    page.page.click("#x-rel-all")
    assert page.state()["rels"] == []
    page.assert_clean()


def test_keyboard_tab_arrows_enter_zoom_escape(explorer):
    page = explorer("#f=concept%3Ahuman-security")
    for _ in range(60):
        page.page.keyboard.press("Tab")
        if page.js("document.activeElement.id") == "x-network":
            break
    assert page.js("document.activeElement.id") == "x-network"
    page.page.keyboard.press("ArrowRight")
    [moved] = page.js("window.hskgExplorer.network.getSelectedNodes()")
    assert moved != HUMAN_SECURITY and moved in page.shown()
    page.page.keyboard.press("Enter")
    assert page.state()["open"] == [moved]
    scale = page.js("window.hskgExplorer.network.getScale()")
    page.page.keyboard.press("+")
    assert page.js("window.hskgExplorer.network.getScale()") == pytest.approx(scale * 1.25)
    page.page.keyboard.press("-")
    assert page.js("window.hskgExplorer.network.getScale()") == pytest.approx(scale)
    assert page.js("document.getElementById('x-panel').hidden") is False
    page.page.keyboard.press("Escape")
    assert page.js("document.getElementById('x-panel').hidden") is True
    page.assert_clean()


def test_usable_at_800_by_600(explorer):
    page = explorer("#f=concept%3Ahuman-security", viewport=(800, 600))
    assert page.js("document.getElementById('x-sidebar').hidden") is True
    assert page.js("document.getElementById('x-network').clientWidth") == 800
    page.click_node(NATO)
    assert page.js("document.getElementById('x-panel').hidden") is False
    assert page.js("document.getElementById('x-network').clientWidth") == 800  # the panel lies over the graph
    assert page.js("window.hskgExplorer.network.getScale()") >= 0.8
    page.page.click("#x-filters-toggle")
    assert page.js("document.getElementById('x-sidebar').hidden") is False
    page.assert_clean()


def png_size(data_url: str) -> tuple[int, int]:
    raw = base64.b64decode(data_url.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", raw[16:24])


def test_export_png_turtle_and_csv(explorer):
    import rdflib

    page = explorer("#f=regime%3Aihl")
    size = page.js("[document.getElementById('x-network').clientWidth, document.getElementById('x-network').clientHeight]")
    assert png_size(page.js("window.hskgExplorer.exporter.pngDataUrl()")) == (2 * size[0], 2 * size[1])
    assert page.js("window.hskgExplorer.network.getScale()") >= 0.8  # the page's own view is back
    visible = page.js("window.hskgExplorer.exporter.visibleEdges().map(e => [e.from, e.iri, e.to])")
    assert visible
    page.page.click("#x-export summary")
    with page.page.expect_download() as download:
        page.page.click("#x-ttl")
    assert download.value.suggested_filename == "hskg-explorer-regime-ihl.ttl"
    graph = rdflib.Graph().parse(data=Path(download.value.path()).read_text(encoding="utf-8"), format="turtle")
    labels = {str(s) for s in graph.subjects(rdflib.RDFS.label, None)}
    assert {(str(s), str(p), str(o)) for s, p, o in graph if p != rdflib.RDFS.label} == {tuple(e) for e in visible}
    assert labels == page.shown()
    with page.page.expect_download() as download:
        page.page.click("#x-csv")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8"), newline="")))
    assert rows[0] == ["subject", "subject_label", "predicate", "predicate_label", "object", "object_label", "inferred"]
    assert sorted((r[0], r[2], r[4]) for r in rows[1:]) == sorted(tuple(e) for e in visible)
    assert ["https://w3id.org/hskg/id/concept/humanization-of-international-law", "humanization of international law",
            "https://w3id.org/hskg/ontology#expressedThrough", "expressed through", IHL, "international humanitarian law",
            "false"] in rows
    page.assert_clean()


def test_relate_shows_three_bands_and_what_no_source_links(explorer, shipped):
    page = explorer("#m=relate")
    kinds = {k["kind"]: i for i, k in enumerate(shipped["kinds"])}
    bands = [{n["id"] for n in shipped["nodes"] if n["k"] == kinds[kind]} for kind in ("notion", "legal regime", "approach")]
    assert [len(b) for b in bands] == [3, 5, 5]  # the regimes: international law, IHRL, IHL, refugee law, existing legal frameworks
    assert set().union(*bands) <= page.shown()
    around, band_of = adjacency(shipped), {n: i for i, b in enumerate(bands) for n in b}
    pairs = [(a, b) for i, j in ((0, 1), (1, 2), (0, 2)) for a in sorted(bands[i]) for b in sorted(bands[j])]
    unlinked = [(a, b) for a, b in pairs
                if b not in around[a] and not any(m not in band_of for m in around[a] & around[b])]
    items = page.js("[...document.querySelectorAll('.x-matrix li')].map(li => li.textContent)")
    assert len(items) == len(pairs)
    assert sum(1 for t in items if t.endswith("no link in the sources")) == len(unlinked)
    labels = {n["id"]: n["l"] for n in shipped["nodes"]}
    assert f"{labels[unlinked[0][0]]} — {labels[unlinked[0][1]]}: no link in the sources" in items
    page.page.click(".x-matrix .x-direct >> nth=0")  # the first pair the sources link directly
    assert page.panel().startswith("broad notion of human security — international law 1 relation "
                                   "broad notion of human security has nexus with international law")
    page.page.click("#x-back")
    assert "How the notions, legal regimes and approaches relate" in page.panel()
    page.assert_clean()


def test_hostile_labels_show_as_text_and_run_nothing(browser, hostile_store, tmp_path):
    path = tmp_path / "explore.html"
    path.write_text(render_explorer(explorer_data(hostile_store, title="</title><script>alert(1)</script>")),
                    encoding="utf-8")
    page = Explorer(browser, path, "#f=notion%3Ahostile")
    assert page.page.title() == "</title><script>alert(1)</script>"
    for label in HOSTILE_LABELS:
        found = page.js("(text) => window.hskgExplorer.graph.search(text, 5).map(r => r.label)", label)
        assert label in found
        page.page.fill("#x-search", label)
        assert label in page.js("[...document.querySelectorAll('#x-results li')].map(li => li.firstChild.textContent)")
    page.page.keyboard.press("Escape")
    page.click_edge(ID + "notion/hostile", ID + "concept/p01")
    assert "</script><img src=x onerror=alert('quote')>" in page.panel()
    page.js("(id) => window.hskgExplorer.panel.showNode(id)", ID + "concept/p01")
    assert "<img src=x onerror=alert('definition')>" in page.panel()
    page.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.js("document.querySelectorAll('img, svg, iframe, object, embed, b, style:not(head style)').length") == 0
    assert page.js("[...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => !h.startsWith('https://'))"
                   ".filter(h => !h.endsWith('index.html'))") == []
    assert page.js("document.scripts.length") == 1 + 1 + 9  # the data, vis-network, the explorer's nine
    page.js("window.hskgExplorer.exporter.turtle() + window.hskgExplorer.exporter.csv()")
    page.page.wait_for_timeout(200)
    page.assert_clean()
    page.page.close()


def test_an_empty_graph_opens_empty(browser, tmp_path):
    from hskg.store import open_store

    path = tmp_path / "explore.html"
    path.write_text(render_explorer(explorer_data(open_store(None))), encoding="utf-8")
    page = Explorer(browser, path)
    assert page.shown() == set()
    assert page.js("document.getElementById('x-count').textContent") == "Showing 0 of 0 nodes and 0 of 0 relations."
    page.page.click("#x-mode-relate")
    assert page.shown() == set()
    page.assert_clean()
    page.page.close()


def test_inferred_switch_adds_the_inferred_relations_dashed(browser, tmp_path):
    from test_views import VIEWS_PROJECT

    inferred = [(HUMAN_SECURITY, "https://w3id.org/hskg/ontology#hasNotion", ID + "notion/narrow"),
                (NATO, "https://w3id.org/hskg/ontology#relatedTo", ID + "concept/human-rights")]
    path = tmp_path / "explore.html"
    store = load_project(Project(VIEWS_PROJECT)).store
    data = explorer_data(store, inferred_triples=inferred)
    path.write_text(render_explorer(data), encoding="utf-8")
    nodes, asserted = len(data["nodes"]), sum(1 for e in data["edges"] if not e[3])
    assert (nodes, asserted, len(data["edges"])) == (18, 11, 13)
    page = Explorer(browser, path, "#f=actor%3Anato")
    assert page.shown() == {NATO, HUMAN_SECURITY}
    assert page.js("document.getElementById('x-count').textContent") == (
        "Showing 2 of 18 nodes and 1 of 11 relations; 2 inferred relations off.")
    page.page.check("#x-inferred")
    assert page.state()["inferred"] is True and page.js("location.hash") == "#f=actor%3Anato&i=1"
    assert page.shown() == {NATO, HUMAN_SECURITY, ID + "concept/human-rights"}
    dashed = page.js("window.hskgExplorer.edges.get({filter: e => e.dashes}).map(e => [e.from, e.to].sort())")
    assert dashed == [sorted([ID + "concept/human-rights", NATO])]
    assert page.js("document.getElementById('x-count').textContent") == "Showing 3 of 18 nodes and 2 of 13 relations."
    page.click_edge(NATO, ID + "concept/human-rights")
    assert "Inferred by the OWL reasoner from the ontology; no source states it." in page.panel()
    page.assert_clean()
    page.page.close()



def save_explorer_screenshot(path: Path = ROOT / "docs" / "explorer.png", viewport=(1440, 900)) -> Path:
    """The README's picture of the explorer mid-exploration: international law at the centre,
    the narrow notion opened, the evidence of one relation in the panel. Run by hand:
    python tests/test_explorer_browser.py [PATH WIDTH HEIGHT] (800 600 for a look at a small screen)."""
    from playwright.sync_api import sync_playwright

    page_path = Path(tempfile.mkdtemp()) / "explore.html"
    page_path.write_text(render_explorer(explorer_data(load_project(Project(ROOT)).store, title="hskg explorer")),
                         encoding="utf-8")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = Explorer(launched, page_path, "#f=regime%3Ainternational-law&o=notion%3Anarrow", viewport)
        page.js("""() => { const x = window.hskgExplorer;
            const pair = x.picture().pairs.find(p => p.a.endsWith('/un-secretary-general'));
            x.network.selectEdges(x.edges.get({filter: e => e.from === pair.a && e.to === pair.b}).map(e => e.id));
            x.panel.showPair(pair); }""")
        page.page.wait_for_timeout(300)
        page.page.screenshot(path=str(path))
        launched.close()
    return path


if __name__ == "__main__":
    if len(sys.argv) == 4:
        print(save_explorer_screenshot(Path(sys.argv[1]), (int(sys.argv[2]), int(sys.argv[3]))))
    else:
        print(save_explorer_screenshot())


def test_the_embedded_interface_answers_as_the_server_does(explorer, shipped):
    """explore-data.js (the data embedded in the page) and serve/data.py (/data/…) read
    the same table: the same answers for the same questions."""
    from hskg.serve.data import ExplorerGraph

    page = explorer("#f=actor%3Anato")
    served = ExplorerGraph(shipped)
    questions = [
        ("info", [], served.info()),
        ("node", [NATO], served.node(NATO)),
        ("node", [ID + "actor/nobody"], None),
        ("neighbours", [NATO], served.neighbours(NATO)),
        ("edgeEvidence", [IHL, HUMANIZATION], served.edge_evidence(IHL, HUMANIZATION)),
        ("search", ["IHL", 20], served.search("IHL", 20)),
        ("search", ["human", 60], served.search("human", 60)),
        ("nodesOfKind", ["approach"], served.nodes_of_kind("approach")),
        ("defaultFocus", [], served.default_focus()),
    ]
    for question, arguments, expected in questions:
        answer = page.js("([question, args]) => window.hskgExplorer.graph[question](...args)", [question, arguments])
        assert answer == expected, question
    assert served.search("IHL")[0]["id"] == IHL and served.neighbours(NATO)
    page.assert_clean()


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory) -> dict:
    """The knowledge twice over (benchmarks.synthetic): the report node has more neighbours
    than an opened node brings."""
    from benchmarks.synthetic import shipped_triples, write_synthetic_project

    folder = tmp_path_factory.mktemp("two-copies")
    write_synthetic_project(folder, shipped_triples(Project.find(ROOT)), 2)
    return explorer_data(load_project(Project.find(folder)).store, title="hskg explorer")


def neighbours_in_legend_order(data: dict, node_id: str) -> list[str]:
    kind_order = {k["kind"]: i for i, k in enumerate(data["kinds"])}
    by_id = {n["id"]: n for n in data["nodes"]}
    return sorted(adjacency(data)[node_id], key=lambda o: (kind_order[data["kinds"][by_id[o]["k"]]["kind"]],
                                                        by_id[o]["l"].lower()))


def test_an_opened_hub_brings_sixty_neighbours_and_the_panel_offers_the_rest(browser, two_copies, tmp_path):
    page_file = tmp_path / "explore.html"
    page_file.write_text(render_explorer(two_copies), encoding="utf-8")
    report = ID + "report/hfm-et-201"
    ordered = neighbours_in_legend_order(two_copies, report)
    assert len(ordered) == 96
    page = Explorer(browser, page_file, "#f=report%3Ahfm-et-201")
    try:
        assert page.shown() == {report, *ordered[:60]}
        page.click_node(report)
        assert page.js("document.querySelector('#x-details .x-partial').textContent") == \
            "Showing 60 of its 96 neighbours. Show all 96"
        page.page.click("#x-details .x-show-all")
        assert page.state()["all"] == [report]
        assert page.shown() == {report, *ordered}
        assert "a=report%3Ahfm-et-201" in page.js("location.hash")
        assert page.js("document.querySelector('#x-details .x-partial')") is None
        page.page.go_back()
        page.wait()
        assert page.shown() == {report, *ordered[:60]}
        page.assert_clean()
    finally:
        page.page.close()
