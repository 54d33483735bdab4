"""The persistent store beside long-lived readers: a reader holds the store's shared lock for
one read only, so a command that changes the graph (``hskg add actor``) finishes while
``hskg serve`` or a notebook's graph stays open, and they answer with the change after it;
concurrent writers and readers leave a valid store; a writer killed half-way leaves a record
that claims nothing it did not finish, and the next command repairs the store."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import httpx
import pytest
from test_serve_helpers import Server

from conftest import MINI_PROJECT, ROOT, materialized
from hskg import KnowledgeGraph
from hskg.store_disk import STAMP_BYTES, DiskStore, file_graph

ID = "https://w3id.org/hskg/id/"
ORGANIZATIONS = "SELECT ?label WHERE { ?o a hskg:InternationalOrganization ; rdfs:label ?label } ORDER BY ?label"
MINI_ORGANIZATIONS = "SELECT ?label WHERE { ?o a hskg:Organization ; rdfs:label ?label } ORDER BY ?label"
COMMAND = [sys.executable, "-m", "hskg.cli"]
LIMIT = 180  # seconds: a command that waits for a lock forever fails here instead of hanging the suite


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""), **extra}


@pytest.fixture
def shipped(tmp_path):
    project = tmp_path / "project"
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


def add_actor(project, label: str, *store: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, "--root", str(project), *store, "add", "actor", "--label", label,
                           "--kind", "international-organization", "--no-owl"],
                          capture_output=True, text=True, timeout=LIMIT, env=environment())


def labels_served(url: str) -> list[str]:
    response = httpx.get(url + "/sparql", params={"query": ORGANIZATIONS}, timeout=30)
    assert response.status_code == 200, response.text
    return [binding["label"]["value"] for binding in response.json()["results"]["bindings"]]


@pytest.mark.slow
def test_an_actor_added_beside_hskg_serve_on_the_default_store_is_served_after(shipped, tmp_path, monkeypatch):
    """The whole command path on the default store (build/store/, no --store, no HSKG_STORE)."""
    monkeypatch.delenv("HSKG_STORE")
    server = Server(shipped, tmp_path / "serve.log", "--workers", "2")
    try:
        before = labels_served(server.url)
        assert "Test Union" not in before
        added = add_actor(shipped, "Test Union")
        assert (added.returncode, added.stdout.splitlines()[-1]) == (
            0, f"added {ID}actor/test-union (Test Union) in graph/actors/test-union.ttl")
        assert (shipped / "graph" / "actors" / "test-union.ttl").is_file()
        assert (shipped / "build" / "store").is_dir()  # the default store, shared by both
        deadline = time.monotonic() + 60
        while "Test Union" not in labels_served(server.url) and time.monotonic() < deadline:
            time.sleep(0.5)  # the server looks at the files at most once a second
        assert labels_served(server.url) == sorted([*before, "Test Union"])
        assert "cannot be loaded" not in server.log()
    finally:
        server.stop()


@pytest.mark.slow
def test_a_graph_held_open_answers_with_the_actor_another_process_added(shipped):
    store = shipped / "build" / "store"
    kg = KnowledgeGraph.open(shipped, store=store)
    before = [row[0].value for row in kg.query(ORGANIZATIONS).rows]
    added = add_actor(shipped, "Test Union", "--store", str(store))
    assert added.returncode == 0, added.stderr
    assert (shipped / "graph" / "actors" / "test-union.ttl").is_file()
    assert [row[0].value for row in kg.query(ORGANIZATIONS).rows] == sorted([*before, "Test Union"])
    assert "graph/actors/test-union.ttl" in [f.path.relative_to(shipped).as_posix() for f in kg.files]


WRITER = """
import sys
from pathlib import Path
from hskg import KnowledgeGraph
root, n = Path(sys.argv[1]), sys.argv[2]
(root / "graph" / f"writer-{n}.ttl").write_text(
    "@prefix hskg: <https://w3id.org/hskg/ontology#> .\\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\\n"
    f"<https://w3id.org/hskg/id/actor/writer-{n}> a hskg:Organization ; rdfs:label \\"Writer {n}\\" .\\n")
kg = KnowledgeGraph.open(root, store=root / "build" / "store")
print("\\n".join(row[0].value for row in kg.query(sys.argv[3]).rows))
"""


@pytest.mark.slow
def test_ten_concurrent_writers_and_readers_leave_a_store_equal_to_a_fresh_load(tmp_path):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    store = project / "build" / "store"
    KnowledgeGraph.open(project, store=store)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(project), str(n), MINI_ORGANIZATIONS],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
               for n in range(10)]
    readers = [subprocess.Popen([*COMMAND, "--root", str(project), "--store", str(store), "query", "--text",
                                 MINI_ORGANIZATIONS, "--format", "csv"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment())
               for _ in range(10)]
    for writer in writers:
        out, err = writer.communicate(timeout=LIMIT)
        assert writer.returncode == 0, err
        assert f"Writer {writers.index(writer)}" in out.splitlines()  # it sees at least its own file
    for reader in readers:
        out, err = reader.communicate(timeout=LIMIT)
        assert (reader.returncode, err) == (0, "")
        assert {"North Atlantic Treaty Organization", "United Nations"} <= set(out.splitlines()[1:])
    kg = KnowledgeGraph.open(project, store=store)
    assert [f for f in kg.files if f.loaded_now] == []  # the last writer left the store in step
    assert [row[0].value for row in kg.query(MINI_ORGANIZATIONS).rows] == sorted(
        ["North Atlantic Treaty Organization", "United Nations", *(f"Writer {n}" for n in range(10))])
    assert kg.export("nt") == KnowledgeGraph.open(project).export("nt")


def claimed_and_held(store_folder) -> tuple[dict, dict]:
    """Each file the store's record claims, with the triples it says it loaded and those its graph holds."""
    store = DiskStore.open(store_folder)
    files = store.read_state()["files"]
    return ({path: entry["triples"] for path, entry in files.items()},
            {path: store.count([file_graph(path)]) for path in files})


def bulk(label: str) -> str:
    return ("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
            + "".join(f'<{ID}actor/bulk-{n}> rdfs:label "{label} {n}" .\n' for n in range(BULK)))


BULK = 50_000


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_a_writer_killed_half_way_leaves_a_store_the_next_command_repairs(tmp_path, delay):
    """The write changes every line of a large file already loaded, removes a file and adds one."""
    project = materialized(MINI_PROJECT, tmp_path / "project")
    store = project / "build" / "store"
    (project / "graph" / "bulk.ttl").write_text(bulk("bulk"), encoding="utf-8")
    KnowledgeGraph.open(project, store=store)
    lock = project / "build" / "store.lock"
    before = lock.read_bytes()
    (project / "graph" / "bulk.ttl").write_text(bulk("renamed"), encoding="utf-8")
    (project / "graph" / "actors.ttl").unlink()
    (project / "graph" / "added.ttl").write_text(bulk("added"), encoding="utf-8")
    writer = subprocess.Popen([*COMMAND, "--root", str(project), "--store", str(store), "query", "--text",
                               MINI_ORGANIZATIONS], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=environment())
    deadline = time.monotonic() + LIMIT
    while lock.read_bytes()[:STAMP_BYTES] == before and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the writer stamps a new generation once it holds the lock, before it writes
    time.sleep(delay)
    assert writer.poll() is None, "the write ended before it could be killed"
    writer.send_signal(signal.SIGKILL)
    writer.wait(LIMIT)
    claimed, held = claimed_and_held(store)
    assert claimed == held
    kg = KnowledgeGraph.open(project, store=store)
    assert [row[0].value for row in kg.query(MINI_ORGANIZATIONS).rows] == []
    assert kg.query(f'ASK {{ <{ID}actor/bulk-9> rdfs:label "renamed 9", "added 9" }}').boolean is True
    assert kg.query(f'ASK {{ <{ID}actor/bulk-9> rdfs:label "bulk 9" }}').boolean is False
    assert kg.export("nt") == KnowledgeGraph.open(project).export("nt")
    claimed, held = claimed_and_held(store)
    assert (sorted(claimed), claimed["graph/bulk.ttl"]) == (
        ["graph/added.ttl", "graph/bulk.ttl", "graph/claims.ttl", "ontology/schema.ttl"], BULK)
    assert claimed == held


def test_an_edited_file_is_loaded_whole_again_when_its_kept_lines_are_gone(tmp_path):
    project = materialized(MINI_PROJECT, tmp_path / "project")
    store = project / "build" / "store"
    KnowledgeGraph.open(project, store=store)
    shutil.rmtree(project / "build" / "store.files")
    actors = project / "graph" / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8").replace("United Nations", "UN"), encoding="utf-8")
    kg = KnowledgeGraph.open(project, store=store)
    assert [row[0].value for row in kg.query(MINI_ORGANIZATIONS).rows] == ["North Atlantic Treaty Organization", "UN"]
    assert kg.export("nt") == KnowledgeGraph.open(project).export("nt")
    assert claimed_and_held(store)[0] == claimed_and_held(store)[1]


@pytest.mark.slow
def test_threads_sharing_a_graph_read_either_graph_whole_while_another_process_writes(tmp_path):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    project = materialized(MINI_PROJECT, tmp_path / "project")
    kg = KnowledgeGraph.open(project, store=project / "build" / "store")
    before = ["North Atlantic Treaty Organization", "United Nations"]
    after = sorted([*before, "Writer 0"])
    written = threading.Event()

    def answers(_) -> tuple[list, list]:
        """What a thread reads while the other process writes, and once it has written."""
        seen = []
        while not written.is_set():
            seen.append([row[0].value for row in kg.store.query(MINI_ORGANIZATIONS).rows])
        return seen, [row[0].value for row in kg.store.query(MINI_ORGANIZATIONS).rows]

    with ThreadPoolExecutor(max_workers=4) as threads:
        running = threads.map(answers, range(4))
        writer = subprocess.run([sys.executable, "-c", WRITER, str(project), "0", MINI_ORGANIZATIONS],
                                capture_output=True, text=True, timeout=LIMIT, env=environment())
        written.set()
        results = list(running)
    assert (writer.returncode, writer.stdout.splitlines()) == (0, after)
    assert {tuple(answer) for seen, _ in results for answer in seen} <= {tuple(before), tuple(after)}
    assert [last for _, last in results] == [after] * 4
