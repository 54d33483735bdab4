"""The worker pool's parent-side work: what it fills before forking, and how it notices a
change on disk without hashing every file every second."""

from __future__ import annotations

import asyncio
import os
import shutil

import pytest
from test_serve_helpers import ROOT

from hskg import KnowledgeGraph
from hskg.serve import PoolSettings, pool
from hskg.serve import data as explorer_data_module
from hskg.store import ENTAILED_GRAPH

MINI_PROJECT = ROOT / "tests" / "data" / "valid" / "mini-project"
LONG_AGO = 1_000_000_000  # 2001: far outside the racy window


@pytest.fixture
def project(tmp_path):
    copied = shutil.copytree(MINI_PROJECT, tmp_path / "project")
    for path in copied.rglob("*.ttl"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    return copied


def test_the_parent_fills_the_entailments_and_the_explorer_table_before_forking(project):
    shutil.copytree(ROOT / "queries" / "rules", project / "queries" / "rules")
    kg = KnowledgeGraph.open(project)
    assert kg.store.count([ENTAILED_GRAPH]) == 0
    workers = pool.WorkerPool(kg, PoolSettings(workers=1))
    workers.start()
    try:
        assert kg.store.count([ENTAILED_GRAPH]) == len(kg.entailments()) > 0
        assert explorer_data_module.explorer_graph(kg) is explorer_data_module._loaded[1]
        assert explorer_data_module._loaded[0] is kg  # built here, inherited by every fork
    finally:
        workers.close()


def look(workers) -> None:
    workers.checked = 0.0  # as if a second had passed
    asyncio.run(workers._reload_if_changed())


def test_an_unchanged_project_is_not_hashed_and_an_edit_is_served(project, monkeypatch):
    kg = KnowledgeGraph.open(project)
    workers = pool.WorkerPool(kg, PoolSettings(workers=1))
    hashed = []
    real = pool.project_fingerprint
    monkeypatch.setattr(pool, "project_fingerprint", lambda p: hashed.append(p) or real(p))
    look(workers)
    look(workers)
    assert hashed == []
    edited = project / "graph" / "added.ttl"
    edited.write_text("@prefix hskg: <https://w3id.org/hskg/ontology#> .\n"
                      "<https://w3id.org/hskg/id/actor/au> a hskg:Organization .\n", encoding="utf-8")
    look(workers)
    try:
        assert hashed == [kg.project]
        assert workers.generation == 1 and workers.kg is not kg
        assert workers.kg.resolve("actor:au").value == "https://w3id.org/hskg/id/actor/au"
    finally:
        workers.close()


def test_a_file_changed_within_the_racy_window_is_hashed_even_with_an_equal_stamp(project, monkeypatch):
    kg = KnowledgeGraph.open(project)
    workers = pool.WorkerPool(kg, PoolSettings(workers=1))
    touched = next(project.rglob("*.ttl"))
    os.utime(touched)  # now: same size, same inode; a same-size edit could hide behind the clock
    workers.stamp = pool.project_stamp(kg.project)
    hashed = []
    real = pool.project_fingerprint
    monkeypatch.setattr(pool, "project_fingerprint", lambda p: hashed.append(p) or real(p))
    look(workers)
    assert hashed == [kg.project] and workers.generation == 0  # hashed, found equal, not reloaded
