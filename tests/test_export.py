"""Every export format round-trips to the same triples; GraphML to the same network."""

import io

import networkx as nx
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import MINI_PROJECT
from hskg.export import FORMATS, canonical_blank_nodes, serialize
from hskg.knowledge import load_project
from hskg.views.graph import to_networkx
from hskg.project import Project

RDFLIB_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


@pytest.fixture(scope="module")
def triples():
    return list(load_project(Project(MINI_PROJECT)).store.triples())


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMATS))
def test_rdf_formats_round_trip_to_an_isomorphic_graph(triples, fmt):
    from hskg.rdf import to_rdflib_graph

    parsed = rdflib.Graph().parse(data=serialize(triples, fmt), format=RDFLIB_FORMATS[fmt])
    assert len(parsed) == len(triples) == 28
    assert isomorphic(parsed, to_rdflib_graph(triples))


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_byte_for_byte_deterministic(fmt):
    first = serialize(load_project(Project(MINI_PROJECT)).store.triples(), fmt)
    second = serialize(load_project(Project(MINI_PROJECT)).store.triples(), fmt)
    assert first == second


def test_turtle_export_uses_the_project_prefixes(triples):
    text = serialize(triples, "ttl").decode("utf-8")
    assert "@prefix actor: <https://w3id.org/hskg/id/actor/> ." in text
    assert "actor:nato a hskg:Organization" in text


def test_graphml_holds_the_same_nodes_and_edges_as_the_networkx_graph(triples):
    network = to_networkx(canonical_blank_nodes(triples))
    read_back = nx.read_graphml(io.BytesIO(serialize(triples, "graphml")), force_multigraph=True)
    assert set(read_back.nodes) == set(network.nodes)
    assert sorted((s, o, d["predicate"]) for s, o, d in read_back.edges(data=True)) == sorted(
        (s, o, d["predicate"]) for s, o, d in network.edges(data=True)
    )
    assert read_back.nodes["https://w3id.org/hskg/id/claim/one"]["types"] == "hskg:Claim"
    assert {s for s, _, p in network.edges(data="predicate") if p == "prov:wasDerivedFrom"} == {
        "https://w3id.org/hskg/id/claim/one",
        "https://w3id.org/hskg/id/claim/two",
        "https://w3id.org/hskg/id/claim/three",
    }


def test_networkx_graph_carries_labels_and_leaves_literals_out(triples):
    network = to_networkx(triples)
    assert network.nodes["https://w3id.org/hskg/id/report/hfm-et-201"]["label"].startswith("Human Security – Frameworks")
    assert all(not node.startswith('"') for node in network.nodes)


def test_export_command_writes_a_file_atomically_and_refuses_an_unknown_format(run_hskg, tmp_path):
    target = tmp_path / "out" / "graph.nt"
    code, _, err = run_hskg("--root", str(MINI_PROJECT), "export", "--format", "nt", "-o", str(target))
    assert code == 0, err
    assert len(target.read_text(encoding="utf-8").splitlines()) == 28
    assert [p.name for p in target.parent.iterdir()] == ["graph.nt"]
    code, out, err = run_hskg("--root", str(MINI_PROJECT), "export", "--format", "csv")
    assert code == 2
    assert "'csv' is not one of" in err


def test_build_writes_the_merged_graph_in_three_formats(run_hskg, tmp_path):
    import shutil

    project = tmp_path / "project"
    shutil.copytree(MINI_PROJECT, project)
    code, out, err = run_hskg("--root", str(project), "build")
    assert code == 0, err
    assert sorted(p.name for p in (project / "build").iterdir()) == ["hskg.jsonld", "hskg.nt", "hskg.ttl", "site"]
    assert sorted(p.name for p in (project / "build" / "site").iterdir()) == [
        "actors.html", "annotated-report.html", "citations.html", "classes.html", "evidence.html", "explore.html",
        "index.html", "law.html", "notions.html", "overview.html", "reference", "report.html"]
    for name, fmt in [("hskg.ttl", "turtle"), ("hskg.nt", "nt"), ("hskg.jsonld", "json-ld")]:
        assert len(rdflib.Graph().parse(project / "build" / name, format=fmt)) == 28
    assert out.splitlines()[-1] == "28 triples from 3 files"


# The GraphML of the mini project as hskg.network.to_networkx wrote it (commit 95c88fb),
# before the views and the export shared one graph builder (hskg.views.graph).
MINI_GRAPHML_SHA256 = "fa81df80ada3f8318b88d0206107ddf2bb9b8b4ba68aa3655386feaa42330a96"


def test_graphml_bytes_are_those_of_the_former_network_module(triples):
    import hashlib

    data = serialize(triples, "graphml")
    assert hashlib.sha256(data).hexdigest() == MINI_GRAPHML_SHA256, data.decode("utf-8")
