"""``hskg add actor`` and ``hskg import``: valid additions land, bad ones change nothing.

Each test works on a fresh copy of the shipped project under git, so that "nothing
changed" is literally ``git status --porcelain`` printing nothing.
"""

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import rdflib

from conftest import ROOT
from hskg import views
from hskg.knowledge import load_project
from hskg.project import Project

pytestmark = [pytest.mark.slow]

ID = "https://w3id.org/hskg/id/"


def git(project, *args) -> str:
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def project(tmp_path):
    target = tmp_path / "project"
    target.mkdir()
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, target / folder)
    (target / ".gitignore").write_text("/build/\n", encoding="utf-8")
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    return target


@pytest.fixture
def add(run_hskg, project):
    def run(*args):
        return run_hskg("--root", str(project), "add", "actor", *args)

    return run


def test_a_valid_actor_is_written_queried_and_viewed(add, run_hskg, project):
    code, out, err = add("--label", "African Union", "--kind", "international-organization", "--alt", "AU",
                         "--definition", "A continental union of African states.")
    assert code == 0, out + err
    assert out.splitlines()[-1] == (f"added {ID}actor/african-union (African Union) in "
                                    "graph/actors/african-union.ttl")
    assert git(project, "status", "--porcelain").strip() == "?? graph/actors/"
    written = rdflib.Graph().parse(project / "graph" / "actors" / "african-union.ttl")
    assert set(written.objects(rdflib.URIRef(ID + "actor/african-union"), rdflib.RDFS.label)) == {
        rdflib.Literal("African Union", lang="en")}
    code, out, _ = run_hskg("--root", str(project), "query", "--text",
                            "SELECT ?actor WHERE { ?actor a hskg:InternationalOrganization }", "--format", "csv")
    assert ID + "actor/african-union" in out.split()
    actors = views.build_view(load_project(Project(project)).store, "actors").graph
    assert actors.nodes[ID + "actor/african-union"]["label"] == "African Union"


def test_a_sourced_relation_becomes_a_claim_with_its_evidence(add, run_hskg, project):
    quote = "Lastly, we lay out four paths for future research on human security."
    code, out, err = add("--label", "Future research group", "--kind", "research-team", "--member-of", "nato",
                         "--source", "report:hfm-et-201", "--quote", quote, "--section", "report:executive-summary",
                         "--no-owl")
    assert code == 0, out + err
    code, out, _ = run_hskg("--root", str(project), "validate", "--no-owl", "--format", "json")
    assert code == 0, out
    text = ("SELECT ?quote ?section WHERE { ?c rdf:subject actor:future-research-group ; "
            "rdf:predicate org:memberOf ; rdf:object actor:nato ; hskg:inSection ?section ; "
            "hskg:evidence/oa:exact ?quote }")
    code, out, _ = run_hskg("--root", str(project), "query", "--text", text, "--format", "csv")
    assert out.splitlines()[1] == f"\"{quote}\",{ID}report/executive-summary"  # CSV quotes the comma


def test_dry_run_prints_the_turtle_and_writes_nothing(add, project):
    code, out, _ = add("--label", "African Union", "--kind", "international-organization", "--dry-run", "--no-owl")
    assert code == 0
    assert 'actor:african-union a hskg:InternationalOrganization ;\n    rdfs:label "African Union"@en .' in out
    assert out.splitlines()[-1] == "dry run: valid; nothing written"
    assert git(project, "status", "--porcelain") == ""


def test_the_shipped_template_imports(run_hskg, project):
    code, out, err = run_hskg("--root", str(project), "import", str(ROOT / "templates" / "actors.csv"))
    assert code == 0, out + err
    assert sorted(p.name for p in (project / "graph" / "actors").iterdir()) == [
        "human-security-network.ttl", "un-trust-fund-for-human-security.ttl"]
    graph = rdflib.Graph().parse(project / "graph" / "actors" / "un-trust-fund-for-human-security.ttl")
    assert (rdflib.URIRef(ID + "actor/un-trust-fund-for-human-security"),
            rdflib.URIRef("http://www.w3.org/ns/org#subOrganizationOf"),
            rdflib.URIRef(ID + "actor/united-nations")) in graph


def test_the_shipped_kinds_and_statements_templates_import(run_hskg, project):
    for table in ("kinds", "statements"):
        code, out, err = run_hskg("--root", str(project), "import", str(ROOT / "templates" / f"{table}.csv"), "--no-owl")
        assert code == 0, out + err
    assert out == ("added doc:nato-strategic-concept-2022 hskg:addresses concept:human-security in "
                   "graph/statements/nato-strategic-concept-2022-addresses-human-security.ttl\n")
    assert sorted(p.name for p in (project / "ontology" / "extensions").iterdir()) == [
        "humanitarian-organization.ttl", "regional-organization.ttl"]
    code, out, _ = run_hskg("--root", str(project), "add", "actor", "--kinds")
    assert [line.split()[0] for line in out.splitlines() if "organization" in line.split()[0]] == [
        "humanitarian-organization", "international-organization", "organization", "regional-organization"]


def test_a_taken_slug_gets_a_new_file_and_never_replaces_one(add, project):
    (project / "graph" / "actors").mkdir()
    (project / "graph" / "actors" / "african-union.ttl").write_text("# reserved\n", encoding="utf-8")
    code, out, err = add("--label", "African Union", "--kind", "international-organization", "--no-owl")
    assert code == 0, out + err
    assert (project / "graph" / "actors" / "african-union.ttl").read_text(encoding="utf-8") == "# reserved\n"
    assert (project / "graph" / "actors" / "african-union-2.ttl").is_file()


BAD_OPTIONS = [
    (["--label", "African Union", "--kind", "intergovernmental-organisation"], 2,
     "--kind: unknown kind 'intergovernmental-organisation'; did you mean international-organization"),
    (["--label", "African Union", "--kind", "organization", "--member-of", "Organisation of Nowhere"], 2,
     "--member-of: no node has the label, alternative label or slug 'Organisation of Nowhere'"),
    (["--label", "African Union", "--kind", "organization", "--member-of", "human security"], 2,
     "--member-of: 'human security' is ambiguous: it names 2 nodes"),
    (["--label", "NATO", "--kind", "international-organization"], 1,
     "--label: 'NATO' is already a label of actor:nato: a duplicate of an existing node"),
    (["--label", "African Union", "--kind", "organization", "--alt", "UN"], 1,
     "--alt: 'UN' is already a label of actor:united-nations"),
    (["--label", "   ", "--kind", "organization"], 2, "--label: the label is empty"),
    (["--label", "African\nUnion", "--kind", "organization"], 2, "contains a line break or control character"),
    (["--label", 'The "African" Union', "--kind", "organization"], 2, "contains \" < or >"),
    (["--label", "<script>alert(1)</script>", "--kind", "organization"], 2, "contains \" < or >"),
    (["--label", "African Union", "--kind", "organization", "--member-of", "nato", "--source",
      "report:hfm-et-201"], 2, "--quote: a source needs a quote"),
    (["--label", "African Union", "--kind", "organization", "--quote", "anything"], 2,
     "--source: a quote or a section needs a source"),
    (["--label", "African Union", "--kind", "organization", "--member-of", "nato", "--source",
      "report:hfm-et-201", "--quote", "Lastly, we lay out four paths for future research on human security."], 2,
     "--section: a claim from the report needs a section"),
    (["--label", "African Union"], 2, "--label and --kind are required"),
]


@pytest.mark.parametrize("arguments, code, message", BAD_OPTIONS, ids=range(len(BAD_OPTIONS)))
def test_bad_options_are_refused_and_change_nothing(add, project, arguments, code, message):
    got, out, err = add(*arguments)
    assert got == code
    assert message in err
    assert git(project, "status", "--porcelain") == ""


def test_a_quote_not_in_the_source_text_is_a_finding_and_nothing_is_written(add, project):
    code, out, err = add("--label", "African Union", "--kind", "organization", "--member-of", "nato",
                         "--source", "report:hfm-et-201", "--quote", "The African Union adopted human security.",
                         "--section", "report:executive-summary", "--no-owl")
    assert code == 2
    assert err == ("hskg: error: --quote: the quote is not in the text of report:hfm-et-201 (hfm-et-201-excerpt.txt), "
                   "word for word: “The African Union adopted human security.”\n")
    assert git(project, "status", "--porcelain") == ""


def test_a_relation_whose_range_does_not_fit_is_refused_before_validation(add, project):
    # hskg:country ranges over states; NATO is an international organization
    code, out, err = add("--label", "African Union", "--kind", "organization", "--country", "nato")
    assert code == 2
    assert err == ("hskg: error: --country: actor:nato (NATO) cannot be the object of hskg:country: its range is "
                   "hskg:State\n")
    assert git(project, "status", "--porcelain") == ""


def test_an_inconsistent_edit_is_caught_by_the_reasoner_and_nothing_is_written(add, run_hskg, project):
    # an organization someone is affiliated with cannot become a person: persons and
    # organizations are disjoint, and the reasoner (and the SHACL/SPARQL checks) object
    assert add("--label", "Test Institute", "--kind", "organization", "--no-owl")[0] == 0
    code, out, err = run_hskg("--root", str(project), "add", "statement", "person:mary-kaldor", "affiliated with",
                              "Test Institute", "--no-owl")
    assert code == 0, out + err
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "added")
    code, out, err = run_hskg("--root", str(project), "edit", "actor", "Test Institute", "--kind", "person")
    assert code == 1, out + err
    checks = {line.split()[1] for line in out.splitlines()[1:-1]}
    assert "owl" in checks
    assert "HermiT found the ontology inconsistent" in out
    assert err == "nothing written: the graph with the change does not validate\n"
    assert git(project, "status", "--porcelain") == ""


def test_an_unwritable_folder_is_an_error_and_nothing_is_written(add, project):
    # Running as root, permissions cannot stop a write; a file where the folder must go can.
    (project / "graph" / "actors").write_text("", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "block")
    code, out, err = add("--label", "African Union", "--kind", "organization", "--no-owl")
    assert code == 2
    assert "cannot write" in err or "Not a directory" in err
    assert git(project, "status", "--porcelain") == ""


BAD_TABLES = [
    ('label,kind\n"African Union,organization\n', 2, "malformed CSV"),
    ("label,kind,colour\nAfrican Union,organization,blue\n", 2,
     "unknown column 'colour'; the columns of a table of actors are: label, kind, alt"),
    ("label,kind\nAfrican Union,organization,extra\n", 2, "row 2: 3 cells for 2 columns"),
    ("label,kind\nAfrican Union,organization\nAsean,intergovernmental\n", 2,
     "row 3, column kind: unknown kind 'intergovernmental'"),
    ("label,kind\nAfrican Union,organization\nafrican union,organization\n", 1,
     "row 3, column label: 'african union' is also given by row 2"),
    ("label,kind,member-of\nAfrican Union,organization,nato|Nowhere Alliance\n", 2,
     "row 2, column member-of: no node has the label, alternative label or slug 'Nowhere Alliance'"),
    ("kind\norganization\n", 2, "the CSV has no 'label' column"),
    ("label,kind\n", 2, "the CSV has a header but no rows"),
    ("subject,relation,object\nnato,membr,united-nations\n", 2,
     "row 2, column relation: 'membr' is not a relation of the ontology; did you mean org:memberOf?"),
    ("subject,relation,object\nconcept:human-security,produced,doc:hdr-1994\n", 2,
     "row 2, column subject: concept:human-security (human security) cannot be the subject of hskg:produced"),
    ("subject,relation,object,colour\nnato,produced,doc:hdr-1994,blue\n", 2,
     "unknown column 'colour'; the columns of a table of statements are: subject, relation, object"),
    ("label,parent,definition,source\norganisations,actor,Some text here.,http://www.w3.org/ns/org#\n", 1,
     "row 2, column label: 'organisations' is a near duplicate of 'organization' (hskg:Organization)"),
    ("label,parent,definition,source\nguild,organization,,http://www.w3.org/ns/org#\n", 2,
     "row 2, column definition: a kind needs a definition"),
]


@pytest.mark.parametrize("table, code, message", BAD_TABLES, ids=range(len(BAD_TABLES)))
def test_one_bad_row_rejects_the_whole_import(run_hskg, project, tmp_path, table, code, message):
    path = tmp_path / "actors.csv"
    path.write_text(table, encoding="utf-8")
    got, out, err = run_hskg("--root", str(project), "import", str(path), "--no-owl")
    assert got == code, out + err
    assert message in err
    assert git(project, "status", "--porcelain") == ""


def test_twenty_concurrent_adds_end_with_twenty_valid_files_and_a_refused_duplicate(project):
    def add_one(label: str):
        return subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(project), "add", "actor",
                               "--label", label, "--kind", "research-institution", "--no-owl"],
                              capture_output=True, text=True)

    labels = [f"Concurrent Institute {n}" for n in range(20)] + ["Concurrent Institute 0"]
    with ThreadPoolExecutor(max_workers=len(labels)) as pool:
        results = list(pool.map(add_one, labels))
    assert sorted(r.returncode for r in results) == [0] * 20 + [1]
    refused = next(r for r in results if r.returncode == 1)
    assert "'Concurrent Institute 0' is already a label of actor:concurrent-institute-0" in refused.stderr
    files = sorted(p.name for p in (project / "graph" / "actors").iterdir())
    assert files == sorted(f"concurrent-institute-{n}.ttl" for n in range(20))
    knowledge = load_project(Project(project))
    text = "SELECT ?label WHERE { ?x a hskg:ResearchInstitution ; rdfs:label ?label }"
    labels_found = {row[0].value for row in knowledge.store.query(text).rows}
    assert {f"Concurrent Institute {n}" for n in range(20)} <= labels_found
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(project), "validate", "--no-owl"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
