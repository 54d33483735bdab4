"""The citation index (``citations.html``): each numbered reference with the claims that
rest on it, by section, and every place the report cites it.

The excerpt does not hold the report's list of references, so what a work is shows only
where the report cites it: the citing sentences are quoted verbatim, and the speakers the
graph records for the claims resting on it (``hskg:accordingTo``) are named; nothing else
is said about the work.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..coverage import Claims
from ..namespaces import compact
from .annotations import AnnotatedText
from .page import ANNOTATED_REPORT, claim_sentence, render_page, text

CITATION = re.compile(r"\[(\d+)\]")


def citing_sentences(annotated: AnnotatedText | None) -> dict[int, list[tuple[str | None, str]]]:
    """Reference number → (part, sentence) for each sentence of the text that cites it, in text order."""
    found: dict[int, list[tuple[str | None, str]]] = defaultdict(list)
    for part in annotated.parts if annotated else ():
        for start, end in part.sentences:
            sentence = annotated.text[start:end]
            for number in dict.fromkeys(int(n) for n in CITATION.findall(sentence)):
                found[number].append((part.iri, sentence))
    return found


def citation_page(claims: Claims, annotated: AnnotatedText | None, references: dict[int, str],
                  explorer_nodes: set[str]) -> str:
    """``references``: number → the reference node's IRI, for every reference of the graph."""
    resting: dict[int, list] = defaultdict(list)
    for claim in claims.items:
        for number in claim.references:
            resting[number].append(claim)
    cited = citing_sentences(annotated)
    rows = "".join(f'<tr data-ref="{n}"><td><a href="#ref-{n}">[{n}]</a></td><td class="n">{len(resting[n])}</td>'
                   f'<td class="n">{len({c.section for c in resting[n]})}</td><td class="n">{len(cited.get(n, []))}</td></tr>'
                   for n in sorted(references))
    body = ['<p class="lead">The report\'s numbered references and what rests on them. The excerpt does not include '
            'the list of references: what each work is appears only where the report cites it, quoted below.</p>',
            '<table class="figures" id="reference-table"><thead><tr><th>reference</th><th>claims</th>'
            f'<th>sections</th><th>citing sentences</th></tr></thead><tbody>{rows}</tbody></table>']
    for number in sorted(references):
        body.append(_reference(number, references[number], resting[number], cited.get(number, []), claims,
                               explorer_nodes))
    return render_page("Citation index", "\n".join(body))


def _reference(number: int, iri: str, resting: list, cited: list, claims: Claims, explorer_nodes: set[str]) -> str:
    out = [f'<section class="reference" id="ref-{number}"><h2>[{number}] '
           f'<span class="iri">{text(compact(iri))}</span></h2>']
    speakers = sorted({claims.label(x) for c in resting for x in c.according_to})
    out.append("<h3>Where the report cites it</h3>")
    if cited:
        out.append("".join(f'<p class="muted">{text(claims.label(part) if part else "")}</p>'
                           f'<blockquote class="quote">{text(sentence)}</blockquote>' for part, sentence in cited))
    else:
        out.append('<p class="muted">The excerpt does not cite it.</p>')
    if speakers:
        out.append(f'<p>The claims resting on it are attributed to: {text(", ".join(speakers))}.</p>')
    out.append(f'<h3>Claims resting on it ({len(resting)})</h3>')
    by_section: dict[str, list] = defaultdict(list)
    for claim in resting:
        by_section[claim.section or ""].append(claim)
    for section in sorted(by_section):
        items = "".join(f'<li data-claim="{text(compact(c.iri))}">{claim_sentence(c, claims, explorer_nodes)}</li>'
                        for c in sorted(by_section[section], key=lambda c: c.iri))
        anchor = compact(section).split(":", 1)[-1] if section else ""
        out.append(f'<h4><a href="{ANNOTATED_REPORT}#{text(anchor)}">{text(claims.label(section) if section else "no section")}'
                   f'</a> ({len(by_section[section])})</h4><ul class="plain">{items}</ul>')
    if not resting:
        out.append('<p class="muted">No claim of the graph rests on it.</p>')
    out.append("</section>")
    return "\n".join(out)

