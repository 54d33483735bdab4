"""The graph views in a real browser: Debian's chromium, headless, offline, pages from file://.

CI installs the browser and the driver (see README):
    apt-get install -y chromium && pip install playwright
These tests fail, not skip, when either is missing: browser-facing output is always tested.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS, LABEL_OVERLAP  # noqa: F401  (shared with the benchmark)
from hskg import views
from hskg.knowledge import load_project
from hskg.project import Project

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/hskg/id/"
HUMANIZATION = ID + "concept/humanization-of-international-law"

from test_views import HOSTILE_LABELS  # noqa: E402  (same folder; pytest puts it on sys.path)


def wait_until(target, expression: str, timeout: float = 15.0) -> None:
    """Poll ``expression`` in the page (or frame) until it is true.

    Not ``wait_for_function``: when its first try fails, Playwright polls with a function
    it builds from text, which the pages' Content-Security-Policy (no 'unsafe-eval') refuses.
    """
    deadline = time.monotonic() + timeout
    while not target.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        time.sleep(0.02)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is missing: pip install playwright (no `playwright install` needed)", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Opened:
    """A view's page open in the browser, with everything it logged, fetched or popped up."""

    def __init__(self, browser, view, path: Path):
        path.write_text(views.render_html(view, title=f"hskg {view.name}"), encoding="utf-8")
        self.view = view
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)
        self.url = path.as_uri()
        self.page.goto(self.url)
        wait_until(self.page, "window.hskgView && window.hskgView.state.ready")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def panel_text(self) -> str:
        return self.js("document.getElementById('hskg-details').textContent")

    def click_node(self, node_id: str) -> None:
        """A real mouse click on the node where vis-network drew it."""
        x, y = self.js("""(id) => {
            const v = window.hskgView, p = v.network.getPositions([id])[id];
            const dom = v.network.canvasToDOM(p);
            const box = document.getElementById('hskg-network').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""", node_id)
        self.page.mouse.click(x, y)

    def close(self):
        self.page.close()


@pytest.fixture
def open_view(browser, tmp_path):
    opened = []

    def open_(view) -> Opened:
        page = Opened(browser, view, tmp_path / f"{view.name}.html")
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()


def assert_clean(page: Opened) -> None:
    assert page.errors == [], f"console errors: {page.errors}"
    outside = [u for u in page.requests if not u.startswith("file://") and not u.startswith("data:")]
    assert outside == [], f"requests outside file://: {outside}"
    assert page.dialogs == [], f"a script ran and opened a dialog: {page.dialogs}"


@pytest.mark.parametrize("name", list(views.VIEWS))
def test_each_view_draws_every_node_offline(real_store, open_view, name):
    view = views.build_view(real_store, name)
    page = open_view(view)
    assert_clean(page)
    expected = view.graph.number_of_nodes()
    assert page.js("window.hskgView.nodes.length") == expected
    assert page.js("window.hskgView.network.body.nodeIndices.length") == expected
    assert page.js("window.hskgView.edges.length") == view.graph.number_of_edges()
    assert page.js("window.hskgView.shownCount()") == expected
    relations = view.graph.number_of_edges()
    assert page.js("document.getElementById('hskg-count').textContent") == (
        f"{expected} of {expected} nodes and {relations} of {relations} relations shown")
    assert page.js("window.hskgView.pngDataUrl()").startswith("data:image/png;base64,")
    # it opens where labels draw (vis-network draws 14 px labels from scale 6/14)
    assert page.js("window.hskgView.network.getScale()") >= 0.6 > 6 / 14
    assert page.js(f"({LABEL_OVERLAP})(window.hskgView.network)") <= 0.05
    # every relation names itself on hover
    titles = page.js("window.hskgView.edges.get().map(e => e.title.textContent)")
    assert titles == [d["label"] + (" (inferred)" if d["inferred"] else "") for _, _, d in view.graph.edges(data=True)]


def test_a_site_view_links_to_the_index_and_the_explorer(real_store, browser, tmp_path):
    path = tmp_path / "notions.html"
    path.write_text(views.render_html(views.build_view(real_store, "notions"), explorer="explore.html"), encoding="utf-8")
    page = browser.new_page()
    page.goto(path.as_uri())
    wait_until(page, "window.hskgView && window.hskgView.state.ready")
    links = page.evaluate("[...document.querySelectorAll('#hskg-site a')].map(a => a.getAttribute('href'))")
    assert links == ["index.html", "explore.html"]
    page.evaluate("(id) => window.hskgView.selectNode(id)", ID + "notion/narrow")
    explore = page.evaluate("document.querySelector('#hskg-details a.hskg-explore').getAttribute('href')")
    assert explore == "explore.html#f=" + ID.replace(":", "%3A").replace("/", "%2F") + "notion%2Fnarrow"
    page.close()


def test_search_focuses_and_selects_the_node(real_store, open_view):
    page = open_view(views.build_view(real_store, "overview"))
    found = page.js("window.hskgView.search('humanization of international law')")
    assert found[0] == HUMANIZATION
    assert page.js("window.hskgView.network.getSelectedNodes()") == [HUMANIZATION]
    centre = page.js("""() => { const v = window.hskgView.network;
        return [v.getViewPosition(), v.getPositions(['%s'])['%s']]; }""" % (HUMANIZATION, HUMANIZATION))
    assert abs(centre[0]["x"] - centre[1]["x"]) < 1 and abs(centre[0]["y"] - centre[1]["y"]) < 1
    assert page.js("document.querySelector('#hskg-details h2').textContent") == "humanization of international law"
    # by alternative label, through the search box and its result list
    page.page.fill("#hskg-search", "Alliance")
    page.page.click("#hskg-results button")
    assert page.js("window.hskgView.network.getSelectedNodes()") == [ID + "actor/nato"]
    assert_clean(page)


def test_kind_toggle_hides_exactly_that_kind(real_store, open_view):
    view = views.build_view(real_store, "overview")
    page = open_view(view)
    kinds = view.kinds
    total = view.graph.number_of_nodes()
    page.page.click("#hskg-legend button[data-kind='actor']")  # the legend itself
    assert page.js("window.hskgView.shownCount()") == total - kinds["actor"]
    hidden = page.js("window.hskgView.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert set(hidden) == {n for n, k in view.graph.nodes(data="kind") if k == "actor"}
    assert page.js("window.hskgView.network.body.nodeIndices.length") == total - kinds["actor"]
    assert page.js("window.hskgView.setKindVisible('concept', false)") is True
    assert page.js("window.hskgView.shownCount()") == total - kinds["actor"] - kinds["concept"]
    page.js("window.hskgView.setKindVisible('actor', true); window.hskgView.setKindVisible('concept', true)")
    assert page.js("window.hskgView.shownCount()") == total
    relation = "hskg:isNotionOf"
    assert page.js(f"window.hskgView.setRelationVisible('{relation}', false)") is True
    hidden_edges = page.js("window.hskgView.edges.get({filter: e => e.hidden}).length")
    assert hidden_edges == sum(1 for *_, p in view.graph.edges(data="predicate") if p == relation)
    edges = view.graph.number_of_edges()
    assert page.js("document.getElementById('hskg-count').textContent") == (
        f"{total} of {total} nodes and {edges - hidden_edges} of {edges} relations shown")
    assert_clean(page)


@pytest.mark.parametrize("name, node", [("law", HUMANIZATION), ("notions", ID + "notion/narrow")])
def test_clicking_a_claim_bearing_node_shows_its_quote(real_store, open_view, name, node):
    view = views.build_view(real_store, name)
    page = open_view(view)
    page.click_node(node)
    assert page.js("window.hskgView.network.getSelectedNodes()") == [node]
    text = " ".join(page.panel_text().split())
    statements = view.graph.nodes[node]["statements"]
    assert statements
    for statement in statements:
        for quote in statement["quotes"]:
            assert " ".join(quote.split()) in text
        if statement["section"]:
            assert "Section: " + statement["section"] in text
        if statement["references"]:
            assert "References: " + " ".join(f"[{r}]" for r in statement["references"]) in text
    if node == HUMANIZATION:
        assert "What is often termed the humanization of international law" in text
        assert "References: [48] [50]" in text
    # a relation in the panel selects the neighbour
    page.page.click("#hskg-details .hskg-relations .hskg-link >> nth=0")
    assert page.js("window.hskgView.network.getSelectedNodes()") != [node]
    assert_clean(page)


def test_hostile_labels_run_nothing_and_show_as_text(hostile_store, open_view):
    page = open_view(views.build_view(hostile_store, "overview"))
    for label in HOSTILE_LABELS:
        found = page.js("(text) => window.hskgView.search(text)", label)
        assert found, f"search finds {label!r}"
        assert page.js("document.querySelector('#hskg-details h2').textContent") == label
        results = page.js("[...document.querySelectorAll('#hskg-results button')].map(b => b.firstChild.textContent)")
        assert label in results
    page.js("(id) => window.hskgView.selectNode(id)", ID + "notion/hostile")
    text = page.panel_text()
    assert "</script><img src=x onerror=alert('quote')>" in text
    assert "relates <svg onload=alert('edge')> to" in text
    page.js("(id) => window.hskgView.selectNode(id)", ID + "concept/p01")
    assert "<img src=x onerror=alert('definition')>" in page.panel_text()
    assert "concept <img src=x onerror=alert('class')>" in page.panel_text()
    # open the filter lists too, so that every piece of text is on screen
    page.js("document.querySelectorAll('details').forEach(d => d.open = true)")
    injected = page.js("document.querySelectorAll('img, svg, iframe, object, embed, a[href], b').length")
    assert injected == 0
    assert page.js("document.scripts.length") == 4  # the data, vis-network, label wrapping, the view
    page.page.wait_for_timeout(200)
    assert_clean(page)



def test_inferred_switch_hides_and_shows_the_inferred_relations(open_view):
    store = load_project(Project(ROOT / "tests" / "data" / "valid" / "views")).store
    inferred = [(ID + "concept/human-security", "https://w3id.org/hskg/ontology#hasNotion", ID + "notion/narrow")]
    view = views.build_view(store, "notions", inferred_triples=inferred)
    page = open_view(view)
    nodes, edges = view.graph.number_of_nodes(), view.graph.number_of_edges()
    assert page.js("document.getElementById('hskg-inferred-switch').hidden") is False
    page.page.uncheck("#hskg-inferred")
    assert page.js("window.hskgView.edges.get({filter: e => e.hidden}).map(e => e.dashes)") == [True]
    assert page.js("document.getElementById('hskg-count').textContent") == (
        f"{nodes} of {nodes} nodes and {edges - 1} of {edges} relations shown")
    page.page.check("#hskg-inferred")
    assert page.js("window.hskgView.edges.get({filter: e => e.hidden}).length") == 0
    assert_clean(page)

def big_view(size: int = 1600) -> views.View:
    """A view past SHAPES_LIMIT, whose page draws the nodes first and adds the relations after."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    node = [f"{ID}concept/c{i}" for i in range(size)]
    for i, iri in enumerate(node):
        graph.add_node(iri, iri=iri, label=f"concept {i}", types=["hskg:Concept"], inferred_types=[],
                       kind="actor" if i % 7 == 0 else "concept", definition="", alt_labels=[], statements=[])
    for i in range(1, size):
        graph.add_edge(node[i], node[(i - 1) // 2], "skos:broader", predicate="skos:broader", label="broader",
                       inferred=False)
        if i % 5 == 0:
            graph.add_edge(node[i], node[(i - 1) // 2], "hskg:relatedTo+inferred", predicate="hskg:relatedTo",
                           label="related to", inferred=True)
    views.layout.layout_components(graph)
    return views.View(name="overview", description="a big view", graph=graph)


def test_big_view_is_ready_once_its_relations_are_drawn_too(open_view):
    view = big_view()
    assert view.graph.number_of_nodes() > views.SHAPES_LIMIT
    page = open_view(view)
    assert_clean(page)
    nodes, edges = view.graph.number_of_nodes(), view.graph.number_of_edges()
    assert page.js("window.hskgView.network.body.nodeIndices.length") == nodes
    assert page.js("window.hskgView.edges.length") == edges
    assert page.js("window.hskgView.network.body.edgeIndices.length") == edges
    marks = page.js("window.hskgView.state.marks")
    assert page.js("window.hskgView.state.firstDrawMs") <= marks["edgesAdded"] <= marks["edgesDrawn"]
    assert page.js("window.hskgView.setKindVisible('actor', false)") is True
    actors = {n for n, k in view.graph.nodes(data="kind") if k == "actor"}
    hidden = page.js("window.hskgView.edges.get({filter: e => e.hidden}).length")
    assert hidden == sum(1 for s, o in view.graph.edges() if s in actors or o in actors)
    assert page.js("window.hskgView.network.body.nodeIndices.length") == nodes - len(actors)


def test_big_view_filtered_before_its_relations_arrive(browser, tmp_path):
    view = big_view()
    path = tmp_path / "big.html"
    path.write_text(views.render_html(view), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Filter the moment the page's script has run: before the first draw, so before the edges exist.
    page.add_init_script("""Object.defineProperty(window, 'hskgView', { configurable: true,
        get() { return this._hskgView; },
        set(v) { this._hskgView = v; v.state.filteredEarly = v.edges.length === 0 && v.setRelationVisible('skos:broader', false)
                 && v.setKindVisible('actor', false); } });""")
    page.goto(path.as_uri())
    wait_until(page, "window.hskgView && window.hskgView.state.ready")
    assert page.evaluate("window.hskgView.state.filteredEarly") is True
    actors = {n for n, k in view.graph.nodes(data="kind") if k == "actor"}
    shown = [(s, o) for s, o, p in view.graph.edges(data="predicate")
             if p != "skos:broader" and s not in actors and o not in actors]
    assert page.evaluate("window.hskgView.edges.length") == view.graph.number_of_edges()
    assert page.evaluate("window.hskgView.network.body.edgeIndices.length") == len(shown)
    assert page.evaluate("window.hskgView.shownCount()") == view.graph.number_of_nodes() - len(actors)
    assert errors == []
    page.close()


def test_hostile_title_and_empty_view(hostile_store, browser, tmp_path):
    view = views.build_view(hostile_store, "actors")  # no actors: an empty view still works
    path = tmp_path / "empty.html"
    path.write_text(views.render_html(view, title="</title><script>alert(1)</script>"), encoding="utf-8")
    page = browser.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    wait_until(page, "window.hskgView !== undefined")
    assert page.title() == "</title><script>alert(1)</script>"
    assert page.evaluate("window.hskgView.shownCount()") == 0
    assert dialogs == [] and errors == []
    page.close()


def test_display_iframe_draws_in_the_browser(browser, tmp_path):
    view = views.build_view(load_project(Project(ROOT / "tests" / "data" / "valid" / "views")).store, "notions")
    path = tmp_path / "notebook.html"
    path.write_text("<!DOCTYPE html><html><body>" + views.display(view, height=600).data + "</body></html>",
                    encoding="utf-8")
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    frame = page.frames[1]
    wait_until(frame, "window.hskgView && window.hskgView.state.ready")
    assert frame.evaluate("window.hskgView.nodes.length") == view.graph.number_of_nodes()
    assert errors == []
    page.close()


def save_notions_screenshot(path: Path = ROOT / "docs" / "notions-view.png") -> Path:
    """Write the README's picture of the notions view (run by hand: python tests/test_views_browser.py)."""
    from playwright.sync_api import sync_playwright

    view = views.build_view(load_project(Project(ROOT)).store, "notions")
    html_path = Path(shutil.os.environ.get("TMPDIR", "/tmp")) / "hskg-notions-view.html"
    html_path.write_text(views.render_html(view, title="hskg — Chinkin and Kaldor's three notions"),
                         encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 860})
        page.goto(html_path.as_uri())
        wait_until(page, "window.hskgView && window.hskgView.state.ready")
        page.evaluate("(id) => window.hskgView.selectNode(id)", ID + "notion/narrow")
        page.evaluate("window.hskgView.network.fit({animation: false})")
        page.screenshot(path=str(path))
        browser.close()
    return path


if __name__ == "__main__":
    print(save_notions_screenshot())
