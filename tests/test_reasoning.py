"""The reasoner on the shipped graph: consistent, and the defined classes classify what
the report says, so that a user gets these answers only through reasoning."""

import shutil

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.java]

ID = "https://w3id.org/hskg/id/"


@pytest.fixture(scope="module")
def reasoned_project(tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, project / folder)
    return project


def members(run_hskg, project, cls: str, *, inferred: bool) -> set[str]:
    args = ["--root", str(project), "query", "--text", f"SELECT ?x WHERE {{ ?x a hskg:{cls} }}", "--format", "csv"]
    code, out, err = run_hskg(*args, *(["--inferred"] if inferred else []))
    assert code == 0, err
    return set(out.split()[1:])


def test_reason_on_the_shipped_graph_is_consistent_and_writes_only_build(run_hskg, reasoned_project):
    code, out, err = run_hskg("--root", str(reasoned_project), "reason")
    assert code == 0, err
    assert out.startswith("consistent; ")
    assert (reasoned_project / "build" / "inferred.ttl").is_file()


@pytest.mark.parametrize("cls, expected", [
    ("HumanSecurityActor", {"actor/united-nations", "actor/european-union", "actor/united-kingdom", "actor/cimic",
                            "actor/nato"}),
    ("HumanizingRegime", {"regime/ihrl", "regime/ihl", "regime/international-refugee-law"}),
])
def test_defined_classes_are_filled_by_reasoning_only(run_hskg, reasoned_project, cls, expected):
    assert members(run_hskg, reasoned_project, cls, inferred=False) == set()
    assert members(run_hskg, reasoned_project, cls, inferred=True) == {ID + e for e in expected}


def test_an_inverse_lets_the_report_structure_be_walked_both_ways(run_hskg, reasoned_project):
    # The graph states that each reference is part of the report; the inverse rule (and the
    # reasoner) add that the report has each reference as a part (dcterms:hasPart is the
    # inverse of dcterms:isPartOf). The asserted triples alone do not say it.
    text = "SELECT ?part WHERE { report:hfm-et-201 dcterms:hasPart ?part . ?part a hskg:Reference }"
    query = ("--root", str(reasoned_project), "query", "--text", text, "--format", "csv")
    assert run_hskg(*query, "--asserted")[1] == "part\r\n"
    references = {f"{ID}reference/{n}" for n in range(43, 55)}
    for extra in ((), ("--inferred",)):
        code, out, _ = run_hskg(*query, *extra)
        assert code == 0
        assert set(out.split()[1:]) == references
