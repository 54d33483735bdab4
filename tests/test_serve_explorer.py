"""`hskg serve`: the explorer without embedded data (/explore) and its data interface
(/data/…), against a real server over the shipped graph: exact answers, the same as the
embedded interface's (``ExplorerGraph`` over the table ``hskg build`` embeds), and the
refusals (unknown node 404, missing parameter 400), each with a one-line reason."""

from __future__ import annotations

import httpx
import pytest
from test_serve_helpers import ROOT, Server

from hskg.serve.data import ExplorerGraph
from hskg.views.explore import explorer_data

ID = "https://w3id.org/hskg/id/"
NATO = ID + "actor/nato"
IHL = ID + "regime/ihl"
HUMANIZATION = ID + "concept/humanization-of-international-law"
NATO_NEIGHBOURS = [  # (from, relation, to) of every edge that touches actor:nato, none inferred
    ("actor/nato", "hskg:produced", "document/nato-human-security-approach-2022"),
    ("actor/nato", "hskg:produced", "document/nato-strategic-concept-2022"),
    ("actor/nato", "hskg:uses", "concept/human-security"),
    ("actor/sto", "org:subOrganizationOf", "actor/nato"),
    ("approach/nato", "hskg:approachOf", "actor/nato"),
    ("concept/human-security", "hskg:mattersTo", "actor/nato"),
    ("concept/human-security", "hskg:onAgendaOf", "actor/nato"),
    ("concept/question-what-human-security-will-mean-for-nato", "hskg:isAbout", "actor/nato"),
    ("document/bi-sc-directive-1325-2017", "hskg:producedBy", "actor/nato"),
    ("report/hfm-et-201", "hskg:describes", "actor/nato"),
    ("report/hfm-et-201", "hskg:disclaimsEndorsementBy", "actor/nato"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(ROOT, tmp_path_factory.mktemp("explore") / "serve.log", "--workers", "2")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def embedded(real_store) -> ExplorerGraph:
    """The answers of the data ``hskg build`` embeds in explore.html."""
    return ExplorerGraph(explorer_data(real_store, title="hskg explorer"))


def data(http, question: str, **params):
    answer = http.get(f"/data/{question}", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/json"
    return answer.json()


def test_neighbours_of_nato(http, embedded):
    found = data(http, "neighbours", id=NATO)
    assert [(e["from"].removeprefix(ID), e["predicate"], e["to"].removeprefix(ID)) for e in found] == NATO_NEIGHBOURS
    assert not any(e["inferred"] for e in found)
    assert found[0]["iri"] == "https://w3id.org/hskg/ontology#produced" and found[0]["label"] == "produced"
    assert found == embedded.neighbours(NATO)


def test_search_ihl(http, embedded):
    expected = [{"id": IHL, "label": "international humanitarian law", "kind": "legal regime", "alt": "IHL"}]
    assert data(http, "search", q="IHL") == expected == embedded.search("IHL")
    assert len(data(http, "search", q="human", limit="3")) == 3
    assert data(http, "search", q="human", limit="50") == embedded.search("human", 50)


def test_node_evidence_info_kinds_and_focus(http, embedded):
    nato = data(http, "node", id=NATO)
    assert (nato["label"], nato["kind"]) == ("NATO", "actor") and nato == embedded.node(NATO)
    evidence = data(http, "evidence", a=IHL, b=HUMANIZATION)
    assert evidence == embedded.edge_evidence(IHL, HUMANIZATION)
    claim = evidence[0]["claims"][0]
    assert claim["iri"] == ID + "claim/s5-2-humanization-expressed-through-ihl"
    assert claim["section"].startswith("5.2 ") and claim["references"] == ["48", "50"]
    assert claim["quotes"][0].startswith("What is often termed the humanization of international law")
    info = data(http, "info")
    assert (info["nodeCount"], info["edgeCount"]) == (260, 369) and info == embedded.info()
    assert data(http, "nodes-of-kind", kind="notion") == [ID + "notion/broad", ID + "notion/humanitarian",
                                                         ID + "notion/narrow"]
    assert data(http, "default-focus") == ID + "concept/human-security" == embedded.default_focus()


@pytest.mark.parametrize(("path", "params", "status", "reason"), [
    ("/data/node", {"id": ID + "actor/nobody"}, 404, f"no node {ID}actor/nobody in the explorer's graph"),
    ("/data/neighbours", {"id": "nope"}, 404, "no node nope in the explorer's graph"),
    ("/data/evidence", {"a": NATO, "b": ID + "actor/nobody"}, 404, f"no node {ID}actor/nobody in the explorer's graph"),
    ("/data/node", {}, 400, "give the parameter id"),
    ("/data/neighbours", {"id": " "}, 400, "give the parameter id"),
    ("/data/evidence", {"a": NATO}, 400, "give the parameter b"),
    ("/data/search", {}, 400, "give the parameter q"),
    ("/data/search", {"q": "x", "limit": "many"}, 400, "limit must be a whole number from 1 to 1000"),
    ("/data/nodes-of-kind", {}, 400, "give the parameter kind"),
    ("/data/everything", {}, 404, ("no data question 'everything'; ask one of info, search, node, neighbours, "
                                   "evidence, nodes-of-kind, default-focus")),
])
def test_refusals_have_a_status_and_a_one_line_reason(http, path, params, status, reason):
    answer = http.get(path, params=params)
    assert answer.status_code == status
    assert answer.text == reason + "\n"


def test_explore_page_has_no_data_and_may_fetch_only_its_origin(http):
    page = http.get("/explore", params={"focus": NATO})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'id="hskg-data"' not in page.text and '"nodes":' not in page.text  # no graph embedded
    assert '<script type="application/json" id="hskg-source">{"address":"/data/"}</script>' in page.text
    policy = page.headers["content-security-policy"]
    assert "connect-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert policy.count("content-security-policy") == 0 and page.headers.get_list("content-security-policy") == [policy]


def test_explore_html_goes_to_the_served_explorer(http):
    moved = http.get("/explore.html", params={"focus": NATO})
    assert moved.status_code == 307
    assert moved.headers["location"] == "/explore?focus=https%3A%2F%2Fw3id.org%2Fhskg%2Fid%2Factor%2Fnato"
