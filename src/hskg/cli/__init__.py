"""The ``hskg`` command: it parses options, calls ``KnowledgeGraph`` and prints.

Every operation lives in the library (``hskg.knowledge``); a notebook calls the same.
The subcommands are grouped by what they do: ``read`` (stats, export, build, query,
view), ``check`` (validate, reason) and ``extend`` (add actor, import).
"""

from __future__ import annotations

import contextlib
import importlib
import os
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
RAW_CSV_HELP = ("--format csv: write cells as they are. By default a cell that a spreadsheet would run as a "
                "formula (it starts with = + - @, a tab or a carriage return) gets a leading ' (OWASP).")
SOURCES_HELP = "Folder of source texts (*.txt) that quotes must occur in. Default: the project's sources/."
NO_OWL_HELP = "Skip the OWL reasoner (SHACL and the SPARQL checks still run)."


class Context:
    """What every subcommand shares: the project and store given on the command line, loaded once."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.store: str | None = None
        self.exit_code = EXIT_OK  # a command with findings sets EXIT_FINDINGS; errors raise instead
        # Set by a read-only command that ran to its end: nothing is left for the interpreter's
        # teardown to finish, so the process may end at once (``_end_now``).
        self.nothing_to_finish = False
        self._knowledge = None

    def project(self):
        from ..project import Project

        return Project.find(self.root)

    def store_location(self) -> str:
        """--store, else HSKG_STORE, else hskg.toml, else build/store (``hskg.store_location``)."""
        from ..store_location import command_store

        return command_store(self.project(), self.store)

    def knowledge(self):
        if self._knowledge is None:
            from ..knowledge import KnowledgeGraph

            self._knowledge = KnowledgeGraph.open(self.project(), store=self.store_location())
        return self._knowledge


def shown(path: Path, root: Path) -> Path:
    return path.relative_to(root) if path.is_relative_to(root) else path


class ReaderGone(Exception):
    """Standard output's reader closed it before the end (``hskg query … | head``): it took
    what it wanted, which is no failure.  Not an OSError, which Click would end with exit 1."""


@contextlib.contextmanager
def standard_output():
    """Standard output's bytes, for a command's answer."""
    try:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise ReaderGone() from None


# The module of each subcommand, imported when the command is asked for: `hskg query` does not
# pay for what `hskg add` or `hskg serve` declare (6 ms of a cold query; a test keeps it true).
COMMAND_MODULES = {
    "stats": "read", "export": "read", "build": "read", "query": "read", "view": "read",
    "validate": "check", "reason": "check", "coverage": "coverage",
    "add": "extend", "edit": "extend", "remove": "extend", "import": "extend", "push": "push", "serve": "serve",
}


class Subcommands(click.Group):
    """The ``hskg`` group, whose subcommands' modules are imported on demand (``COMMAND_MODULES``)."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            # Unknown: every command is registered first, so that the error suggests the closest.
            for name in set(COMMAND_MODULES.values()):
                importlib.import_module(f"{__name__}.{name}")
        elif cmd_name not in self.commands:
            importlib.import_module(f"{__name__}.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)


@click.group(cls=Subcommands, help="hskg — the Human Security Knowledge Graph.\n" + EXIT_CODES_HELP,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (holds ontology/ and graph/). Default: the current folder or the nearest one above it.")
@click.option("--store", metavar="LOCATION",
              help="Where the graph is kept: a folder (a persistent store kept in step with the files, only "
                   "what changed is loaded), 'memory' (each command reads the files again), or a SPARQL "
                   "endpoint's URL (filled by hskg push). Default: $HSKG_STORE, else hskg.toml's [store] "
                   "location, else build/store.")
@click.version_option(__version__, prog_name="hskg")
@click.pass_obj
def cli(context: Context, root: Path | None, store: str | None) -> None:
    context.root, context.store = root, store


def main(argv: list[str] | None = None) -> int:
    """Run the command; turn every expected failure into one line on standard error and
    exit code 2 (1 for findings): a traceback is a bug of hskg, never the user's fault."""
    try:
        arguments = sys.argv[1:] if argv is None else list(argv)
        _check_utf8(arguments)
        context = Context()
        cli.main(args=arguments, prog_name="hskg", standalone_mode=False, obj=context)
        if argv is None and context.nothing_to_finish:
            _end_now(context.exit_code)
        return context.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except ReaderGone:
        # Python would flush standard output again at exit, into the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except click.ClickException as error:
        command = error.ctx.command_path if isinstance(error, click.UsageError) and error.ctx else None
        hint = f" (see {command} --help)" if command else ""
        click.echo(f"hskg: error: {' '.join(error.format_message().split())}{hint}", err=True)
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("hskg: aborted", err=True)
        return EXIT_ERROR
    except HskgError as error:
        click.echo(f"hskg: error: {error}", err=True)
        return error.exit_code
    except OSError as error:  # a folder or lock hskg cannot use (read-only build/, another user's lock)
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"hskg: error: {where}{error.strerror or error}", err=True)
        return EXIT_ERROR
    except UnicodeDecodeError as error:
        click.echo(f"hskg: error: a file is not valid UTF-8 (byte {error.start}: {error.reason})", err=True)
        return EXIT_ERROR
    except MemoryError:
        click.echo("hskg: error: out of memory; narrow the query (LIMIT) or give hskg more memory", err=True)
        return EXIT_ERROR


def _end_now(code: int) -> None:
    """End the process with ``code`` at once, its output flushed, when the command line is the
    process's own (``main()``, never ``main(argv)`` in a caller's process): the interpreter's
    teardown (every module, the store's caches) is 10 ms of a cold ``hskg query``, a tenth of
    it, and a read-only command leaves it nothing to do (no file half-written, no child).
    A flush that fails returns, to the usual way out."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(code)


def _check_utf8(arguments: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 (Python keeps its bytes as surrogates,
    which no engine or file accepts)."""
    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(argument).decode("utf-8", "backslashreplace")
            raise HskgError(f"the argument '{shown}' is not valid UTF-8") from None


if __name__ == "__main__":
    sys.exit(main())
