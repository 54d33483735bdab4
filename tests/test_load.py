"""Loading: which files, into which graph, deterministically; and what a syntax error says."""

import subprocess
import sys

import pytest

from conftest import MINI_PROJECT, ROOT
from rdflib.compare import isomorphic

from hskg.errors import ProjectNotFound, RdfSyntaxError
from hskg.export import canonical_blank_nodes
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.rdf import to_rdflib_graph
from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH


def test_loads_schema_and_knowledge_into_their_graphs_and_keeps_shapes_out():
    knowledge = load_project(Project(MINI_PROJECT))
    loaded = {(f.path.relative_to(MINI_PROJECT).as_posix(), f.graph) for f in knowledge.files}
    assert loaded == {
        ("ontology/schema.ttl", ONTOLOGY_GRAPH),
        ("graph/actors.ttl", DATA_GRAPH),
        ("graph/claims.ttl", DATA_GRAPH),
    }
    assert (knowledge.store.count([ONTOLOGY_GRAPH]), knowledge.store.count([DATA_GRAPH])) == (8, 20)


def test_loading_twice_gives_the_same_graph_and_the_same_canonical_triples():
    first = list(load_project(Project(MINI_PROJECT)).store.triples())
    second = list(load_project(Project(MINI_PROJECT)).store.triples())
    assert isomorphic(to_rdflib_graph(first), to_rdflib_graph(second))
    assert sorted(map(str, canonical_blank_nodes(first))) == sorted(map(str, canonical_blank_nodes(second)))
    assert any("_:c14n" in str(t) for t in canonical_blank_nodes(first)), "the fixture has blank nodes"


def test_a_turtle_error_names_the_file_the_line_and_the_cause(turtle_error_project):
    with pytest.raises(RdfSyntaxError) as caught:
        load_project(Project(turtle_error_project))
    error = caught.value
    assert error.path.as_posix() == "graph/broken.ttl"
    assert error.line == 6
    assert "Line jumps are not allowed in string literals" in error.cause


def test_a_turtle_error_exits_2_from_the_command_with_file_and_line(run_hskg, turtle_error_project):
    code, out, err = run_hskg("--root", str(turtle_error_project), "stats")
    assert code == 2
    assert out == ""
    assert err.startswith("hskg: error: graph/broken.ttl:6:")
    assert "syntax error" in err


def test_an_explicit_root_must_be_a_project_itself(tmp_path):
    assert Project.find(MINI_PROJECT).root == MINI_PROJECT.resolve()
    with pytest.raises(ProjectNotFound):
        Project.find(MINI_PROJECT / "graph")
    with pytest.raises(ProjectNotFound) as caught:
        Project.find(tmp_path)
    assert "no ontology/ and graph/" in str(caught.value)


def test_project_is_found_upwards_from_the_current_directory(monkeypatch):
    monkeypatch.chdir(MINI_PROJECT / "graph")
    assert Project.find().root == MINI_PROJECT.resolve()


def test_the_installed_command_runs_as_a_process_and_reports_a_missing_project(tmp_path):
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(tmp_path), "stats"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2
    assert done.stderr.strip() == f"hskg: error: {tmp_path} is not an hskg project: it has no ontology/ and graph/ folders"


def test_written_files_take_the_umask_or_the_mode_of_the_file_they_replace(tmp_path):
    import os

    from hskg.files import write_atomically

    old = os.umask(0o022)
    try:
        write_atomically(tmp_path / "new.ttl", b"x")
        assert (tmp_path / "new.ttl").stat().st_mode & 0o777 == 0o644
        (tmp_path / "kept.ttl").write_bytes(b"")
        (tmp_path / "kept.ttl").chmod(0o640)
        write_atomically(tmp_path / "kept.ttl", b"y")
        assert (tmp_path / "kept.ttl").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)
