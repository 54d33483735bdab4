"""``hskg coverage``: the evidence report in the terminal (``KnowledgeGraph.coverage``)."""

from __future__ import annotations

import click

from . import EXIT_CODES_HELP, RAW_CSV_HELP, Context, cli
from ..coverage import KINDS, format_report


@cli.command(help="Print what each concept, notion, legal regime and actor rests on: its claims (from the report, "
             "from context facts), the distinct passages they quote, their sources, and how many of its statements "
             "rest on context sources only (JSON lists them). Most claims first.\n" + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--kind", "kinds", multiple=True, type=click.Choice([kind for kind, _ in KINDS]),
              help="Only nodes of this kind (repeatable).")
@click.option("--raw-csv", is_flag=True, help=RAW_CSV_HELP)
@click.pass_obj
def coverage(context: Context, fmt: str, kinds: tuple[str, ...], raw_csv: bool) -> None:
    report = context.knowledge().coverage()
    chosen = [e for e in report if not kinds or e.kind in kinds]
    click.echo(format_report(chosen, fmt, spreadsheet_safe=not raw_csv), nl=False)
