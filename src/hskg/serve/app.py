"""The web application: routes, the security headers, one log line per request.

Routes::

    GET/POST /sparql            SPARQL 1.1 Protocol (read-only); GET without a query: service description
    GET      /                  the query page (editor, catalog examples, results table)
    GET      /id/PATH           the node https://w3id.org/hskg/id/PATH: HTML, Turtle, N-Triples or JSON-LD
    GET      /node?iri=IRI      the same for any other IRI
    GET      /api, /api/openapi.json   the OpenAPI 3 document of the catalog API
    GET      /api/NAME?P=…      a catalog query with its parameters (JSON, CSV, TSV, XML)
    POST     /labels            labels of a JSON list of IRIs (for the query page)
    GET      /explore?focus=IRI the explorer, without embedded data: it asks /data/… (/explore.html goes there)
    GET      /data/QUESTION?…   the explorer's data interface as JSON (info, search, node, neighbours, evidence,
                                nodes-of-kind, default-focus): see data.py
    GET      /static/…, /site/… the page assets; build/site/ (the generated views) when it exists
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from datetime import datetime, timezone
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..namespaces import HSKG_ID
from .api import API_FORMATS, openapi, service_description
from .formats import GRAPH_FORMATS, SOLUTION_FORMATS, negotiate
from .jobs import Reply
from .pages import message_page, query_page
from .pool import Busy, PoolSettings, WorkerPool
from .protocol import MAX_QUERY_BYTES, ProtocolError, dataset, read_request, scan

log = logging.getLogger("hskg.serve")
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# build/site/ pages are self-contained (inline script and style by design): offline, still.
SITE_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            "frame-ancestors 'none'")
MAX_BODY = 4 * MAX_QUERY_BYTES  # a form-encoded query grows up to three times
NODE_FORMATS = {"html": ("text/html", ("text/html", "application/xhtml+xml")), **GRAPH_FORMATS}
API_MEDIA = {name: SOLUTION_FORMATS[name] for name in API_FORMATS}


def query_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


async def read_body(request: Request) -> bytes:
    """The request body, refused (413) past ``MAX_BODY`` without reading it all."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise ProtocolError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ProtocolError(413, f"the request body is larger than {MAX_BODY // 1024} KiB")
        chunks.append(chunk)
    return b"".join(chunks)


def refusal(error: ProtocolError) -> Response:
    return Response(error.reason + "\n", error.status, headers=error.headers, media_type="text/plain; charset=utf-8")


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


async def run(request: Request, job: tuple) -> Response:
    """The worker pool's answer to ``job`` as a response; 503 with Retry-After when busy."""
    pool: WorkerPool = request.app.state.pool
    try:
        reply: Reply = await pool.submit(job)
    except Busy:
        retry = max(1, round(pool.settings.timeout / 2))
        return refusal(ProtocolError(503, f"every worker is busy; try again in {retry} s", {"Retry-After": str(retry)}))
    if reply.status >= 400 and wants_html(request) and job[0] == "node":
        return Response(message_page(reply.status, reply.body.decode("utf-8").strip()), reply.status,
                        media_type="text/html; charset=utf-8")
    return Response(reply.body, reply.status, headers=reply.headers, media_type=reply.media_type)


def endpoint_iri(request: Request) -> str:
    """The endpoint's own IRI, from the request's Host header when that makes a valid IRI
    (the header is the client's text: it must not write Turtle), else from the socket."""
    import pyoxigraph as ox

    try:
        return ox.NamedNode(str(request.url.replace(query=""))).value
    except ValueError:
        host, port = request.scope.get("server") or ("127.0.0.1", 80)
        return f"http://{host}:{port}/sparql"


async def sparql(request: Request) -> Response:
    try:
        body = await read_body(request) if request.method == "POST" else b""
        method = "GET" if request.method == "HEAD" else request.method
        asked = read_request(method, request.headers.get("content-type"), request.scope["query_string"], body)
        if asked is None:
            return Response(service_description(endpoint_iri(request)), media_type="text/turtle; charset=utf-8")
        request.state.query_hash = query_hash(asked.query)
        found = scan(asked.query)
        chosen = dataset(asked, found)
        graph = found.form in ("CONSTRUCT", "DESCRIBE")
        fmt = negotiate(request.headers.get("accept"), asked.fmt, GRAPH_FORMATS if graph else SOLUTION_FORMATS,
                        "ttl" if graph else "json")
    except ProtocolError as error:
        return refusal(error)
    return await run(request, ("sparql", asked.query, fmt, chosen))


class Catalog:
    """The catalog as it is on disk: its files are looked at (names, sizes, times) at most
    once a second, and parsed again only when one changed."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.key, self.entries, self.checked = folder, None, {}, -1.0

    def current(self) -> dict:
        from ..query import QueryError, load_catalog

        now = time.monotonic()
        if now - self.checked >= 1.0:
            self.checked = now
            try:
                stats = [(p.name, p.stat()) for p in self.folder.glob("*.rq")]
                key = sorted((name, s.st_mtime_ns, s.st_size) for name, s in stats)
                if key != self.key:
                    self.entries, self.key = load_catalog(self.folder), key
            except (OSError, QueryError) as error:  # a file being written: keep the last catalog
                log.warning("cannot read the catalog, still serving the previous one: %s", error)
        return self.entries


def catalog(request: Request) -> dict:
    return request.app.state.catalog.current()


async def index(request: Request) -> Response:
    return Response(query_page(catalog(request), request.query_params.get("query")),
                    media_type="text/html; charset=utf-8")


async def node(request: Request) -> Response:
    if request.url.path.startswith("/id/"):
        iri = HSKG_ID + request.path_params["path"]
    else:
        iri = request.query_params.get("iri", "")
    try:
        if not iri or any(c in iri for c in '<>"{}|^`\\ \n'):
            raise ProtocolError(400, "give the node's IRI: /node?iri=IRI")
        fmt = negotiate(request.headers.get("accept"), request.query_params.get("format"), NODE_FORMATS, "html")
    except ProtocolError as error:
        return refusal(error)
    response = await run(request, ("node", iri, fmt))
    response.headers["Vary"] = "Accept"
    return response


async def api_document(request: Request) -> Response:
    return JSONResponse(openapi(catalog(request), str(request.base_url).rstrip("/")))


async def api_call(request: Request) -> Response:
    entries = catalog(request)
    name = request.path_params["name"]
    if name not in entries:
        return refusal(ProtocolError(404, f"no catalog query named {name!r}; /api lists them"))
    params = {key: value for key, value in request.query_params.items() if key != "format"}
    request.state.query_hash = query_hash(entries[name].text)
    try:
        fmt = negotiate(request.headers.get("accept"), request.query_params.get("format"), API_MEDIA, "json")
    except ProtocolError as error:
        return refusal(error)
    return await run(request, ("catalog", name, params, fmt))


async def labels(request: Request) -> Response:
    try:
        iris = json.loads(await read_body(request))
    except ProtocolError as error:
        return refusal(error)
    except ValueError:
        return refusal(ProtocolError(400, "POST a JSON list of IRIs"))
    if not isinstance(iris, list):
        return refusal(ProtocolError(400, "POST a JSON list of IRIs"))
    return await run(request, ("labels", [i for i in iris if isinstance(i, str)]))


async def explore_redirect(request: Request) -> Response:
    query = request.url.query
    return RedirectResponse("/explore" + (f"?{query}" if query else ""), 307)


async def explore(request: Request) -> Response:
    """The explorer page with no graph in it: its data interface asks /data/…."""
    if request.app.state.explorer_page is None:
        from ..views.explore import render_served_explorer

        request.app.state.explorer_page = render_served_explorer("/data/", index="/site/index.html")
    page, policy = request.app.state.explorer_page
    # The page's own policy (its scripts by hash, fetch from this origin only) replaces the app's.
    return Response(page, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": policy})


async def data(request: Request) -> Response:
    return await run(request, ("data", request.path_params["question"], dict(request.query_params)))


class Observe:
    """ASGI middleware: security headers on every answer, and one log line per request
    (time, status, duration, method, path and the first 12 hex of the query's sha256)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started, status = time.perf_counter(), [0]
        policy = SITE_CSP if scope["path"].startswith("/site/") else CSP

        async def observed_send(message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"content-security-policy" for name, _ in headers):
                    headers.append((b"content-security-policy", policy.encode()))
                message["headers"] = headers + [(b"x-content-type-options", b"nosniff"),
                                                (b"referrer-policy", b"no-referrer")]
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        finally:
            state = scope.get("state") or {}
            log.info("%s %d %.1fms %s %s q=%s", datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
                     status[0] or 500, 1000 * (time.perf_counter() - started), scope["method"], scope["path"],
                     state.get("query_hash", "-"))


def create_app(kg, settings: PoolSettings | None = None, *, store_location: str | None = None,
               cors: str | None = None) -> Starlette:
    """The application over ``kg`` (already loaded); its workers start with the server."""
    pool = WorkerPool(kg, settings or PoolSettings(), store_location=store_location)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        pool.start()
        try:
            yield
        finally:
            pool.close()

    middleware = [Middleware(Observe)]
    if cors:
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(CORSMiddleware, allow_origins=[cors], allow_methods=["GET", "POST"],
                                     allow_headers=["Content-Type", "Accept"], expose_headers=["Retry-After"]))
    site = kg.project.build_dir / "site"
    routes = [
        Route("/", index), Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/id/{path:path}", node), Route("/node", node),
        Route("/api", api_document), Route("/api/openapi.json", api_document), Route("/api/{name}", api_call),
        Route("/labels", labels, methods=["POST"]), Route("/explore.html", explore_redirect),
        Route("/explore", explore), Route("/data/{question}", data),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        Mount("/site", StaticFiles(directory=site, html=True, check_dir=False), name="site"),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    app.state.catalog = Catalog(kg.project.queries_dir)
    app.state.explorer_page = None  # (page, policy), rendered at the first request
    return app
