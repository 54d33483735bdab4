"""Every command with bad values of its options: one line on standard error, exit code 2,
no traceback, nothing written.  And CSV for people that a spreadsheet will not run."""

import io
import os

import pytest

from conftest import MINI_PROJECT, ROOT, materialized

NOT_UTF8 = os.fsdecode(b"caf\xe9")  # what Python makes of an argument that is not UTF-8
NOT_UTF8_MESSAGE = "the argument 'caf\\xe9' is not valid UTF-8"


def _usage(command: str, option: str, problem: str) -> str:
    return f"Invalid value for '{option}': {problem}. (see hskg {command} --help)"


# (arguments after --root PROJECT, the one-line message); @FILE@ is a regular file, @NOWHERE@ a missing path.
CASES = [
    (["--store", "@FILE@", "stats"], "cannot open a store at @FILE@: it is a file, not a folder"),
    (["--store", "http://127.0.0.1:9/sparql", "stats"],
     "cannot reach the store at http://127.0.0.1:9/sparql: [Errno 111] Connection refused"),
    (["stats", "--format", "xml"], _usage("stats", "--format", "'xml' is not one of 'table', 'json'")),
    (["stats", "--format", NOT_UTF8], NOT_UTF8_MESSAGE),
    (["export", "--format", "csv"],
     _usage("export", "--format", "'csv' is not one of 'ttl', 'nt', 'jsonld', 'xml', 'graphml'")),
    (["export", "-o", "@DIR@"], _usage("export", "-o' / '--output", "File '@DIR@' is a directory")),
    (["export", "-o", ""], "cannot write to an empty file name; give a file"),
    (["export", "-o", "@FILE@/x.ttl"], "cannot write @FILE@/x.ttl: Not a directory"),
    (["export", "-o", NOT_UTF8], NOT_UTF8_MESSAGE),
    (["query", "--text", NOT_UTF8], NOT_UTF8_MESSAGE),
    (["query", "--param", f"x={NOT_UTF8}", "--text", "ASK {}"], "the argument 'x=caf\\xe9' is not valid UTF-8"),
    (["query", "--param", "novalue", "--text", "ASK {}"],
     "--param wants NAME=VALUE, got 'novalue' (see hskg query --help)"),
    (["query", "--param", "=v", "--text", "ASK {}"], "--param wants NAME=VALUE, got '=v' (see hskg query --help)"),
    (["query", "--param", "node=actor:a b", "--text", "SELECT ?node { ?node ?p ?o }"],
     "'actor:a b' is not a valid IRI (Invalid IRI code point ' ')"),
    (["query", "--param", "node=actor:natoo", "--text", "SELECT ?node { ?node ?p ?o }"],
     "actor:natoo is not in the graph; did you mean actor:nato?"),
    (["query", "--format", "xml", "--text", "ASK {}"],
     _usage("query", "--format", "'xml' is not one of 'table', 'csv', 'tsv', 'json', 'md', 'ttl', 'nt'")),
    (["query", "--format", "nt", "--text", "SELECT ?s { ?s ?p ?o }"],
     "--format nt is for CONSTRUCT and DESCRIBE; a SELECT answer comes as table, csv, tsv, json or md"),
    (["query", "--max-rows", "0", "--text", "ASK {}"], _usage("query", "--max-rows", "0 is not in the range x>=1")),
    (["query", "--max-rows", "x", "--text", "ASK {}"],
     _usage("query", "--max-rows", "'x' is not a valid integer range")),
    (["query", "-o", "", "--text", "ASK {}"], "cannot write to an empty file name; give a file"),
    (["query", "-o", "@DIR@", "--text", "ASK {}"], _usage("query", "-o' / '--output", "File '@DIR@' is a directory")),
    (["query", "-o", "@FILE@/x.csv", "--format", "csv", "--text", "SELECT ?s { ?s ?p ?o }"],
     "cannot write @FILE@/x.csv: Not a directory"),
    (["query", "--timeout", "-1", "--text", "ASK {}"], _usage("query", "--timeout", "-1.0 is not in the range x>=0")),
    (["query", "--timeout", "abc", "--text", "ASK {}"],
     _usage("query", "--timeout", "'abc' is not a valid float range")),
    (["query", "--show", "nosuch"], "no catalog query named 'nosuch'; `hskg query --list` shows the catalog"),
    (["query", "nosuch"], "no catalog query named 'nosuch'; `hskg query --list` shows the catalog"),
    (["query", "@NOWHERE@.rq"], "cannot read @NOWHERE@.rq: No such file or directory"),
    (["query", "@LATIN@"], "@LATIN@ is not valid UTF-8 (byte 3: invalid continuation byte)"),
    (["query"], "give exactly one of NAME, FILE.rq, -, --text, --list or --show (see hskg query --help)"),
    (["query", "--text", "ASK {}", "--list"],
     "give exactly one of NAME, FILE.rq, -, --text, --list or --show (see hskg query --help)"),
    (["view", "--view", "nosuch"], "unknown view 'nosuch'; choose one of overview, notions, actors, law, report, "
                                   "classes, focus (see hskg view --help)"),
    (["view", "--depth", "-1"], _usage("view", "--depth", "-1 is not in the range x>=0")),
    (["view", "--depth", "x"], _usage("view", "--depth", "'x' is not a valid integer range")),
    (["view", "--focus", "actor:a b"], "'actor:a b' is not a valid IRI (Invalid IRI code point ' ')"),
    (["view", "--focus", "actor:natoo"], "actor:natoo is not in the graph; did you mean actor:nato?"),
    (["view", "--focus", "<urn:a b>"], "'<urn:a b>' is not a valid IRI (Invalid IRI code point ' ')"),
    (["view", "--focus", "no such label"], "no node has the label, alternative label or slug 'no such label'"),
    (["view", "--focus", NOT_UTF8], NOT_UTF8_MESSAGE),
    (["view", "-o", "@FILE@/x.html"], "cannot write @FILE@/x.html: Not a directory"),
    (["validate", "--sources", "@NOWHERE@"],
     _usage("validate", "--sources", "Directory '@NOWHERE@' does not exist")),
    (["validate", "--sources", "@FILE@"], _usage("validate", "--sources", "Directory '@FILE@' is a file")),
    (["validate", "--sources", "@LATIN_FOLDER@", "--no-owl"],
     "@LATIN_FOLDER@/x.txt is not valid UTF-8 (byte 3: invalid continuation byte)"),
    (["validate", "--format", "xml"], _usage("validate", "--format", "'xml' is not one of 'table', 'json', 'ttl'")),
    (["validate", "--checks", "@NOWHERE@"], _usage("validate", "--checks", "Directory '@NOWHERE@' does not exist")),
    (["validate", "--owl-timeout", "-3"], _usage("validate", "--owl-timeout", "-3.0 is not in the range x>=1")),
    (["reason", "--timeout", "-1"], _usage("reason", "--timeout", "-1.0 is not in the range x>=1")),
    (["serve", "--port", "99999"], _usage("serve", "--port", "99999 is not in the range 0<=x<=65535")),
    (["serve", "--port", "x"], _usage("serve", "--port", "'x' is not a valid integer range")),
    (["serve", "--workers", "0"], _usage("serve", "--workers", "0 is not in the range x>=1")),
    (["serve", "--queue", "-1"], _usage("serve", "--queue", "-1 is not in the range x>=0")),
    (["serve", "--max-rows", "-5"], _usage("serve", "--max-rows", "-5 is not in the range x>=1")),
    (["serve", "--max-memory", "-5"], _usage("serve", "--max-memory", "-5 is not in the range x>=16")),
    (["serve", "--timeout", "-5"], _usage("serve", "--timeout", "-5.0 is not in the range x>=0.1")),
    (["serve", "--cors", NOT_UTF8], NOT_UTF8_MESSAGE),
    (["import", "@NOWHERE@.csv"], "Invalid value for 'TABLE': File '@NOWHERE@.csv' does not exist. (see hskg import --help)"),
    (["coverage", "--format", "xml"], _usage("coverage", "--format", "'xml' is not one of 'table', 'csv', 'json'")),
    (["coverage", "--kind", "planet"],
     _usage("coverage", "--kind", "'planet' is not one of 'notion', 'regime', 'actor', 'concept'")),
    (["nosuch"], "No such command 'nosuch'. (see hskg --help)"),
    (["--nosuch"], "No such option '--nosuch'. (see hskg --help)"),
]


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """A project and the bad paths the cases name."""
    base = tmp_path_factory.mktemp("hostile-cli")
    project = materialized(MINI_PROJECT, base / "project")
    (base / "file").write_text("a file\n", encoding="utf-8")
    (base / "dir").mkdir()
    (base / "latin.rq").write_bytes(b"caf\xe9 {}\n")
    (base / "latin").mkdir()
    (base / "latin" / "x.txt").write_bytes(b"caf\xe9\n")
    return project, {"@LATIN_FOLDER@": str(base / "latin"), "@LATIN@": str(base / "latin.rq"),
                     "@FILE@": str(base / "file"), "@DIR@": str(base / "dir"), "@NOWHERE@": str(base / "nowhere")}


def _placed(text: str, names: dict[str, str]) -> str:
    for name, path in names.items():
        text = text.replace(name, path)
    return text


def _snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("arguments, message", CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_a_bad_value_is_one_line_and_exit_code_2(run_hskg, places, arguments, message):
    project, names = places
    before = _snapshot(project.parent)
    arguments = [_placed(a, names) for a in arguments]
    assert run_hskg("--root", str(project), *arguments) == (2, "", f"hskg: error: {_placed(message, names)}\n")
    assert _snapshot(project.parent) == before


@pytest.mark.parametrize("data", [b"SELECT \xff WHERE {}", b"\xfe\xff\x00S", b"ASK { ?s ?p \"caf\xe9\" }"])
def test_standard_input_that_is_not_utf8_is_refused(run_hskg, monkeypatch, data):
    stdin = io.TextIOWrapper(io.BytesIO(data))
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = run_hskg("--root", str(MINI_PROJECT), "query", "-")
    assert (code, out) == (2, "")
    assert err.startswith("hskg: error: standard input is not valid UTF-8 (byte ") and err.count("\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("option, value, message", [
    ("--part-of", "actor:a b", "'actor:a b' is not a valid IRI (Invalid IRI code point ' ')"),
    ("--member-of", "<urn:a b>", "'<urn:a b>' is not a valid IRI (Invalid IRI code point ' ')"),
    ("--part-of", NOT_UTF8, NOT_UTF8_MESSAGE),
])
def test_add_actor_with_a_bad_node_is_one_line(run_hskg, option, value, message):
    code, out, err = run_hskg("--root", str(ROOT), "add", "actor", "--label", "Hostile Test Actor", "--kind",
                              "international-organization", option, value, "--dry-run", "--no-owl")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("hskg: error: ") and message in err


CSV_CELLS = ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"]


def test_csv_for_people_defuses_formulas(run_hskg):
    values = " ".join(f'("{c.encode("unicode_escape").decode()}")' for c in CSV_CELLS)
    text = f"SELECT ?c WHERE {{ VALUES (?c) {{ {values} }} }}"
    code, out, err = run_hskg("--root", str(MINI_PROJECT), "query", "--format", "csv", "--text", text)
    assert (code, err) == (0, "")
    assert out == 'c\r\n\'=1+2\r\n\'+1\r\n\'-1\r\n\'@SUM(A1)\r\n\'\tx\r\n"\'\rx"\r\nplain\r\na=b\r\n'
    code, raw, err = run_hskg("--root", str(MINI_PROJECT), "query", "--format", "csv", "--raw-csv", "--text", text)
    assert raw == 'c\r\n=1+2\r\n+1\r\n-1\r\n@SUM(A1)\r\n\tx\r\n"\rx"\r\nplain\r\na=b\r\n'
