"""The remote store: how queries travel over the SPARQL protocol, and `hskg push` followed by
`hskg query` against a real Virtuoso, with the credentials in the environment."""

import pyoxigraph as ox
import pytest

from conftest import MINI_PROJECT, materialized
from hskg.errors import HskgError
from hskg.store import DATA_GRAPH, open_store
from hskg.store_remote import _batches, query_form, with_bindings

EX = "https://example.org/"


def test_bindings_become_a_values_row_at_the_start_of_the_outermost_where_group():
    query = 'SELECT ?x WHERE { ?x <https://example.org/p> "{ WHERE {" } # WHERE {\n'
    assert with_bindings(query, {"x": ox.NamedNode(EX + "a"), "n": ox.Literal("Bo", language="en")}) == (
        'SELECT ?x WHERE { VALUES (?x ?n) { (<https://example.org/a> "Bo"@en) }  ?x <https://example.org/p> '
        '"{ WHERE {" } # WHERE {\n')
    assert with_bindings("ASK { ?x ?p ?o }", {"x": ox.NamedNode(EX + "a")}) == (
        "ASK { VALUES (?x) { (<https://example.org/a>) }  ?x ?p ?o }")


def test_the_query_form_is_read_past_comments_strings_and_iris():
    assert query_form('# SELECT\nCONSTRUCT { ?s <https://e.org/ASK> "SELECT" } WHERE { ?s ?p ?o }') == "CONSTRUCT"
    assert query_form("prefix a: <https://e.org/>\nask { ?s ?p ?o }") == "ASK"


def test_triples_linked_by_a_blank_node_travel_in_the_same_request(monkeypatch):
    monkeypatch.setattr("hskg.store_remote.BATCH", 2)
    a, b, knows = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "b"), ox.NamedNode(EX + "knows")
    x, y = ox.BlankNode("x"), ox.BlankNode("y")
    triples = [ox.Triple(a, knows, x), ox.Triple(a, knows, b), ox.Triple(b, knows, a), ox.Triple(x, knows, y),
               ox.Triple(y, knows, a)]
    assert list(_batches(triples)) == [[ox.Triple(a, knows, b), ox.Triple(b, knows, a)],
                                       [ox.Triple(a, knows, x), ox.Triple(x, knows, y), ox.Triple(y, knows, a)]]


def test_a_blank_node_triple_is_not_removed_but_refused_with_the_way_out():
    remote = open_store("http://127.0.0.1:9/sparql")
    with pytest.raises(HskgError, match=r"^a triple with a blank node cannot be removed from a remote store"):
        remote.remove_triples([ox.Triple(ox.BlankNode("b"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "o"))],
                              DATA_GRAPH)


def test_an_unreachable_store_is_one_clear_error(run_hskg, tmp_path):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    code, out, err = run_hskg("--root", str(project), "--store", "http://127.0.0.1:9/sparql", "query", "organizations")
    assert (code, out) == (2, "")
    assert err == "hskg: error: cannot reach the store at http://127.0.0.1:9/sparql: [Errno 111] Connection refused\n"


def test_push_needs_a_sparql_endpoint(run_hskg, tmp_path):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    code, out, err = run_hskg("--root", str(project), "--store", "memory", "push")
    assert (code, out, err) == (2, "", "hskg: error: hskg push needs a SPARQL endpoint's URL (--store, $HSKG_STORE "
                                       "or hskg.toml); got memory\n")


@pytest.mark.virtuoso
@pytest.mark.slow
def test_push_then_query_against_virtuoso_with_the_settings_file(virtuoso, run_hskg, tmp_path, monkeypatch):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    (project / "hskg.toml").write_text(f'[store]\nlocation = "{virtuoso.sparql}"\n'
                                       f'graph-store = "{virtuoso.graph_store}"\n')
    monkeypatch.delenv("HSKG_STORE")
    code, out, err = run_hskg("--root", str(project), "push")
    assert (code, err) == (0, "")
    assert out == ("       8  https://w3id.org/hskg/graph/ontology\n      20  https://w3id.org/hskg/graph/data\n"
                   "       0  https://w3id.org/hskg/graph/entailed\n")
    code, out, err = run_hskg("--root", str(project), "query", "organizations", "--format", "csv")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["organization,label",
                                "https://w3id.org/hskg/id/actor/nato,North Atlantic Treaty Organization",
                                "https://w3id.org/hskg/id/actor/un,United Nations"]
    (project / "graph" / "actors.ttl").write_text((project / "graph" / "actors.ttl").read_text()
                                                  .replace("United Nations", "UN"))
    assert run_hskg("--root", str(project), "push")[0] == 0  # replaces: the old label is gone
    assert run_hskg("--root", str(project), "query", "organizations", "--format", "csv")[1].splitlines()[2] == (
        "https://w3id.org/hskg/id/actor/un,UN")
    monkeypatch.delenv("HSKG_STORE_PASSWORD")
    code, out, err = run_hskg("--root", str(project), "query", "organizations")
    assert (code, out) == (2, "")
    assert err == f"hskg: error: the store at {virtuoso.sparql} answered 401 digest auth failed\n"
