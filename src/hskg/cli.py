"""The ``hskg`` command.  Only this module writes files or prints."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_ERROR, HskgError
from .relations import RELATIONS
from .view_names import VIEWS

EXIT_CODES_HELP = """
\b
Exit codes:
  0  ok
  1  findings (violations, failed checks)
  2  usage or runtime error (bad option, unparsable file, project not found)
"""


class Context:
    """What every subcommand shares: the project root given with --root, loaded once."""

    def __init__(self, root: Path | None):
        self.root = root
        self.exit_code = 0  # a command with findings sets 1; errors raise instead
        self._knowledge = None

    def project(self):
        from .project import Project

        return Project.find(self.root)

    def knowledge(self):
        if self._knowledge is None:
            from .load import load_project

            self._knowledge = load_project(self.project())
        return self._knowledge


@click.group(help="hskg — the Human Security Knowledge Graph.\n" + EXIT_CODES_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (holds ontology/ and graph/). Default: the current folder or the nearest one above it.")
@click.version_option(__version__, prog_name="hskg")
@click.pass_context
def cli(ctx: click.Context, root: Path | None) -> None:
    if ctx.obj is None:
        ctx.obj = Context(root)
    ctx.obj.root = root


@cli.command(help="Print figures about the graph: triples, individuals per class, claims and their sources.\n"
             + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(context: Context, fmt: str) -> None:
    from .stats import compute_stats

    figures = compute_stats(context.knowledge().store)
    if fmt == "json":
        import json

        click.echo(json.dumps(figures.as_dict(), indent=2, ensure_ascii=False))
        return
    click.echo(f"triples            {figures.triples}")
    click.echo(f"  ontology         {figures.ontology_triples}")
    click.echo(f"  knowledge        {figures.data_triples}")
    click.echo(f"claims             {figures.claims}")
    click.echo(f"distinct quotes    {figures.quotes}")
    click.echo("")
    click.echo("individuals per class")
    for name, count in figures.individuals_per_class.items():
        click.echo(f"  {count:6d}  {name}")
    click.echo("")
    click.echo("claims per source")
    for source in figures.sources:
        click.echo(f"  {source.claims:6d}  {source.source}  {source.label}")


@cli.command(help="Write the whole graph (schema and knowledge) in one format, to a file or to standard output.\n"
             "GraphML (for Gephi, yEd) holds the resources as nodes and their relations as edges.\n"
             + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "xml", "graphml"]), default="ttl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (atomically). Default: standard output.")
@click.pass_obj
def export(context: Context, fmt: str, output: Path | None) -> None:
    from .export import serialize
    from .files import write_atomically

    data = serialize(context.knowledge().store.triples(), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)
        click.echo(f"wrote {output}", err=True)


@cli.command(help="Load the project and write everything generated to build/: the merged graph as "
             "hskg.ttl, hskg.nt and hskg.jsonld, and the interactive views in build/site/ (open "
             "build/site/index.html).\n" + EXIT_CODES_HELP)
@click.pass_obj
def build(context: Context) -> None:
    from .export import SUFFIXES, serialize
    from .files import write_atomically

    knowledge = context.knowledge()
    triples = list(knowledge.store.triples())
    build_dir = knowledge.project.build_dir
    for fmt in ("ttl", "nt", "jsonld"):
        target = build_dir / f"hskg{SUFFIXES[fmt]}"
        write_atomically(target, serialize(triples, fmt))
        click.echo(f"wrote {target.relative_to(knowledge.project.root)}")
    for page in _site(knowledge):
        click.echo(f"wrote {page}")
    click.echo(f"{len(triples)} triples from {len(knowledge.files)} files")


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
              help="Also query the OWL inferences (build/inferred.ttl; made by `hskg reason` if missing or stale).")
@click.pass_obj
def query(context: Context, target, text, list_catalog, show_name, params, fmt, timeout, inferred) -> None:
    from .query import bind_parameters, find_catalog_query, load_catalog, run_query
    from .results import format_result, labels_for
    from .store import ASSERTED_GRAPHS, INFERRED_GRAPH

    modes = [m for m in (target, text, list_catalog or None, show_name) if m is not None]
    if len(modes) != 1:
        raise click.UsageError("give exactly one of NAME, FILE.rq, -, --text, --list or --show")
    project = context.project()
    if list_catalog or show_name:
        catalog = load_catalog(project.queries_dir)
        if show_name:
            click.echo(find_catalog_query(catalog, show_name).text, nl=False)
        for entry in catalog.values() if list_catalog else ():
            click.echo(f"{entry.name:34s} {entry.question}")
        return
    given = dict(_split_parameter(p) for p in params)
    declared = None
    if text is not None:
        sparql = text
    elif target == "-":
        sparql = click.get_text_stream("stdin").read()
    elif target.endswith(".rq") or Path(target).is_file():
        try:
            sparql = Path(target).read_text(encoding="utf-8")
        except OSError as error:
            raise click.UsageError(f"cannot read {target}: {error.strerror}") from None
    else:
        entry = find_catalog_query(load_catalog(project.queries_dir), target)
        sparql, declared = entry.text, entry.parameters
    store = context.knowledge().store
    graphs = ASSERTED_GRAPHS
    if inferred:
        _load_inferences(context.knowledge())
        graphs = (*ASSERTED_GRAPHS, INFERRED_GRAPH)
    bindings = bind_parameters(store, declared, given)
    # In this process: a command can end itself at the time limit, and saves a fork.
    result = run_query(store, sparql, bindings=bindings, graphs=graphs, timeout=timeout or None, on_timeout="exit")
    labels = labels_for(store, result) if fmt in ("table", "md") else {}
    click.echo(format_result(result, fmt, labels), nl=False)


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
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source texts (*.txt) that every oa:exact quote must occur in. Default: sources/.")
@click.option("--no-evidence", is_flag=True, help="Skip the check of quotes against the source texts.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "ttl"]), default="table", show_default=True)
@click.option("--checks", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of *-violation.rq checks. Default: the project's queries/checks.")
@click.option("--no-owl", is_flag=True, help="Skip the OWL reasoner (no Java needed).")
@click.option("--owl-timeout", type=click.FloatRange(min=1), default=120.0, show_default=True,
              help="Seconds the OWL reasoner may take.")
@click.pass_obj
def validate(context: Context, sources: Path | None, no_evidence: bool, fmt: str, checks: Path | None,
             no_owl: bool, owl_timeout: float) -> None:
    from .validate import validate as run_validation

    report = run_validation(context.knowledge(), sources_dir=sources, evidence=not no_evidence, checks_dir=checks,
                            owl=not no_owl, owl_timeout=owl_timeout)
    if fmt == "json":
        import json

        click.echo(json.dumps({"conforms": not report.errors, "checks": report.checks_run,
                               "findings": [f.as_dict() for f in report.findings]}, indent=1, ensure_ascii=False))
    elif fmt == "ttl":
        click.echo(_report_turtle(report), nl=False)
    else:
        click.echo(_findings_table(report))
    context.exit_code = 1 if report.errors else 0


def _findings_table(report) -> str:
    from .namespaces import compact

    if not report.findings:
        return f"no findings ({', '.join(report.checks_run)} checked)"
    rows = [(f.severity, f.check, f"{compact(f.node)} ({f.label})" if f.label else (compact(f.node) if f.node else ""),
             " ".join(f.message.split())) for f in report.findings]
    widths = [max(len(r[i]) for r in rows + [("severity", "check", "node", "")]) for i in range(3)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(("severity", "check", "node"), widths)) + "  message"]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3] for r in rows]
    errors = len(report.errors)
    lines.append(f"{len(report.findings)} findings, {errors} error{'s' if errors != 1 else ''} "
                 f"({', '.join(report.checks_run)} checked)")
    return "\n".join(lines)


def _report_turtle(report) -> str:
    import rdflib

    from .namespaces import PREFIXES

    sh = rdflib.Namespace(PREFIXES["sh"])
    graph = rdflib.Graph()
    graph.bind("sh", sh)
    root = rdflib.BNode("report")
    graph.add((root, rdflib.RDF.type, sh.ValidationReport))
    graph.add((root, sh.conforms, rdflib.Literal(not report.errors)))
    severities = {"error": sh.Violation, "warning": sh.Warning, "info": sh.Info}
    for index, finding in enumerate(report.findings):
        result = rdflib.BNode(f"result{index}")
        graph.add((root, sh.result, result))
        graph.add((result, rdflib.RDF.type, sh.ValidationResult))
        graph.add((result, sh.resultSeverity, severities[finding.severity]))
        graph.add((result, sh.resultMessage, rdflib.Literal(finding.message)))
        graph.add((result, rdflib.DCTERMS.identifier, rdflib.Literal(finding.check)))
        if finding.node and not finding.node.startswith("_:"):
            graph.add((result, sh.focusNode, rdflib.URIRef(finding.node)))
    return graph.serialize(format="turtle")


@cli.command(help="Run the OWL reasoner (HermiT) and write the new inferred triples — types, inverse and "
             "symmetric relations, classifications — to build/inferred.ttl, never into ontology/ or graph/.\n\n"
             "Exit 1 when the ontology is inconsistent or has unsatisfiable classes.\n" + EXIT_CODES_HELP)
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True)
@click.pass_obj
def reason(context: Context, timeout: float) -> None:
    from collections import Counter

    from .namespaces import compact
    from .reasoner import run_reasoner

    knowledge = context.knowledge()
    result = run_reasoner(knowledge.store.triples(), timeout=timeout)
    if not result.consistent:
        click.echo(f"inconsistent: {result.explanation}")
        for iri in result.unsatisfiable:
            click.echo(f"  unsatisfiable: {compact(iri)}")
        context.exit_code = 1
        return
    target = _write_inferred(knowledge.project, result.inferred)
    by_kind = Counter("rdf:type" if p.endswith("#type") else compact(p) for _, p, _ in result.inferred)
    click.echo(f"consistent; {len(result.inferred)} new inferred triples written to "
               f"{target.relative_to(knowledge.project.root)}")
    for name, count in sorted(by_kind.items(), key=lambda item: (-item[1], item[0])):
        click.echo(f"  {count:6d}  {name}")


def _load_inferences(knowledge) -> None:
    """Put build/inferred.ttl in the inferred graph, reasoning first if it is missing or
    older than any source file."""
    from .load import parse_turtle_file
    from .reasoner import run_reasoner
    from .store import INFERRED_GRAPH

    target = knowledge.project.build_dir / "inferred.ttl"
    newest_source = max((f.path.stat().st_mtime for f in knowledge.files), default=0)
    if not target.exists() or target.stat().st_mtime < newest_source:
        result = run_reasoner(knowledge.store.triples())
        if not result.consistent:
            raise HskgError(f"cannot reason over an inconsistent graph ({result.explanation}); run hskg validate")
        _write_inferred(knowledge.project, result.inferred)
    knowledge.store.clear_graph(INFERRED_GRAPH)
    knowledge.store.add_triples(parse_turtle_file(target, blank_node_prefix="i"), INFERRED_GRAPH)


def _write_inferred(project, inferred) -> Path:
    import pyoxigraph as ox

    from .export import serialize
    from .files import write_atomically

    triples = [ox.Triple(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in inferred]
    target = project.build_dir / "inferred.ttl"
    write_atomically(target, serialize(triples, "ttl"))
    return target


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
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source texts the quote must occur in. Default: sources/.")
@click.option("--kinds", "list_kinds", is_flag=True, help="List the kinds of actor and exit.")
@click.option("--dry-run", is_flag=True, help="Print the Turtle and the validation result; write nothing.")
@click.option("--no-owl", is_flag=True, help="Skip the OWL reasoner (SHACL and the SPARQL checks still run).")
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
@click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of source texts the quotes must occur in. Default: sources/.")
@click.option("--dry-run", is_flag=True, help="Print the Turtle and the validation result; write nothing.")
@click.option("--no-owl", is_flag=True, help="Skip the OWL reasoner (SHACL and the SPARQL checks still run).")
@click.pass_obj
def import_table(context: Context, table: Path, sources, dry_run, no_owl) -> None:
    from .extend import ExtendError, read_csv

    try:
        text = table.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ExtendError(f"cannot read {table}: {error}") from None
    _add_actors(context, read_csv(text), sources, dry_run, owl=not no_owl)


def _add_actors(context: Context, requests, sources: Path | None, dry_run: bool, *, owl: bool = True) -> None:
    """Plan, validate with the whole graph, then write under the lock — or write nothing."""
    from .extend import actors_dir, plan_actors, prepare_additions
    from .files import project_lock, write_all_or_nothing
    from .load import load_project

    knowledge = context.knowledge()
    project = knowledge.project
    addition = prepare_additions(knowledge, requests, sources_dir=sources, owl=owl)
    if dry_run:
        for actor in addition.planned:
            click.echo(actor.turtle)
    if addition.findings:
        click.echo(_findings_table(type(addition.report)(findings=addition.findings,
                                                         checks_run=addition.report.checks_run)))
    if addition.report.errors:
        click.echo("nothing written: the graph with the new actors does not validate", err=True)
        context.exit_code = 1
        return
    if dry_run:
        click.echo("dry run: valid; nothing written")
        return
    folder = actors_dir(project.graph_dir)
    with project_lock(project):
        # Another `hskg add` may have written while this one validated: plan again on the
        # graph as it is now, so that a duplicate label or a taken file name is refused.
        fresh = load_project(project)
        planned = plan_actors(fresh.store, requests, {p.stem for p in folder.glob("*.ttl")})
        write_all_or_nothing({folder / f"{actor.slug}.ttl": actor.turtle.encode("utf-8") for actor in planned})
    for actor in planned:
        click.echo(f"added {actor.iri.value} ({actor.label}) in graph/actors/{actor.slug}.ttl")


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
    from . import views
    from .files import write_atomically
    from .query import resolve_node

    knowledge = context.knowledge()
    if name not in views.VIEWS and name != views.FOCUS_VIEW:
        raise click.UsageError(f"unknown view {name!r}; choose one of {', '.join([*views.VIEWS, views.FOCUS_VIEW])}")
    focus_iri = resolve_node(knowledge.store, focus).value if focus else None
    inferred_triples = _inferred_triples(knowledge) if inferred else ()
    built = views.build_view(knowledge.store, name, focus=focus_iri, depth=depth, inferred_triples=inferred_triples)
    target = output or knowledge.project.build_dir / "site" / f"{name}.html"
    write_atomically(target, views.render_html(built).encode("utf-8"))
    click.echo(f"wrote {target} ({built.graph.number_of_nodes()} nodes, {built.graph.number_of_edges()} edges)")


def _inferred_triples(knowledge):
    from .store import INFERRED_GRAPH

    _load_inferences(knowledge)
    return list(knowledge.store.triples([INFERRED_GRAPH]))


def _site(knowledge) -> list[str]:
    """Every view as a page of build/site/, and an index linking them."""
    import html

    from . import views
    from .files import write_atomically

    site = knowledge.project.build_dir / "site"
    items = []
    for name, description in views.VIEWS.items():
        built = views.build_view(knowledge.store, name)
        write_atomically(site / f"{name}.html", views.render_html(built).encode("utf-8"))
        items.append(f'<li><a href="{name}.html">{html.escape(name)}</a> — {html.escape(description)} '
                     f'({built.graph.number_of_nodes()} nodes)</li>')
    index = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>hskg views</title></head>"
             "<body><h1>hskg — the Human Security Knowledge Graph</h1><p>Interactive views; each page works "
             "offline.</p><ul>" + "".join(items) + "</ul></body></html>\n")
    write_atomically(site / "index.html", index.encode("utf-8"))
    return [f"build/site/{name}.html" for name in views.VIEWS] + ["build/site/index.html"]


def main(argv: list[str] | None = None) -> int:
    """Run the command; turn a known problem into a one-line message and exit code 2."""
    try:
        context = Context(None)
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
