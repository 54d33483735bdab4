"""``hskg validate`` and ``hskg reason`` on small fixture projects.

The shipped graph is validated by .ci/run (``hskg validate``, which checks the quotes
against the project's own sources/) and by test_knowledge.py; here each check is shown to
catch what it must.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest
import rdflib

from conftest import DATA, MINI_PROJECT, ROOT

INCONSISTENT = DATA / "invalid" / "inconsistent-project"
REASONING = DATA / "valid" / "reasoning-project"
CHECKS = ROOT / "queries" / "checks"
MARSILI = "https://w3id.org/hskg/id/person/marco-marsili"


@pytest.mark.java
def test_a_node_typed_person_and_organization_is_caught_and_named(run_hskg, tmp_path):
    project = shutil.copytree(INCONSISTENT, tmp_path / "project")  # the verdict is kept in its build/
    code, out, err = run_hskg("--root", str(project), "validate", "--checks", str(CHECKS), "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert report["conforms"] is False
    assert {(f["check"], f["node"], f["label"]) for f in report["findings"]} == {
        ("owl", MARSILI, "Marco Marsili"),
        ("sparql:disjoint-classes", MARSILI, "Marco Marsili"),
    }
    owl = next(f for f in report["findings"] if f["check"] == "owl")
    assert owl["message"].startswith("HermiT found the ontology inconsistent: this node is both a")


def test_missing_java_is_reported_with_exit_2_and_says_so(tmp_path):
    environment = {**os.environ, "PATH": str(tmp_path)}
    environment.pop("HSKG_JAVA", None)
    project = shutil.copytree(MINI_PROJECT, tmp_path / "project")  # no kept OWL verdict in build/
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(project), "validate"],
                          capture_output=True, text=True, env=environment)
    assert done.returncode == 2
    assert done.stderr.startswith("hskg: error: Java not found: the OWL reasoner HermiT needs a Java runtime")


def test_without_owl_no_java_is_needed(tmp_path):
    environment = {**os.environ, "PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "validate", "--no-owl"],
                          capture_output=True, text=True, env=environment)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no findings (shacl, sparql, evidence checked)"


def test_a_turtle_error_stops_validation_with_exit_2(run_hskg, turtle_error_project):
    code, out, err = run_hskg("--root", str(turtle_error_project), "validate")
    assert code == 2
    assert err.startswith("hskg: error: graph/broken.ttl:6:")


def test_a_quote_missing_from_the_sources_is_named_with_its_claim(run_hskg, tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(DATA / "sources" / "other.txt", sources)
    code, out, _ = run_hskg("--root", str(MINI_PROJECT), "validate", "--no-owl", "--sources", str(sources),
                            "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert {(f["check"], f["node"]) for f in findings} == {
        ("evidence", "https://w3id.org/hskg/id/claim/one"),
        ("evidence", "https://w3id.org/hskg/id/claim/two"),
    }
    assert findings[0]["message"] == ("quote not found verbatim in the sources: "
                                      "“Human security was written into the NATO strategic concept”")


def test_quotes_found_in_the_sources_pass(run_hskg):
    code, out, err = run_hskg("--root", str(MINI_PROJECT), "validate", "--no-owl", "--sources", str(DATA / "sources"))
    assert code == 0, out + err
    assert out.strip() == "no findings (shacl, sparql, evidence checked)"


def test_a_folder_without_source_texts_is_an_error(run_hskg, tmp_path):
    code, _, err = run_hskg("--root", str(MINI_PROJECT), "validate", "--no-owl", "--sources", str(tmp_path))
    assert code == 2
    assert err.strip() == (f"hskg: error: no source texts (*.txt) in {tmp_path}: give --sources DIR, "
                           "or --no-evidence to skip the quote check")


def test_quotes_are_checked_against_the_projects_own_sources_by_default(run_hskg, tmp_path):
    project = shutil.copytree(MINI_PROJECT, tmp_path / "project")
    code, out, err = run_hskg("--root", str(project), "validate", "--no-owl")
    assert (code, out.strip()) == (0, "no findings (shacl, sparql, evidence checked)"), err
    # the same project with a source text that lacks the quotes: the default check finds them
    shutil.copy(DATA / "sources" / "other.txt", project / "sources" / "excerpt.txt")
    code, out, _ = run_hskg("--root", str(project), "validate", "--no-owl", "--format", "json")
    assert code == 1
    assert {(f["check"], f["node"]) for f in json.loads(out)["findings"]} == {
        ("evidence", "https://w3id.org/hskg/id/claim/one"),
        ("evidence", "https://w3id.org/hskg/id/claim/two"),
    }


def test_no_evidence_skips_the_quote_check(run_hskg, tmp_path):
    project = shutil.copytree(MINI_PROJECT, tmp_path / "project")
    shutil.rmtree(project / "sources")
    code, _, err = run_hskg("--root", str(project), "validate", "--no-owl")
    assert code == 2
    assert err.strip() == (f"hskg: error: no source texts (*.txt) in {project / 'sources'}: give --sources DIR, "
                           "or --no-evidence to skip the quote check")
    code, out, err = run_hskg("--root", str(project), "validate", "--no-owl", "--no-evidence")
    assert (code, out.strip()) == (0, "no findings (shacl, sparql checked)"), err


def test_findings_as_a_shacl_style_turtle_report(run_hskg):
    code, out, _ = run_hskg("--root", str(INCONSISTENT), "validate", "--checks", str(CHECKS), "--no-owl",
                            "--format", "ttl")
    assert code == 1
    graph = rdflib.Graph().parse(data=out, format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert set(graph.objects(None, sh.conforms)) == {rdflib.Literal(False)}
    assert set(graph.objects(None, sh.focusNode)) == {rdflib.URIRef(MARSILI)}


@pytest.mark.java
def test_reason_writes_the_new_inferences_to_build_only(run_hskg, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REASONING, project)
    before = {p.relative_to(project) for p in project.rglob("*")}
    code, out, err = run_hskg("--root", str(project), "reason")
    assert code == 0, err
    inferred = rdflib.Graph().parse(project / "build" / "inferred.ttl", format="turtle")
    id_ = "https://w3id.org/hskg/id/"
    assert {(str(s), str(p), str(o)) for s, p, o in inferred} == {
        (id_ + "report/chapter-5", "http://purl.org/dc/terms/isPartOf", id_ + "report/hfm-et-201"),
        (id_ + "concept/international-law", "https://w3id.org/hskg/ontology#sharesGoalsWith",
         id_ + "concept/human-security"),
        (id_ + "person/david-hughes", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
         "https://w3id.org/hskg/ontology#Actor"),
    }
    after = {p.relative_to(project) for p in project.rglob("*")}
    assert {str(p) for p in after - before} == {"build", "build/inferred.ttl"}
    assert out.splitlines()[0] == "consistent; 3 new inferred triples written to build/inferred.ttl"


@pytest.mark.java
def test_query_with_inferred_sees_the_inverse_relation(run_hskg, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REASONING, project)
    text = "SELECT ?part WHERE { ?part dcterms:isPartOf report:hfm-et-201 }"
    assert run_hskg("--root", str(project), "query", "--text", text, "--format", "csv")[1] == "part\r\n"
    code, out, err = run_hskg("--root", str(project), "query", "--text", text, "--format", "csv", "--inferred")
    assert code == 0, err
    assert out == "part\r\nhttps://w3id.org/hskg/id/report/chapter-5\r\n"


@pytest.mark.java
def test_reason_on_an_inconsistent_graph_exits_1(run_hskg):
    code, out, _ = run_hskg("--root", str(INCONSISTENT), "reason")
    assert code == 1
    assert out.strip() == "inconsistent: HermiT found the ontology inconsistent"


def shipped_copy(folder):
    """The shipped project without its build/ (a kept OWL verdict would spare HermiT)."""
    for name in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / name, folder / name)
    return folder


@pytest.mark.java
def test_a_reasoner_over_its_time_limit_is_reported_as_timed_out_with_exit_2(run_hskg, tmp_path):
    # HermiT needs a few seconds for the shipped graph (a JVM start included); one is too few.
    code, out, err = run_hskg("--root", str(shipped_copy(tmp_path)), "validate", "--owl-timeout", "1")
    assert code == 2
    assert err.strip() == "hskg: error: the OWL reasoner timed out after 1 s"


@pytest.mark.java
def test_the_shipped_graph_validates_clean_and_its_verdict_is_kept(run_hskg, tmp_path, monkeypatch):
    project = shipped_copy(tmp_path / "project")
    clean = "no findings (shacl, sparql, evidence, owl checked)\n"
    assert run_hskg("--root", str(project), "validate") == (0, clean, "")
    # Java made unavailable: the second run can only answer from the kept verdict
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("HSKG_JAVA", raising=False)
    cached = "owl: HermiT's verdict on this very graph, kept in build/owl-verdict.json (Java not started)\n"
    assert run_hskg("--root", str(project), "validate") == (0, clean + cached, "")
    # definitions edited: free texts only, the verdict holds
    concepts = project / "graph" / "concepts.ttl"
    concepts.write_text(concepts.read_text(encoding="utf-8").replace('skos:definition "', 'skos:definition "Edited: '),
                        encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "validate", "--format", "json")
    assert (code, json.loads(out)["owl"], err) == (0, "texts", "")
    # a new fact: HermiT is needed, and there is no Java
    actors = project / "graph" / "actors.ttl"
    member_of = "<http://www.w3.org/ns/org#memberOf>"
    actors.write_text(actors.read_text(encoding="utf-8") + f"\nactor:nato {member_of} actor:united-nations .\n",
                      encoding="utf-8")
    code, _, err = run_hskg("--root", str(project), "validate")
    assert code == 2
    assert err.startswith("hskg: error: Java not found")


ILL_TYPED = ('@prefix hskg: <https://w3id.org/hskg/ontology#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
             '<https://w3id.org/hskg/id/actor/au> a hskg:Organization ; hskg:sequenceNumber "abc"^^xsd:integer .\n')


def test_an_ill_typed_literal_is_an_owl_finding_without_the_reasoner(run_hskg, tmp_path):
    project = shutil.copytree(MINI_PROJECT, tmp_path / "project")
    (project / "graph" / "ill.ttl").write_text(ILL_TYPED, encoding="utf-8")
    env_path = os.environ["PATH"]
    try:
        os.environ["PATH"] = str(tmp_path)  # no Java: the verdict must not need it
        code, out, err = run_hskg("--root", str(project), "validate", "--checks", str(ROOT / "queries" / "checks"),
                                  "--format", "json")
    finally:
        os.environ["PATH"] = env_path
    found = {(f["check"], f["node"], f["message"]) for f in json.loads(out)["findings"]
             if f["node"] == "https://w3id.org/hskg/id/actor/au"}
    assert (code, err) == (1, "")
    assert found == {
        ("owl", "https://w3id.org/hskg/id/actor/au", "inconsistent in OWL 2: a literal of this node fits no value of "
         "its datatype (see sparql:ill-typed-literal); the reasoner was not run"),
        ("sparql:ill-typed-literal", "https://w3id.org/hskg/id/actor/au",
         'https://w3id.org/hskg/ontology#sequenceNumber: "abc" is not a valid http://www.w3.org/2001/XMLSchema#integer')}
