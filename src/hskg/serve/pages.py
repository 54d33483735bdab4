"""HTML: the page frame and the query page.

Every text that comes from the graph or the request is escaped here (``text``,
``attribute``); pages load only the server's own scripts and styles (the
Content-Security-Policy in ``hskg.serve.app`` forbids anything else, inline code too).
"""

from __future__ import annotations

import html
from urllib.parse import quote

from ..namespaces import HSKG_ID, PREFIXES

CODEMIRROR = "/static/vendor/codemirror-5.65.20"


def text(value: object) -> str:
    return html.escape(str(value), quote=False)


def attribute(value: object) -> str:
    return html.escape(str(value), quote=True)


def node_href(iri: str) -> str:
    """Where a node's page is: its own path for the project's IRIs (``/id/actor/nato``),
    else ``/node?iri=…``."""
    if iri.startswith(HSKG_ID):
        return "/id/" + quote(iri[len(HSKG_ID):], safe="/")
    return "/node?iri=" + quote(iri, safe="")


def explore_href(iri: str) -> str:
    return "/explore.html?focus=" + quote(iri, safe="")


def page(title: str, body: str, *, scripts: tuple[str, ...] = (), styles: tuple[str, ...] = ()) -> str:
    head_styles = "".join(f'<link rel="stylesheet" href="{attribute(s)}">' for s in (*styles, "/static/hskg.css"))
    tail_scripts = "".join(f'<script src="{attribute(s)}"></script>' for s in scripts)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
            f"<title>{text(title)}</title>{head_styles}</head><body>"
            "<header><a href=\"/\">hskg</a> · <a href=\"/api\">API</a> · <a href=\"/sparql\">SPARQL endpoint</a>"
            " · <a href=\"/site/\">views</a></header>"
            f"<main>{body}</main>{tail_scripts}</body></html>\n")


def query_page(catalog: dict, query: str | None) -> str:
    """The editor, the catalog as examples (each with a form for its parameters) and the
    place for results; ``static/query.js`` runs queries, keeps them in the URL and fills the table."""
    prefixes = "".join(f"<li><code>{text(p)}:</code> {text(ns)}</li>" for p, ns in sorted(PREFIXES.items()))
    examples = "".join(_example(entry) for entry in catalog.values())
    body = (
        "<h1>Query the Human Security Knowledge Graph</h1>"
        "<form id=\"query-form\" method=\"get\" action=\"/\">"
        "<label for=\"query\">SPARQL (every project prefix is predeclared)</label>"
        f"<textarea id=\"query\" name=\"query\" rows=\"12\" spellcheck=\"false\">{text(query or '')}</textarea>"
        "<p><button type=\"submit\" id=\"run\">Run</button> "
        "<span id=\"downloads\"></span> <span id=\"status\" role=\"status\"></span></p></form>"
        "<section id=\"results\" aria-live=\"polite\"></section>"
        f"<details><summary>Prefixes</summary><ul class=\"prefixes\">{prefixes}</ul></details>"
        f"<h2>Examples: the catalog</h2><div id=\"catalog\">{examples}</div>"
    )
    return page("hskg — query", body, scripts=(f"{CODEMIRROR}/codemirror.js", f"{CODEMIRROR}/sparql.js",
                                               "/static/query.js"),
                styles=(f"{CODEMIRROR}/codemirror.css",))


def _example(entry) -> str:
    inputs = "".join(
        f"<label>{text(p.name)} ({text(p.kind)}) <input name=\"{attribute(p.name)}\" required "
        f"value=\"{attribute(p.example or '')}\" title=\"{attribute(p.description)}\"></label> "
        for p in entry.parameters)
    return (f"<details class=\"example\" id=\"example-{attribute(entry.name)}\"><summary><b>{text(entry.title)}</b> — "
            f"{text(entry.question)}</summary><p>{text(entry.answer)}</p>"
            f"<form class=\"catalog-form\" method=\"get\" action=\"/\" data-name=\"{attribute(entry.name)}\">"
            f"<input type=\"hidden\" name=\"name\" value=\"{attribute(entry.name)}\">{inputs}"
            "<button type=\"submit\">Run</button> <button type=\"button\" class=\"edit\">Edit the text</button>"
            f" <a href=\"/api/{attribute(entry.name)}\">API</a></form>"
            f"<pre class=\"example-text\" hidden>{text(entry.text)}</pre></details>")


def message_page(status: int, message: str) -> str:
    return page(f"hskg — {status}", f"<h1>{status}</h1><p class=\"error\">{text(message)}</p>")

