"""Commands that read the graph: stats, export, build, query, view."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import click

from . import EXIT_CODES_HELP, RAW_CSV_HELP, Context, cli, shown, standard_output
from ..errors import HskgError
from ..results import CONSTRUCT_FORMATS, MAX_ROWS_HELD, SELECT_FORMATS
from ..scan import MAX_QUERY_BYTES
from ..view_names import FOCUS_VIEW, VIEWS


@cli.command(help="Print figures about the graph: triples, individuals per class, claims and their sources.\n"
             + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(context: Context, fmt: str) -> None:
    figures = context.knowledge().stats()
    if fmt == "json":
        import json

        click.echo(json.dumps(figures.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(figures.as_text(), nl=False)


@cli.command(help="Write the whole graph (schema and knowledge) in one format, to a file or to standard output.\n"
             "GraphML (for Gephi, yEd) holds the resources as nodes and their relations as edges.\n"
             + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "xml", "graphml"]), default="ttl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (atomically). Default: standard output.")
@click.pass_obj
def export(context: Context, fmt: str, output: Path | None) -> None:
    data = context.knowledge().export(fmt)
    if output is None:
        with standard_output() as stream:
            stream.write(data)
    else:
        from ..files import write_atomically

        write_atomically(output, data)
        click.echo(f"wrote {output}", err=True)


@cli.command(help="Load the project and write everything generated to build/: the merged graph as "
             "hskg.ttl, hskg.nt and hskg.jsonld, and the interactive views in build/site/ (open "
             "build/site/index.html).\n" + EXIT_CODES_HELP)
@click.pass_obj
def build(context: Context) -> None:
    knowledge = context.knowledge()
    for path in knowledge.build():
        click.echo(f"wrote {shown(path, knowledge.project.root)}")
    endpoint = getattr(knowledge.store, "endpoint", None)  # a remote store: the files are not read
    click.echo(f"{knowledge.store.count()} triples from "
               + (f"the store at {endpoint}" if endpoint else f"{len(knowledge.files)} files"))


@cli.command(help="Run a SPARQL query: a catalog query by NAME, a FILE.rq, - for standard input, or --text.\n\n"
             "Every project prefix is predeclared (hskg:, actor:, concept:, rdfs:, skos:, prov:, oa: …), so a query "
             "needs no PREFIX lines. Parameters are bound by the engine, never pasted into the text: "
             "--param actor=nato binds ?actor to the node with that slug, label, prefix:name or IRI.\n\n"
             "A query sees the asserted triples and what the rules of queries/rules/ entail from them (sub-class, "
             "sub-property, inverse and symmetric relations, part-of chains), so it needs no UNION for those; "
             "--asserted leaves the entailments out.\n\n"
             "SELECT prints a table (or csv, tsv, json = SPARQL 1.1 results JSON, md); ASK prints true or false; "
             "CONSTRUCT and DESCRIBE print Turtle (or nt = N-Triples).\n\n"
             "Every format but table and Turtle is written row by row as the engine answers, so an answer of any "
             "size fits in memory; table and Turtle need the whole answer first and hold at most --max-rows rows.\n"
             + EXIT_CODES_HELP)
@click.argument("target", required=False)
@click.option("--text", "text", help="The query itself, on the command line.")
@click.option("--list", "list_catalog", is_flag=True, help="List the catalog: name and question.")
@click.option("--show", "show_name", metavar="NAME", help="Print the text of a catalog query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME (repeatable).")
@click.option("--format", "fmt", type=click.Choice([*SELECT_FORMATS, *CONSTRUCT_FORMATS]), default="table",
              show_default=True, help="Output format: table, csv, tsv, json or md for SELECT; ttl (what they "
                                      "print by default) or nt for CONSTRUCT and DESCRIBE.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write: the answer goes to a temporary file beside it, renamed over it once complete "
                   "(a failed or stopped query leaves the file as it was). Default: standard output.")
@click.option("--max-rows", type=click.IntRange(min=1), default=MAX_ROWS_HELD, show_default=True,
              help="The most rows (or triples) held for --format table and for Turtle; a larger answer stops the "
                   "command (exit 2), which names the format that streams.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop the query after this many seconds, its output written or not (0: no limit).")
@click.option("--asserted", is_flag=True,
              help="Query the asserted triples only, without the entailments of queries/rules/ (sub-class, "
                   "sub-property, inverse, symmetric, transitive) that queries see by default.")
@click.option("--inferred", is_flag=True,
              help="Also query the OWL inferences (build/inferred.ttl; made by the reasoner if missing or stale).")
@click.option("--allow-service", is_flag=True,
              help="Run SERVICE clauses (federated queries), which send the query to the servers they name; "
                   "refused without this flag.")
@click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)
@click.pass_obj
def query(context: Context, target, text, list_catalog, show_name, params, fmt, output, max_rows, timeout, asserted,
          inferred, allow_service, raw_csv) -> None:
    from ..query import find_catalog_query, load_catalog
    from ..results import ready_to_write, write_result

    modes = [m for m in (target, text, list_catalog or None, show_name) if m is not None]
    if len(modes) != 1:
        raise click.UsageError("give exactly one of NAME, FILE.rq, -, --text, --list or --show")
    if list_catalog or show_name:
        catalog = load_catalog(context.project().queries_dir)
        if show_name:
            click.echo(find_catalog_query(catalog, show_name).text, nl=False)
        for entry in catalog.values() if list_catalog else ():
            click.echo(f"{entry.name:34s} {entry.question}")
        return
    given = dict(_split_parameter(p) for p in params)
    # In this process: a command can end itself at the time limit, and saves a fork.
    options = {"asserted": asserted, "inferred": inferred, "timeout": timeout or None, "on_timeout": "exit",
               "stream": True}
    sparql = _query_text(target, text)
    knowledge = context.knowledge()
    if sparql is None:
        answer = knowledge.catalog_query(target, given, **options)
    else:
        answer = knowledge.query(sparql, given, allow_service=allow_service, **options)
    with answer:
        ready = ready_to_write(answer, fmt, max_rows)  # refused, or failed, before any output is opened
        with _text_output(output) as out:
            write_result(ready, fmt, out, labels=knowledge.labels, spreadsheet_safe=not raw_csv,
                         max_rows_held=max_rows)
    if output is not None:
        click.echo(f"wrote {output}", err=True)
    context.nothing_to_finish = True


@contextlib.contextmanager
def _text_output(output: Path | None):
    """UTF-8 text to ``output`` (through the one writer of files) or to standard output,
    with line ends as written (CSV's are CR LF)."""
    from ..files import writing_atomically

    with standard_output() if output is None else writing_atomically(output) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            yield text
            text.flush()
        finally:
            text.detach()  # the stream is its owner's to close


def _query_text(target: str | None, text: str | None) -> str | None:
    """The SPARQL of --text, standard input or a file; None when TARGET names a catalog query."""
    if text is not None:
        return text
    if target == "-":
        return _utf8(sys.stdin.buffer.read(MAX_QUERY_BYTES + 1), "standard input")
    if target.endswith(".rq") or Path(target).is_file():
        try:
            with open(target, "rb") as stream:
                return _utf8(stream.read(MAX_QUERY_BYTES + 1), target)
        except OSError as error:
            raise HskgError(f"cannot read {target}: {error.strerror}") from None
    return None


def _utf8(data: bytes, where: str) -> str:
    """The text of a query read from ``where``; read no further than the size limit, so a
    huge file or an endless stream is refused without being held in memory."""
    if len(data) > MAX_QUERY_BYTES:
        raise HskgError(f"{where} is longer than {MAX_QUERY_BYTES // 1024} KiB (the limit of hskg for a query)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HskgError(f"{where} is not valid UTF-8 (byte {error.start}: {error.reason})") from None


def _split_parameter(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise click.UsageError(f"--param wants NAME=VALUE, got {text!r}")
    return name.strip().lstrip("?$"), value


@cli.command(help="Write an interactive view of the graph as one self-contained HTML file (opens offline, "
             "from file://).\n\n\b\nViews:\n" + "\n".join(f"  {name:9s} {text}" for name, text in VIEWS.items())
             + "\n  focus     a node and its neighbours to --depth (with --focus)\n\n"
             "--focus NODE (an IRI, prefix:name, slug or label) narrows any view to that node's neighbourhood. "
             "--inferred adds the OWL inferences, drawn dashed.\n" + EXIT_CODES_HELP)
@click.option("--view", "name", default="overview", show_default=True, help="Which view (see above).")
@click.option("--focus", metavar="NODE", help="Centre on this node; only its neighbourhood is shown.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True, help="Steps from --focus.")
@click.option("--inferred", is_flag=True, help="Add the OWL inferences (made by the reasoner if needed).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write. Default: build/site/VIEW.html")
@click.pass_obj
def view(context: Context, name: str, focus: str | None, depth: int, inferred: bool, output: Path | None) -> None:
    from ..files import write_atomically
    from ..views import render_html

    if name not in VIEWS and name != FOCUS_VIEW:
        raise click.UsageError(f"unknown view {name!r}; choose one of {', '.join([*VIEWS, FOCUS_VIEW])}")
    knowledge = context.knowledge()
    built = knowledge.view(name, focus=focus, depth=depth, inferred=inferred)
    target = output or knowledge.project.build_dir / "site" / f"{name}.html"
    write_atomically(target, render_html(built).encode("utf-8"))
    click.echo(f"wrote {target} ({built.graph.number_of_nodes()} nodes, {built.graph.number_of_edges()} edges)")
