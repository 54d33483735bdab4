"""The report's text with what the graph made of it: parts, sentences and anchored quotes.

The excerpt (``sources/*.txt``) is a page-by-page copy of a PDF: no-break spaces, a blank
line after every line, a line of white space between paragraphs of chapter 5.  It is read
as the evidence check reads it, every run of white space folded into one space, so that
every ``oa:exact`` quote is found in it verbatim.  Headings are the lines that name a part
of the report as the graph describes it (its label, or its ``dcterms:title`` after its
number), so that the page's parts are the graph's parts and claims land in their section.

Quotes are anchored as W3C Web Annotation's ``TextQuoteSelector``: the exact text, and
where it occurs more than once in the text, a prefix and a suffix just long enough to
single out the occurrence the claim means (the one inside the claim's section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..coverage import Claims

# A sentence ends at . ? or ! (after a closing quote, bracket or citation), before a capital.
SENTENCE_END = re.compile(r"(?<=[.?!])[’”\"')\]\d\[]*\s+(?=[A-Z“‘(])")
NUMBERING = re.compile(r"^(chapter\s+)?\d+(\.\d+)*\s*[–-]?\s*", re.IGNORECASE)
PARTS = """SELECT ?part ?label ?title WHERE {
  ?part dcterms:isPartOf* ?report ; rdfs:label ?label . ?report a hskg:Report .
  OPTIONAL { ?part dcterms:title ?title }
  FILTER NOT EXISTS { ?part a hskg:SummarizedPart } FILTER NOT EXISTS { ?part a hskg:Reference }
} ORDER BY ?part"""
SELECTOR_GROWTH = 8  # characters added to prefix and suffix until the occurrence is unique


@dataclass
class Block:
    """A heading, a paragraph or a byline: ``start``/``end`` in the folded text."""

    kind: str
    start: int
    end: int


@dataclass
class Part:
    """A part of the report as the text shows it: its heading, then its blocks."""

    iri: str | None
    heading: Block
    kind: str  # report, chapter, section or front matter
    blocks: list[Block] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Passage:
    """One anchored quote: where it is, its selector, and the claims that quote it there."""

    start: int
    end: int
    selector: dict
    claims: list[str]


@dataclass
class AnnotatedText:
    text: str  # the excerpt, white space folded
    parts: list[Part]
    passages: list[Passage]
    unanchored: list[str]  # claims whose quote is not in the text (hskg validate reports them)

    def covered(self, start: int, end: int) -> list[int]:
        """The passages that overlap ``text[start:end]``."""
        return [i for i, p in enumerate(self.passages) if p.start < end and start < p.end]


def part_titles(store) -> dict[str, str]:
    """The part each heading names, by its folded, case-folded text (label, title)."""
    names: dict[str, str] = {}
    for part, label, title in getattr(store, "store", store).query(PARTS).rows:
        for name in (label, title):
            if name is not None:
                names.setdefault(_heading_key(name.value), part.value)
    return names


def _heading_key(text: str) -> str:
    return NUMBERING.sub("", " ".join(text.split())).casefold()


def read_text(path: Path, titles: dict[str, str], kinds: dict[str, str]) -> tuple[str, list[Part]]:
    """The folded text of a source file and its parts (text before any heading: a part of none)."""
    lines = [(" ".join(raw.split()), raw) for raw in path.read_text(encoding="utf-8").splitlines()]
    pieces: list[str] = []
    offset = 0
    parts: list[Part] = []
    paragraph_open = False
    i = 0
    while i < len(lines):
        folded, raw = lines[i]
        if not folded:
            paragraph_open = paragraph_open and not raw  # a line of only white space ends a paragraph
            i += 1
            continue
        heading, used = _heading_at(lines, i, titles)
        text = " ".join(lines[j][0] for j in used) if heading else folded
        start = offset + (1 if pieces else 0)
        pieces.append(text)
        offset = start + len(text)
        if heading:
            iri = titles[heading]
            parts.append(Part(iri, Block("heading", start, offset), kinds.get(iri, "front matter")))
            paragraph_open = False
            i = used[-1] + 1
            continue
        if not parts:
            parts.append(Part(None, Block("heading", start, start), "front matter"))
        blocks = parts[-1].blocks
        kind = "byline" if parts[-1].kind == "chapter" else "paragraph"  # before its first section
        if paragraph_open and blocks:
            blocks[-1].end = offset
        else:
            blocks.append(Block(kind, start, offset))
        # A paragraph ends with a sentence and the page's trailing double space.
        trailing = len(raw) - len(raw.rstrip())
        paragraph_open = kind == "byline" or not (trailing >= 2 and folded[-1] in ".?!")
        i += 1
    text = " ".join(pieces)
    for part in parts:
        for block in part.blocks:
            part.sentences += _sentences(text, block)
    return text, parts


def _heading_at(lines, i: int, titles: dict[str, str]) -> tuple[str | None, list[int]]:
    """The heading key of line ``i`` (alone, or with the next non-empty line), and the lines used."""
    following = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j][0]), None)
    candidates = [[i]] + ([[i, following]] if following is not None else [])
    for used in candidates:
        key = _heading_key(" ".join(lines[j][0] for j in used))
        if key in titles:
            return key, used
    return None, []


def _sentences(text: str, block: Block) -> list[tuple[int, int]]:
    if block.kind == "byline":
        return [(block.start, block.end)]  # names and places in two columns: no sentences
    chunk = text[block.start:block.end]
    found, start = [], 0
    for match in SENTENCE_END.finditer(chunk):
        found.append((block.start + start, block.start + match.start()))
        start = match.end()
    found.append((block.start + start, block.end))
    return [(s, e) for s, e in found if e > s]


def anchor(text: str, parts: list[Part], claims: Claims) -> tuple[list[Passage], list[str]]:
    """Each quote of a report claim at its place in ``text``: in the claim's section where it
    occurs there, else at its first occurrence; the claims that quote no text are returned apart."""
    where: dict[tuple[str, int], list[str]] = {}
    unanchored = []
    spans = {part.iri: (part.heading.start, max([part.heading.end] + [b.end for b in part.blocks]))
             for part in parts if part.iri}
    for claim in claims.items:
        for quote in claim.quotes:
            exact = " ".join(quote.split())
            starts = _occurrences(text, exact)
            if not starts:
                unanchored.append(claim.iri)
                continue
            low, high = spans.get(claim.section, (0, len(text)))
            start = next((s for s in starts if low <= s < high), starts[0])
            where.setdefault((exact, start), []).append(claim.iri)
    passages = [Passage(start, start + len(exact), selector(text, start, start + len(exact)), sorted(iris))
                for (exact, start), iris in sorted(where.items(), key=lambda item: (item[0][1], -len(item[0][0])))]
    return passages, sorted(set(unanchored))


def _occurrences(text: str, exact: str) -> list[int]:
    found, at = [], text.find(exact)
    while at >= 0 and exact:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def selector(text: str, start: int, end: int) -> dict:
    """The TextQuoteSelector of ``text[start:end]``: with a prefix and a suffix, grown until
    they single it out, when the exact text occurs more than once."""
    exact = text[start:end]
    found: dict = {"type": "TextQuoteSelector", "exact": exact}
    if len(_occurrences(text, exact)) == 1:
        return found
    size = SELECTOR_GROWTH
    while True:
        prefix, suffix = text[max(0, start - size):start], text[end:end + size]
        if len(_occurrences(text, prefix + exact + suffix)) == 1 or (size >= start and end + size >= len(text)):
            return {**found, "prefix": prefix, "suffix": suffix}
        size += SELECTOR_GROWTH


def resolve(text: str, quote: dict) -> tuple[int, int] | None:
    """Where a TextQuoteSelector points in ``text`` (as an annotation tool anchors it): the
    occurrence of exact whose prefix and suffix match; None when there is none or more than one."""
    exact, prefix, suffix = quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")
    hits = [s + len(prefix) for s in _occurrences(text, prefix + exact + suffix)]
    return (hits[0], hits[0] + len(exact)) if len(hits) == 1 else None


def report_text(sources_dir: Path | None, claims: Claims) -> Path | None:
    """The source text (``*.txt``) in which most of the claims' quotes occur; None when no
    text holds any."""
    texts = sorted(sources_dir.glob("*.txt")) if sources_dir and sources_dir.is_dir() else []
    quotes = {" ".join(q.split()) for c in claims.items for q in c.quotes}
    found = []
    for path in texts:
        folded = " ".join(path.read_text(encoding="utf-8").split())
        found.append((sum(1 for q in quotes if q in folded), -texts.index(path), path))
    best = max(found, default=None)
    return best[2] if best and best[0] else None


def annotate(store, claims: Claims, source: Path) -> AnnotatedText:
    """The source text with its parts, sentences and the claims' passages anchored in it."""
    text, parts = read_text(source, part_titles(store), _kinds(store))
    passages, unanchored = anchor(text, parts, claims)
    return AnnotatedText(text, parts, passages, unanchored)


def _kinds(store) -> dict[str, str]:
    rows = getattr(store, "store", store).query(
        'SELECT ?part ?kind WHERE { VALUES (?class ?kind) { (hskg:Report "report") (hskg:Chapter "chapter") '
        '(hskg:Section "section") } ?part a ?class } ORDER BY ?part').rows
    return {part.value: kind.value for part, kind in rows}


def web_annotations(annotated: AnnotatedText, source_iri: str, context: str) -> dict:
    """The passages as a W3C Web Annotation collection (JSON-LD): one annotation per passage,
    its bodies the claims that quote it, its target the report with the passage's selector."""
    items = [{"id": f"#passage-{i}", "type": "Annotation", "motivation": "describing",
              "body": passage.claims if len(passage.claims) > 1 else passage.claims[0],
              "target": {"source": source_iri, "selector": passage.selector}}
             for i, passage in enumerate(annotated.passages)]
    return {"@context": context, "id": "#annotations", "type": "AnnotationCollection",
            "label": "The passages of the report that the graph's claims quote", "total": len(items),
            "first": {"type": "AnnotationPage", "items": items}}


@dataclass
class SectionCoverage:
    part: str | None
    sentences: int
    covered: int
    claims: int
    quotes: int


def section_coverage(annotated: AnnotatedText, claims: Claims) -> list[SectionCoverage]:
    """Per part of the text: its sentences, those a quote overlaps, the claims taken from it
    and their distinct quotes."""
    found = []
    for part in annotated.parts:
        mine = [c for c in claims.items if c.section == part.iri and part.iri]
        covered = sum(1 for s, e in part.sentences if annotated.covered(s, e))
        found.append(SectionCoverage(part.iri, len(part.sentences), covered, len(mine),
                                     len({q for c in mine for q in c.quotes})))
    return found
