"""What a person reads from a remote store is what the embedded store gives, byte for byte:
the evidence report (``hskg coverage``), every view (``hskg view``), the site of ``hskg build``
and the explorer's data of ``hskg serve``.  The shipped graph is pushed to the test Virtuoso
once; each command runs on a copy of the project against both stores.

(A store lists triples in an order of its own: before these tests the views listed a node's
alternative labels and a source's address in that order, the reference pages a property's
characteristics, and the evidence report found one claim on Virtuoso 7.2.)
"""

import json
import shutil

import httpx
import pytest

from conftest import ROOT
from hskg import KnowledgeGraph
from hskg.store import open_store
from test_serve_helpers import Server

pytestmark = [pytest.mark.virtuoso, pytest.mark.slow]
VIEWS = {"overview": (), "notions": ("--view", "notions"), "actors": ("--view", "actors"), "law": ("--view", "law"),
         "report": ("--view", "report"), "classes": ("--view", "classes"),
         "focus on the narrow notion": ("--focus", "notion:narrow"),
         "focus on NATO, one step": ("--focus", "actor:nato", "--depth", "1")}
DATA_QUESTIONS = [("info", {}), ("search", {"q": "kaldor"}), ("node", {"id": "https://w3id.org/hskg/id/notion/narrow"}),
                  ("neighbours", {"id": "https://w3id.org/hskg/id/actor/nato"}),
                  ("evidence", {"a": "https://w3id.org/hskg/id/notion/narrow",
                                "b": "https://w3id.org/hskg/id/concept/human-rights"}),
                  ("nodes-of-kind", {"kind": "notion"}), ("default-focus", {})]


@pytest.fixture(scope="module")
def project(virtuoso, tmp_path_factory):
    """A copy of the project, its graph pushed to Virtuoso."""
    copy = tmp_path_factory.mktemp("remote-pages") / "project"
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, copy / folder)
    KnowledgeGraph.open(copy).push(open_store(virtuoso.sparql, graph_store=virtuoso.graph_store))
    return copy


def on_both(run_hskg, project, virtuoso, *args):
    """The command's (exit code, output, errors) on the embedded store and on Virtuoso."""
    return [run_hskg("--root", str(project), "--store", store, *args) for store in ("memory", virtuoso.sparql)]


def test_the_evidence_report_is_the_same_on_both_stores(run_hskg, project, virtuoso):
    embedded, remote = on_both(run_hskg, project, virtuoso, "coverage", "--format", "json")
    assert remote == embedded
    narrow = next(entry for entry in json.loads(remote[1]) if entry["node"].endswith("/notion/narrow"))
    assert narrow == {"node": "https://w3id.org/hskg/id/notion/narrow", "label": "narrow notion of human security",
                      "kind": "notion", "claims": 3, "report_claims": 3, "context_claims": 0, "passages": 2,
                      "sources": 1, "context_only": [],
                      "source_labels": ["Human Security – Frameworks, Concepts, Actors and Challenges in Relevance to NATO"]}


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_is_the_same_page_on_both_stores(run_hskg, project, virtuoso, tmp_path, view):
    pages, said = [], []
    for store in ("memory", virtuoso.sparql):
        page = tmp_path / f"{len(pages)}.html"
        code, out, err = run_hskg("--root", str(project), "--store", store, "view", *VIEWS[view], "-o", str(page))
        assert (code, out.startswith(f"wrote {page} ("), err) == (0, True, "")
        pages.append(page.read_bytes())
        said.append(out.removeprefix(f"wrote {page} "))  # (N nodes, M edges)
    assert (pages[1] == pages[0], said[1]) == (True, said[0])


def test_the_built_site_is_the_same_on_both_stores(run_hskg, project, virtuoso, tmp_path):
    sites = []
    for store in ("memory", virtuoso.sparql):
        code, out, err = run_hskg("--root", str(project), "--store", store, "build")
        assert (code, err) == (0, "")
        sites.append({path.relative_to(project / "build" / "site").as_posix(): path.read_bytes()
                      for path in sorted((project / "build" / "site").rglob("*")) if path.is_file()})
        shutil.rmtree(project / "build" / "site")
    assert (sorted(sites[1]) == sorted(sites[0]), [name for name in sites[0] if sites[0][name] != sites[1][name]]) == (
        True, [])
    assert out.splitlines()[-1] == f"6233 triples from the store at {virtuoso.sparql}"


def test_the_explorer_answers_the_same_from_both_stores(project, virtuoso, tmp_path):
    servers = [Server(project, tmp_path / "memory.log", store="memory"),
               Server(project, tmp_path / "remote.log", store=virtuoso.sparql)]
    try:
        with httpx.Client(timeout=30) as client:
            for question, params in DATA_QUESTIONS:
                answers = [client.get(f"{server.url}/data/{question}", params=params) for server in servers]
                assert [answer.status_code for answer in answers] == [200, 200], (question, answers[1].text)
                assert answers[1].json() == answers[0].json(), question
    finally:
        for server in servers:
            server.stop()
