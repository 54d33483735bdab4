"""The reading pages of build/site/ in Debian's Chromium, headless, offline, from file://:
a click on a highlight lists its claims and leads into the explorer; a term page lists its
uses; the figures on the pages are the catalog queries' answers; hostile text stays text."""

from __future__ import annotations

import io
import shutil

import pytest

from conftest import ROOT, materialized
from hskg import KnowledgeGraph
from hskg.namespaces import compact
from hskg.progress import progress
from hskg.site import write_site
from test_report_pages import HOSTILE_QUOTE, REPORT_PROJECT  # (same folder)
from test_views_browser import browser, wait_until  # noqa: F401  (the browser fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def shipped():
    return KnowledgeGraph.open(ROOT)


def built(kg, target):
    with progress("site", 1, stream=io.StringIO()) as steps:
        write_site(kg.store, target, steps, sources_dir=kg.project.sources_dir, graphs=kg.graphs())
    return target


@pytest.fixture(scope="module")
def site(shipped, tmp_path_factory):
    return built(shipped, tmp_path_factory.mktemp("site"))


class Page:
    """A page of the site open in the browser, with what it logged, fetched or popped up."""

    def __init__(self, browser, path):
        self.errors, self.requests, self.dialogs = [], [], []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def texts(self, selector: str) -> list[str]:
        return [" ".join(t.split()) for t in self.page.locator(selector).all_inner_texts()]

    def assert_clean(self):
        assert self.errors == [] and self.dialogs == []
        assert [u for u in self.requests if not u.startswith(("file://", "data:", "blob:"))] == []
        self.page.close()


def test_clicking_a_highlight_lists_its_claims_and_links_their_nodes_into_the_explorer(browser, site):
    report = Page(browser, site / "annotated-report.html")
    wait_until(report.page, "window.hskgReport && window.hskgReport.ready")
    mark = report.page.locator("mark.passage", has_text="is most poignantly expressed through the development")
    assert mark.count() == 1
    mark.click()
    assert report.texts("#claims-list blockquote") == [
        "What is often termed the humanization of international law is most poignantly expressed through the "
        "development of the individual and protection-focused fields of international human rights law (IHRL), "
        "international humanitarian law (IHL), and international refugee law [48][50]."]
    claims = [" ".join(t.split()) for t in report.page.locator("#claims-list li.claim").evaluate_all(
        "items => items.map(li => li.firstChild.textContent + li.childNodes[1].textContent + li.childNodes[2].textContent)")]
    assert claims == [f"humanization of international law — expressed through — {regime}" for regime in (
        "international humanitarian law", "international human rights law", "international refugee law")]
    links = report.page.locator("#claims-list li.claim a.node").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert links[:2] == ["explore.html#f=concept%3Ahumanization-of-international-law", "explore.html#f=regime%3Aihl"]
    assert report.texts("#claims-list a.ref")[:2] == ["[48]", "[50]"]
    # into the explorer, centred on the node
    report.page.locator("#claims-list li.claim a.node", has_text="international humanitarian law").click()
    wait_until(report.page, "window.hskgExplorer && window.hskgExplorer.marks.firstDraw")
    assert report.page.evaluate("window.hskgExplorer.state().focus") == "https://w3id.org/hskg/id/regime/ihl"
    report.assert_clean()


def test_an_attributed_hedged_claim_shows_its_speaker_and_modality(browser, site):
    report = Page(browser, site / "annotated-report.html")
    wait_until(report.page, "window.hskgReport && window.hskgReport.ready")
    report.page.locator("mark.passage", has_text="human security is rooted in IHRL").click()
    assert report.texts("#claims-list li.claim .meta")[0].startswith(
        "according to commentators · 5.2 The development of human security and the humanization of international law [49]")
    report.assert_clean()


def test_the_coverage_figures_are_the_section_evidence_query(browser, site, shipped):
    report = Page(browser, site / "annotated-report.html")
    shown = report.page.locator("p.coverage").evaluate_all(
        "ps => ps.map(p => [p.dataset.part, ...Array.from(p.querySelectorAll('strong'), s => s.textContent)])")
    answer = {compact(row[0].value): [row[1].value, row[2].value] for row in shipped.catalog_query("section-evidence").rows}
    assert {part: figures[1:] for part, *figures in shown} == answer
    assert [figures[0] for _, *figures in shown] == ["21/21", "9/9", "3/3", "1/1", "6/6", "10/10", "9/9", "9/9"]
    report.assert_clean()


def test_the_citation_index_counts_are_the_reference_index_query(browser, site, shipped):
    index = Page(browser, site / "citations.html")
    rows = index.page.locator("#reference-table tbody tr").evaluate_all(
        "rows => rows.map(r => Array.from(r.cells, c => c.textContent))")
    answer = [[f"[{row[1].value}]", row[2].value, row[3].value] for row in shipped.catalog_query("reference-index").rows]
    assert [row[:3] for row in rows] == answer
    index.page.locator("#reference-table a", has_text="[52]").click()
    fifty_two = index.page.locator("#ref-52")
    assert " ".join(fifty_two.locator("blockquote").inner_text().split()) == (
        "When the General Assembly sought to provide a common definition of human security, it cited numerous legal "
        "concepts and themes that had long attracted significant legal attention (UNGA, Res. 64/291) [52].")
    assert fifty_two.locator("li[data-claim]").count() == 4
    index.assert_clean()


def test_a_term_page_lists_its_uses_as_the_term_usage_query_counts_them(browser, site, shipped):
    uses = {compact(row[0].value): row[2].value for row in shipped.catalog_query("term-usage").rows}
    term = Page(browser, site / "reference" / "hskg-accordingTo.html")
    assert term.page.locator("#uses").inner_text() == uses["hskg:accordingTo"] == "17"
    examples = term.texts("#examples li")
    assert len(examples) == 8 and examples[0] == (
        "human security — noted by commentators as, at least conceptually, rooted in — international human rights law "
        "(section 5.2) — according to — commentators")
    term.page.locator("dl.term a", has_text="claim").first.click()  # its domain
    assert term.page.locator("h1").inner_text() == "Class: claim"
    assert term.page.locator("#uses").inner_text() == uses["hskg:Claim"]
    notion = Page(browser, site / "reference" / "hskg-Notion.html")
    assert notion.texts("#examples li") == ["broad notion of human security", "humanitarian notion of human security",
                                            "narrow notion of human security"]  # its instances
    assert notion.page.locator("#uses").inner_text() == uses["hskg:Notion"] == "3"
    term.assert_clean()
    notion.assert_clean()


def test_hostile_text_is_shown_as_text(browser, tmp_path):
    root = materialized(REPORT_PROJECT, tmp_path / "project")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    site = built(KnowledgeGraph.open(root), tmp_path / "site")
    report = Page(browser, site / "annotated-report.html")
    wait_until(report.page, "window.hskgReport && window.hskgReport.ready")
    report.page.locator("mark.passage", has_text="sentence is hostile").click()
    assert report.texts("#claims-list blockquote") == [HOSTILE_QUOTE]
    assert report.texts("#claims-list li.claim a.node")[1] == "<img src=x onerror=alert(1)>"
    assert report.page.locator("#claims-list img, main script").count() == 0
    assert report.texts("article span.unquoted") == ["Nothing here is quoted.", "Alpha matters to beta."]
    report.assert_clean()
    for name in ("evidence.html", "citations.html"):
        page = Page(browser, site / name)
        assert page.page.locator("main img").count() == 0
        page.assert_clean()


def test_on_a_small_screen_the_claims_open_over_the_text_and_close(browser, site):
    report = Page(browser, site / "annotated-report.html")
    report.page.set_viewport_size({"width": 800, "height": 600})
    wait_until(report.page, "window.hskgReport && window.hskgReport.ready")
    assert not report.page.locator("#claims-panel").is_visible()
    report.page.locator("mark.passage", has_text="(UNGA, Res. 64/291)").click()
    assert report.page.locator("#claims-panel").is_visible()
    # the words "(UNGA, Res. 64/291)" are quoted twice: by the sentence's claims and by the resolution's own
    assert report.page.locator("#claims-list blockquote").count() == 2
    report.page.locator("#claims-close").click()
    assert not report.page.locator("#claims-panel").is_visible()
    report.assert_clean()
