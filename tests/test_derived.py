"""Derived triples (the OWL inferences in build/) are kept in step by the content of their
inputs: an edit, a new file and a deleted file each make them computed again."""

import shutil

import pyoxigraph as ox
import pytest

from conftest import DATA
from hskg.derived import HEADER, cached_triples, fingerprint
from hskg.knowledge import KnowledgeGraph

A, P, B = (ox.NamedNode(f"https://example.org/{n}") for n in "apb")


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "one.ttl").write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n")
    return folder


def test_the_fingerprint_follows_content_names_and_presence_not_file_times(inputs):
    files = lambda: sorted(inputs.glob("*.ttl"))  # noqa: E731
    first = fingerprint(files(), inputs)
    (inputs / "one.ttl").touch()
    assert fingerprint(files(), inputs) == first  # a new time, the same content
    (inputs / "two.ttl").write_text("")
    with_new_file = fingerprint(files(), inputs)
    assert with_new_file != first
    (inputs / "two.ttl").unlink()
    assert fingerprint(files(), inputs) == first
    (inputs / "one.ttl").write_text("# edited\n")
    assert fingerprint(files(), inputs) not in (first, with_new_file)


def test_derived_triples_are_computed_once_per_fingerprint(tmp_path):
    target = tmp_path / "build" / "derived.ttl"
    calls = []

    def compute():
        calls.append(1)
        return [ox.Triple(A, P, B)]

    assert cached_triples(target, "f1", compute) == [ox.Triple(A, P, B)]
    assert target.read_text(encoding="utf-8").startswith(f"{HEADER}f1\n")
    assert cached_triples(target, "f1", compute) == [ox.Triple(A, P, B)]
    assert len(calls) == 1
    cached_triples(target, "f2", compute)
    assert len(calls) == 2 and target.read_text(encoding="utf-8").startswith(f"{HEADER}f2\n")


@pytest.mark.java
def test_the_inferences_follow_an_edit_a_new_file_and_a_deleted_file(tmp_path):
    project = shutil.copytree(DATA / "valid" / "reasoning-project", tmp_path / "project")
    first = KnowledgeGraph.open(project)
    inferred = first.inferences()
    assert first.inferred_file.read_text(encoding="utf-8").startswith(f"{HEADER}{first.inputs}\n")
    extra = project / "graph" / "extra.ttl"
    extra.write_text("", encoding="utf-8")
    second = KnowledgeGraph.open(project)
    assert second.inputs != first.inputs
    assert second.inferences() == inferred  # an empty file adds nothing, but the cache was renewed
    assert second.inferred_file.read_text(encoding="utf-8").startswith(f"{HEADER}{second.inputs}\n")
    extra.unlink()
    third = KnowledgeGraph.open(project)
    assert third.inputs == first.inputs
    third.inferences()
    assert third.inferred_file.read_text(encoding="utf-8").startswith(f"{HEADER}{first.inputs}\n")
