"""`hskg serve`: the SPARQL 1.1 Protocol (read-only), node pages and the catalog API,
against a real server over the shipped graph, with raw HTTP (httpx) and a real client
(SPARQLWrapper).

The W3C SPARQL 1.1 Protocol tests that apply to a read-only service: query_get,
query_post_form, query_post_direct; query_dataset_default_graph(s), query_dataset_named_graphs,
query_dataset_full, query_multiple_dataset (the protocol's graphs override FROM);
query_content_type_select/ask/construct/describe; bad_query_method, bad_multiple_queries,
bad_query_wrong_media_type, bad_query_missing_form_type, bad_query_missing_direct_type,
bad_query_non_utf8 (test_serve_abuse), bad_query_syntax, bad_update_get, bad_update_*
(updates refused).  Update tests (update_*) do not apply."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest
from test_serve_helpers import ROOT, SPARQL_RESULTS_JSON, Server

from hskg.serve.formats import negotiate
from hskg.serve.protocol import ProtocolError, scan

ID = "https://w3id.org/hskg/id/"
GRAPH = "https://w3id.org/hskg/graph/"
NATO = ID + "actor/nato"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { actor:nato ?p ?o } WHERE { actor:nato ?p ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(ROOT, tmp_path_factory.mktemp("serve") / "serve.log", "--timeout", "5", "--workers", "2")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=20) as client:
        yield client


def count(response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --- the query, three ways (W3C: query_get, query_post_form, query_post_direct) -----------


def test_query_get_post_form_and_post_direct_give_the_same_answer(http):
    from hskg import KnowledgeGraph

    kg = KnowledgeGraph.open(ROOT)  # the endpoint serves what `hskg query` sees: asserted + entailed
    expected = kg.store.count(kg.graphs())
    assert count(http.get("/sparql", params={"query": COUNT})) == expected
    assert count(http.post("/sparql", data={"query": COUNT})) == expected
    direct = http.post("/sparql", content=COUNT.encode(), headers={"Content-Type": "application/sparql-query"})
    assert count(direct) == expected
    assert direct.headers["content-type"].startswith(SPARQL_RESULTS_JSON)


@pytest.mark.parametrize("accept, media", [
    (SPARQL_RESULTS_JSON, SPARQL_RESULTS_JSON), ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", SPARQL_RESULTS_JSON), ("*/*", SPARQL_RESULTS_JSON),
    ("text/html;q=0.9, text/csv", "text/csv")])
def test_select_results_by_accept(http, accept, media):
    response = http.get("/sparql", params={"query": "SELECT ?label WHERE { actor:nato rdfs:label ?label }"},
                        headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    body = response.text
    if media == SPARQL_RESULTS_JSON:
        assert json.loads(body)["results"]["bindings"][0]["label"]["xml:lang"] == "en"
    elif media.endswith("xml"):
        ns = "{http://www.w3.org/2005/sparql-results#}"
        literal = ET.fromstring(body).find(f"{ns}results/{ns}result/{ns}binding/{ns}literal")
        assert literal.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(body)))[0] == ["label"]
    else:
        assert body.splitlines()[0] == "?label" and body.splitlines()[1].endswith("@en")


def test_ask_in_json_and_xml(http):
    ask = "ASK { actor:nato a ?kind }"
    assert http.get("/sparql", params={"query": ask}).json() == {"head": {}, "boolean": True}
    xml = http.get("/sparql", params={"query": ask}, headers={"Accept": "application/sparql-results+xml"}).text
    assert ET.fromstring(xml).find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


@pytest.mark.parametrize("text, code_point", [("a\\u0001b", "U+0001"), ("\\u001F", "U+001F"), ("x\\uFFFE", "U+FFFE")])
def test_xml_answers_refuse_what_xml_cannot_carry_and_json_carries_it(http, text, code_point):
    query = f'SELECT ?text WHERE {{ BIND("{text}" AS ?text) }}'
    xml = http.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert (xml.status_code, xml.text.strip()) == (
        406, f"the value of ?text holds {code_point}, which XML 1.0 cannot carry; ask for JSON, CSV or TSV")
    expected = json.loads(f'"{text}"')
    assert http.get("/sparql", params={"query": query}).json()["results"]["bindings"][0]["text"]["value"] == expected


def test_xml_answers_keep_tabs_newlines_and_carriage_returns(http):
    query = 'SELECT ?text WHERE { BIND("a\\tb\\nc\\rd" AS ?text) }'
    xml = http.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    literal = ET.fromstring(xml.content).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal.text == "a\tb\nc\rd"


@pytest.mark.parametrize("accept, media, fmt", [
    ("text/turtle", "text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", "application/n-triples",
                                                          ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", "application/ld+json", ox.RdfFormat.JSON_LD), (None, "text/turtle", ox.RdfFormat.TURTLE)])
def test_construct_and_describe_as_rdf(http, accept, media, fmt):
    headers = {"Accept": accept} if accept else {}
    for query in (CONSTRUCT, "DESCRIBE actor:nato"):
        response = http.get("/sparql", params={"query": query}, headers=headers)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
        triples = list(ox.parse(response.content, format=fmt))
        assert triples and {t.subject.value for t in triples} == {NATO}


def test_format_parameter_overrides_accept(http):
    response = http.get("/sparql", params={"query": COUNT, "format": "csv"}, headers={"Accept": SPARQL_RESULTS_JSON})
    assert response.headers["content-type"].startswith("text/csv")


def test_service_description_without_a_query(http, server):
    response = http.get("/sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    triples = [quad.triple for quad in ox.parse(response.content, format=ox.RdfFormat.TURTLE)]
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert ox.Triple(ox.NamedNode(server.url + "/sparql"), ox.NamedNode(sd + "supportedLanguage"),
                     ox.NamedNode(sd + "SPARQL11Query")) in triples
    names = {t.object.value for t in triples if t.predicate.value == sd + "name"}
    assert names == {GRAPH + "ontology", GRAPH + "data", GRAPH + "inferred"}


# --- the dataset (W3C: query_dataset_default_graphs_*, query_multiple_dataset) --------------


def test_default_graph_uri_chooses_the_graphs(http, real_store):
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH

    ontology = count(http.get("/sparql", params={"query": COUNT, "default-graph-uri": GRAPH + "ontology"}))
    data = count(http.post("/sparql", data={"query": COUNT, "default-graph-uri": GRAPH + "data"}))
    both = count(http.get("/sparql", params=[("query", COUNT), ("default-graph-uri", GRAPH + "ontology"),
                                             ("default-graph-uri", GRAPH + "data")]))
    assert (ontology, data) == (real_store.count([ONTOLOGY_GRAPH]), real_store.count([DATA_GRAPH]))
    assert both == ontology + data


def test_named_graph_uri_and_from_named(http):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = http.get("/sparql", params={"query": query, "named-graph-uri": GRAPH + "ontology"}).json()
    assert [b["g"]["value"] for b in named["results"]["bindings"]] == [GRAPH + "ontology"]
    from_named = http.get("/sparql", params={"query": f"SELECT DISTINCT ?g FROM NAMED <{GRAPH}data> "
                                                      "WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    assert [b["g"]["value"] for b in from_named["results"]["bindings"]] == [GRAPH + "data"]
    # query_dataset_full: a default graph and a named graph in one request
    full = ("SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g")
    answer = http.post("/sparql", data={"query": full, "default-graph-uri": GRAPH + "data",
                                        "named-graph-uri": GRAPH + "ontology"}).json()["results"]["bindings"]
    assert sorted(b.get("g", {}).get("value", "") for b in answer) == ["", GRAPH + "ontology"]


def test_protocol_dataset_overrides_from(http):
    query = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH}data> WHERE {{ ?s ?p ?o }}"
    from_data = count(http.get("/sparql", params={"query": query}))
    overridden = count(http.get("/sparql", params={"query": query, "default-graph-uri": GRAPH + "ontology"}))
    assert from_data != overridden
    assert overridden == count(http.get("/sparql", params={"query": COUNT, "default-graph-uri": GRAPH + "ontology"}))


@pytest.mark.parametrize("params", [
    {"query": COUNT, "default-graph-uri": "http://example.org/elsewhere"},
    {"query": COUNT, "named-graph-uri": "http://example.org/elsewhere"},
    {"query": "SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }"},
    {"query": "SELECT * FROM NAMED <http://example.org/remote.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }"}])
def test_graphs_outside_the_endpoint_are_refused(http, params):
    response = http.get("/sparql", params=params)
    assert response.status_code == 400
    assert "is not a graph of this endpoint" in response.text and response.text.count("\n") == 1


# --- errors (W3C: bad_query_method, bad_multiple_queries, bad_query_wrong_media_type, …) -----


@pytest.mark.parametrize("request_, status, reason", [
    (("GET", {"query": "SELEKT * WHERE { ?s ?p ?o }"}, None, None), 400, "not a SPARQL query"),
    (("GET", {"query": "SELECT * WHERE { ?s ?p }"}, None, None), 400, "syntax error"),
    (("GET", [("query", COUNT), ("query", COUNT)], None, None), 400, "exactly one query"),
    (("GET", {"default-graph-uri": GRAPH + "data"}, None, None), 400, "query parameter is missing"),
    (("POST", None, b"", "application/x-www-form-urlencoded"), 400, "query parameter is missing"),
    (("POST", None, COUNT.encode(), "text/plain"), 415, "POST wants"),
    (("POST", None, b"query=" + COUNT.encode(), None), 415, "POST wants"),
    (("GET", {"update": "CLEAR ALL"}, None, None), 400, "read-only"),
    (("POST", None, b"CLEAR ALL", "application/sparql-update"), 400, "read-only"),
    (("GET", {"query": COUNT, "format": "png"}, None, None), 400, "unknown format")])
def test_bad_requests(http, request_, status, reason):
    method, params, body, media = request_
    headers = {"Content-Type": media} if media else {}
    response = http.request(method, "/sparql", params=params, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert reason in response.text


def test_unacceptable_media_type_is_406(http):
    response = http.get("/sparql", params={"query": COUNT}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in response.text


# --- a real client ---------------------------------------------------------------------------


def test_sparqlwrapper_select_ask_construct(server):
    from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery("SELECT ?label WHERE { actor:nato rdfs:label ?label }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["label"]["value"]
    client.setReturnFormat(XML)
    assert client.query().convert().getElementsByTagName("literal")
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().startswith("label\r\n")
    client.setMethod("POST")
    client.setQuery("ASK { actor:nato ?p ?o }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    assert b"actor:nato" in client.query().convert()


def test_sparqlwrapper_sees_a_bad_query_as_bad(server):
    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(server.url + "/sparql")
    client.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed):
        client.query()


# --- node pages, the catalog API, headers, the log ---------------------------------------------


def test_node_page_by_content_negotiation(http):
    page = http.get("/id/actor/nato", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>NATO" in page.text or "<h1>North Atlantic" in page.text
    assert 'href="/explore.html?focus=https%3A%2F%2Fw3id.org%2Fhskg%2Fid%2Factor%2Fnato"' in page.text
    assert "<blockquote" in page.text  # the claims about NATO, with their quotes
    for accept, fmt in (("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD)):
        response = http.get("/id/actor/nato", headers={"Accept": accept})
        assert response.headers["content-type"].split(";")[0] == accept
        assert any(t.subject.value == NATO for t in ox.parse(response.content, format=fmt))
    assert http.get("/id/actor/no-such-actor").status_code == 404
    ontology = http.get("/node", params={"iri": "https://w3id.org/hskg/ontology#Claim"})
    assert ontology.status_code == 200 and "Claim" in ontology.text
    label = http.get("/node", params={"iri": "http://www.w3.org/2000/01/rdf-schema#label"})
    assert label.status_code == 200 and "Used as a relation in" in label.text


def test_html_pages_have_a_strict_csp(http):
    for path in ("/", "/id/actor/nato"):
        policy = http.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_openapi_document_describes_every_catalog_query(http):
    from hskg.query import load_catalog

    catalog = load_catalog(ROOT / "queries")
    for path in ("/api", "/api/openapi.json"):
        document = http.get(path).json()
        assert document["openapi"].startswith("3.")
        assert {f"/api/{name}" for name in catalog} <= set(document["paths"])
    operation = document["paths"]["/api/according-to"]["get"]
    assert operation["summary"] == catalog["according-to"].title
    actor = next(p for p in operation["parameters"] if p["name"] == "actor")
    assert actor["required"] and actor["example"] == catalog["according-to"].parameters[0].example


def test_catalog_api_runs_each_query_with_its_example(http):
    from hskg.query import load_catalog

    for name, entry in load_catalog(ROOT / "queries").items():
        params = {p.name: p.example for p in entry.parameters}
        response = http.get(f"/api/{name}", params=params)
        assert response.status_code == 200, (name, response.text)
        assert "results" in response.json() or "boolean" in response.json()
    as_csv = http.get("/api/according-to", params={"actor": "actor:nato"}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert http.get("/api/according-to", params={"actor": "actor:nato", "format": "csv"}).text == as_csv.text
    missing = http.get("/api/according-to")
    assert missing.status_code == 400 and "missing parameter actor" in missing.text
    assert http.get("/api/no-such-query").status_code == 404


def test_labels_for_the_query_page(http):
    labels = http.post("/labels", json=[NATO, "https://example.org/unknown", 42]).json()
    assert labels == {NATO: "NATO"}
    assert http.post("/labels", content=b"{not json").status_code == 400
    assert http.post("/labels", json={"iri": NATO}).status_code == 400


def test_cors_is_off_by_default(http):
    response = http.get("/sparql", params={"query": COUNT}, headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in response.headers


def test_each_request_is_logged_with_the_query_hash(http, server):
    import hashlib
    import time

    query = "SELECT ?s WHERE { ?s a hskg:Actor } LIMIT 1"
    http.get("/sparql", params={"query": query})
    digest = hashlib.sha256(query.encode()).hexdigest()[:12]
    time.sleep(0.2)
    line = next(line for line in server.log().splitlines() if f"q={digest}" in line)
    assert re.match(r"^\d{4}-\d\d-\d\dT[\d:.]+\+00:00 200 [\d.]+ms GET /sparql q=[0-9a-f]{12}$", line)


# --- without a server ------------------------------------------------------------------------


def test_scanner_reads_through_strings_and_comments():
    found = scan('# SERVICE in a comment\nSELECT * FROM hskggraph:x WHERE { ?s rdfs:label "LOAD SERVICE" }'
                 .replace("hskggraph:x", "<https://w3id.org/hskg/graph/data>"))
    assert found.form == "SELECT" and found.from_graphs == ("https://w3id.org/hskg/graph/data",)
    assert scan("SELECT ?load ?service WHERE { ?load ?service ?with, 'x'@add, _:drop, ex:clear }").form == "SELECT"
    for refused in ("INSERT DATA { <a:b> <a:c> <a:d> }", "LOAD <http://example.org/x>",
                    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
        with pytest.raises(ProtocolError) as error:
            scan(refused)
        assert error.value.status == 400


def test_negotiation():
    from hskg.serve.formats import SOLUTION_FORMATS

    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", None, SOLUTION_FORMATS, "json") == "xml"
    assert negotiate("text/*", None, SOLUTION_FORMATS, "json") == "csv"
    assert negotiate(None, None, SOLUTION_FORMATS, "json") == "json"
    with pytest.raises(ProtocolError):
        negotiate("image/png", None, SOLUTION_FORMATS, "json")
