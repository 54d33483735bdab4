"""The OWL verdict kept by content: when ``hskg validate`` may skip HermiT, and when it must not.

The keys are tested on the shipped graph's triples; the cache through the command, on a copy
of the mini project with Java made unavailable: a run that needed HermiT would stop with
"Java not found" (exit 2), so a clean answer proves that Java was not started.  The verdict
written here by hand is what a HermiT run writes (test_validate.py's java tests make it so).
"""

import shutil

import pyoxigraph as ox
import pytest

from conftest import MINI_PROJECT, ROOT
from hskg.derived import read_record, write_record
from hskg.knowledge import KnowledgeGraph
from hskg.namespaces import compact
from hskg.reasoner import free_properties, owl_triples, verdict_keys
from hskg.vocabulary import HSKG, OA, RDF, RDFS, SKOS, XSD

NATO = ox.NamedNode("https://w3id.org/hskg/id/actor/nato")
CLEAN = "no findings (shacl, sparql, evidence, owl checked)\n"
CACHED = "owl: HermiT's verdict on this very graph, kept in build/owl-verdict.json (Java not started)\n"
TEXTS = ("owl: HermiT's verdict kept in build/owl-verdict.json still holds: the graph changed only in free texts "
         "(plain strings of properties no OWL axiom mentions: labels, definitions, quotes), which cannot change it "
         "(Java not started)\n")


@pytest.fixture(scope="module")
def shipped(real_store):
    return list(real_store.triples())


def keys(triples):
    return verdict_keys(owl_triples(triples))


def replaced(triples, predicate, edit, *, count=1):
    """The triples with the first ``count`` objects of ``predicate`` changed by ``edit``."""
    done, out = 0, []
    for t in triples:
        if t.predicate == predicate and done < count:
            out.append(ox.Triple(t.subject, t.predicate, edit(t.object)))
            done += 1
        else:
            out.append(t)
    assert done == count
    return out


def test_the_free_properties_of_the_shipped_graph(shipped):
    assert sorted(compact(p.value) for p in free_properties(owl_triples(shipped))) == [
        "dcterms:description", "dcterms:identifier", "dcterms:title", "oa:exact", "owl:deprecated",
        "owl:versionInfo", "rdfs:comment", "rdfs:label", "skos:altLabel", "skos:definition"]


def test_the_keys_do_not_depend_on_one_loads_blank_node_ids(real_store):
    again = KnowledgeGraph.open(ROOT)
    assert keys(list(again.store.triples())) == keys(list(real_store.triples()))


@pytest.mark.parametrize("edit", ["label", "definition", "quote", "removed definition", "labelled new node"])
def test_an_edit_of_free_texts_keeps_the_axioms_key(shipped, edit):
    changed = {
        "label": lambda: replaced(shipped, RDFS.label, lambda o: ox.Literal(o.value + " (edited)", language="en")),
        "definition": lambda: replaced(shipped, SKOS.definition, lambda o: ox.Literal("Edited."), count=5),
        "quote": lambda: replaced(shipped, OA.exact, lambda o: ox.Literal(o.value.replace("the", "a"))),
        "removed definition": lambda: [t for t in shipped if t.predicate != SKOS.definition],
        "labelled new node": lambda: shipped + [ox.Triple(ox.NamedNode(NATO.value + "-new"), RDFS.label,
                                                          ox.Literal("new", language="en"))],
    }[edit]()
    before, after = keys(shipped), keys(changed)
    assert after.graph != before.graph
    assert after.axioms == before.axioms


@pytest.mark.parametrize("edit", ["type", "typed literal", "text of a property with a domain",
                                  "text of a property that gains a domain", "relation"])
def test_an_edit_of_axioms_or_facts_changes_the_axioms_key(shipped, edit):
    domain = ox.Triple(OA.exact, RDFS.domain, HSKG.Claim)
    changed = {
        "type": lambda: shipped + [ox.Triple(NATO, RDF.type, HSKG.Person)],
        "typed literal": lambda: replaced(shipped, HSKG.referenceNumber, lambda o: ox.Literal("99", datatype=XSD.integer)),
        "text of a property with a domain": lambda: replaced(shipped, HSKG.address, lambda o: ox.Literal("elsewhere")),
        "text of a property that gains a domain": lambda: [domain] + replaced(
            shipped, OA.exact, lambda o: ox.Literal(o.value.replace("the", "a"))),
        "relation": lambda: shipped + [ox.Triple(NATO, HSKG.affiliatedWith, NATO)],
    }[edit]()
    base = [domain] + shipped if edit == "text of a property that gains a domain" else shipped
    assert keys(changed).axioms != keys(base).axioms


@pytest.fixture
def project(tmp_path):
    """A copy of the mini project whose OWL verdict is on record (consistent), and no Java."""
    root = shutil.copytree(MINI_PROJECT, tmp_path / "project")
    record(root, consistent=True)
    return root


@pytest.fixture
def no_java(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("HSKG_JAVA", raising=False)


def record(root, *, consistent, explanation=""):
    found = verdict_keys(owl_triples(KnowledgeGraph.open(root).store.triples()))
    write_record(root / "build" / "owl-verdict.json", {"graph": found.graph, "axioms": found.axioms,
                                                       "consistent": consistent, "explanation": explanation,
                                                       "unsatisfiable": []})


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_unchanged_graph_takes_the_kept_verdict_without_java(run_hskg, project, no_java):
    assert run_hskg("--root", str(project), "validate") == (0, CLEAN + CACHED, "")


def test_a_kept_inconsistent_verdict_is_reported_as_such(run_hskg, project, no_java):
    record(project, consistent=False, explanation="HermiT found the ontology inconsistent")
    code, out, err = run_hskg("--root", str(project), "validate")
    assert (code, err) == (1, "")
    assert out.splitlines()[1:] == [
        "error     owl          HermiT found the ontology inconsistent: some node breaks an OWL axiom",
        "1 findings, 1 error (shacl, sparql, evidence, owl checked)", CACHED.strip()]


def test_a_label_edit_keeps_the_verdict_and_says_why(run_hskg, project, no_java):
    edit(project / "graph" / "actors.ttl", '"United Nations"', '"United Nations Organization"')
    assert run_hskg("--root", str(project), "validate") == (0, CLEAN + TEXTS, "")
    # the record now holds this graph: the next run finds it unchanged
    assert run_hskg("--root", str(project), "validate") == (0, CLEAN + CACHED, "")
    assert read_record(project / "build" / "owl-verdict.json")["consistent"] is True


@pytest.mark.parametrize("path, old, new", [
    ("graph/actors.ttl", "notion:broad a hskg:Notion .", "notion:broad a hskg:Notion , hskg:Organization ."),
    ("ontology/schema.ttl", 'hskg:Notion a owl:Class .', 'hskg:Notion a owl:Class ; owl:disjointWith hskg:Claim .'),
    ("graph/actors.ttl", '"United Nations" .', '"United Nations" ; hskg:memberOf actor:nato .'),
])
def test_an_axiom_edit_in_any_file_needs_hermit_again(run_hskg, project, no_java, path, old, new):
    edit(project / path, old, new)
    code, _, err = run_hskg("--root", str(project), "validate")
    assert code == 2
    assert err.startswith("hskg: error: Java not found: the OWL reasoner HermiT needs a Java runtime")


def test_a_new_file_with_a_fact_needs_hermit_again(run_hskg, project, no_java):
    (project / "graph" / "more.ttl").write_text(
        "@prefix hskg: <https://w3id.org/hskg/ontology#> .\n@prefix actor: <https://w3id.org/hskg/id/actor/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'actor:au a hskg:Organization ; rdfs:label "African Union" .\n', encoding="utf-8")
    code, _, err = run_hskg("--root", str(project), "validate", "--no-evidence")
    assert code == 2
    assert err.startswith("hskg: error: Java not found")
