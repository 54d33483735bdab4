"""Hostile SPARQL: nesting that crashed the engine, updates, SERVICE (the network), FROM,
oversized text and bad parameters; each refused with one line and exit code 2."""

import http.server
import threading

import pytest

from conftest import MINI_PROJECT, materialized
from hskg.scan import MAX_NESTING, check_nesting, TooDeep

GRAPH = "https://w3id.org/hskg/graph/"
SEEN = (f"<{GRAPH}ontology>, <{GRAPH}data>, <{GRAPH}entailed>")
DEEP = ("hskg: error: the query: line {line}: nested more than 64 levels deep (brackets, braces and parentheses "
        "inside each other); hskg refuses deeper nesting, which crashes the engine\n")


@pytest.fixture
def query(run_hskg):
    def run(*args):
        return run_hskg("--root", str(MINI_PROJECT), "query", *args)

    return run


@pytest.mark.parametrize("text, line", [
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }", 1),
    ("SELECT * WHERE " + "{" * 5000 + "?s ?p ?o" + "}" * 5000, 1),
    ("SELECT * WHERE {\n ?s ?p " + "[ ?p " * 70 + "?o" + " ]" * 70 + " }", 2),
    ("SELECT * WHERE { ?s ?p ?o }\n\n" + "ORDER BY " + "(" * 65 + "?o" + ")" * 65, 3),
])
def test_deep_nesting_is_refused_before_the_engine_sees_it(query, text, line):
    assert query("--text", text) == (2, "", DEEP.format(line=line))


def test_nesting_inside_strings_iris_and_comments_does_not_count():
    brackets = "(" * 100
    check_nesting(f'SELECT * {{ ?s ?p "{brackets}" }} # {brackets}\nASK {{ <urn:{"x" * 3}> ?p \'{brackets}\' }}',
                  "q")
    check_nesting("(" * MAX_NESTING + ")" * MAX_NESTING, "q")
    with pytest.raises(TooDeep):
        check_nesting("(" * (MAX_NESTING + 1), "q")


def test_the_limit_itself_still_runs(query):
    text = "SELECT ?n WHERE { BIND(" + "(" * 60 + "1" + ")" * 60 + " AS ?n) }"
    assert query("--text", text, "--format", "csv") == (0, "n\r\n1\r\n", "")


def test_a_query_over_256_kib_is_refused(query):
    text = "SELECT * WHERE { ?s ?p ?o }" + " " * 256 * 1024
    assert query("--text", text) == (2, "", "hskg: error: the query is longer than 256 KiB (the limit of hskg)\n")


@pytest.mark.parametrize("text, word", [
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("delete { ?s ?p ?o } where { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://127.0.0.1:9/x.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("DROP GRAPH <urn:g>", "DROP"),
    ("CREATE GRAPH <urn:g>", "CREATE"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
])
def test_updates_are_refused_as_updates(query, text, word):
    assert query("--text", text) == (
        2, "", f"hskg: error: hskg query is read-only; updates are not run (the text has {word})\n")


SERVICE_REFUSED = ("hskg: error: SERVICE is refused: it would send the query to another server; "
                   "hskg query --allow-service runs it\n")


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.requests.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def listener():
    """A server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", _Recorder.requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", [
    "SELECT ?x {{ SERVICE <{url}> {{ ?a ?b ?x }} }}",
    "SELECT ?x {{ service silent <{url}> {{ ?a ?b ?x }} }}",
    "ASK {{ ?s ?p ?o . OPTIONAL {{ SERVICE <{url}> {{ ?s ?q ?x }} }} }}",
    "CONSTRUCT {{ ?a ?b ?x }} WHERE {{ {{ SERVICE <{url}> {{ ?a ?b ?x }} }} UNION {{ ?a ?b ?x }} }}",
])
def test_service_never_reaches_the_network(query, listener, template, tmp_path):
    url, requests = listener
    text = template.format(url=url)
    assert query("--text", text) == (2, "", SERVICE_REFUSED)
    (tmp_path / "federated.rq").write_text(text, encoding="utf-8")
    assert query(str(tmp_path / "federated.rq")) == (2, "", SERVICE_REFUSED)
    assert requests == []


def test_service_inside_a_string_or_comment_is_no_service(query):
    text = 'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/>" AS ?x) } # SERVICE'
    assert query("--text", text, "--format", "csv") == (0, "x\r\nSERVICE <http://127.0.0.1:9/>\r\n", "")


def test_allow_service_lets_the_query_out(query, listener):
    url, requests = listener
    code, out, err = query("--allow-service", "--text", f"SELECT ?x {{ SERVICE <{url}> {{ ?a ?b ?x }} }}")
    assert (code, out) == (2, "")
    assert err.startswith("hskg: error: the query failed: ") and "\n" not in err.rstrip("\n")
    assert requests == ["/sparql"] or requests and requests[0].startswith("/sparql?")


@pytest.mark.parametrize("clause, graph", [
    ("FROM <urn:nothing>", "urn:nothing"),
    ("FROM <http://127.0.0.1:9/remote.ttl>", "http://127.0.0.1:9/remote.ttl"),
    ("FROM NAMED <urn:nothing>", "urn:nothing"),
    (f"FROM <{GRAPH}inferred>", f"{GRAPH}inferred"),
])
def test_from_a_graph_the_query_does_not_see_is_refused(query, clause, graph):
    kind = "FROM NAMED" if "NAMED" in clause else "FROM"
    assert query("--text", f"SELECT (COUNT(*) AS ?n) {clause} WHERE {{ ?s ?p ?o }}") == (
        2, "", f"hskg: error: {kind} <{graph}> is not a graph this query sees; it sees {SEEN}\n")


@pytest.mark.parametrize("clause, count", [
    ("", 28 + 0),  # asserted and entailed: the fixture entails nothing
    (f"FROM <{GRAPH}ontology>", 8),
    (f"FROM <{GRAPH}data>", 20),
    (f"FROM <{GRAPH}ontology> FROM <{GRAPH}data>", 28),
    (f"FROM NAMED <{GRAPH}data>", 0),  # FROM NAMED alone: the default graph is empty
])
def test_from_is_honoured_over_the_project_graphs(query, clause, count):
    assert query("--asserted", "--text", f"SELECT (COUNT(*) AS ?n) {clause} WHERE {{ ?s ?p ?o }}",
                 "--format", "csv") == (0, f"n\r\n{count}\r\n", "")


def test_from_named_chooses_the_graphs_graph_sees(query):
    text = f"SELECT DISTINCT ?g FROM NAMED <{GRAPH}data> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert query("--text", text, "--format", "csv") == (0, f"g\r\n{GRAPH}data\r\n", "")


@pytest.mark.parametrize("value, message", [
    ("actor:natoo", "actor:natoo is not in the graph; did you mean actor:nato?"),
    ("actor:u", "actor:u is not in the graph; did you mean actor:un?"),
    ("notion:broadd", "notion:broadd is not in the graph; did you mean notion:broad?"),
    ("<https://w3id.org/hskg/id/actor/zzzz>", "actor:zzzz is not in the graph"),
    ("actor:a b", "'actor:a b' is not a valid IRI (Invalid IRI code point ' ')"),
    ("<urn:a b>", "'<urn:a b>' is not a valid IRI (Invalid IRI code point ' ')"),
])
def test_a_node_parameter_that_names_nothing_is_an_error(query, value, message):
    assert query("--text", "SELECT ?p ?node WHERE { ?node ?p ?o }", "--param", f"node={value}") == (
        2, "", f"hskg: error: {message}\n")


@pytest.mark.parametrize("rule, refusal", [
    ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", SERVICE_REFUSED),
    ("DELETE WHERE { ?s ?p ?o }", "hskg: error: hskg query is read-only; updates are not run (the text has DELETE)\n"),
])
def test_an_entailment_rule_is_checked_like_any_query(run_hskg, tmp_path, rule, refusal):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    (project / "queries" / "rules").mkdir(parents=True, exist_ok=True)
    (project / "queries" / "rules" / "subclass.rq").write_text(rule, encoding="utf-8")
    where = project / "queries" / "rules" / "subclass.rq"
    assert run_hskg("--root", str(project), "query", "--text", "ASK {}") == (
        2, "", refusal.replace("hskg: error: ", f"hskg: error: {where}: "))


def test_a_huge_query_file_or_stream_is_refused_without_reading_it_whole(query, tmp_path, monkeypatch):
    import io

    huge = tmp_path / "huge.rq"
    with open(huge, "wb") as stream:
        stream.write(b"SELECT * WHERE { ?s ?p ?o }")
        stream.truncate(64 * 1024 * 1024)  # a sparse 64 MiB file
    assert query(str(huge)) == (2, "", f"hskg: error: {huge} is longer than 256 KiB (the limit of hskg for a query)\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"#" * (256 * 1024 + 1))))
    assert query("-") == (2, "", "hskg: error: standard input is longer than 256 KiB (the limit of hskg for a query)\n")


@pytest.mark.parametrize("text, reason", [
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",
     DEEP.format(line=1).removeprefix("hskg: error: ").rstrip("\n")),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
     "SERVICE (a federated query) is refused: this endpoint answers from its own graph"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SPARQL Update (INSERT) is refused: this endpoint is read-only"),
])
def test_the_endpoint_refuses_with_the_same_scan(text, reason):
    from hskg.serve.protocol import ProtocolError, scan

    with pytest.raises(ProtocolError) as refused:
        scan(text)
    assert (refused.value.status, refused.value.reason) == (400, reason)


@pytest.mark.parametrize("check, refusal", [
    ("# title: federated\n# severity: error\nSELECT ?node WHERE {{ SERVICE <{url}> {{ ?node ?p ?o }} }}",
     SERVICE_REFUSED),
    ("# title: an update\n# severity: error\nDELETE WHERE {{ ?node ?p ?o }}",
     "hskg: error: hskg query is read-only; updates are not run (the text has DELETE)\n"),
])
def test_a_validation_check_is_checked_like_any_query(run_hskg, listener, tmp_path, check, refusal):
    url, requests = listener
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "outside-violation.rq").write_text(check.format(url=url), encoding="utf-8")
    where = checks / "outside-violation.rq"
    assert run_hskg("--root", str(MINI_PROJECT), "validate", "--checks", str(checks), "--no-owl") == (
        2, "", refusal.replace("hskg: error: ", f"hskg: error: {where}: "))
    assert requests == []
