"""``hskg query`` streams its answer: rows from the engine are written as they come (CSV, TSV,
JSON, Markdown, N-Triples), so an answer of any size fits in memory; the formats that need
every row first (the table, Turtle) hold at most ``--max-rows`` and refuse a larger answer with
one line that names the format that streams, leaving nothing at ``-o``."""

import http.server
import json
import resource
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import MINI_PROJECT
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.query import run_query
from hskg.results import MAX_ROWS_HELD

A, B = 400, 251  # VALUES ?a × VALUES ?b: 100,400 rows, more than MAX_ROWS_HELD
MANY = ("SELECT ?a ?b WHERE { VALUES ?a { %s } VALUES ?b { %s } } ORDER BY ?a ?b"
        % (" ".join(map(str, range(A))), " ".join(map(str, range(B)))))
FIVE = "SELECT ?n ?label WHERE { VALUES (?n ?label) { (1 'one') (2 UNDEF) (3 '=3') (4 'four'@en) (5 'five') } } ORDER BY ?n"
FIVE_TRIPLES = "CONSTRUCT { ?s <urn:p> ?n } WHERE { VALUES ?n { 1 2 3 4 5 } BIND(IRI(CONCAT('urn:s', STR(?n))) AS ?s) }"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
REFUSED_TABLE = ("hskg: error: the answer has more than {limit:,} rows, the most hskg holds to align a table; "
                 "--format csv, tsv, json or md writes any number as they come (--max-rows raises the limit)\n")
REFUSED_TURTLE = ("hskg: error: the answer has more than {limit:,} triples, the most hskg holds to write sorted "
                  "Turtle; --format nt writes any number as they come (--max-rows raises the limit)\n")


@pytest.fixture
def query(run_hskg):
    def run(*args):
        return run_hskg("--root", str(MINI_PROJECT), "query", *args)

    return run


def test_more_rows_than_are_held_stream_as_csv_to_a_file(query, tmp_path):
    assert A * B > MAX_ROWS_HELD
    output = tmp_path / "many.csv"
    assert query("--text", MANY, "--format", "csv", "-o", str(output)) == (0, "", f"wrote {output}\n")
    expected = "a,b\r\n" + "".join(f"{a},{b}\r\n" for a in range(A) for b in range(B))
    assert output.read_bytes().decode("utf-8") == expected
    lines = output.read_text(encoding="utf-8").splitlines()
    assert (lines[1], lines[-1], len(lines)) == ("0,0", f"{A - 1},{B - 1}", A * B + 1)


@pytest.mark.parametrize("existing", [None, b"the old answer\n"])
def test_a_table_of_more_rows_than_are_held_is_refused_and_nothing_is_written(query, tmp_path, existing):
    output = tmp_path / "many.txt"
    if existing is not None:
        output.write_bytes(existing)
    assert query("--text", MANY, "-o", str(output)) == (2, "", REFUSED_TABLE.format(limit=MAX_ROWS_HELD))
    assert [p.name for p in tmp_path.iterdir()] == ([] if existing is None else ["many.txt"])
    assert existing is None or output.read_bytes() == existing


@pytest.mark.parametrize("fmt, expected", [
    ("csv", "n,label\r\n1,one\r\n2,\r\n3,'=3\r\n4,four\r\n5,five\r\n"),
    ("tsv", f'?n\t?label\n"1"^^<{INTEGER}>\t"one"\n"2"^^<{INTEGER}>\t\n"3"^^<{INTEGER}>\t"=3"\n'
            f'"4"^^<{INTEGER}>\t"four"@en\n"5"^^<{INTEGER}>\t"five"\n'),
    ("md", "| n | label |\n|---|---|\n| 1 | one |\n| 2 |  |\n| 3 | =3 |\n| 4 | four |\n| 5 | five |\n"),
])
def test_the_streamed_formats_write_past_max_rows(query, fmt, expected):
    assert query("--text", FIVE, "--format", fmt, "--max-rows", "2") == (0, expected, "")


def test_streamed_json_is_sparql_results_json_in_the_layout_of_json_dumps(query):
    def number(n):
        return {"type": "literal", "value": str(n), "datatype": INTEGER}

    expected = {"head": {"vars": ["n", "label"]}, "results": {"bindings": [
        {"n": number(1), "label": {"type": "literal", "value": "one"}},
        {"n": number(2)},
        {"n": number(3), "label": {"type": "literal", "value": "=3"}},
        {"n": number(4), "label": {"type": "literal", "value": "four", "xml:lang": "en"}},
        {"n": number(5), "label": {"type": "literal", "value": "five"}},
    ]}}
    assert query("--text", FIVE, "--format", "json", "--max-rows", "2") == (
        0, json.dumps(expected, indent=1, ensure_ascii=False) + "\n", "")
    empty = {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert query("--text", "SELECT ?x WHERE { FILTER(false) }", "--format", "json") == (
        0, json.dumps(empty, indent=1) + "\n", "")


def test_a_table_at_the_limit_is_printed_and_one_row_more_is_refused(query):
    assert query("--text", FIVE, "--max-rows", "5") == (0, (
        "n  label\n"
        "-  -----\n"
        "1  one\n"
        "2\n"
        "3  =3\n"
        "4  four\n"
        "5  five\n"
        "(5 rows)\n"), "")
    assert query("--text", FIVE, "--max-rows", "4") == (2, "", REFUSED_TABLE.format(limit=4))


def test_n_triples_stream_past_max_rows_and_turtle_is_refused_past_it(query, tmp_path):
    code, out, err = query("--text", FIVE_TRIPLES, "--format", "nt", "--max-rows", "2")
    assert (code, err) == (0, "")
    assert sorted(out.splitlines()) == [f'<urn:s{n}> <urn:p> "{n}"^^<{INTEGER}> .' for n in range(1, 6)]
    output = tmp_path / "five.ttl"
    assert query("--text", FIVE_TRIPLES, "--max-rows", "4", "-o", str(output)) == (
        2, "", REFUSED_TURTLE.format(limit=4))
    assert not output.exists()
    assert query("--text", FIVE_TRIPLES, "--max-rows", "5", "-o", str(output)) == (0, "", f"wrote {output}\n")
    assert output.read_text(encoding="utf-8") == (
        "@prefix ns1: <urn:> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
        + "".join(f"ns1:s{n} ns1:p {n} .\n\n" for n in range(1, 6)))


def test_a_stream_stopped_at_the_time_limit_leaves_the_output_as_it_was(tmp_path):
    """The watchdog ends the process without unwinding (os._exit): it removes the temporary
    file itself, so neither a partial file nor a temporary one stays behind."""
    output = tmp_path / "endless.csv"
    output.write_bytes(b"the old answer\n")
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"  # 28^5 rows
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query", "--text", endless,
                           "--format", "csv", "--timeout", "1", "-o", str(output)],
                          capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "hskg: error: the query was stopped after 1 s (the time limit; raise it with --timeout)\n")
    assert [p.name for p in tmp_path.iterdir()] == ["endless.csv"]
    assert output.read_bytes() == b"the old answer\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_query_that_fails_as_it_starts_writes_nothing(query, tmp_path, fmt):
    """The engine reaches a SERVICE as the first row is asked for: that row is found before
    the output is opened (pyoxigraph refuses port 9 without a connection)."""
    output = tmp_path / "answer"
    failing = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    message = ("hskg: error: the query failed: The port 9 is not allowed for HTTP(S) because it is dedicated to "
               "an other use\n")
    assert query("--allow-service", "--text", failing, "--format", fmt) == (2, "", message)
    assert query("--allow-service", "--text", failing, "--format", fmt, "-o", str(output)) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


def test_a_stream_interrupted_by_ctrl_c_leaves_the_output_as_it_was(tmp_path):
    output = tmp_path / "endless.csv"
    output.write_bytes(b"the old answer\n")
    endless = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
    process = subprocess.Popen([sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query", "--text",
                                endless, "--format", "csv", "--timeout", "0", "-o", str(output)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while len(list(tmp_path.iterdir())) < 2 and process.poll() is None:  # until rows are being written
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert (process.returncode, out, err) == (2, "", "\nhskg: aborted\n")  # click ends the ^C line first
    assert [p.name for p in tmp_path.iterdir()] == ["endless.csv"]
    assert output.read_bytes() == b"the old answer\n"


@pytest.mark.parametrize("timeout, on_timeout", [(None, "raise"), (60, "raise"), (60, "exit")])
def test_the_library_streams_in_every_time_limit_mode(timeout, on_timeout):
    """In this process the rows come from the engine; from the forked child of
    ``on_timeout="raise"`` they come back whole, then as a stream."""
    store = load_project(Project(MINI_PROJECT)).store
    with run_query(store, FIVE, timeout=timeout, on_timeout=on_timeout, stream=True) as answer:
        assert answer.variables == ["n", "label"]
        assert [tuple(c and c.value for c in row) for row in answer.rows] == [
            ("1", "one"), ("2", None), ("3", "=3"), ("4", "four"), ("5", "five")]
    assert answer.closers == []  # the watchdog of "exit" is cancelled with the stream


@pytest.mark.parametrize("command, lines", [(("query", "organizations", "--format", "csv"), 3),
                                           (("export", "--format", "nt"), 28)])
def test_an_output_named_dev_stdout_is_written_into_a_pipe(command, lines):
    """``/dev/stdout`` is a link to ``/proc/self/fd/1``, which names no file when it is a pipe."""
    hskg = [sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), *command]
    piped = subprocess.run(hskg + ["-o", "/dev/stdout"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    direct = subprocess.run(hskg, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert (piped.returncode, piped.stderr) == (0, "wrote /dev/stdout\n")
    assert piped.stdout == direct.stdout and direct.stdout.count("\n") == lines


def test_a_reader_that_stops_early_ends_the_command_quietly_with_exit_0():
    """``hskg query … | head``: the reader took what it wanted; that is no error (Click alone
    would end with exit 1, the code of findings)."""
    hskg = subprocess.Popen([sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query", "--text", MANY,
                             "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert hskg.stdout.read(4) == b"a,b\r"  # 100,400 rows follow, far past a pipe's 64 KiB
    hskg.stdout.close()
    assert (hskg.wait(), hskg.stderr.read()) == (0, b"")


class FiveRows(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every query with the same five rows."""

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        body = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [
            {"n": {"type": "literal", "value": str(n)}} for n in range(1, 6)]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def five_rows_endpoint():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FiveRows)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


def test_a_remote_store_answer_keeps_the_same_limit(run_hskg, five_rows_endpoint):
    """The remote store reads the whole HTTP answer, but holds rows only where a format must."""
    store = ("--root", str(MINI_PROJECT), "--store", five_rows_endpoint, "query", "--text", "SELECT ?n {}")
    assert run_hskg(*store, "--format", "csv", "--max-rows", "3") == (0, "n\r\n1\r\n2\r\n3\r\n4\r\n5\r\n", "")
    assert run_hskg(*store, "--max-rows", "3") == (2, "", REFUSED_TABLE.format(limit=3))
    assert run_hskg(*store, "--max-rows", "5") == (0, "n\n-\n1\n2\n3\n4\n5\n(5 rows)\n", "")


MEMORY_CAP = 512 * 1024 ** 2  # address space: the command needs about 200 MB of it to start
MILLION = ("SELECT ?a ?b ?c WHERE { VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } }"
           % ((" ".join(map(str, range(100))),) * 3))


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.slow
def test_a_million_rows_stream_under_a_memory_cap_that_holding_them_exceeds(tmp_path):
    """Held, a million rows of three terms take some 600 MB (what the command did before it
    streamed: here the table with the limit raised); streamed, the command stays near its
    start.  Under a 512 MB cap the first fails and the second writes every row."""
    command = [sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query", "--text", MILLION,
               "--timeout", "0"]
    held = subprocess.run(command + ["--max-rows", "2000000", "-o", str(tmp_path / "held.txt")],
                          capture_output=True, text=True, timeout=600, preexec_fn=_capped)
    # Python's MemoryError (one line, exit 2), or the engine's allocator aborting the process
    assert held.returncode in (2, -signal.SIGABRT), held.stderr
    assert list(tmp_path.iterdir()) == []
    output = tmp_path / "million.csv"
    streamed = subprocess.run(command + ["--format", "csv", "-o", str(output)],
                              capture_output=True, text=True, timeout=600, preexec_fn=_capped)
    assert (streamed.returncode, streamed.stdout, streamed.stderr) == (0, "", f"wrote {output}\n")
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "a,b,c" and len(lines) == 1 + 100 ** 3
    assert set(lines[1:]) == {f"{a},{b},{c}" for a in range(100) for b in range(100) for c in range(100)}
