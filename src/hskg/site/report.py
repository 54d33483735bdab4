"""The annotated report (``annotated-report.html``): the excerpt, part by part, with every passage a
claim quotes highlighted, the sentences no claim quotes marked, a coverage figure per
part, and a panel that lists the claims of the passage clicked.

The page's passages are those of ``annotations.web_annotations`` (the same selectors),
written beside it as ``report-annotations.jsonld`` for any annotation tool.
"""

from __future__ import annotations

from ..coverage import Claims
from ..namespaces import compact
from ..views.html import asset, json_for_script
from .annotations import AnnotatedText, Block, SectionCoverage
from .page import EXPLORER, render_page, text

SCRIPT = "assets/report.js"
ANNOTATIONS_FILE = "report-annotations.jsonld"
HEADING_TAGS = {"report": "h2", "chapter": "h2", "front matter": "h2", "section": "h3"}


def report_page(annotated: AnnotatedText, coverage: list[SectionCoverage], claims: Claims,
                explorer_nodes: set[str]) -> str:
    """The page, self-contained."""
    figures = {c.part: c for c in coverage}
    body = [f'<p class="lead">The report excerpt (<code>sources/</code>) as the graph reads it. '
            f'<mark class="passage">Highlighted</mark> passages are quoted by claims of the graph: click one to '
            f'read its claims. <span class="unquoted">Marked</span> sentences are quoted by no claim. The same '
            f'passages as W3C Web Annotations: <a href="{ANNOTATIONS_FILE}">{ANNOTATIONS_FILE}</a>.</p>',
            _summary(coverage, claims), '<div class="report-layout"><article class="report-text">']
    for part in annotated.parts:
        tag = HEADING_TAGS.get(part.kind, "h2")
        anchor = f' id="{text(compact(part.iri).split(":", 1)[-1])}"' if part.iri else ""
        if part.heading.end > part.heading.start:
            body.append(f'<{tag} class="part-{part.kind.replace(" ", "-")}"{anchor}>'
                        f'{_segments(annotated, part.heading, [])}</{tag}>')
        figure = figures.get(part.iri)
        if figure and figure.sentences:
            body.append(f'<p class="coverage" data-part="{text(compact(part.iri))}">'
                        f'<strong>{figure.covered}/{figure.sentences}</strong> sentences quoted · '
                        f'<strong>{figure.claims}</strong> claims · <strong>{figure.quotes}</strong> distinct quotes</p>')
        for block in part.blocks:
            css = "byline" if block.kind == "byline" else "paragraph"
            sentences = [(s, e) for s, e in part.sentences if block.start <= s < block.end]
            body.append(f'<p class="{css}">{_segments(annotated, block, sentences)}</p>')
    body.append('</article><aside class="claims-panel" id="claims-panel" aria-live="polite">'
                '<button id="claims-close" type="button" aria-label="Close">×</button>'
                '<h2>Claims</h2><p class="muted" id="claims-hint">Click a highlighted passage to list the '
                'claims that quote it.</p><div id="claims-list"></div></aside></div>')
    data = f'<script type="application/json" id="report-data">{json_for_script(_page_data(annotated, claims, explorer_nodes))}</script>'
    return render_page("Annotated report", "\n".join(body), scripts=(asset(__package__, SCRIPT),), data=data)


def _summary(coverage: list[SectionCoverage], claims: Claims) -> str:
    rows = [c for c in coverage if c.sentences]
    total = (sum(c.covered for c in rows), sum(c.sentences for c in rows))
    return (f'<p class="legend">Whole excerpt: <strong>{total[0]}/{total[1]}</strong> sentences quoted by a claim · '
            f'<strong>{sum(c.claims for c in rows)}</strong> claims from its parts · '
            f'<strong>{len({q for c in claims.items for q in c.quotes})}</strong> distinct quotes.</p>')


def _segments(annotated: AnnotatedText, block: Block, sentences: list[tuple[int, int]]) -> str:
    """The block's text cut where passages begin and end, each piece marked with its passages;
    each sentence that no passage overlaps wrapped as unquoted."""
    out = []
    for start, end in sentences or [(block.start, block.end)]:
        inner = _marked(annotated, start, end)
        if sentences and not annotated.covered(start, end):
            inner = f'<span class="unquoted" title="no claim quotes this sentence">{inner}</span>'
        out.append(inner)
    return " ".join(out)


def _marked(annotated: AnnotatedText, start: int, end: int) -> str:
    cuts = {start, end}
    for i in annotated.covered(start, end):
        passage = annotated.passages[i]
        cuts.update(x for x in (passage.start, passage.end) if start < x < end)
    points = sorted(cuts)
    out = []
    for a, b in zip(points, points[1:]):
        piece = text(annotated.text[a:b])
        found = annotated.covered(a, b)
        if found:
            many = " many" if len(found) > 1 else ""
            ids = " ".join(map(str, found))
            out.append(f'<mark class="passage{many}" tabindex="0" role="button" data-passages="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _page_data(annotated: AnnotatedText, claims: Claims, explorer_nodes: set[str]) -> dict:
    """What the panel shows: each passage's exact text and claims; each claim as a sentence
    with its nodes ([label, compact IRI when the explorer shows it]), speaker, modality and references."""
    by_iri = {c.iri: c for c in claims.items}

    def node(iri: str) -> list:
        return [claims.label(iri), compact(iri) if iri in explorer_nodes else None]

    table = {}
    for passage in annotated.passages:
        for iri in passage.claims:
            claim = by_iri[iri]
            table[iri] = {"id": compact(iri), "s": node(claim.subject), "p": claims.label(claim.predicate),
                          "o": node(claim.object) if claim.object_is_node else [claim.object, None],
                          "neg": claim.negative, "by": [claims.label(x) for x in claim.according_to],
                          "m": [claims.label(x) for x in claim.modality], "ref": list(claim.references),
                          "sec": claims.label(claim.section) if claim.section else ""}
    return {"explorer": EXPLORER,
            "passages": [{"exact": p.selector["exact"], "claims": p.claims} for p in annotated.passages],
            "claims": table}
