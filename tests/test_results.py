"""The library side of queries: catalog queries by name, results as Python values and data frames."""

import pyoxigraph as ox

from conftest import MINI_PROJECT
from hskg import KnowledgeGraph
from hskg.labels import labels_of
from hskg.namespaces import compact
from hskg.results import python_value, to_dataframe

KNOWLEDGE = KnowledgeGraph.open(MINI_PROJECT)


def test_a_catalog_query_runs_by_name_with_its_parameters_in_process():
    result = KNOWLEDGE.catalog_query("claims-from", {"source": "nato-topic"})
    assert result.values("claim") == {"https://w3id.org/hskg/id/claim/three"}


def test_a_result_becomes_a_data_frame_of_labels_and_values():
    result = KNOWLEDGE.catalog_query("organizations", timeout=30)
    frame = to_dataframe(result, KNOWLEDGE.store)
    assert frame.to_dict("records") == [
        {"organization": "North Atlantic Treaty Organization", "label": "North Atlantic Treaty Organization"},
        {"organization": "United Nations", "label": "United Nations"},
    ]
    assert to_dataframe(result)["organization"].tolist() == ["actor:nato", "actor:un"]


def test_python_values_of_literals_and_nodes():
    integer = ox.Literal("43", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    boolean = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    assert python_value(integer, {}) == 43
    assert python_value(boolean, {}) is True
    assert python_value(ox.Literal("two\n   lines"), {}) == "two lines"
    assert python_value(ox.NamedNode("https://w3id.org/hskg/id/actor/un"), {}) == "actor:un"
    assert python_value(None, {}) is None


def test_labels_of_any_iris_and_compact_of_nothing():
    assert labels_of(KNOWLEDGE.store, ["https://w3id.org/hskg/id/actor/un", "https://example.org/none", ""]) == {
        "https://w3id.org/hskg/id/actor/un": "United Nations"}
    assert compact("") == ""
