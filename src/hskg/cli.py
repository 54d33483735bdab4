"""The ``hskg`` command.  Only this module writes files or prints."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_ERROR, HskgError

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
    ctx.obj = Context(root)


@cli.command(help="Print figures about the graph: triples, individuals per class, claims and their sources.\n"
             + EXIT_CODES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def stats(context: Context, fmt: str) -> None:
    from .stats import compute_stats

    figures = compute_stats(context.knowledge().store)
    if fmt == "json":
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

    data = serialize(context.knowledge().store.triples(), fmt)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)
        click.echo(f"wrote {output}", err=True)


@cli.command(help="Load the project and write everything generated to build/: the merged graph as "
             "hskg.ttl, hskg.nt and hskg.jsonld.\n" + EXIT_CODES_HELP)
@click.pass_obj
def build(context: Context) -> None:
    from .export import SUFFIXES, serialize

    knowledge = context.knowledge()
    triples = list(knowledge.store.triples())
    build_dir = knowledge.project.build_dir
    for fmt in ("ttl", "nt", "jsonld"):
        target = build_dir / f"hskg{SUFFIXES[fmt]}"
        write_atomically(target, serialize(triples, fmt))
        click.echo(f"wrote {target.relative_to(knowledge.project.root)}")
    click.echo(f"{len(triples)} triples from {len(knowledge.files)} files")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    """Run the command; turn a known problem into a one-line message and exit code 2."""
    try:
        return cli.main(args=argv, prog_name="hskg", standalone_mode=False) or 0
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
