"""`hskg serve` in a real browser (Debian's chromium, headless): the query page runs a
catalog example and shows the table; a node page shows its claims' quotes, and hostile
labels as text; the served explorer (no data in the page) grows from NATO by asking
/data/… and shows an edge's quote.  Every request stays on the server; the CSP reports
no violation."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from conftest import HOSTILE_PROJECT, materialized
from test_explorer_browser import Explorer
from test_serve_helpers import ROOT, Server
from test_views import HOSTILE_LABELS
from test_views_browser import browser, wait_until  # noqa: F401  (the fixture: chromium, headless)

pytestmark = pytest.mark.browser


class Page:
    """A page of the server in the browser, with what it logged, fetched and popped up."""

    def __init__(self, browser, url: str) -> None:  # noqa: F811
        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(ROOT, tmp_path_factory.mktemp("browser") / "serve.log", "--workers", "2")
    yield running
    running.stop()


def test_query_page_runs_a_catalog_example(browser, server):  # noqa: F811
    opened = Page(browser, server.url + "/")
    try:
        page = opened.page
        page.wait_for_selector(".CodeMirror")  # the vendored editor took over the text area
        example = page.locator("#example-according-to")
        example.locator("summary").click()
        assert example.locator("input[name=actor]").input_value() == "person:christine-chinkin"  # the example
        example.locator("button[type=submit]").click()
        page.wait_for_selector("table.results tbody tr")
        rows = page.locator("table.results tbody tr").count()
        assert rows > 0
        assert "name=according-to" in page.url and "actor=person%3Achristine-chinkin" in page.url
        links = page.locator("table.results a[href^='/id/']")
        assert links.count() > 0 and not links.first.text_content().startswith("https://")  # labels, not IRIs
        assert page.locator("#downloads a", has_text="CSV").get_attribute("href").startswith("/api/according-to?")
        # the shared URL runs the same again
        again = Page(browser, page.url)
        again.page.wait_for_selector("table.results tbody tr")
        assert again.page.locator("table.results tbody tr").count() == rows
        again.close()
        # a query typed in the editor, kept in the URL
        page.evaluate("window.hskgQuery.editor.setValue('SELECT ?n WHERE { ?n a hskg:Notion } ORDER BY ?n')")
        page.click("#run")
        page.wait_for_selector("#status:has-text('rows in')")
        assert "query=SELECT" in page.url
        assert page.locator("#downloads a", has_text="JSON").get_attribute("href").startswith("/sparql?query=SELECT")
        # a CONSTRUCT shows Turtle, and offers Turtle and JSON-LD
        page.evaluate("window.hskgQuery.editor.setValue('CONSTRUCT WHERE { actor:nato rdfs:label ?l }')")
        page.click("#run")
        page.wait_for_selector("pre.graph")
        assert "actor:nato" in page.locator("pre.graph").text_content()
        assert page.locator("#downloads a", has_text="TTL").count() == 1
        assert opened.errors == [] and opened.dialogs == []
        assert all(url.startswith(server.url) for url in opened.requests), opened.requests
    finally:
        opened.close()


def test_node_page_shows_quotes_and_hostile_labels_as_text(browser, tmp_path):  # noqa: F811
    project = materialized(HOSTILE_PROJECT, tmp_path / "hostile")
    hostile = Server(project, tmp_path / "serve.log", "--workers", "1")
    try:
        opened = Page(browser, hostile.url + "/id/notion/hostile")
        page = opened.page
        text = page.locator("main").text_content()
        for label in HOSTILE_LABELS:
            assert label in text, label
        assert "</script><img src=x onerror=alert('quote')>" in page.locator("blockquote.quote").text_content()
        assert page.locator("main img, main script, main iframe, main svg, main style").count() == 0
        assert opened.dialogs == [] and opened.errors == []
        assert all(url.startswith(hostile.url) for url in opened.requests), opened.requests
        opened.close()
    finally:
        hostile.stop()


NATO = "https://w3id.org/hskg/id/actor/nato"
HUMAN_SECURITY = "https://w3id.org/hskg/id/concept/human-security"
STO = "https://w3id.org/hskg/id/actor/sto"


def served_explorer(browser, url: str, focus: str) -> Explorer:  # noqa: F811
    page = Explorer(browser, f"{url}/explore?focus={quote(focus, safe='')}")
    wait_until(page.page, f"window.hskgExplorer.nodes.get({focus!r}) !== null")
    assert page.js("document.getElementById('hskg-data') === null")  # no graph in the page: it asks /data/…
    return page


def test_served_explorer_grows_from_nato_by_asking_the_server(browser, server):  # noqa: F811
    page = served_explorer(browser, server.url, NATO)
    try:
        assert page.state()["focus"] == NATO and page.page.url.endswith("#f=actor%3Anato")
        assert {HUMAN_SECURITY, STO} <= page.shown() and len(page.shown()) == 9
        page.click_node(STO)  # expand: its neighbours come from the server
        wait_until(page.page, "window.hskgExplorer.state().open.length === 1 && document.querySelector('#x-details h2')")
        assert page.state()["open"] == [STO]
        wait_until(page.page, "window.hskgExplorer.nodes.length > 9")
        page.page.keyboard.press("Escape")
        page.click_edge(NATO, HUMAN_SECURITY)
        wait_until(page.page, "document.querySelectorAll('#x-details .x-edge').length === 3")
        text = page.panel()
        assert text.startswith("NATO — human security 3 relations")
        assert "Evidently, human security has been put on the Alliance’s agenda." in text
        page.page.fill("#x-search", "IHL")
        wait_until(page.page, "document.querySelectorAll('#x-results li').length === 1")
        page.page.keyboard.press("Enter")
        wait_until(page.page, "window.hskgExplorer.state().focus === 'https://w3id.org/hskg/id/regime/ihl'")
        asked = [url for url in page.requests if "/data/" in url]
        assert asked and all(url.startswith(server.url + "/") for url in page.requests), page.requests
        assert page.errors == [] and page.dialogs == []
    finally:
        page.page.close()


def test_served_explorer_shows_hostile_labels_as_text(browser, tmp_path):  # noqa: F811
    project = materialized(HOSTILE_PROJECT, tmp_path / "hostile")
    hostile = Server(project, tmp_path / "serve.log", "--workers", "1")
    try:
        page = served_explorer(browser, hostile.url, "https://w3id.org/hskg/id/notion/hostile")
        for label in HOSTILE_LABELS:
            page.page.fill("#x-search", label)
            wait_until(page.page, "[...document.querySelectorAll('#x-results li')]"
                                  f".some(li => li.firstChild.textContent === {json.dumps(label)})")
        page.page.keyboard.press("Escape")
        page.click_edge("https://w3id.org/hskg/id/notion/hostile", "https://w3id.org/hskg/id/concept/p01")
        wait_until(page.page, "document.querySelectorAll('#x-details .x-edge').length > 0")
        assert "</script><img src=x onerror=alert('quote')>" in page.panel()
        assert page.js("document.querySelectorAll('img, svg, iframe, object, embed, b, style:not(head style)').length") == 0
        assert page.errors == [] and page.dialogs == []
        assert all(url.startswith(hostile.url + "/") for url in page.requests), page.requests
        page.page.close()
    finally:
        hostile.stop()
