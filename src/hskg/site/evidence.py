"""The evidence report (``evidence.html``): per notion, legal regime, actor and concept, how
many claims bear on it, from how many passages and sources, and which of its statements rest
on context sources only (``coverage.evidence_report``, also ``hskg coverage``)."""

from __future__ import annotations

from ..coverage import KINDS, NodeEvidence
from .page import explorer_link, render_page, slug, text

KIND_TITLES = {"notion": "Notions", "regime": "Legal regimes", "actor": "Actors", "concept": "Concepts"}


def evidence_page(report: list[NodeEvidence], explorer_nodes: set[str]) -> str:
    body = ['<p class="lead">What each node\'s statements rest on: claims with it as subject or object; '
            '<em>passages</em> are the distinct quotes of the report among them; <em>sources</em> the documents '
            'the claims derive from (the report, or the public source of a context fact). A statement that rests on '
            'context sources only is stated by no passage of the report. In the terminal: '
            '<code>hskg coverage</code>.</p>']
    for kind, _ in KINDS:
        entries = [e for e in report if e.kind == kind]
        if not entries:
            continue
        rows = "".join(_row(e, explorer_nodes) for e in entries)
        body.append(f'<h2 id="{kind}">{text(KIND_TITLES[kind])} ({len(entries)})</h2>'
                    '<table class="figures evidence"><thead><tr><th>node</th><th>claims</th><th>from the report</th>'
                    '<th>context claims</th><th>passages</th><th>sources</th><th>statements on context sources only</th>'
                    f'</tr></thead><tbody>{rows}</tbody></table>')
    return render_page("Evidence report", "\n".join(body))


def _row(entry: NodeEvidence, explorer_nodes: set[str]) -> str:
    only = ""
    if entry.context_only:
        items = "".join(f"<li>{text(sentence)}</li>" for sentence in entry.context_only)
        only = f'<details><summary>{len(entry.context_only)}</summary><ul class="plain">{items}</ul></details>'
    sources = text("; ".join(entry.sources))
    return (f'<tr id="node-{slug(entry.node)}" data-node="{text(entry.node)}">'
            f'<td>{explorer_link(entry.node, entry.label, explorer_nodes)}</td>'
            f'<td class="n">{entry.claims}</td><td class="n">{entry.report_claims}</td>'
            f'<td class="n">{entry.context_claims}</td><td class="n">{entry.passages}</td>'
            f'<td class="n" title="{sources}">{len(entry.sources)}</td><td>{only or "0"}</td></tr>')
