"""The entailment rules (queries/rules/*.rq, hskg.entailment): exact entailed triples.

First on a tiny fixture (data and expected triples written out, rdflib style), then on
the shipped graph: the traps of issue #14 (denials missed by ``?c a hskg:Claim``,
symmetric relations stored one way, specific relations missed by a general query) are
gone once the entailments are added.
"""
from pathlib import Path

import pyoxigraph as ox
import pytest

from hskg import KnowledgeGraph
from hskg.entailment import RULE_NAMES, entailed_triples, load_rules
from hskg.store import ASSERTED_GRAPHS, DATA_GRAPH, ENTAILED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
RULES_DIR = ROOT / "queries" / "rules"
RULES = load_rules(RULES_DIR)

PREFIXES = """
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix ex:   <http://example.org/> .
"""

SCHEMA = PREFIXES + """
ex:Negative rdfs:subClassOf ex:Claim .
ex:Claim rdfs:subClassOf ex:Entity .
ex:groundedIn rdfs:subPropertyOf ex:hasFocus .
ex:hasFocus rdfs:subPropertyOf ex:relatesTo .
ex:producedBy owl:inverseOf ex:produced .
ex:nexus a owl:SymmetricProperty .
ex:partOf a owl:TransitiveProperty .
"""

DATA = PREFIXES + """
ex:c1 a ex:Negative .
ex:narrow ex:groundedIn ex:rights .
ex:doc ex:producedBy ex:un .
ex:nato ex:produced ex:concept .
ex:a ex:nexus ex:b .
ex:s ex:partOf ex:chapter . ex:chapter ex:partOf ex:report . ex:report ex:partOf ex:series .
ex:narrow ex:hasFocus ex:rights .
"""

EXPECTED = PREFIXES + """
ex:c1 a ex:Claim , ex:Entity .
ex:narrow ex:relatesTo ex:rights .
ex:un ex:produced ex:doc .
ex:concept ex:producedBy ex:nato .
ex:b ex:nexus ex:a .
ex:s ex:partOf ex:report , ex:series .
ex:chapter ex:partOf ex:series .
"""


def parse(text):
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))


def key(triple):
    return (str(triple.subject), str(triple.predicate), str(triple.object))


@pytest.fixture()
def tiny():
    store = OxigraphStore()
    store.add_triples(parse(SCHEMA), ONTOLOGY_GRAPH)
    store.add_triples(parse(DATA), DATA_GRAPH)
    return store


def test_one_rule_file_per_kind_each_documented():
    assert sorted(p.stem for p in RULES_DIR.glob("*.rq")) == sorted(RULE_NAMES)
    for name in RULE_NAMES:
        text = (RULES_DIR / f"{name}.rq").read_text(encoding="utf-8")
        assert text.startswith("# rule: ") and "CONSTRUCT" in text, name


def test_the_rules_entail_exactly_the_expected_triples_on_a_tiny_graph(tiny):
    entailed = entailed_triples(tiny, RULES)
    assert [key(t) for t in entailed] == sorted(key(t) for t in parse(EXPECTED))
    # the asserted ex:narrow ex:hasFocus ex:rights is not returned again
    assert ("<http://example.org/narrow>", "<http://example.org/hasFocus>", "<http://example.org/rights>") \
        not in {key(t) for t in entailed}


def test_entailment_leaves_the_store_as_it_was_and_is_deterministic(tiny):
    before = sorted(key(t) for t in tiny.triples((*ASSERTED_GRAPHS, INFERRED_GRAPH)))
    first = entailed_triples(tiny, RULES)
    assert sorted(key(t) for t in tiny.triples((*ASSERTED_GRAPHS, INFERRED_GRAPH))) == before
    assert [key(t) for t in entailed_triples(tiny, RULES)] == [key(t) for t in first]


# The transitive rule in its first, plain order (queries/rules/transitive.rq has the second
# step first, which Oxigraph joins far faster on a large graph).
TRANSITIVE_AS_FIRST_WRITTEN = """CONSTRUCT { ?a ?p ?c }
WHERE { ?p a owl:TransitiveProperty . ?a ?p ?b . ?b ?p ?c . FILTER(?a != ?c) }"""


def test_the_transitive_rule_entails_what_its_plain_order_entails(tiny):
    plain = {**RULES, "transitive": TRANSITIVE_AS_FIRST_WRITTEN}
    assert [key(t) for t in entailed_triples(tiny, RULES)] == [key(t) for t in entailed_triples(tiny, plain)]
    shipped_store = KnowledgeGraph.open(ROOT).store
    assert [key(t) for t in entailed_triples(shipped_store, RULES)] == [
        key(t) for t in entailed_triples(shipped_store, plain)]


# --- on the shipped graph ---------------------------------------------------------------

HSKG = "https://w3id.org/hskg/ontology#"
ID = "https://w3id.org/hskg/id/"


@pytest.fixture(scope="module")
def shipped():
    """The shipped graph as ``hskg query`` sees it: asserted triples and their entailments."""
    kg = KnowledgeGraph.open(ROOT)
    kg.load_entailments()
    return kg.store


def select(store, text, graphs=(*ASSERTED_GRAPHS, ENTAILED_GRAPH)):
    return {tuple(term.value for term in row) for row in store.query(text, graphs=graphs).rows}


def test_a_query_for_claims_finds_the_negative_claims(shipped):
    query = "SELECT ?c WHERE { ?c a hskg:Claim ; rdf:predicate hskg:refersTo ; rdf:subject doc:hdr-1994 }"
    assert select(shipped, query, ASSERTED_GRAPHS) == set()  # the trap: only hskg:NegativeClaim is asserted
    assert select(shipped, query) == {(ID + "claim/s5-1-hdr-1994-no-reference-to-international-law",)}


def test_a_symmetric_relation_is_found_both_ways(shipped):
    query = "SELECT ?x WHERE { regime:international-law hskg:hasNexusWith ?x }"
    assert select(shipped, query, ASSERTED_GRAPHS) == set()
    assert select(shipped, query) == {(ID + "notion/narrow",), (ID + "notion/humanitarian",), (ID + "notion/broad",)}


def test_an_inverse_is_found_both_ways(shipped):
    assert select(shipped, "SELECT ?a WHERE { actor:united-nations hskg:hasApproach ?a }") == {(ID + "approach/un",)}
    assert select(shipped, "SELECT ?d WHERE { ?d hskg:producedBy actor:nato }") == {
        (ID + "document/bi-sc-directive-1325-2017",), (ID + "document/nato-strategic-concept-2022",),
        (ID + "document/nato-human-security-approach-2022",)}


def test_a_specific_statement_is_found_under_its_general_relation(shipped):
    query = "SELECT ?notion ?focus WHERE { ?notion a hskg:Notion ; hskg:hasFocus ?focus }"
    assert select(shipped, query) == {
        (ID + "notion/narrow", ID + "concept/human-rights"),
        (ID + "notion/humanitarian", ID + "concept/atrocity-crimes"),
        (ID + "notion/broad", ID + "concept/economic-development")}


def test_part_of_chains_close_under_the_general_relation(shipped):
    # dcterms:isPartOf and org:subOrganizationOf are sub-properties of the transitive hskg:isPartOf
    assert select(shipped, "SELECT ?whole WHERE { report:section-5-1 hskg:isPartOf ?whole }") == {
        (ID + "report/chapter-5",), (ID + "report/hfm-et-201",)}
    assert select(shipped, "SELECT ?whole WHERE { actor:hfm-et-201 hskg:isPartOf ?whole }") == {
        (ID + "actor/hfm-panel",), (ID + "actor/sto",), (ID + "actor/nato",)}


def test_every_specific_statement_is_found_under_hskg_relates_to(shipped):
    # human security and international law: seven specific relations, one general query, both directions
    query = "SELECT DISTINCT ?x WHERE { regime:international-law hskg:relatesTo ?x }"
    found = {row[0] for row in select(shipped, query)}
    assert {ID + "concept/human-security", ID + "notion/narrow", ID + "concept/state-centrism",
            ID + "concept/plurality-of-international-actors"} <= found
    # the symmetric general relation holds both ways although the report states each association one way
    query = "SELECT ?x WHERE { regime:international-law hskg:isAssociatedWith ?x } ORDER BY ?x"
    assert select(shipped, query) == {(ID + "concept/human-security",), (ID + "notion/narrow",),
                                      (ID + "notion/humanitarian",), (ID + "notion/broad",)}
