"""The reading pages of build/site/: the annotated report and its W3C Web Annotations, the
citation index, the evidence report (and ``hskg coverage``), on a small report whose every
figure can be counted by hand (tests/data/valid/report-project), and on the shipped graph.

The small report's text, white space folded:
``A report Summary Alpha matters to beta. Nothing here is quoted. Alpha matters to beta.
1 FIRST SECTION Alpha matters to beta. The <script>alert(1)</script> sentence is hostile [7].``
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, materialized
from hskg import KnowledgeGraph
from hskg.coverage import evidence_report, format_report, read_claims
from hskg.progress import progress
from hskg.site import write_site
from hskg.site.annotations import annotate, resolve, section_coverage, web_annotations

REPORT_PROJECT = DATA / "valid" / "report-project"
TEXT = ("A report Summary Alpha matters to beta. Nothing here is quoted. Alpha matters to beta. "
        "1 FIRST SECTION Alpha matters to beta. The <script>alert(1)</script> sentence is hostile [7].")
ID = "https://w3id.org/hskg/id/"
HOSTILE_QUOTE = "The <script>alert(1)</script> sentence is hostile [7]."


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The small report with the shipped ontology."""
    root = materialized(REPORT_PROJECT, tmp_path_factory.mktemp("report"))
    shutil.copytree(ROOT / "ontology", root / "ontology")
    return root


@pytest.fixture(scope="module")
def kg(project):
    return KnowledgeGraph.open(project)


@pytest.fixture(scope="module")
def annotated(kg, project):
    return annotate(kg.store, read_claims(kg.store), project / "sources" / "excerpt.txt")


@pytest.fixture(scope="module")
def site(kg, project, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with progress("site", 1, stream=io.StringIO()) as steps:
        write_site(kg.store, target, steps, sources_dir=project / "sources", graphs=kg.graphs())
    return target


# --- the text, its parts and sentences ------------------------------------------------------

def test_the_text_is_folded_and_cut_into_the_graphs_parts_and_sentences(annotated):
    assert annotated.text == TEXT
    parts = [(p.iri.removeprefix(ID), p.kind, TEXT[p.heading.start:p.heading.end],
              [TEXT[s:e] for s, e in p.sentences]) for p in annotated.parts]
    assert parts == [
        ("report/hfm-et-201", "report", "A report", []),
        ("report/summary", "front matter", "Summary",
         ["Alpha matters to beta.", "Nothing here is quoted.", "Alpha matters to beta."]),
        ("report/section-1", "section", "1 FIRST SECTION", ["Alpha matters to beta.", HOSTILE_QUOTE]),
    ]
    # the line of white space after "quoted." ends the summary's first paragraph
    assert [[TEXT[b.start:b.end] for b in p.blocks] for p in annotated.parts][1] == [
        "Alpha matters to beta. Nothing here is quoted.", "Alpha matters to beta."]


def test_a_quote_found_more_than_once_is_anchored_in_its_claims_section_with_prefix_and_suffix(annotated):
    passages = [(TEXT[p.start:p.end], p.selector, [c.removeprefix(ID) for c in p.claims]) for p in annotated.passages]
    assert passages == [
        ("Alpha matters to beta.", {"type": "TextQuoteSelector", "exact": "Alpha matters to beta.",
                                    "prefix": "Summary ", "suffix": " Nothing"}, ["claim/summary-alpha-beta"]),
        ("Alpha matters to beta.", {"type": "TextQuoteSelector", "exact": "Alpha matters to beta.",
                                    "prefix": "SECTION ", "suffix": " The <sc"}, ["claim/section-alpha-beta"]),
        (HOSTILE_QUOTE, {"type": "TextQuoteSelector", "exact": HOSTILE_QUOTE}, ["claim/hostile-beta-alpha"]),
    ]
    assert annotated.unanchored == []
    # what an annotation tool finds with each selector is the passage the page highlights
    assert [resolve(TEXT, p.selector) for p in annotated.passages] == [(p.start, p.end) for p in annotated.passages]
    assert resolve(TEXT, {"exact": "Alpha matters to beta."}) is None  # three places: ambiguous


def test_coverage_per_part_counts_sentences_quoted_claims_and_quotes(kg, annotated):
    figures = [(c.part.removeprefix(ID), c.sentences, c.covered, c.claims, c.quotes)
               for c in section_coverage(annotated, read_claims(kg.store))]
    # the summary's second "Alpha matters to beta." is quoted by no claim: its claim quotes the first
    assert figures == [("report/hfm-et-201", 0, 0, 0, 0), ("report/summary", 3, 1, 1, 1),
                       ("report/section-1", 2, 2, 2, 2)]


def test_the_web_annotations_are_w3c_json_ld(annotated):
    collection = web_annotations(annotated, ID + "report/hfm-et-201", "http://www.w3.org/ns/anno.jsonld")
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 3
    assert collection["first"]["items"][1] == {
        "id": "#passage-1", "type": "Annotation", "motivation": "describing",
        "body": ID + "claim/section-alpha-beta",
        "target": {"source": ID + "report/hfm-et-201",
                   "selector": {"type": "TextQuoteSelector", "exact": "Alpha matters to beta.",
                                "prefix": "SECTION ", "suffix": " The <sc"}}}


def test_every_quote_of_the_shipped_graph_is_anchored_and_every_sentence_quoted(real_store):
    annotated = annotate(real_store, claims := read_claims(real_store), ROOT / "sources" / "hfm-et-201-excerpt.txt")
    assert annotated.unanchored == []
    assert len({p.selector["exact"] for p in annotated.passages}) == len({q for c in claims.items for q in c.quotes})
    figures = {c.part.removeprefix(ID + "report/"): (c.sentences, c.covered, c.claims, c.quotes)
               for c in section_coverage(annotated, claims) if c.sentences}
    # sentences counted in sources/hfm-et-201-excerpt.txt; claims and quotes: the section-evidence query
    assert figures == {"executive-summary": (21, 21, 70, 20), "abstract": (9, 9, 33, 10), "disclaimer": (3, 3, 7, 4),
                       "chapter-5": (1, 1, 10, 7), "section-5-1": (6, 6, 12, 6), "section-5-2": (10, 10, 39, 10),
                       "section-5-3": (9, 9, 20, 10), "section-5-4": (9, 9, 27, 11)}
    for passage in annotated.passages:  # the selectors single out each passage in the whole text
        assert resolve(annotated.text, passage.selector) == (passage.start, passage.end)


# --- the evidence report and hskg coverage -----------------------------------------------------

def test_the_evidence_report_counts_claims_passages_sources_and_context_only_statements(kg):
    report = [(e.node.removeprefix(ID), e.kind, e.claims, e.report_claims, e.context_claims, e.passages, e.sources,
               e.context_only) for e in evidence_report(kg.store)]
    assert report == [
        ("concept/beta", "concept", 4, 3, 1, 2, ["A report", "a context source"], ["beta — relates to — gamma"]),
        ("concept/alpha", "concept", 3, 3, 0, 2, ["A report"], []),
        ("concept/gamma", "concept", 1, 0, 1, 0, ["a context source"], ["beta — relates to — gamma"]),
        ("person/kaldor", "actor", 0, 0, 0, 0, [], []),
    ]


def test_the_evidence_report_of_the_shipped_graph_agrees_with_the_coverage_query(real_store):
    shipped = KnowledgeGraph.open(ROOT)
    answer = {row[0].value: tuple(int(x.value) for x in row[1:]) for row in shipped.catalog_query("coverage").rows}
    report = {e.node: (e.claims, e.report_claims, e.context_claims, e.passages) for e in evidence_report(real_store)}
    assert {node: report[node] for node in answer} == answer  # every concept, notion and regime
    assert report[ID + "actor/nato"] == (17, 14, 3, 13)


def test_hskg_coverage_prints_a_table_csv_and_json(run_hskg, project):
    code, out, err = run_hskg("--root", str(project), "coverage")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "node           label                         kind     claims  report_claims  context_claims  passages  "
        "sources  context_only",
        "-------------  ----------------------------  -------  ------  -------------  --------------  --------  "
        "-------  ------------",
        "concept:beta   beta                          concept       4              3               1         2"
        "        2             1",
        "concept:alpha  <img src=x onerror=alert(1)>  concept       3              3               0         2"
        "        1             0",
        "concept:gamma  gamma                         concept       1              0               1         0"
        "        1             1",
        "person:kaldor  Mary Kaldor                   actor         0              0               0         0"
        "        0             0",
        "(4 nodes)"]
    code, out, _ = run_hskg("--root", str(project), "coverage", "--format", "csv", "--kind", "actor")
    assert (code, out) == (0, "node,label,kind,claims,report_claims,context_claims,passages,sources,context_only\r\n"
                              f"{ID}person/kaldor,Mary Kaldor,actor,0,0,0,0,0,0\r\n")
    code, out, _ = run_hskg("--root", str(project), "coverage", "--format", "json", "--kind", "concept")
    assert json.loads(out)[2] == {"node": ID + "concept/gamma", "label": "gamma", "kind": "concept", "claims": 1,
                                  "report_claims": 0, "context_claims": 1, "passages": 0, "sources": 1,
                                  "source_labels": ["a context source"],
                                  "context_only": ["beta — relates to — gamma"]}
    code, out, err = run_hskg("--root", str(project), "coverage", "--kind", "document")
    assert code == 2 and "'document' is not one of" in err


@pytest.mark.parametrize("label, escaped, raw", [
    ("=1+2", "'=1+2", "=1+2"), ("+SUM(A1)", "'+SUM(A1)", "+SUM(A1)"), ("-2", "'-2", "-2"), ("@cmd", "'@cmd", "@cmd"),
    ("\tx", "'\tx", "\tx"), ("\rx", '"\'\rx"', '"\rx"'), ("a=b", "a=b", "a=b")])
def test_coverage_csv_escapes_labels_a_spreadsheet_would_run_unless_raw(label, escaped, raw):
    from hskg.coverage import NodeEvidence

    entry = NodeEvidence(node=ID + "actor/x", label=label, kind="actor")
    header = "node,label,kind,claims,report_claims,context_claims,passages,sources,context_only\r\n"
    assert format_report([entry], "csv") == header + f"{ID}actor/x,{escaped},actor,0,0,0,0,0,0\r\n"
    assert format_report([entry], "csv", spreadsheet_safe=False) == header + f"{ID}actor/x,{raw},actor,0,0,0,0,0,0\r\n"


def test_format_report_of_nothing_is_an_empty_table():
    assert format_report([], "csv") == "node,label,kind,claims,report_claims,context_claims,passages,sources,context_only\r\n"
    assert format_report([], "json") == "[]\n"


# --- the pages ---------------------------------------------------------------------------------

def test_the_site_writes_the_reading_pages_and_links_them_from_the_index_and_the_explorer(site):
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert [n for n in names if not n.startswith("reference/")] == [
        "actors.html", "annotated-report.html", "citations.html", "classes.html", "evidence.html", "explore.html",
        "index.html", "law.html", "notions.html", "overview.html", "report-annotations.jsonld", "report.html"]
    for page in ("index.html", "explore.html"):
        html = (site / page).read_text(encoding="utf-8")
        for address in ("annotated-report.html", "reference/index.html", "citations.html", "evidence.html"):
            assert f'href="{address}"' in html, (page, address)
    annotations = json.loads((site / "report-annotations.jsonld").read_text(encoding="utf-8"))
    assert [item["target"]["selector"]["exact"] for item in annotations["first"]["items"]] == [
        "Alpha matters to beta.", "Alpha matters to beta.", HOSTILE_QUOTE]


def test_hostile_text_is_escaped_in_every_reading_page(site):
    report = (site / "annotated-report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; sentence is hostile [7]." in report
    assert "<script>alert(1)" not in report and "<img src=x" not in report
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in report  # the label, as data for the panel
    for name in ("citations.html", "evidence.html", "reference/concept-modality-hedged.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert "<script>alert" not in page and "<img src=x" not in page, name
    assert "&lt;img src=x onerror=alert(1)&gt;" in (site / "evidence.html").read_text(encoding="utf-8")


def test_the_unquoted_sentence_is_marked_and_the_coverage_shown(site):
    report = (site / "annotated-report.html").read_text(encoding="utf-8")
    unquoted = re.findall(r'<span class="unquoted" title="no claim quotes this sentence">(.*?)</span>', report)
    # the summary's second "Alpha matters to beta." too: its claim quotes the first
    assert unquoted == ["Nothing here is quoted.", "Alpha matters to beta."]
    assert ('<p class="coverage" data-part="report:summary"><strong>1/3</strong> sentences quoted · '
            '<strong>1</strong> claims · <strong>1</strong> distinct quotes</p>') in report


def test_the_citation_index_lists_claims_by_reference_and_where_the_report_cites_it(site):
    page = (site / "citations.html").read_text(encoding="utf-8")
    assert ('<tr data-ref="7"><td><a href="#ref-7">[7]</a></td><td class="n">2</td><td class="n">1</td>'
            '<td class="n">1</td></tr>') in page
    assert ('<tr data-ref="8"><td><a href="#ref-8">[8]</a></td><td class="n">0</td><td class="n">0</td>'
            '<td class="n">0</td></tr>') in page
    seven = page.split('id="ref-7"', 1)[1].split("</section>", 1)[0]
    assert ('<blockquote class="quote">The &lt;script&gt;alert(1)&lt;/script&gt; sentence is hostile [7].'
            '</blockquote>') in seven
    assert "The claims resting on it are attributed to: Mary Kaldor." in seven
    assert seven.count("<li data-claim=") == 2
    eight = page.split('id="ref-8"', 1)[1].split("</section>", 1)[0]
    assert "The excerpt does not cite it." in eight and "No claim of the graph rests on it." in eight


def test_a_term_page_gives_the_term_and_its_uses(site):
    page = (site / "reference" / "hskg-relatesTo.html").read_text(encoding="utf-8")
    assert "<dt>definition</dt>" in page and 'id="uses" data-uses="3"' in page  # the three asserted relations
    hedged = (site / "reference" / "concept-modality-hedged.html").read_text(encoding="utf-8")
    assert 'data-uses="1"' in hedged and "<dt>scheme</dt><dd>modalities of claims</dd>" in hedged


def test_the_annotated_text_is_the_source_that_holds_the_quotes(kg, project, tmp_path):
    from hskg.site.annotations import report_text

    claims = read_claims(kg.store)
    (tmp_path / "a-notes.txt").write_text("Nothing of the report.", encoding="utf-8")
    shutil.copy(project / "sources" / "excerpt.txt", tmp_path / "b-excerpt.txt")
    assert report_text(tmp_path, claims) == tmp_path / "b-excerpt.txt"
    (tmp_path / "b-excerpt.txt").unlink()
    assert report_text(tmp_path, claims) is None  # no text holds a quote
    assert report_text(tmp_path / "missing", claims) is None


def test_without_the_text_the_annotated_report_says_why_it_is_empty(kg, tmp_path):
    with progress("site", 1, stream=io.StringIO()) as steps:
        write_site(kg.store, tmp_path, steps, sources_dir=None, graphs=kg.graphs())
    assert not (tmp_path / "report-annotations.jsonld").exists()
    assert ("No text to annotate: no <code>*.txt</code> file in the project's <code>sources/</code> holds the "
            "quotes of its claims.") in (tmp_path / "annotated-report.html").read_text(encoding="utf-8")
    citations = (tmp_path / "citations.html").read_text(encoding="utf-8")
    assert citations.count("The excerpt does not cite it.") == 2  # [7] and [8]: no text to find them in


def test_every_link_of_the_reading_pages_leads_to_a_page_of_the_site(site):
    pages = [site / "index.html", site / "explore.html", site / "annotated-report.html", site / "citations.html",
             site / "evidence.html", *sorted((site / "reference").glob("*.html"))]
    assert len(pages) > 100  # a page per module and term of the shipped ontology
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<[a-z]+\s[^>]*\bsrc=", html), page  # no element fetches anything
        for address in re.findall(r'href="([^"]*)"', html):
            target, _, fragment = address.partition("#")
            assert not re.match(r"[a-z]+:", target), (page.name, address)
            found = (page.parent / target).resolve() if target else page
            assert found.is_file(), (page.name, address)
            if fragment and found.name != "explore.html":  # (the explorer's fragment is its state)
                assert f'id="{fragment}"' in found.read_text(encoding="utf-8"), (page.name, address)
