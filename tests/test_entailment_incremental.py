"""Entailments brought in step with an edit (hskg.entailment_delta) equal, triple for triple,
the entailments computed again in full (hskg.entailment), for edits that add and remove
axioms, typed nodes, statements and links of chains, on a small fixture, on the shipped
graph and for random edits; a rule beyond the rewrite is refused, so that the caller
computes in full.
"""
import hashlib
import json
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from hskg import KnowledgeGraph
from hskg.entailment import entailed_triples, load_rules, sorted_triples
from hskg.entailment_delta import EntailedChange, bring_in_step, delta_rule, delta_rules, worth_bringing_in_step
from hskg.store import ASSERTED_GRAPHS, DATA_GRAPH, ENTAILED_GRAPH, ONTOLOGY_GRAPH, OxigraphStore
from test_entailment import PREFIXES, SCHEMA as ENTAILMENT_SCHEMA

ROOT = Path(__file__).resolve().parent.parent
RULES = load_rules(ROOT / "queries" / "rules")
EX = "http://example.org/"
SCHEMA = ENTAILMENT_SCHEMA + "ex:within rdfs:subPropertyOf ex:partOf .\n"  # a second way into the part-of chains

DATA = PREFIXES + """
ex:c1 a ex:Negative .
ex:c2 a ex:Claim .
ex:narrow ex:groundedIn ex:rights .
ex:doc ex:producedBy ex:un .
ex:a ex:nexus ex:b .
ex:s ex:partOf ex:chapter . ex:chapter ex:partOf ex:report . ex:report ex:partOf ex:series .
ex:annex ex:within ex:report .
"""


def parse(text):
    return [quad.triple for quad in ox.parse((PREFIXES + text).encode("utf-8"), format=ox.RdfFormat.TURTLE)]


def keys(triples):
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in triples]


def store_of(schema, data):
    store = OxigraphStore()
    store.add_triples(schema, ONTOLOGY_GRAPH)
    store.add_triples(data, DATA_GRAPH)
    return store


def entailed_in_place(store, added, removed):
    """Bring the store's entailed graph in step with an edit already made; the change it returned
    and the graph's triples after it."""
    change = bring_in_step(store, delta_rules(RULES), added, removed)
    return change, keys(sorted_triples(store.triples([ENTAILED_GRAPH])))


def edited(store, added, removed):
    """Apply an edit to the data graph of a store whose entailed graph holds the entailments;
    the entailed graph brought in step and the full entailments after it.  The change returned
    is exactly the difference of the graph."""
    before = entailed_triples(store, RULES)
    store.add_triples(before, ENTAILED_GRAPH)
    store.remove_triples(removed, DATA_GRAPH)
    store.add_triples(added, DATA_GRAPH)
    change, incremental = entailed_in_place(store, added, removed)
    after = set(store.triples([ENTAILED_GRAPH]))
    assert change == EntailedChange(frozenset(after - set(before)), frozenset(set(before) - after))
    return incremental, keys(entailed_triples(store, RULES))


# Each edit: (Turtle added, Turtle removed), on the data graph of the fixture.
EDITS = {
    "add a sub-class axiom": ("ex:Claim rdfs:subClassOf ex:Statement .", ""),
    "remove a sub-class axiom": ("", "ex:Claim rdfs:subClassOf ex:Entity ."),
    "add a typed node": ("ex:c3 a ex:Negative .", ""),
    "remove a typed node": ("", "ex:c1 a ex:Negative ."),
    "add a sub-property statement": ("ex:broad ex:groundedIn ex:development .", ""),
    "remove a sub-property axiom": ("", "ex:hasFocus rdfs:subPropertyOf ex:relatesTo ."),
    "add a symmetric statement": ("ex:b ex:nexus ex:c .", ""),
    "remove a symmetric statement": ("", "ex:a ex:nexus ex:b ."),
    "add an inverse statement": ("ex:nato ex:produced ex:concept .", ""),
    "remove an inverse statement": ("", "ex:doc ex:producedBy ex:un ."),
    "remove an inverse axiom": ("", "ex:producedBy owl:inverseOf ex:produced ."),
    "add a link in a chain": ("ex:series ex:partOf ex:library .", ""),
    "remove a link in the middle of a chain": ("", "ex:chapter ex:partOf ex:report ."),
    "remove both ends of a chain": ("", "ex:s ex:partOf ex:chapter . ex:report ex:partOf ex:series ."),
    "join two chains": ("ex:series ex:partOf ex:shelf . ex:shelf ex:partOf ex:library .", ""),
    "remove the transitive axiom": ("", "ex:partOf a owl:TransitiveProperty ."),
    # ex:s ex:partOf ex:report is entailed through ex:chapter, and stays derivable through ex:annex
    "remove a link still derivable another way": (
        "ex:s ex:within ex:annex .", "ex:chapter ex:partOf ex:report ."),
    "remove an asserted triple that is also entailed": (
        "", "ex:c1 a ex:Negative . ex:s ex:partOf ex:chapter ."),
    "assert a triple that was entailed": ("ex:s ex:partOf ex:series . ex:c1 a ex:Claim .", ""),
    "remove an asserted triple that stays entailed": ("ex:c9 a ex:Claim .", "ex:chapter ex:partOf ex:report . "
                                                      "ex:annex ex:within ex:report ."),
    # blank nodes cannot be rows of a VALUES clause: their runs are bound one by one
    "add a typed blank node": ("[] a ex:Negative ; ex:partOf ex:s .", ""),
    "add a blank sub-class": ("[ rdfs:subClassOf ex:Claim ] rdfs:subClassOf ex:Entity .", ""),
    "add and remove at once": ("ex:b ex:nexus ex:c . ex:series ex:partOf ex:library .",
                               "ex:a ex:nexus ex:b . ex:c2 a ex:Claim . ex:report ex:partOf ex:series ."),
}


@pytest.mark.parametrize("name", EDITS)
def test_an_edit_of_the_fixture_gives_the_entailments_of_a_full_run(name):
    added, removed = (parse(text) for text in EDITS[name])
    store = store_of(parse(SCHEMA), parse(DATA))
    incremental, full = edited(store, added, removed)
    assert incremental == full


def test_a_removed_link_still_derivable_keeps_its_entailment():
    """The edit that DRed must delete and then derive again, with its exact outcome."""
    added, removed = (parse(text) for text in EDITS["remove a link still derivable another way"])
    store = store_of(parse(SCHEMA), parse(DATA))
    incremental, _ = edited(store, added, removed)
    assert [row for row in incremental if row[0] == f"<{EX}s>" and row[1] == f"<{EX}partOf>"] == [
        (f"<{EX}s>", f"<{EX}partOf>", f"<{EX}annex>"),
        (f"<{EX}s>", f"<{EX}partOf>", f"<{EX}report>"),
        (f"<{EX}s>", f"<{EX}partOf>", f"<{EX}series>")]


def test_only_the_entailed_graph_changes():
    store = store_of(parse(SCHEMA), parse(DATA))
    store.add_triples(entailed_triples(store, RULES), ENTAILED_GRAPH)
    store.add_triples(parse("ex:c3 a ex:Negative ."), DATA_GRAPH)
    store.remove_triples(parse("ex:a ex:nexus ex:b ."), DATA_GRAPH)
    bring_in_step(store, delta_rules(RULES), parse("ex:c3 a ex:Negative ."), parse("ex:a ex:nexus ex:b ."))
    assert store.named_graphs() == sorted([DATA_GRAPH, ENTAILED_GRAPH, ONTOLOGY_GRAPH], key=lambda g: g.value)
    data = [triple for triple in parse(DATA) if triple not in parse("ex:a ex:nexus ex:b .")]
    assert sorted(keys(store.triples(ASSERTED_GRAPHS))) == sorted(keys([*parse(SCHEMA), *data,
                                                                       *parse("ex:c3 a ex:Negative .")]))


def test_a_change_of_nothing_is_no_change():
    store = store_of(parse(SCHEMA), parse(DATA))
    store.add_triples(entailed_triples(store, RULES), ENTAILED_GRAPH)
    assert bring_in_step(store, delta_rules(RULES), [], []) == EntailedChange(frozenset(), frozenset())


# --- rules beyond the rewrite -----------------------------------------------------------

BEYOND = {
    "optional": "CONSTRUCT { ?x a ?c } WHERE { ?x a ?c OPTIONAL { ?x rdfs:label ?l } }",
    "minus": "CONSTRUCT { ?x a ?c } WHERE { ?x a ?c MINUS { ?x rdfs:label ?l } }",
    "not exists": "CONSTRUCT { ?x a ?c } WHERE { ?x a ?c FILTER NOT EXISTS { ?x rdfs:label ?l } }",
    "property path": "CONSTRUCT { ?x a ?c } WHERE { ?x a/rdfs:subClassOf+ ?c }",
    "blank node in the template": "CONSTRUCT { ?x ex:has [ a ?c ] } WHERE { ?x a ?c }",
    "blank node in the pattern": "CONSTRUCT { ?x a ?c } WHERE { ?x a [ rdfs:subClassOf ?c ] }",
    "sub-query": "CONSTRUCT { ?x a ?c } WHERE { { SELECT ?x ?c WHERE { ?x a ?c } LIMIT 1 } }",
    "bind": "CONSTRUCT { ?x a ?d } WHERE { ?x a ?c BIND(?c AS ?d) }",
    "dataset clause": "CONSTRUCT { ?x a ?c } FROM <http://example.org/g> WHERE { ?x a ?c }",
}


@pytest.mark.parametrize("name", BEYOND)
def test_a_rule_beyond_the_rewrite_is_refused_and_the_caller_computes_in_full(name):
    text = "PREFIX ex: <http://example.org/>\n" + BEYOND[name]
    assert delta_rule(text) is None
    assert delta_rules({**RULES, "extra": text}) is None


def test_the_shipped_rules_are_within_the_rewrite():
    assert {name: delta_rule(text) is not None for name, text in RULES.items()} == {
        "subclass": True, "subproperty": True, "inverse": True, "symmetric": True, "transitive": True}


@pytest.mark.parametrize("changed, asserted, brought_in_step", [
    (100, 50, True), (101, 50, False), (101, 10_100, True), (102, 10_100, False), (10_000, 1_000_000, True),
    (10_001, 1_000_000, False)])
def test_an_edit_of_more_than_a_hundred_triples_and_one_in_a_hundred_is_left_to_the_full_run(
        changed, asserted, brought_in_step):
    assert worth_bringing_in_step(changed, asserted) is brought_in_step


def test_an_edit_of_a_hundred_triples_is_brought_in_step():
    store = store_of(parse(SCHEMA), parse(DATA))
    incremental, full = edited(store, parse(" ".join(f"ex:n{i} a ex:Negative ." for i in range(100))), [])
    assert incremental == full


# --- random edits ----------------------------------------------------------------------

NODES = [f"ex:n{i}" for i in range(8)]
CLASSES = ["ex:A", "ex:B", "ex:C", "ex:D"]
PROPERTIES = ["ex:p", "ex:q", "ex:r", "ex:t", "ex:u"]


def random_triple(rng):
    kind = rng.randrange(7)
    if kind == 0:
        return f"{rng.choice(CLASSES)} rdfs:subClassOf {rng.choice(CLASSES)} ."
    if kind == 1:
        return f"{rng.choice(PROPERTIES)} rdfs:subPropertyOf {rng.choice(PROPERTIES)} ."
    if kind == 2:
        return f"{rng.choice(PROPERTIES)} owl:inverseOf {rng.choice(PROPERTIES)} ."
    if kind == 3:
        return f"{rng.choice(PROPERTIES)} a {rng.choice(['owl:SymmetricProperty', 'owl:TransitiveProperty'])} ."
    if kind == 4:
        return f"{rng.choice(NODES)} a {rng.choice(CLASSES)} ."
    return f"{rng.choice(NODES)} {rng.choice(PROPERTIES)} {rng.choice(NODES)} ."


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_random_edits_give_the_entailments_of_a_full_run(seed):
    rng = random.Random(seed)
    store = store_of([], parse(" ".join(random_triple(rng) for _ in range(30))))
    for _ in range(6):  # a sequence of edits, each checked against a full run
        asserted = list(store.triples(ASSERTED_GRAPHS))
        removed = rng.sample(asserted, min(len(asserted), rng.randrange(4)))
        added = parse(" ".join(random_triple(rng) for _ in range(rng.randrange(5))))
        incremental, full = edited(store, added, removed)
        assert incremental == full


# --- on the shipped graph ----------------------------------------------------------------

SHIPPED_EDITS = {
    "remove a sub-class axiom": ("", "hskg:NegativeClaim rdfs:subClassOf hskg:Claim ."),
    "remove a sub-property axiom": ("", "dcterms:isPartOf rdfs:subPropertyOf hskg:isPartOf ."),
    "remove a part-of link": ("", "report:section-5-1 dcterms:isPartOf report:chapter-5 ."),
    "add a typed node and a chain link": (
        "<https://w3id.org/hskg/id/report/annex-x> dcterms:isPartOf report:section-5-1 . "
        "<https://w3id.org/hskg/id/claim/x> a hskg:NegativeClaim .", ""),
    "remove the symmetric axiom": ("", "hskg:hasNexusWith a owl:SymmetricProperty ."),
}


@pytest.fixture(scope="module")
def shipped_triples():
    kg = KnowledgeGraph.open(ROOT)
    return list(kg.store.triples([ONTOLOGY_GRAPH])), list(kg.store.triples([DATA_GRAPH]))


def shipped_parse(text):
    from hskg.namespaces import PREFIXES as ALL

    declared = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in ALL.items())
    return [quad.triple for quad in ox.parse((declared + text).encode("utf-8"), format=ox.RdfFormat.TURTLE)]


@pytest.mark.slow
@pytest.mark.parametrize("name", SHIPPED_EDITS)
def test_an_edit_of_the_shipped_graph_gives_the_entailments_of_a_full_run(shipped_triples, name):
    ontology, data = shipped_triples
    added, removed = (shipped_parse(text) for text in SHIPPED_EDITS[name])
    assert set(removed) <= {*ontology, *data}  # the edit removes triples the graph asserts
    store = store_of(ontology, data)
    store.add_triples(entailed_triples(store, RULES), ENTAILED_GRAPH)
    for graph in ASSERTED_GRAPHS:
        store.remove_triples(removed, graph)
    store.add_triples(added, DATA_GRAPH)
    assert entailed_in_place(store, added, removed)[1] == keys(entailed_triples(store, RULES))


# --- in the persistent store: `hskg query` after an edit --------------------------------

AU_FILE = ('@prefix hskg: <https://w3id.org/hskg/ontology#> .\n'
           '<https://w3id.org/hskg/id/actor/nato> hskg:influences <https://w3id.org/hskg/id/actor/african-union> .\n')


@pytest.mark.slow
def test_the_persistent_store_brings_its_entailments_in_step_with_an_edit(tmp_path, monkeypatch):
    """After an edit the on-disk store's entailments are those of a fresh load in memory; the
    full run happens only when the rules changed."""
    import shutil

    import hskg.entailment

    project = tmp_path / "shipped"
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, project / folder)
    full_runs = []

    def recorded(store, rules, *options):
        full_runs.append(len(rules))
        return entailed_triples(store, rules, *options)

    def after_edit():
        """The on-disk store's entailments after the edit, whether it ran the rules in full, and
        the entailments of a fresh load in memory."""
        full_runs.clear()
        with monkeypatch.context() as patch:
            patch.setattr(hskg.entailment, "entailed_triples", recorded)
            on_disk = KnowledgeGraph.open(project, store=project / "build" / "store").entailments()
            ran_in_full = bool(full_runs)
        return keys(on_disk), ran_in_full, keys(KnowledgeGraph.open(project).entailments())

    assert after_edit()[1] is True  # a new store: computed in full
    au = project / "graph" / "au.ttl"
    au.write_text(AU_FILE, encoding="utf-8")
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, False)
    assert after_edit() == (on_disk, False, fresh)  # nothing changed: the same list from both, in the same order
    assert ("<https://w3id.org/hskg/id/actor/nato>", "<https://w3id.org/hskg/ontology#relatesTo>",
            "<https://w3id.org/hskg/id/actor/african-union>") in on_disk
    before = on_disk
    report = project / "graph" / "report.ttl"  # section 5.1 leaves chapter 5 and joins section 5.2
    report.write_text(report.read_text(encoding="utf-8").replace(
        "dcterms:isPartOf report:chapter-5 .", "dcterms:isPartOf report:section-5-2 .", 1), encoding="utf-8")
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, False)
    # nothing is lost: the removed statement is entailed still (chapter 5 dcterms:hasPart section 5.1)
    report_id, hskg_ns, dcterms = "https://w3id.org/hskg/id/report/", "https://w3id.org/hskg/ontology#", \
        "http://purl.org/dc/terms/"
    assert (sorted(set(on_disk) - set(before)), set(before) - set(on_disk)) == ([
        (f"<{report_id}section-5-1>", f"<{dcterms}isPartOf>", f"<{report_id}chapter-5>"),
        (f"<{report_id}section-5-1>", f"<{hskg_ns}isPartOf>", f"<{report_id}section-5-2>"),
        (f"<{report_id}section-5-1>", f"<{hskg_ns}relatesTo>", f"<{report_id}section-5-2>"),
        (f"<{report_id}section-5-2>", f"<{dcterms}hasPart>", f"<{report_id}section-5-1>"),
        (f"<{report_id}section-5-2>", f"<{hskg_ns}relatesTo>", f"<{report_id}section-5-1>")], set())
    rule = project / "queries" / "rules" / "symmetric.rq"
    rule.write_text(rule.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # the same rule, another file
    au.write_text(AU_FILE.replace("influences", "canImpact"), encoding="utf-8")
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, True)
    au.unlink()  # a deleted file: its triples come from its graph in the store
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, False)
    assert ("<https://w3id.org/hskg/id/actor/nato>", "<https://w3id.org/hskg/ontology#relatesTo>",
            "<https://w3id.org/hskg/id/actor/african-union>") not in on_disk
    au.write_text(AU_FILE, encoding="utf-8")
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, False)
    assert after_edit() == (on_disk, False, fresh)  # nothing changed: the same list from both, in the same order
    shutil.rmtree(project / "build" / "store.files")  # the lines kept of each file are gone:
    au.write_text(AU_FILE.replace("influences", "canImpact"), encoding="utf-8")  # its graph says what it held
    on_disk, ran_in_full, fresh = after_edit()
    assert (on_disk == fresh, ran_in_full) == (True, False)


# --- the rules' analysis kept in build/ ---------------------------------------------------

def test_the_analysis_of_the_rules_is_kept_and_read_back_without_rdflib(tmp_path, monkeypatch):
    import hskg.entailment_delta

    kept = tmp_path / "rules.json"
    analysed = delta_rules(RULES, kept)
    assert sorted(json.loads(kept.read_text(encoding="utf-8"))) == sorted(
        hashlib.sha256(text.encode("utf-8")).hexdigest() for text in RULES.values())
    monkeypatch.setattr(hskg.entailment_delta, "delta_rule", lambda text: pytest.fail("analysed again"))
    assert delta_rules(RULES, kept) == analysed


def test_an_edited_rule_is_analysed_again_and_the_old_analysis_dropped(tmp_path):
    kept = tmp_path / "rules.json"
    delta_rules(RULES, kept)
    beyond = "PREFIX ex: <http://example.org/>\n" + BEYOND["optional"]
    assert delta_rules({**RULES, "subclass": beyond}, kept) is None
    record = json.loads(kept.read_text(encoding="utf-8"))
    assert (record[hashlib.sha256(beyond.encode("utf-8")).hexdigest()],
            hashlib.sha256(RULES["subclass"].encode("utf-8")).hexdigest() in record) == (None, False)


@pytest.mark.parametrize("entry", ["not an object", {"patterns": [["?x"]], "template": [["?x", "?p", "?o"]]},
                                   {"patterns": [], "template": []}, {"patterns": [[1, 2, 3]], "template": []},
                                   {"template": [["?x", "?p", "?o"]]}])
def test_a_damaged_analysis_is_made_again(tmp_path, entry):
    kept = tmp_path / "rules.json"
    analysed = delta_rules(RULES, kept)
    key = hashlib.sha256(RULES["transitive"].encode("utf-8")).hexdigest()
    kept.write_text(json.dumps({**json.loads(kept.read_text(encoding="utf-8")), key: entry}), encoding="utf-8")
    assert delta_rules(RULES, kept) == analysed
    assert delta_rules(RULES, tmp_path / "missing" / "rules.json") == analysed  # a folder that is not there


@pytest.mark.slow
def test_a_writer_stopped_half_way_through_bringing_them_in_step_leaves_them_to_a_full_run(tmp_path, monkeypatch):
    """The entailed graph's claim leaves the store's record before the graph changes: a writer
    stopped half-way (here an error after the first triples were written) leaves a graph
    nobody trusts, and the next command derives it in full."""
    import shutil

    import hskg.entailment_delta
    from hskg.store_disk import DiskStore

    project = tmp_path / "shipped"
    for folder in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / folder, project / folder)
    store = project / "build" / "store"
    KnowledgeGraph.open(project, store=store).graphs()
    (project / "graph" / "au.ttl").write_text(AU_FILE, encoding="utf-8")

    def stopped(*arguments, **options):
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(hskg.entailment_delta._ChangedGraph, "remove", stopped)
        with pytest.raises(KeyboardInterrupt):
            KnowledgeGraph.open(project, store=store).graphs()
    assert DiskStore.open(store).derived_inputs(ENTAILED_GRAPH) is None
    assert keys(KnowledgeGraph.open(project, store=store).entailments()) == keys(KnowledgeGraph.open(project).entailments())
