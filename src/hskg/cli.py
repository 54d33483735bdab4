"""The ``hskg`` command: it parses options, calls ``KnowledgeGraph`` and prints.

Every operation lives in the library (``hskg.knowledge``); a notebook calls the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_ERROR, EXIT_FINDINGS, HskgError
from .relations import RELATIONS
from .view_names import FOCUS_VIEW, VIEWS

EXIT_CODES_HELP = """
\b
Exit codes:
  0  ok
  1  findings (violations, failed checks)
  2  usage or runtime error (bad option, unparsable file, project not found)
"""
SOURCES_HELP = "Folder of source texts (*.txt) that quotes must occur in. Default: the project's sources/."
NO_OWL_HELP = "Skip the OWL reasoner (SHACL and the SPARQL checks still run)."


class Context:
    """What every subcommand shares: the project and store given on the command line, loaded once."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.store: str | None = None
        self.exit_code = 0  # a command with findings sets 1; errors raise instead
        self._knowledge = None

    def project(self):
        from .project import Project

        return Project.find(self.root)

    def knowledge(self):
        if self._knowledge is None:
            from .knowledge import KnowledgeGraph

            self._knowledge = KnowledgeGraph.open(self.project(), store=self.store)
        return self._knowledge


def shown(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


@click.group(help="hskg — the Human Security Knowledge Graph.\n" + EXIT_CODES_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (holds ontology/ and graph/). Default: the current folder or the nearest one above it.")
@click.option("--store", metavar="LOCATION",
              help="Where the graph is loaded: 'memory' (the default) or a folder for an on-disk store.")
@click.version_option(__version__, prog_name="hskg")
@click.pass_obj
def cli(context: Context, root: Path | None, store: str | None) -> None:
    context.root, context.store = root, store


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
        sys.stdout.buffer.write(data)
    else:
        from .files import write_atomically

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
    click.echo(f"{knowledge.store.count()} triples from {len(knowledge.files)} files")


@cli.command(help="Run a SPARQL query: a catalog query by NAME, a FILE.rq, - for standard input, or --text.\n\n"
             "Every project prefix is predeclared (hskg:, actor:, concept:, rdfs:, skos:, prov:, oa: …), so a query "
             "needs no PREFIX lines. Parameters are bound by the engine, never pasted into the text: "
             "--param actor=nato binds ?actor to the node with that slug, label, prefix:name or IRI.\n\n"
             "SELECT prints a table (or csv, tsv, json = SPARQL 1.1 results JSON, md); ASK prints true or false; "
             "CONSTRUCT and DESCRIBE print Turtle.\n" + EXIT_CODES_HELP)
@click.argument("target", required=False)
@click.option("--text", "text", help="The query itself, on the command line.")
@click.option("--list", "list_catalog", is_flag=True, help="List the catalog: name and question.")
@click.option("--show", "show_name", metavar="NAME", help="Print the text of a catalog query.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "md"]), default="table",
              show_default=True, help="Output format of SELECT results.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit).")
@click.option("--inferred", is_flag=True,
              help="Also query the OWL inferences (build/inferred.ttl; made by the reasoner if missing or stale).")
@click.pass_obj
def query(context: Context, target, text, list_catalog, show_name, params, fmt, timeout, inferred) -> None:
    from .query import find_catalog_query, load_catalog
    from .results import format_result

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
    options = {"inferred": inferred, "timeout": timeout or None, "on_timeout": "exit"}
    knowledge = context.knowledge()
    sparql = _query_text(target, text)
    if sparql is None:
        result = knowledge.catalog_query(target, given, **options)
    else:
        result = knowledge.query(sparql, given, **options)
    labels = knowledge.labels(result.iris()) if fmt in ("table", "md") else {}
    click.echo(format_result(result, fmt, labels), nl=False)


def _query_text(target: str | None, text: str | None) -> str | None:
    """The SPARQL of --text, standard input or a file; None when TARGET names a catalog query."""
    if text is not None:
        return text
    if target == "-":
        return click.get_text_stream("stdin").read()
    if target.endswith(".rq") or Path(target).is_file():
        try:
            return Path(target).read_text(encoding="utf-8")
        except OSError as error:
            raise click.UsageError(f"cannot read {target}: {error.strerror}") from None
    return None


def _split_parameter(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise click.UsageError(f"--param wants NAME=VALUE, got {text!r}")
    return name.strip().lstrip("?$"), value


@cli.command(help="Check the graph: SHACL shapes, SPARQL checks (queries/checks/*-violation.rq), every evidence "
             "quote against the source texts (the project's sources/, or --sources), and OWL consistency with "
             "HermiT (needs Java).\n\n"
             "Exit 1 when any finding has severity error; 2 when a check could not run (Java not found, "
             "reasoner timed out, unparsable file).\n" + EXIT_CODES_HELP)
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), help=SOURCES_HELP)
@click.option("--no-evidence", is_flag=True, help="Skip the check of quotes against the source texts.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "ttl"]), default="table", show_default=True)
@click.option("--checks", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of *-violation.rq checks. Default: the project's queries/checks.")
@click.option("--no-owl", is_flag=True, help="Skip the OWL reasoner (no Java needed).")
@click.option("--owl-timeout", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Seconds the OWL reasoner may take.")
@click.pass_obj
def validate(context: Context, sources, no_evidence, fmt, checks, no_owl, owl_timeout) -> None:
    from .validate import format_report

    report = context.knowledge().validate(sources_dir=sources, evidence=not no_evidence, checks_dir=checks,
                                          owl=not no_owl, owl_timeout=owl_timeout)
    click.echo(format_report(report, fmt), nl=False)
    context.exit_code = EXIT_FINDINGS if report.errors else 0


@cli.command(help="Run the OWL reasoner (HermiT) and write the new inferred triples — types, inverse and "
             "symmetric relations, classifications — to build/inferred.ttl, never into ontology/ or graph/.\n\n"
             "Exit 1 when the ontology is inconsistent or has unsatisfiable classes.\n" + EXIT_CODES_HELP)
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True)
@click.pass_obj
def reason(context: Context, timeout: float) -> None:
    from .namespaces import compact

    knowledge = context.knowledge()
    result = knowledge.reason(timeout=timeout)
    if not result.consistent:
        click.echo(f"inconsistent: {result.explanation}")
        for iri in result.unsatisfiable:
            click.echo(f"  unsatisfiable: {compact(iri)}")
        context.exit_code = EXIT_FINDINGS
        return
    click.echo(f"consistent; {len(result.inferred)} new inferred triples written to "
               f"{shown(knowledge.inferred_file, knowledge.project.root)}")
    for name, count in result.counts_by_predicate():
        click.echo(f"  {count:6d}  {name}")


RELATION_HELP = "\n".join(f"  --{r.option:10s} {r.help}" for r in RELATIONS)


@cli.group(help="Add to the graph, validated with the whole graph before anything is written.\n" + EXIT_CODES_HELP)
def add() -> None:
    pass


@add.command("actor", help="Add one actor as a new Turtle file under graph/actors/.\n\n"
             "NODE is an IRI, a prefix:name (actor:nato), a slug (nato) or a label (\"United Nations\"). "
             "KIND comes from the ontology's subclasses of hskg:Actor (list them with --kinds). "
             "Relations:\n\n\b\n" + RELATION_HELP + "\n\n"
             "With --source (the report, report:hfm-et-201, or another document in the graph) and --quote, each "
             "relation becomes a claim with that evidence; --section names the report's part (e.g. section-5-2). "
             "An actor without a source is allowed; hskg validate reports it as a warning.\n\n"
             "Nothing is written unless the whole graph with the new actor passes SHACL, the SPARQL checks and "
             "the OWL reasoner, the names resolve, no label repeats an existing one, and the quote is verbatim "
             "in a source text (the project's sources/, or --sources).\n" + EXIT_CODES_HELP)
@click.option("--label", help="The actor's name, as its sources write it.")
@click.option("--kind", help="What kind of actor it is (see --kinds).")
@click.option("--alt", multiple=True, help="An alternative label or acronym (repeatable).")
@click.option("--part-of", multiple=True, metavar="NODE")
@click.option("--member-of", multiple=True, metavar="NODE")
@click.option("--country", multiple=True, metavar="NODE")
@click.option("--notion", multiple=True, metavar="NODE")
@click.option("--produced", multiple=True, metavar="NODE")
@click.option("--definition", default="", help="A one-sentence definition.")
@click.option("--source", default="", metavar="TITLE|IRI", help="The document that states the relations.")
@click.option("--quote", default="", help="The verbatim passage of the source.")
@click.option("--section", default="", help="Where in the source (a report part for the report).")
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), help=SOURCES_HELP)
@click.option("--kinds", "list_kinds", is_flag=True, help="List the kinds of actor and exit.")
@click.option("--dry-run", is_flag=True, help="Print the Turtle and the validation result; write nothing.")
@click.option("--no-owl", is_flag=True, help=NO_OWL_HELP)
@click.pass_obj
def add_actor(context: Context, label, kind, alt, part_of, member_of, country, notion, produced, definition,
              source, quote, section, sources, list_kinds, dry_run, no_owl) -> None:
    from .extend import ActorRequest, actor_kinds

    if list_kinds:
        for entry in actor_kinds(context.knowledge().store).values():
            click.echo(f"{entry.slug:30s} {entry.definition}")
        return
    if label is None or kind is None:
        raise click.UsageError("--label and --kind are required (see --kinds for the kinds)")
    relations = {"part-of": list(part_of), "member-of": list(member_of), "country": list(country),
                 "notion": list(notion), "produced": list(produced)}
    request = ActorRequest(label=label, kind=kind, alt=list(alt), relations=relations, definition=definition,
                           source=source, quote=quote, section=section)
    _add_actors(context, [request], sources, dry_run, owl=not no_owl)


@cli.command("import", help="Add many actors from a CSV table, one row per actor (like a ROBOT template).\n\n"
             "Columns (a header row; label and kind required): label, kind, alt, part-of, member-of, country, "
             "notion, produced, definition, source, quote, section. Several values in one cell are separated "
             "by '|'. templates/actors.csv is a template with two example rows.\n\n"
             "Every row is checked, and the whole graph with all new actors validated, before any file is "
             "written: one bad row rejects the import, naming the row, the column and the cause.\n"
             + EXIT_CODES_HELP)
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path), help=SOURCES_HELP)
@click.option("--dry-run", is_flag=True, help="Print the Turtle and the validation result; write nothing.")
@click.option("--no-owl", is_flag=True, help=NO_OWL_HELP)
@click.pass_obj
def import_table(context: Context, table: Path, sources, dry_run, no_owl) -> None:
    from .extend import read_csv_file

    _add_actors(context, read_csv_file(table), sources, dry_run, owl=not no_owl)


def _add_actors(context: Context, requests, sources: Path | None, dry_run: bool, *, owl: bool) -> None:
    from .validate import ValidationReport, format_report

    addition = context.knowledge().add_actors(requests, sources_dir=sources, dry_run=dry_run, owl=owl)
    for actor in addition.planned if dry_run else ():
        click.echo(actor.turtle)
    if addition.findings:
        shown_report = ValidationReport(findings=addition.findings, checks_run=addition.report.checks_run)
        click.echo(format_report(shown_report), nl=False)
    if addition.report.errors:
        click.echo("nothing written: the graph with the new actors does not validate", err=True)
        context.exit_code = EXIT_FINDINGS
    elif dry_run:
        click.echo("dry run: valid; nothing written")
    for actor, path in zip(addition.planned, addition.written):
        click.echo(f"added {actor.iri.value} ({actor.label}) in graph/actors/{path.name}")


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
    from .files import write_atomically
    from .views import render_html

    if name not in VIEWS and name != FOCUS_VIEW:
        raise click.UsageError(f"unknown view {name!r}; choose one of {', '.join([*VIEWS, FOCUS_VIEW])}")
    knowledge = context.knowledge()
    built = knowledge.view(name, focus=focus, depth=depth, inferred=inferred)
    target = output or knowledge.project.build_dir / "site" / f"{name}.html"
    write_atomically(target, render_html(built).encode("utf-8"))
    click.echo(f"wrote {target} ({built.graph.number_of_nodes()} nodes, {built.graph.number_of_edges()} edges)")


def main(argv: list[str] | None = None) -> int:
    """Run the command; turn a known problem into a one-line message and exit code 2."""
    try:
        context = Context()
        cli.main(args=argv, prog_name="hskg", standalone_mode=False, obj=context)
        return context.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("hskg: aborted", err=True)
        return EXIT_ERROR
    except HskgError as error:
        click.echo(f"hskg: error: {error}", err=True)
        return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
