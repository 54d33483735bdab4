"""`hskg serve` under abuse: runaway queries, updates, federation, remote graphs, huge or
malformed requests.  Each gets its status and a one-line reason; the server keeps
answering; nothing on disk changes."""

from __future__ import annotations

import concurrent.futures
import time

import httpx
import pytest
from test_serve_helpers import ROOT, Server, tree_hash

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT = 1.5


@pytest.fixture(scope="module")
def before():
    return tree_hash(ROOT)


@pytest.fixture(scope="module")
def server(tmp_path_factory, before):
    running = Server(ROOT, tmp_path_factory.mktemp("abuse") / "serve.log",
                     "--timeout", str(TIMEOUT), "--workers", "2", "--queue", "2")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def one_line(response) -> str:
    assert response.text.endswith("\n") and response.text.count("\n") == 1, response.text
    return response.text


@pytest.mark.parametrize("query, reason", [
    ("INSERT DATA { actor:nato rdfs:label \"owned\" }", "SPARQL Update (INSERT) is refused"),
    ("DELETE WHERE { ?s ?p ?o }", "SPARQL Update (DELETE) is refused"),
    ("LOAD <http://example.org/evil.ttl>", "SPARQL Update (LOAD) is refused"),
    ("CLEAR ALL", "SPARQL Update (CLEAR) is refused"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE (a federated query) is refused"),
    ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }", "FROM <http://example.org/remote.ttl> is not"),
    ("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <a:b> <a:c> <a:d> }", "SPARQL Update (INSERT) is refused")])
def test_writes_federation_and_remote_graphs_are_refused(http, query, reason):
    for response in (http.get("/sparql", params={"query": query}), http.post("/sparql", data={"query": query}),
                     http.post("/sparql", content=query, headers={"Content-Type": "application/sparql-query"})):
        assert response.status_code == 400
        assert reason in one_line(response)


def test_malformed_requests(http):
    huge = http.post("/sparql", content=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 10_000_000,
                     headers={"Content-Type": "application/sparql-query"})
    assert huge.status_code == 413 and "larger than" in one_line(huge)
    long_query = http.post("/sparql", content=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 300_000,
                           headers={"Content-Type": "application/sparql-query"})
    assert long_query.status_code == 413 and "longer than" in one_line(long_query)
    long_get = http.get("/sparql", params={"query": COUNT + " #" + "x" * 30_000})  # past h11's 16 KiB default
    assert long_get.status_code == 200, long_get.text
    assert http.head("/sparql", params={"query": COUNT}).status_code == 200
    bad_utf8 = http.post("/sparql", content=b"SELECT * WHERE { ?s ?p \"\xff\xfe\" }",
                         headers={"Content-Type": "application/sparql-query"})
    assert bad_utf8.status_code == 400 and "not valid UTF-8" in one_line(bad_utf8)
    bad_escape = http.get("/sparql?query=SELECT%20%FF%FE")
    assert bad_escape.status_code == 400 and "not valid UTF-8" in one_line(bad_escape)
    missing = http.post("/sparql", data={"default-graph-uri": "https://w3id.org/hskg/graph/data"})
    assert missing.status_code == 400 and "query parameter is missing" in one_line(missing)
    wrong_media = http.post("/sparql", content=COUNT, headers={"Content-Type": "application/json"})
    assert wrong_media.status_code == 415 and "POST wants" in one_line(wrong_media)
    forged = http.get("/sparql", headers={"Host": "evil> <x> <y> . <z"})
    assert forged.status_code == 200 and b"evil" not in forged.content
    put = http.put("/sparql", content=COUNT)
    assert put.status_code == 405
    assert http.get("/sparql", params={"query": COUNT}).status_code == 200


def test_result_size_memory_and_cors_options(tmp_path):
    small = Server(ROOT, tmp_path / "serve.log", "--max-rows", "10", "--max-memory", "100", "--workers", "1",
                   "--cors", "http://app.example")
    try:
        response = httpx.get(small.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 400 and "more than the limit of 10" in one_line(response)
        greedy = "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c LIMIT 1"
        response = httpx.get(small.url + "/sparql", params={"query": greedy}, timeout=30)
        assert response.status_code == 500 and "out of memory" in one_line(response)
        allowed = httpx.get(small.url + "/sparql", params={"query": COUNT}, headers={"Origin": "http://app.example"})
        assert allowed.status_code == 200  # the worker was replaced
        assert allowed.headers["access-control-allow-origin"] == "http://app.example"
        other = httpx.get(small.url + "/sparql", params={"query": COUNT}, headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        small.stop()


@pytest.mark.slow
def test_ten_runaway_queries_leave_a_simple_query_answered(http, server):
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        runaways = [pool.submit(http.get, "/sparql", params={"query": RUNAWAY}) for _ in range(10)]
        time.sleep(0.3)
        answered = None
        while answered is None and time.monotonic() - started < 4 * TIMEOUT + 5:
            response = http.get("/sparql", params={"query": COUNT})
            if response.status_code == 200:
                answered = response
            else:  # busy: 503 with a Retry-After, never a hang or a crash
                assert response.status_code == 503 and "Retry-After" in response.headers
                time.sleep(0.2)
        statuses = sorted(f.result().status_code for f in runaways)
    assert answered is not None, "the simple query was never answered"
    assert set(statuses) <= {503}, statuses
    stopped = [f.result() for f in runaways if "time limit" in f.result().text]
    busy = [f.result() for f in runaways if "busy" in f.result().text]
    assert stopped and busy and len(stopped) + len(busy) == 10
    assert all(r.headers.get("Retry-After") for r in busy)
    assert time.monotonic() - started < 4 * TIMEOUT + 5
    # the killed workers were replaced: both workers answer again, at once
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        again = list(pool.map(lambda _: http.get("/sparql", params={"query": COUNT}).status_code, range(2)))
    assert again == [200, 200]
    assert "time limit" in server.log() or " 503 " in server.log()


def test_nothing_on_disk_changed(http, before):
    http.get("/sparql", params={"query": "INSERT DATA { actor:nato rdfs:label \"owned\" }"})
    http.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"})
    assert tree_hash(ROOT) == before
