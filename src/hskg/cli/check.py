"""Commands that check the graph: validate, reason."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import EXIT_FINDINGS, EXIT_OK
from . import EXIT_CODES_HELP, SOURCES_HELP, Context, cli, shown


@cli.command(help="Check the graph: SHACL shapes, SPARQL checks (queries/checks/*-violation.rq), every evidence "
             "quote against the source texts (the project's sources/, or --sources), and OWL consistency with "
             "HermiT (needs Java). HermiT's verdict is kept in build/owl-verdict.json: a graph that did not "
             "change, or changed only in free texts (labels, definitions, quotes: plain strings of properties no "
             "OWL axiom mentions), takes it without starting Java, and the output says so.\n\n"
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
    from ..validate import format_report

    report = context.knowledge().validate(sources_dir=sources, evidence=not no_evidence, checks_dir=checks,
                                          owl=not no_owl, owl_timeout=owl_timeout)
    click.echo(format_report(report, fmt), nl=False)
    context.exit_code = EXIT_FINDINGS if report.errors else EXIT_OK


@cli.command(help="Run the OWL reasoner (HermiT) and write the new inferred triples — types, inverse and "
             "symmetric relations, classifications — to build/inferred.ttl, never into ontology/ or graph/.\n\n"
             "Exit 1 when the ontology is inconsistent or has unsatisfiable classes.\n" + EXIT_CODES_HELP)
@click.option("--timeout", type=click.FloatRange(min=1), default=120.0, show_default=True)
@click.pass_obj
def reason(context: Context, timeout: float) -> None:
    from ..namespaces import compact

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
