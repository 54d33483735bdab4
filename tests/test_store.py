"""The store contract: every implementation of ``hskg.store.Store`` passes the same tests.

Query, data and expected result, in the style of rdflib's SPARQL tests: each test fills
named graphs with a few triples and asserts the exact answer.
"""

import pyoxigraph as ox
import pytest

from hskg.errors import HskgError
from hskg.store import ASSERTED_GRAPHS, DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, OxigraphStore, open_store
from hskg.store_remote import RemoteStore

EX = "https://example.org/"
A, B, C = (ox.NamedNode(EX + n) for n in "abc")
KNOWS = ox.NamedNode(EX + "knows")
NAME = ox.NamedNode(EX + "name")


@pytest.fixture(params=["memory", "disk", pytest.param("virtuoso", marks=[pytest.mark.virtuoso, pytest.mark.slow])])
def store(request, tmp_path):
    if request.param == "virtuoso":
        server = request.getfixturevalue("virtuoso")
        remote = open_store(server.sparql, graph_store=server.graph_store)
        for graph in remote.named_graphs():  # each test starts from an empty store
            remote.clear_graph(graph)
        return remote
    return open_store(None if request.param == "memory" else tmp_path / "store")


def rows(result):
    return sorted(tuple(cell.value if cell is not None else None for cell in row) for row in result.rows)


def test_triples_added_to_a_graph_are_queried_over_the_graphs_asked_for(store):
    store.add_triples([ox.Triple(A, KNOWS, B)], DATA_GRAPH)
    store.add_triples([ox.Triple(B, KNOWS, C)], INFERRED_GRAPH)
    query = "SELECT ?x ?y WHERE { ?x <https://example.org/knows> ?y }"
    assert rows(store.query(query)) == [(EX + "a", EX + "b")]
    assert rows(store.query(query, graphs=[DATA_GRAPH, INFERRED_GRAPH])) == [(EX + "a", EX + "b"),
                                                                              (EX + "b", EX + "c")]
    assert store.count() == 1 and store.count([INFERRED_GRAPH]) == 1
    assert store.named_graphs() == [DATA_GRAPH, INFERRED_GRAPH]


def test_bindings_are_substituted_by_the_engine_and_prefixes_are_predeclared(store):
    store.add_triples([ox.Triple(A, NAME, ox.Literal("Ann")), ox.Triple(B, NAME, ox.Literal("Bo"))], DATA_GRAPH)
    result = store.query("SELECT ?who ?name WHERE { ?who <https://example.org/name> ?name }",
                         bindings={"name": ox.Literal("Bo")})
    assert rows(result) == [(EX + "b", "Bo")]
    assert store.query("ASK { ?x rdf:type ?t }").boolean is False


def test_construct_returns_triples(store):
    store.add_triples([ox.Triple(A, KNOWS, B)], DATA_GRAPH)
    result = store.query("CONSTRUCT { ?y <https://example.org/knows> ?x } WHERE { ?x <https://example.org/knows> ?y }")
    assert (result.form, result.triples) == ("graph", [ox.Triple(B, KNOWS, A)])


def test_holds_looks_a_triple_up_in_the_graphs_asked_for(store):
    store.add_triples([ox.Triple(A, KNOWS, B), ox.Triple(A, NAME, ox.Literal("Ann", language="en"))], DATA_GRAPH)
    store.add_triples([ox.Triple(B, KNOWS, C)], INFERRED_GRAPH)
    assert [store.holds(ox.Triple(A, KNOWS, B)), store.holds(ox.Triple(B, KNOWS, C)),
            store.holds(ox.Triple(B, KNOWS, C), [DATA_GRAPH, INFERRED_GRAPH]), store.holds(ox.Triple(B, KNOWS, C), []),
            store.holds(ox.Triple(A, NAME, ox.Literal("Ann", language="en"))),
            store.holds(ox.Triple(A, NAME, ox.Literal("Ann")))] == [True, False, True, False, True, False]


def test_a_blank_node_is_looked_up_in_an_embedded_store_and_refused_by_a_remote_one(store):
    node = ox.BlankNode()
    store.add_triples([ox.Triple(node, KNOWS, A)], DATA_GRAPH)
    if isinstance(store, RemoteStore):
        with pytest.raises(HskgError, match="^a triple with a blank node cannot be looked up in a remote store$"):
            store.holds(ox.Triple(node, KNOWS, A))
    else:
        assert [store.holds(ox.Triple(node, KNOWS, A)), store.holds(ox.Triple(ox.BlankNode(), KNOWS, A))] == [True, False]


def test_remove_and_clear_change_only_their_graph(store):
    store.add_triples([ox.Triple(A, KNOWS, B), ox.Triple(A, KNOWS, C)], DATA_GRAPH)
    store.add_triples([ox.Triple(A, KNOWS, B)], ONTOLOGY_GRAPH)
    store.remove_triples([ox.Triple(A, KNOWS, B)], DATA_GRAPH)
    assert sorted(store.triples([DATA_GRAPH]), key=str) == [ox.Triple(A, KNOWS, C)]
    assert list(store.triples([ONTOLOGY_GRAPH])) == [ox.Triple(A, KNOWS, B)]
    store.clear_graph(DATA_GRAPH)
    store.clear_graph(INFERRED_GRAPH)  # clearing a graph that is not there is no error
    assert store.count([DATA_GRAPH]) == 0 and store.count(ASSERTED_GRAPHS) == 1


def test_a_turtle_file_loads_whole_or_not_at_all(store, tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("<https://example.org/a> <https://example.org/knows> <https://example.org/b> .\n")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<https://example.org/a> <https://example.org/knows> <https://example.org/c> .\n"
                   "<https://example.org/a> <https://example.org/knows> .\n")
    store.load_turtle(good, DATA_GRAPH)
    with pytest.raises(SyntaxError):
        store.load_turtle(bad, DATA_GRAPH)
    assert list(store.triples([DATA_GRAPH])) == [ox.Triple(A, KNOWS, B)]


def test_an_on_disk_store_keeps_its_triples_when_opened_again(tmp_path):
    first = open_store(tmp_path / "store")
    first.add_triples([ox.Triple(A, KNOWS, B)], DATA_GRAPH)
    del first
    assert list(open_store(tmp_path / "store").triples([DATA_GRAPH])) == [ox.Triple(A, KNOWS, B)]


def test_open_store_chooses_by_location_and_refuses_what_it_cannot_open(tmp_path):
    assert isinstance(open_store(), OxigraphStore) and open_store().path is None
    assert open_store("memory").path is None
    assert open_store(tmp_path / "db").path == tmp_path / "db"
    (tmp_path / "file").write_text("x")
    with pytest.raises(HskgError, match="it is a file, not a folder"):
        open_store(tmp_path / "file")
    remote = open_store("http://127.0.0.1:8890/sparql", update="http://127.0.0.1:8890/update")
    assert (type(remote), remote.endpoint, remote.update_endpoint, remote.graph_store) == (
        RemoteStore, "http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/update", None)
