"""The command that fills a remote store: push."""

from __future__ import annotations

import click

from ..errors import HskgError
from . import EXIT_CODES_HELP, Context, cli

UNLOGGED_NOTE = ("note: the swap passed Virtuoso's limit on one transaction's log (TransactionAfterImageLimit) and "
                 "ran with the log off: all or nothing still, and durable from Virtuoso's next checkpoint (a crash "
                 "before it brings back the previous graphs; `checkpoint;` in isql makes it durable now)")


@cli.command(help="Put the ontology, the knowledge and their entailments in a SPARQL store as named graphs, "
             "replacing what those graphs held: every graph is uploaded beside the live ones first, in requests "
             "of 20,000 triples, and swapped in by one SPARQL Update request (all or nothing where the store "
             "runs a request as one transaction; a failed upload or a refused swap leaves the previous graphs). "
             "The store is --store, $HSKG_STORE or hskg.toml's [store] location; credentials "
             "come from $HSKG_STORE_USER and $HSKG_STORE_PASSWORD only. The graph is read from the files "
             "through the persistent store in build/store/.\n" + EXIT_CODES_HELP)
@click.pass_obj
def push(context: Context) -> None:
    from ..knowledge import KnowledgeGraph
    target = context.store_location()
    if "://" not in target:
        raise HskgError(f"hskg push needs a SPARQL endpoint's URL (--store, $HSKG_STORE or hskg.toml); got {target}")
    project = context.project()
    local = KnowledgeGraph.open(project, store=project.build_dir / "store")
    replaced = local.push(KnowledgeGraph.open(project, store=target).store)
    for graph, count in replaced.triples.items():
        click.echo(f"{count:8d}  {graph.value}")
    if not replaced.logged:
        click.echo(UNLOGGED_NOTE, err=True)
