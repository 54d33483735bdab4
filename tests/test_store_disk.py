"""The persistent store (build/store/): kept in step with the files, exactly, and shared
safely between processes.  Each test compares it with a fresh in-memory load of the same
files, byte for byte (the export gives blank nodes canonical ids)."""

import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest

from conftest import MINI_PROJECT, ROOT, materialized
from hskg import KnowledgeGraph
from hskg.errors import RdfSyntaxError
from hskg.store import DATA_GRAPH, ENTAILED_GRAPH, INFERRED_GRAPH
from hskg.store_disk import DiskStore

ACTORS = "graph/actors.ttl"
AU = ('@prefix hskg: <https://w3id.org/hskg/ontology#> .\n'
      '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
      '<https://w3id.org/hskg/id/actor/au> a hskg:Organization ; rdfs:label "African Union" .\n')
ORGANIZATIONS = "SELECT ?label WHERE { ?o a hskg:Organization ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture
def project(tmp_path):
    return materialized(MINI_PROJECT, tmp_path / "project")


def on_disk(project):
    return KnowledgeGraph.open(project, store=project / "build" / "store")


def same_as_a_fresh_load(kg, project) -> bool:
    return kg.export("nt") == KnowledgeGraph.open(project).export("nt")


def labels(kg):
    return [row[0].value for row in kg.query(ORGANIZATIONS).rows]


def reloaded(kg):
    return [f.path.relative_to(kg.project.root).as_posix() for f in kg.files if f.loaded_now]


def test_the_first_command_loads_every_file_and_the_next_loads_none(project):
    first = on_disk(project)
    assert isinstance(first.store, DiskStore)
    assert reloaded(first) == ["ontology/schema.ttl", "graph/actors.ttl", "graph/claims.ttl"]
    assert same_as_a_fresh_load(first, project)
    del first
    second = on_disk(project)
    assert reloaded(second) == []
    assert labels(second) == ["North Atlantic Treaty Organization", "United Nations"]


def test_an_edited_file_is_loaded_again_and_only_it(project):
    on_disk(project)
    actors = project / ACTORS
    actors.write_text(actors.read_text().replace("United Nations", "United Nations Organization"))
    kg = on_disk(project)
    assert reloaded(kg) == [ACTORS]
    assert labels(kg) == ["North Atlantic Treaty Organization", "United Nations Organization"]
    assert same_as_a_fresh_load(kg, project)


def test_a_touched_file_with_the_same_content_is_not_loaded_again(project):
    on_disk(project)
    (project / ACTORS).write_bytes((project / ACTORS).read_bytes())
    assert reloaded(on_disk(project)) == []


def test_a_new_and_a_deleted_file_change_exactly_their_triples(project):
    (project / "graph" / "copy.ttl").write_text((project / ACTORS).read_text())  # the same triples twice
    on_disk(project)
    (project / "graph" / "copy.ttl").unlink()  # what actors.ttl also says stays
    (project / "graph" / "au.ttl").write_text(AU)
    kg = on_disk(project)
    assert reloaded(kg) == ["graph/au.ttl"]
    assert labels(kg) == ["African Union", "North Atlantic Treaty Organization", "United Nations"]
    assert same_as_a_fresh_load(kg, project)
    (project / ACTORS).unlink()
    assert labels(on_disk(project)) == ["African Union"]


def test_a_file_that_does_not_parse_is_refused_and_the_next_command_loads_it_when_fixed(project):
    on_disk(project)
    actors = project / ACTORS
    good = actors.read_text()
    actors.write_text(good + "actor:au a .\n")
    with pytest.raises(RdfSyntaxError) as refused:
        on_disk(project)
    assert str(refused.value) == "graph/actors.ttl:11:12: syntax error: . is not a valid RDF object"
    actors.write_text(good.replace("United Nations", "UN"))
    kg = on_disk(project)
    assert reloaded(kg) == [ACTORS]
    assert labels(kg) == ["North Atlantic Treaty Organization", "UN"]


def test_deleting_build_loses_nothing(project):
    on_disk(project)
    shutil.rmtree(project / "build")
    kg = on_disk(project)
    assert reloaded(kg) == ["ontology/schema.ttl", "graph/actors.ttl", "graph/claims.ttl"]
    assert same_as_a_fresh_load(kg, project)


@pytest.mark.slow
def test_entailments_are_kept_in_the_store_and_computed_again_after_an_edit(tmp_path):
    project = tmp_path / "shipped"
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, project / folder)
    question = "SELECT ?x WHERE { ?x hskg:relatesTo actor:african-union } ORDER BY ?x"
    first = on_disk(project)
    assert first.query(question).rows == []
    (project / "graph" / "au.ttl").write_text(
        '@prefix hskg: <https://w3id.org/hskg/ontology#> .\n'
        '<https://w3id.org/hskg/id/actor/nato> hskg:influences <https://w3id.org/hskg/id/actor/african-union> .\n')
    second = on_disk(project)
    assert [row[0].value for row in second.query(question).rows] == ["https://w3id.org/hskg/id/actor/nato"]
    assert second.store.derived_inputs(ENTAILED_GRAPH) == second._entailment_inputs()
    third = on_disk(project)
    assert [row[0].value for row in third.query(question).rows] == ["https://w3id.org/hskg/id/actor/nato"]
    assert not (project / "build" / "entailed.ttl").exists()  # the store holds them: no file besides
    assert third.entailments() == second.entailments() == KnowledgeGraph.open(project).entailments()
    shutil.rmtree(project / "build" / "store.files")  # no lines kept: read from the store, written whole
    (project / "graph" / "au.ttl").unlink()
    fourth = on_disk(project)
    assert fourth.query(question).rows == []
    assert fourth.entailments() == KnowledgeGraph.open(project).entailments() == first.entailments()


def test_the_command_keeps_its_graph_in_build_store_unless_another_store_is_chosen(project, run_hskg, monkeypatch):
    monkeypatch.delenv("HSKG_STORE")
    expected = ["https://w3id.org/hskg/id/actor/nato,North Atlantic Treaty Organization",
                "https://w3id.org/hskg/id/actor/un,United Nations"]
    code, out, err = run_hskg("--root", str(project), "query", "organizations", "--format", "csv")
    assert (code, err, out.splitlines()[1:]) == (0, "", expected)
    assert (project / "build" / "store").is_dir() and (project / "build" / "store.json").is_file()
    shutil.rmtree(project / "build")
    (project / "hskg.toml").write_text('[store]\nlocation = "memory"\n')
    code, out, err = run_hskg("--root", str(project), "query", "organizations", "--format", "csv")
    assert (code, err, out.splitlines()[1:]) == (0, "", expected)
    assert not (project / "build" / "store").exists()
    monkeypatch.setenv("HSKG_STORE", "elsewhere")  # the environment before the settings file
    assert run_hskg("--root", str(project), "query", "organizations", "--format", "csv")[0] == 0
    assert (project / "elsewhere").is_dir() and not (project / "build" / "store").exists()


@pytest.mark.slow
def test_concurrent_commands_on_a_new_store_all_answer_the_same(project):
    command = [sys.executable, "-m", "hskg.cli", "--root", str(project), "--store", str(project / "build" / "store"),
               "query", "organizations", "--format", "csv"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    answers = [(run.wait(timeout=120), run.stdout.read().decode(), run.stderr.read().decode()) for run in runs]
    expected = ("organization,label\r\nhttps://w3id.org/hskg/id/actor/nato,North Atlantic Treaty Organization\r\n"
                "https://w3id.org/hskg/id/actor/un,United Nations\r\n")
    assert answers == [(0, expected, "")] * 4


@pytest.mark.slow
def test_an_edit_that_changes_no_triple_keeps_the_entailments_and_one_that_does_does_not(tmp_path):
    """The entailments depend on the triples only: a comment or a new layout cannot change them
    (they are not derived again, nothing is written); any changed triple can, since every
    statement whose predicate has a super-property and every typed node is a rule's premise."""
    project = tmp_path / "shipped"
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, project / folder)
    first = on_disk(project)
    first.graphs()
    derived = first.store.derived_inputs(ENTAILED_GRAPH)
    actors = project / "graph" / "actors.ttl"
    actors.write_text("# a comment, and the triples laid out again\n\n" + actors.read_text(encoding="utf-8"),
                      encoding="utf-8")
    second = on_disk(project)
    assert reloaded(second) == ["graph/actors.ttl"]
    generation = second.store.generation
    second.graphs()
    assert (second.store.derived_inputs(ENTAILED_GRAPH), second.store.generation) == (derived, generation)
    assert second.entailments() == KnowledgeGraph.open(project).entailments()
    actors.write_text(actors.read_text(encoding="utf-8").replace('"NATO"@en', '"N.A.T.O."@en'), encoding="utf-8")
    third = on_disk(project)
    third.graphs()
    assert third.store.derived_inputs(ENTAILED_GRAPH) not in (None, derived)
    assert third.entailments() == KnowledgeGraph.open(project).entailments()


def test_a_graph_another_process_adds_is_listed_and_queried_from_the_next_read(tmp_path):
    """The project's graphs are listed once per generation: a write of another process (a new
    generation) lists them again."""
    (tmp_path / "store").mkdir()
    store = DiskStore.open(tmp_path / "store")
    store.add_triples([ox.Triple(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                                 ox.Literal("in data"))], DATA_GRAPH)
    assert store.named_graphs() == [DATA_GRAPH]
    writer = ("import sys, pyoxigraph as ox; from pathlib import Path; from hskg.store_disk import DiskStore; "
              "from hskg.store import INFERRED_GRAPH; DiskStore.open(Path(sys.argv[1])).add_triples([ox.Triple("
              "ox.NamedNode('https://example.org/a'), ox.NamedNode('https://example.org/p'), ox.Literal('inferred'))], "
              "INFERRED_GRAPH)")
    subprocess.run([sys.executable, "-c", writer, str(tmp_path / "store")], check=True, timeout=60)
    assert store.named_graphs() == [DATA_GRAPH, INFERRED_GRAPH]
    answer = store.query("SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", graphs=[])
    assert [(g.value, o.value) for g, o in answer.rows] == [(DATA_GRAPH.value, "in data"),
                                                           (INFERRED_GRAPH.value, "inferred")]
