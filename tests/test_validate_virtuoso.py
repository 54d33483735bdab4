"""``hskg validate`` against a remote store finds what it finds on the embedded one.

The SPARQL checks run there (their ``portable/`` forms where Virtuoso 7.2 would answer the
fast form otherwise); SHACL and the quote check read the pushed triples back. Each check's
fixtures (tests/data/*/checks) are pushed to the test Virtuoso one by one, and the shipped
graph with one added violation is validated through the command line on both stores.
"""

import shutil

import pyoxigraph as ox
import pytest

from conftest import DATA, ROOT
from hskg import KnowledgeGraph
from hskg.load import parse_turtle_file
from hskg.namespaces import HSKG_ID
from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH, OxigraphStore, open_store
from hskg.validate import SparqlCheck, load_checks, sparql_findings
from test_checks import INVALID, VALID, expected_nodes

CHECKS = {check.name: check for check in load_checks(ROOT / "queries" / "checks")}
PORTABLE = sorted((ROOT / "queries" / "checks" / "portable").glob("*-violation.rq"))
# Virtuoso turns "abc"^^xsd:integer into 0 when it loads it: nothing is left for a check to find
# (hskg validate on the embedded store, before the push, finds it).
LOST_ON_LOAD = {"ill-typed-literal": {f"{HSKG_ID}reference/not-a-number"}}
VIOLATION = """@prefix hskg: <https://w3id.org/hskg/ontology#> .
@prefix actor: <https://w3id.org/hskg/id/actor/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

actor:example-unsourced-body a hskg:Organization ; rdfs:label "Example unsourced body"@en .
"""
ONE_FINDING = ("severity  check                   node                                                   message\n"
               "warning   sparql:unsourced-actor  actor:example-unsourced-body (Example unsourced body)  "
               "no claim mentions this actor: it has no source\n"
               "1 findings, 0 errors (shacl, sparql, evidence checked)\n")


@pytest.fixture(scope="module")
def remote(virtuoso):
    return open_store(virtuoso.sparql, graph_store=virtuoso.graph_store)


def nodes_found(store, fixture) -> set[str]:
    return {f.node for f in sparql_findings(store, [CHECKS[fixture.stem]])}


@pytest.mark.virtuoso
@pytest.mark.slow
@pytest.mark.parametrize("fixture", INVALID + VALID, ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_each_check_finds_on_virtuoso_exactly_the_nodes_of_its_fixture(remote, fixture):
    remote.replace_graphs({DATA_GRAPH: parse_turtle_file(fixture, blank_node_prefix="b"), ONTOLOGY_GRAPH: []})
    expected = expected_nodes(fixture) - LOST_ON_LOAD.get(fixture.stem, set())
    assert nodes_found(remote, fixture) == expected


@pytest.mark.parametrize("check", PORTABLE, ids=lambda p: p.stem)
def test_a_portable_check_finds_what_its_fast_form_finds_on_the_embedded_store(check):
    """Where a check has a portable form, both forms run here (Oxigraph understands both) and
    find the same nodes with the same messages in every fixture of the check."""
    name = check.name.removesuffix("-violation.rq")
    fast = CHECKS[name]
    portable = SparqlCheck(name, check, fast.title, fast.description, fast.severity)
    for fixture in (DATA / "invalid" / "checks" / f"{name}.ttl", DATA / "valid" / "checks" / f"{name}.ttl"):
        store = OxigraphStore()
        store.add_triples(parse_turtle_file(fixture, blank_node_prefix="b"), DATA_GRAPH)
        assert sparql_findings(store, [portable]) == sparql_findings(store, [fast]), fixture


CALENDAR = {  # the text of each literal, and whether XML Schema holds it valid
    ("2020-02-29", "date"): True, ("2021-02-29", "date"): False, ("1900-02-29", "date"): False,
    ("2000-02-29", "date"): True, ("2020-04-31", "date"): False, ("2020-02-30", "date"): False,
    ("2020-12-31Z", "date"): True, ("2020-12-31+14:00", "date"): True, ("2020-12-31+15:00", "date"): False,
    ("2020-1-02", "date"): False, ("12020-01-02", "date"): True,
    ("2020-01-02T03:04:05.25-05:00", "dateTime"): True, ("2020-01-02T24:00:00", "dateTime"): True,
    ("2020-01-02T25:00:00", "dateTime"): False, ("2020-01-02T03:04", "dateTime"): False,
    ("2021-02-29T00:00:00", "dateTime"): False,
    ("1", "boolean"): True, ("false", "boolean"): True, ("True", "boolean"): False, ("yes", "boolean"): False,
}


def test_the_portable_ill_typed_check_knows_the_calendar_as_the_casts_do():
    """The portable form matches texts where the fast form casts them: both flag the same dates,
    times and truth values (Oxigraph decides the fast form)."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    store = OxigraphStore()
    nodes = {}
    for index, ((text, kind), valid) in enumerate(CALENDAR.items()):
        node = ox.NamedNode(f"{HSKG_ID}reference/literal-{index}")
        store.add_triples([ox.Triple(node, ox.NamedNode(f"{HSKG_ID}reference/value"),
                                     ox.Literal(text, datatype=ox.NamedNode(xsd + kind)))], DATA_GRAPH)
        nodes[node.value] = valid
    fast = CHECKS["ill-typed-literal"]
    check = ROOT / "queries" / "checks" / "portable" / "ill-typed-literal-violation.rq"
    portable = SparqlCheck(fast.name, check, fast.title, fast.description, fast.severity)
    invalid = {node for node, valid in nodes.items() if not valid}
    assert {f.node for f in sparql_findings(store, [fast])} == invalid
    assert {f.node for f in sparql_findings(store, [portable])} == invalid


@pytest.mark.virtuoso
@pytest.mark.slow
def test_the_shipped_graph_validates_on_virtuoso_with_no_findings(virtuoso, remote, run_hskg):
    KnowledgeGraph.open(ROOT).push(remote)
    code, out, err = run_hskg("--root", str(ROOT), "--store", virtuoso.sparql, "validate", "--no-owl")
    assert (code, out, err) == (0, "no findings (shacl, sparql, evidence checked)\n", "")


@pytest.mark.virtuoso
@pytest.mark.slow
def test_one_violation_gives_the_one_finding_on_both_stores(virtuoso, run_hskg, tmp_path, monkeypatch):
    project = tmp_path / "project"
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "graph" / "example-violation.ttl").write_text(VIOLATION, encoding="utf-8")
    assert run_hskg("--root", str(project), "validate", "--no-owl") == (0, ONE_FINDING, "")
    (project / "hskg.toml").write_text(f'[store]\nlocation = "{virtuoso.sparql}"\n'
                                       f'graph-store = "{virtuoso.graph_store}"\n')
    monkeypatch.delenv("HSKG_STORE")
    assert run_hskg("--root", str(project), "push")[0] == 0
    assert run_hskg("--root", str(project), "validate", "--no-owl") == (0, ONE_FINDING, "")
