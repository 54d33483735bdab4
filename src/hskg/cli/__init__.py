"""The ``hskg`` command: it parses options, calls ``KnowledgeGraph`` and prints.

Every operation lives in the library (``hskg.knowledge``); a notebook calls the same.
The subcommands are grouped by what they do: ``read`` (stats, export, build, query,
view), ``check`` (validate, reason) and ``extend`` (add actor, import).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..errors import EXIT_ERROR, EXIT_OK, HskgError

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
        self.exit_code = EXIT_OK  # a command with findings sets EXIT_FINDINGS; errors raise instead
        self._knowledge = None

    def project(self):
        from ..project import Project

        return Project.find(self.root)

    def store_location(self) -> str:
        """--store, else HSKG_STORE, else hskg.toml, else build/store/ (``hskg.store_location``)."""
        from ..store_location import command_store

        return command_store(self.project(), self.store)

    def knowledge(self):
        if self._knowledge is None:
            from ..knowledge import KnowledgeGraph

            self._knowledge = KnowledgeGraph.open(self.project(), store=self.store_location())
        return self._knowledge


def shown(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


@click.group(help="hskg — the Human Security Knowledge Graph.\n" + EXIT_CODES_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (holds ontology/ and graph/). Default: the current folder or the nearest one above it.")
@click.option("--store", metavar="LOCATION",
              help="Where the graph is kept: a folder (default: build/store/, kept in step with the files), "
                   "'memory', or a SPARQL endpoint's URL (filled by hskg push). Default: $HSKG_STORE, "
                   "else hskg.toml's [store] location.")
@click.version_option(__version__, prog_name="hskg")
@click.pass_obj
def cli(context: Context, root: Path | None, store: str | None) -> None:
    context.root, context.store = root, store


from . import check, extend, push, read, serve  # noqa: E402, F401  (registers the subcommands on `cli`)


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
