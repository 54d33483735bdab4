"""The ``hskg serve`` command: the SPARQL endpoint and the web app (``hskg.serve``)."""

from __future__ import annotations

import sys

import click

from . import EXIT_CODES_HELP, Context, cli
from ..results import MAX_ROWS_HELD


@cli.command(help="Serve the graph over HTTP until stopped (Ctrl-C): a read-only SPARQL 1.1 endpoint at /sparql, "
             "a query page at /, a page for every node at its IRI's path (/id/actor/nato), the catalog as a "
             "web API at /api/NAME (described by the OpenAPI document at /api).\n\n"
             "Queries run in worker processes that hold the graph, each stopped at --timeout; past the workers and "
             "a bounded waiting line the server answers 503. When a file under ontology/ or graph/ changes, the "
             "next query sees the new graph. Each request is logged in one line on standard error.\n"
             + EXIT_CODES_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Stop a query after this many seconds.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Worker processes (queries answered at once).")
@click.option("--queue", type=click.IntRange(min=0), default=64, show_default=True,
              help="Requests that may wait for a worker; past them, 503 with Retry-After.")
@click.option("--max-rows", type=click.IntRange(min=1), default=MAX_ROWS_HELD, show_default=True,
              help="The largest answer, in rows or triples; a larger one is refused (400).")
@click.option("--max-memory", type=click.IntRange(min=16), default=4096, show_default=True, metavar="MB",
              help="Memory a worker may take for one query; past it the worker ends (500) and is replaced.")
@click.option("--cors", metavar="ORIGIN", help="Allow this origin to call the server from a browser (CORS). Default: off.")
@click.pass_obj
def serve(context: Context, host, port, timeout, workers, queue, max_rows, max_memory, cors) -> None:
    import logging  # here, not at the top: every other command would pay for it at start

    import uvicorn

    from ..serve import Limits, PoolSettings, create_app
    from ..serve.app import MAX_BODY

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log = logging.getLogger("hskg.serve")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    knowledge = context.knowledge()
    settings = PoolSettings(workers=workers, timeout=timeout, queue=queue, limits=Limits(max_rows=max_rows, max_memory=max_memory * 1024 ** 2))
    app = create_app(knowledge, settings, store_location=context.store_location(), cors=cors)
    click.echo(f"hskg: serving {knowledge.store.count()} triples at http://{host}:{port}/ "
               f"(SPARQL at /sparql); Ctrl-C stops", err=True)
    # A GET query may be as long as a POSTed one (h11 stops a request line at 16 KiB by default).
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, h11_max_incomplete_event_size=MAX_BODY,
                timeout_graceful_shutdown=5)  # Ctrl-C does not wait for a runaway's time limit
