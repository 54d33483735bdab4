"""What a query does once per process or per text instead of once per query, and what a cold
``hskg query`` leaves out: the scan of a text (kept by content), the watchdog of the
command's time limit (one thread for all the queries of a process), the imports left for
later, the interpreter's teardown.  Each kept behaviour pinned, no time measured."""

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from conftest import MINI_PROJECT
from hskg.knowledge import KnowledgeGraph
from hskg.query import QueryError, checked_query
from hskg.scan import TOKEN, TooDeep

STOPPED = "hskg: error: the query was stopped after {} s (the time limit; raise it with --timeout)\n"


def test_a_refused_text_is_refused_again_each_time():
    deep = "SELECT * WHERE { " + "(" * 70 + "?o" + ")" * 70 + " }"
    for _ in range(2):
        with pytest.raises(TooDeep) as caught:
            checked_query(deep)
        assert str(caught.value) == ("the query: line 1: nested more than 64 levels deep (brackets, braces and "
                                     "parentheses inside each other); hskg refuses deeper nesting, which crashes "
                                     "the engine")
    for _ in range(2):
        with pytest.raises(QueryError) as caught:
            checked_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        assert str(caught.value) == "hskg query is read-only; updates are not run (the text has INSERT)"


def test_a_text_scanned_once_is_still_checked_against_each_callers_allowance():
    federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert checked_query(federated, allow_service=True).service is True
    with pytest.raises(QueryError) as caught:
        checked_query(federated)
    assert str(caught.value) == ("SERVICE is refused: it would send the query to another server; "
                                 "hskg query --allow-service runs it")
    assert checked_query(federated, allow_service=True).form == "SELECT"


def test_an_edited_catalog_query_is_read_and_scanned_again(tmp_path):
    """The scan is kept by the text's content: the file edited between two runs in one
    process gives the new answer, and a refusal the new text deserves."""
    project = tmp_path / "project"
    shutil.copytree(MINI_PROJECT, project)
    knowledge = KnowledgeGraph.open(project)
    path = project / "queries" / "organizations.rq"
    header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                     if line.startswith("#"))
    path.write_text(header + "SELECT ?answer WHERE { BIND('first' AS ?answer) }\n", encoding="utf-8")
    assert knowledge.catalog_query("organizations").rows[0][0].value == "first"
    path.write_text(header + "SELECT ?answer WHERE { BIND('second' AS ?answer) }\n", encoding="utf-8")
    assert knowledge.catalog_query("organizations").rows[0][0].value == "second"
    path.write_text(header + "DELETE WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        knowledge.catalog_query("organizations")
    assert str(caught.value) == "hskg query is read-only; updates are not run (the text has DELETE)"


def test_variables_are_the_characters_sparql_allows():
    """``?`` or ``$`` then A-Z a-z 0-9 _ or U+00B7 to U+EFFFF (the class is compiled as the
    characters it excludes): every code point is checked."""
    def allowed(code: int) -> bool:
        return chr(code).isascii() and (chr(code).isalnum() or chr(code) == "_") or 0xB7 <= code <= 0xEFFFF

    def scanned_as_variable(code: int) -> bool:
        match = TOKEN.fullmatch("?" + chr(code))
        return match is not None and match.lastgroup == "var"

    differing = [code for code in range(0x110000) if scanned_as_variable(code) != allowed(code)]
    assert differing == []


def _python(code: str, *, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout)


PRELUDE = f"""
    import time
    from pathlib import Path
    from hskg.knowledge import load_project
    from hskg.project import Project
    from hskg.query import run_query
    store = load_project(Project(Path({str(MINI_PROJECT)!r}))).store
    RUNAWAY = {(MINI_PROJECT / "queries" / "runaway.rq").read_text(encoding="utf-8")!r}
    QUICK = "ASK {{ actor:nato a hskg:Organization }}"
"""


def test_a_query_that_ended_in_time_never_ends_the_process_later():
    done = _python(PRELUDE + """
    print(run_query(store, QUICK, timeout=0.2, on_timeout="exit").boolean)
    with run_query(store, QUICK, timeout=0.2, on_timeout="exit", stream=True) as answer:
        print(answer.boolean)
    time.sleep(0.6)
    print("still here")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\nTrue\nstill here\n", "")


def test_the_limit_of_a_later_query_holds_after_earlier_ones_ended_in_time():
    """The watchdog sleeps until the first query's limit; the second one, started after
    the first ended, is stopped at its own."""
    done = _python(PRELUDE + """
    print(run_query(store, QUICK, timeout=0.5, on_timeout="exit").boolean, flush=True)
    run_query(store, RUNAWAY, timeout=1, on_timeout="exit")
    print("not reached")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (2, "True\n", STOPPED.format(1))


def test_a_shorter_limit_wakes_a_watchdog_that_sleeps_for_a_longer_one():
    done = _python(PRELUDE + """
    with run_query(store, QUICK, timeout=60, on_timeout="exit", stream=True):
        run_query(store, RUNAWAY, timeout=0.5, on_timeout="exit")
    print("not reached")
    """)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", STOPPED.format(0.5))


def test_a_forked_child_keeps_its_own_time_limits():
    """The watchdog thread does not survive a fork: the child starts its own."""
    done = _python(PRELUDE + """
    import os
    print(run_query(store, QUICK, timeout=30, on_timeout="exit").boolean, flush=True)
    child = os.fork()
    if child == 0:
        run_query(store, RUNAWAY, timeout=0.5, on_timeout="exit")
        os._exit(0)
    _, status = os.waitpid(child, 0)
    print("child exit", os.waitstatus_to_exitcode(status))
    """)
    assert (done.returncode, done.stdout, done.stderr) == (0, "True\nchild exit 2\n", STOPPED.format(0.5))


LAZY = ("hskg.knowledge", "hskg.load", "hskg.files", "hskg.store_disk", "logging", "difflib", "tempfile", "tomllib",
        "rdflib")


def test_import_hskg_cli_leaves_the_store_the_loader_and_their_libraries_for_later():
    done = _python("""
    import json, sys
    import hskg.cli
    print(json.dumps(sorted(sys.modules)))
    """)
    assert [name for name in LAZY if name in json.loads(done.stdout)] == []


NOT_FOR_A_QUERY = ("rdflib", "tempfile", "tomllib", "difflib", "logging", "hskg.coverage", "hskg.cli.extend",
                   "hskg.cli.serve", "hskg.cli.check", "hskg.cli.push", "hskg.cli.coverage")


def test_a_cold_catalog_query_imports_neither_rdflib_nor_other_commands_nor_what_writes_files(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINI_PROJECT, project)
    done = _python(f"""
    import json, sys
    from hskg.cli import main
    code = main(["--root", {str(project)!r}, "query", "organizations", "--format", "csv"])
    print(json.dumps([m for m in {NOT_FOR_A_QUERY!r} if m in sys.modules]))
    sys.exit(code)
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_every_subcommand_is_in_the_table_of_their_modules():
    """``COMMAND_MODULES`` is what ``hskg`` imports on demand: it names every command, each
    with the module that declares it."""
    import importlib

    from hskg.cli import COMMAND_MODULES, cli

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"hskg.cli.{module}")
    declared = {name: command.callback.__module__ for name, command in cli.commands.items()}
    assert declared == {name: f"hskg.cli.{module}" for name, module in COMMAND_MODULES.items()}


def test_a_mistyped_command_is_told_the_closest_of_all_commands(run_hskg):
    assert run_hskg("quer") == (2, "", "hskg: error: No such command 'quer'. Did you mean 'query'? (see hskg --help)\n")
    assert run_hskg("ad", "actor", "--help")[2] == (
        "hskg: error: No such command 'ad'. Did you mean 'add'? (see hskg --help)\n")


AS_THE_PROCESS = """
    import atexit, sys
    atexit.register(lambda: sys.stderr.write("torn down\\n"))
    from hskg.cli import main
    sys.exit(main())
"""


def _as_the_process(*arguments: str) -> tuple[int, bytes, str]:
    """Exit code, standard output's bytes, standard error's text."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(AS_THE_PROCESS), "--root", str(MINI_PROJECT),
                           *arguments], capture_output=True, timeout=60)
    return done.returncode, done.stdout, done.stderr.decode("utf-8")


def test_a_query_as_the_process_ends_it_at_once_with_every_row_written():
    """The command line of the process itself: after a query the interpreter's teardown is
    skipped (the atexit handler does not run) and standard output holds the whole answer."""
    rows = "SELECT ?n WHERE { VALUES ?a { 0 1 2 3 4 5 6 7 8 9 } VALUES ?b { 0 1 2 3 4 5 6 7 8 9 } " \
           "VALUES ?c { 0 1 2 3 4 5 6 7 8 9 } VALUES ?d { 0 1 2 3 4 5 6 7 8 9 } " \
           "BIND(1000 * ?a + 100 * ?b + 10 * ?c + ?d AS ?n) } ORDER BY ?n"
    assert _as_the_process("query", "--text", rows, "--format", "csv") == (
        0, b"n\r\n" + b"".join(b"%d\r\n" % n for n in range(10_000)), "")


def test_a_failed_query_and_other_commands_end_the_usual_way():
    code, out, err = _as_the_process("query", "--text", "ASK { ?s ?p }")
    assert (code, out, err) == (2, b"", "hskg: error: SPARQL syntax error at line 1, column 14: expected one of "
                                        "LATERAL, SERVICE, [_]\n  ASK { ?s ?p }\n               ^\ntorn down\n")
    code, out, err = _as_the_process("query", "--list")
    assert (code, err) == (0, "torn down\n")


def test_hskg_knowledge_graph_is_still_the_front_door():
    done = _python("""
    import hskg
    from hskg import KnowledgeGraph
    from hskg.knowledge import KnowledgeGraph as Same
    print(KnowledgeGraph is Same is hskg.KnowledgeGraph)
    try:
        hskg.KnowledgeGraphs
    except AttributeError as error:
        print(error)
    """)
    assert done.stdout == "True\nmodule 'hskg' has no attribute 'KnowledgeGraphs'\n"
