"""`hskg serve` follows the graph on disk: an added or edited Turtle file is served from the
next query on; a file that does not parse leaves the previous graph served."""

from __future__ import annotations

import shutil
import time

import httpx
import pytest
from test_serve_helpers import ROOT, Server

MINI_PROJECT = ROOT / "tests" / "data" / "valid" / "mini-project"
ACTORS = "SELECT ?actor WHERE { ?actor a hskg:Organization } ORDER BY ?actor"
AU = "https://w3id.org/hskg/id/actor/au"


def actors(url: str, **options) -> list[str]:
    response = httpx.get(url + "/sparql", params={"query": ACTORS}, timeout=20, **options)
    assert response.status_code == 200, response.text
    return [b["actor"]["value"] for b in response.json()["results"]["bindings"]]


def wait_for(condition, limit: float = 10.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    return condition()


@pytest.fixture
def project(tmp_path):
    return shutil.copytree(MINI_PROJECT, tmp_path / "project")


@pytest.mark.slow  # three waits of a second: the fingerprint is compared at most once a second
@pytest.mark.parametrize("store", [None, "store"])
def test_an_added_file_is_served_from_the_next_query_on(project, tmp_path, store):
    """In memory, and in an on-disk store (``hskg --store FOLDER serve``), rewritten in place."""
    (project / "build" / "site").mkdir(parents=True)
    (project / "build" / "site" / "explore.html").write_text("<!doctype html><title>explorer</title>")
    server = Server(project, tmp_path / "serve.log", "--workers", "2", store=store and tmp_path / store)
    try:
        before = actors(server.url)
        assert AU not in before
        (project / "graph" / "added.ttl").write_text(
            "@prefix hskg: <https://w3id.org/hskg/ontology#> .\n"
            "<https://w3id.org/hskg/id/actor/au> a hskg:Organization .\n", encoding="utf-8")
        time.sleep(1.1)  # the fingerprint is compared at most once a second
        assert actors(server.url) == sorted(before + [AU])
        page = httpx.get(server.url + "/id/actor/au", headers={"Accept": "text/turtle"})
        assert page.status_code == 200
        explorer = httpx.get(server.url + "/explore.html", params={"focus": AU}, follow_redirects=True)
        assert explorer.status_code == 200 and "hskg explorer" in explorer.text  # the served explorer
        assert str(explorer.url).endswith("/explore?focus=https%3A%2F%2Fw3id.org%2Fhskg%2Fid%2Factor%2Fau")
        assert httpx.get(server.url + "/data/node", params={"id": AU}).json()["id"] == AU  # its data: the new graph
        assert "<title>explorer</title>" in httpx.get(server.url + "/site/explore.html").text  # build/site/ at /site/
        (project / "graph" / "broken.ttl").write_text("this is not Turtle", encoding="utf-8")
        time.sleep(1.1)
        assert actors(server.url) == sorted(before + [AU])  # the previous graph, still
        assert wait_for(lambda: "cannot be loaded" in server.log())
        (project / "graph" / "broken.ttl").unlink()
        (project / "graph" / "added.ttl").unlink()
        time.sleep(1.1)
        assert actors(server.url) == before
    finally:
        server.stop()
