"""Commands that change the graph: add actor|kind|statement, edit actor, remove actor|statement, import."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS
from ..relations import RELATIONS
from . import EXIT_CODES_HELP, NO_OWL_HELP, SOURCES_HELP, Context, cli

RELATION_HELP = "\n".join(f"  --{r.option:10s} {r.help}" for r in RELATIONS)
VALIDATED = ("Nothing is written unless the whole graph with the change passes SHACL, the SPARQL checks and the "
             "OWL reasoner; the change is written as one step, under the project's lock.\n")
NODE_HELP = ("NODE is an IRI, a prefix:name (actor:nato), a slug (nato) or a label (\"United Nations\").")


def sources_option(command):
    return click.option("--sources", type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help=SOURCES_HELP)(command)


def change_options(command):
    """--dry-run and --no-owl, which every changing command takes."""
    command = click.option("--no-owl", is_flag=True, help=NO_OWL_HELP)(command)
    return click.option("--dry-run", is_flag=True, help="Print what would change and the validation result; "
                        "write nothing.")(command)


@cli.group(help="Add to the graph, validated with the whole graph before anything is written.\n" + EXIT_CODES_HELP)
def add() -> None:
    pass


@cli.group(help="Correct what hskg add or hskg import wrote (nothing else).\n" + EXIT_CODES_HELP)
def edit() -> None:
    pass


@cli.group(help="Remove what hskg add or hskg import wrote (nothing else).\n" + EXIT_CODES_HELP)
def remove() -> None:
    pass


@add.command("actor", help="Add one actor as a new Turtle file under graph/actors/.\n\n" + NODE_HELP + " "
             "KIND comes from the ontology's subclasses of hskg:Actor, its extensions included (list them with "
             "--kinds). Relations (each checked against its range):\n\n\b\n" + RELATION_HELP + "\n\n"
             "With --source (the report, report:hfm-et-201, or another document whose text sources/ holds) and "
             "--quote, each relation becomes a claim with that evidence; --section names the report's part (e.g. "
             "section-5-2). Without a source each relation is marked unsourced (a warning).\n\n"
             + VALIDATED + EXIT_CODES_HELP)
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
@click.option("--quote", default="", help="The verbatim passage of the source (at least 3 words, 15 characters).")
@click.option("--section", default="", help="Where in the source (a report part for the report).")
@click.option("--kinds", "list_kinds", is_flag=True, help="List the kinds of actor and exit.")
@sources_option
@change_options
@click.pass_obj
def add_actor(context: Context, label, kind, alt, part_of, member_of, country, notion, produced, definition,
              source, quote, section, list_kinds, sources, dry_run, no_owl) -> None:
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
    report(context, context.knowledge().add_actors([request], sources_dir=sources, dry_run=dry_run, owl=not no_owl),
           dry_run)


@add.command("kind", help="Add a kind of actor: a subclass of KIND (or of actor) in its own ontology module, "
             "ontology/extensions/<slug>.ttl, with a label, a definition and a source like every term. A label "
             "that repeats or nearly repeats an existing one is refused. hskg add actor --kinds then lists it.\n\n"
             + VALIDATED + EXIT_CODES_HELP)
@click.option("--label", required=True, help="The kind's name, lower case (\"humanitarian organization\").")
@click.option("--parent", required=True, metavar="KIND", help="The kind it specialises (see add actor --kinds), "
              "or actor.")
@click.option("--definition", required=True, help="One sentence: what an actor of this kind is.")
@click.option("--source", required=True, metavar="DOC|IRI", help="Where the meaning comes from: a document of the "
              "graph or the IRI of a vocabulary.")
@click.option("--alt", multiple=True, help="An alternative label (repeatable).")
@change_options
@click.pass_obj
def add_kind(context: Context, label, parent, definition, source, alt, dry_run, no_owl) -> None:
    report(context, context.knowledge().add_kind(label, parent, definition, source, alt, dry_run=dry_run,
                                                 owl=not no_owl), dry_run)


@add.command("statement", help="State SUBJECT RELATION OBJECT between two nodes of the graph, in a new file under "
             "graph/statements/. " + NODE_HELP + " RELATION is any relation of the ontology (hskg:produced, "
             "produced, or its label \"member of\") whose domain fits SUBJECT and whose range fits OBJECT.\n\n"
             "With --source and --quote the statement gets a claim with its evidence, as the report's statements "
             "do: the quote must occur, word for word, in the source's text in sources/; --section names the "
             "report's part, or locates the quote in another document. Without a source the statement is allowed, "
             "with a warning, and marked unsourced.\n\n" + VALIDATED + EXIT_CODES_HELP)
@click.argument("subject")
@click.argument("relation")
@click.argument("object_", metavar="OBJECT")
@click.option("--source", default="", metavar="DOC", help="The document that states it.")
@click.option("--quote", default="", help="The verbatim passage of the source (at least 3 words, 15 characters).")
@click.option("--section", "--locator", "section", default="", help="The report's part (section-5-2), or where in "
              "another document.")
@click.option("--according-to", default="", metavar="NODE", help="Who says it, when the source attributes it.")
@click.option("--modality", default="", help="How the source puts it: hedged, predicted, historical, planned, "
              "inferred, possibly-not, questioned (default: asserted).")
@sources_option
@change_options
@click.pass_obj
def add_statement(context: Context, subject, relation, object_, source, quote, section, according_to, modality,
                  sources, dry_run, no_owl) -> None:
    change = context.knowledge().add_statement(subject, relation, object_, source=source, quote=quote,
                                               section=section, according_to=according_to, modality=modality,
                                               sources_dir=sources, dry_run=dry_run, owl=not no_owl)
    report(context, change, dry_run)


@edit.command("actor", help="Correct an actor that hskg add actor or hskg import added: its label, its "
              "alternative labels (all replaced by the --alt given; --alt '' removes them) or its kind. "
              + NODE_HELP + "\n\n" + VALIDATED + EXIT_CODES_HELP)
@click.argument("node")
@click.option("--label", default=None, help="The new label.")
@click.option("--alt", multiple=True, default=None, help="The new alternative labels (repeatable).")
@click.option("--kind", default=None, help="The new kind (see add actor --kinds).")
@change_options
@click.pass_obj
def edit_actor(context: Context, node, label, alt, kind, dry_run, no_owl) -> None:
    alts = list(alt) if alt else None
    report(context, context.knowledge().edit_actor(node, label=label, alt=alts, kind=kind, dry_run=dry_run,
                                                   owl=not no_owl), dry_run)


@remove.command("actor", help="Remove an actor that hskg add actor or hskg import added (its file). Refused while "
                "other statements point at it, unless --cascade, which removes them too. " + NODE_HELP + "\n\n"
                + VALIDATED + EXIT_CODES_HELP)
@click.argument("node")
@click.option("--cascade", is_flag=True, help="Remove the added statements that point at the actor too.")
@change_options
@click.pass_obj
def remove_actor(context: Context, node, cascade, dry_run, no_owl) -> None:
    report(context, context.knowledge().remove_actor(node, cascade=cascade, dry_run=dry_run, owl=not no_owl),
           dry_run)


@remove.command("statement", help="Remove SUBJECT RELATION OBJECT, with its claim, when hskg add wrote it.\n\n"
                + VALIDATED + EXIT_CODES_HELP)
@click.argument("subject")
@click.argument("relation")
@click.argument("object_", metavar="OBJECT")
@change_options
@click.pass_obj
def remove_statement(context: Context, subject, relation, object_, dry_run, no_owl) -> None:
    report(context, context.knowledge().remove_statement(subject, relation, object_, dry_run=dry_run,
                                                         owl=not no_owl), dry_run)


@cli.command("import", help="Add many actors, statements or kinds from a CSV table, one per row (like a ROBOT "
             "template). The header says which: templates/actors.csv (label, kind, alt, part-of, member-of, "
             "country, notion, produced, definition, source, quote, section), templates/statements.csv (subject, "
             "relation, object, source, quote, section, according-to, modality), templates/kinds.csv (label, "
             "parent, definition, source, alt). Several values in one cell are separated by '|'.\n\n"
             "Every row is checked, and the whole graph with all of them validated, before anything is written; "
             "one bad row rejects the import, naming the row, the column and the cause. The import is written as "
             "one step: interrupted at any moment, it leaves the graph as before or as after.\n" + EXIT_CODES_HELP)
@click.argument("table", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@sources_option
@change_options
@click.pass_obj
def import_table(context: Context, table: Path, sources, dry_run, no_owl) -> None:
    from ..extend import read_csv_file

    report(context, context.knowledge().import_table(read_csv_file(table), sources_dir=sources, dry_run=dry_run,
                                                     owl=not no_owl), dry_run)


def report(context: Context, change, dry_run: bool) -> None:
    """Print a change: for a dry run its files, then the findings, then what was (or would be) done."""
    from ..validate import ValidationReport, format_report

    for path, data in change.plan.files.items() if dry_run else ():
        click.echo(data.decode("utf-8") if data is not None else f"# delete {path}")
    for warning in change.plan.warnings:
        click.echo(f"warning: {warning}", err=True)
    if change.findings:
        shown = ValidationReport(findings=change.findings, checks_run=change.report.checks_run)
        click.echo(format_report(shown), nl=False)
    if change.report.errors:
        click.echo("nothing written: the graph with the change does not validate", err=True)
        context.exit_code = EXIT_FINDINGS
        return
    for line in change.plan.done:
        click.echo(f"dry run: would have {line}" if dry_run else line)
    if dry_run:
        click.echo("dry run: valid; nothing written")
