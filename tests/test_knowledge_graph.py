"""``KnowledgeGraph``, the front door: what the command does, a notebook can call."""

import pytest

from conftest import MINI_PROJECT
from hskg import KnowledgeGraph
from hskg.errors import HskgError
from hskg.query import QueryError

NATO = "https://w3id.org/hskg/id/actor/nato"


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.open(MINI_PROJECT)


def test_open_finds_the_project_and_loads_every_file(kg):
    assert kg.project.root == MINI_PROJECT
    assert [f.path.name for f in kg.files] == ["schema.ttl", "actors.ttl", "claims.ttl"]
    assert kg.vocabulary.HSKG.Claim.value == "https://w3id.org/hskg/ontology#Claim"


def test_catalog_and_free_queries_with_parameters_bound_by_the_engine(kg):
    assert sorted(kg.catalog()) == ["claims-from", "organizations", "runaway"]
    assert kg.catalog_query("claims-from", {"source": "nato-topic"}).values("claim") == {
        "https://w3id.org/hskg/id/claim/three"}
    result = kg.query("SELECT ?org WHERE { ?org a hskg:Organization } ORDER BY ?org")
    assert result.values("org") == {NATO, "https://w3id.org/hskg/id/actor/un"}
    with pytest.raises(QueryError, match="no catalog query named 'organisations'; did you mean organizations"):
        kg.catalog_query("organisations")


def test_labels_and_names_follow_the_one_policy(kg):
    assert kg.labels([NATO]) == {NATO: "North Atlantic Treaty Organization"}
    assert kg.resolve("north atlantic treaty organization").value == NATO  # case folded
    assert kg.resolve("nato").value == NATO  # the slug


def test_an_on_disk_store_holds_the_project_and_is_reloaded_whole(tmp_path):
    location = tmp_path / "store"
    first = KnowledgeGraph.open(MINI_PROJECT, store=location)
    triples = first.store.count()
    del first
    again = KnowledgeGraph.open(MINI_PROJECT, store=location)
    assert again.store.count() == triples  # loaded afresh, not twice
    assert again.labels([NATO]) == {NATO: "North Atlantic Treaty Organization"}


def test_a_folder_that_is_no_project_is_refused(tmp_path):
    with pytest.raises(HskgError, match="is not an hskg project"):
        KnowledgeGraph.open(tmp_path)
