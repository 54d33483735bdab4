"""Commands that add to the graph: add actor, import."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS
from ..relations import RELATIONS
from . import EXIT_CODES_HELP, NO_OWL_HELP, SOURCES_HELP, Context, cli


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
    from ..extend import ActorRequest, actor_kinds

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
    from ..extend import read_csv_file

    _add_actors(context, read_csv_file(table), sources, dry_run, owl=not no_owl)


def _add_actors(context: Context, requests, sources: Path | None, dry_run: bool, *, owl: bool) -> None:
    from ..validate import ValidationReport, format_report

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
