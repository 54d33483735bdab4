"""The knowledge in ontology/ and graph/: what the report and the context facts say.

Every test asserts exact sets (or sequences) of IRIs or labels, so that a change to the
knowledge shows up as a named difference rather than as a different count.
"""
import pathlib
import re

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Literal, Namespace, URIRef

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"

HSKG = Namespace("https://w3id.org/hskg/ontology#")
ID = "https://w3id.org/hskg/id/"
CONCEPT = Namespace(ID + "concept/")
NOTION = Namespace(ID + "notion/")
ACTOR = Namespace(ID + "actor/")
PERSON = Namespace(ID + "person/")
REGIME = Namespace(ID + "regime/")
DOC = Namespace(ID + "document/")
APPROACH = Namespace(ID + "approach/")
REPORT = Namespace(ID + "report/")
REF = Namespace(ID + "reference/")
CLAIM = Namespace(ID + "claim/")
SOURCE = Namespace(ID + "source/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
ORG = Namespace("http://www.w3.org/ns/org#")

THE_REPORT = REPORT["hfm-et-201"]
CK = {PERSON["christine-chinkin"], PERSON["mary-kaldor"]}


def fold(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def kg():
    graph = rdflib.Graph()
    # The SHACL shapes live in ontology/ too but are a graph of their own (`hskg validate`).
    files = [f for f in sorted((ROOT / "ontology").glob("*.ttl")) if f.name != "shapes.ttl"]
    files += sorted((ROOT / "graph").rglob("*.ttl"))
    assert files, "no Turtle files under ontology/ and graph/"
    for path in files:
        graph.parse(path, format="turtle")
    return graph


def labels(kg, nodes):
    return {str(kg.value(n, RDFS.label)) for n in nodes}


def instances(kg, cls):
    """Instances of cls or of any of its subclasses."""
    classes = set(kg.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in kg.subjects(RDF.type, c)}


def claims_for(kg, s, p, o):
    return {c for c in kg.subjects(RDF.subject, s)
            if (c, RDF.predicate, p) in kg and (c, RDF.object, o) in kg}


def quote(kg, claim):
    return str(kg.value(kg.value(claim, HSKG.evidence), OA.exact))


def cited(kg, claim):
    return {int(kg.value(r, HSKG.referenceNumber)) for r in kg.objects(claim, CITO.citesAsEvidence)}


def report_claims(kg):
    return {c for c in instances(kg, HSKG.Claim) if (c, PROV.wasDerivedFrom, THE_REPORT) in kg}


def context_claims(kg):
    return instances(kg, HSKG.Claim) - report_claims(kg)


# --- Chinkin and Kaldor's three notions -------------------------------------------------

NOTION_FOCUS = {
    NOTION.narrow: (HSKG.groundedIn, CONCEPT["human-rights"], "a narrow view grounded in human rights"),
    NOTION.humanitarian: (HSKG.respondsTo, CONCEPT["atrocity-crimes"],
                          "a humanitarian approach that views human security as a means of responding to atrocity crimes"),
    NOTION.broad: (HSKG.emphasizes, CONCEPT["economic-development"], "a broad approach that emphasizes economic development"),
}


def test_the_three_notions_are_the_only_members_of_their_class_and_scheme(kg):
    assert set(kg.subjects(RDF.type, HSKG.Notion)) == set(NOTION_FOCUS)
    assert set(kg.subjects(SKOS.inScheme, NOTION.scheme)) == set(NOTION_FOCUS)
    assert set(kg.objects(NOTION.scheme, SKOS.hasTopConcept)) == set(NOTION_FOCUS)
    assert (NOTION.scheme, RDF.type, SKOS.ConceptScheme) in kg


def test_each_notion_has_its_grounding_with_quote_and_reference_43(kg):
    for notion, (predicate, focus, phrase) in NOTION_FOCUS.items():
        assert (notion, predicate, focus) in kg
        assert (predicate, RDFS.subPropertyOf, HSKG.hasFocus) in kg
        assert set(kg.objects(notion, predicate)) == {focus}
        (claim,) = claims_for(kg, notion, predicate, focus)
        assert phrase in quote(kg, claim)
        assert cited(kg, claim) == {43}
        assert set(kg.objects(claim, HSKG.accordingTo)) == CK
        assert set(kg.objects(claim, HSKG.inSection)) == {REPORT["section-5-4"]}


def test_each_notion_is_a_notion_of_human_security_with_a_nexus_to_international_law(kg):
    assert set(kg.subjects(HSKG.isNotionOf, CONCEPT["human-security"])) == set(NOTION_FOCUS)
    assert set(kg.subjects(HSKG.hasNexusWith, REGIME["international-law"])) == set(NOTION_FOCUS)


# --- the humanization of international law ---------------------------------------------

def test_humanization_is_expressed_through_exactly_ihrl_ihl_and_refugee_law(kg):
    humanization = CONCEPT["humanization-of-international-law"]
    regimes = set(kg.objects(humanization, HSKG.expressedThrough))
    assert regimes == {REGIME.ihrl, REGIME.ihl, REGIME["international-refugee-law"]}
    assert labels(kg, regimes) == {"international human rights law", "international humanitarian law",
                                   "international refugee law"}
    for regime in regimes:
        (claim,) = claims_for(kg, humanization, HSKG.expressedThrough, regime)
        assert cited(kg, claim) == {48, 50}
        assert set(kg.objects(claim, HSKG.inSection)) == {REPORT["section-5-2"]}
    assert {str(a) for a in kg.objects(REGIME.ihrl, SKOS.altLabel)} == {"IHRL"}


def test_human_security_is_noted_as_conceptually_rooted_in_ihrl_per_reference_49(kg):
    # The report attributes this to commentators and hedges it, so it is not a plain "rooted in".
    hs = CONCEPT["human-security"]
    assert set(kg.objects(hs, HSKG.rootedIn)) == {CONCEPT["security-studies"]}
    assert set(kg.objects(hs, HSKG.notedAsConceptuallyRootedIn)) == {REGIME.ihrl}
    (claim,) = claims_for(kg, hs, HSKG.notedAsConceptuallyRootedIn, REGIME.ihrl)
    assert cited(kg, claim) == {49}


# --- the five actors' approaches ----------------------------------------------------------

def test_the_five_approaches_in_the_reports_order(kg):
    approaches = sorted(kg.subjects(RDF.type, HSKG.Approach), key=lambda a: int(kg.value(a, HSKG.sequenceNumber)))
    actors = [kg.value(a, HSKG.approachOf) for a in approaches]
    assert [str(kg.value(a, RDFS.label)) for a in actors] == [
        "United Nations", "European Union", "United Kingdom", "CIMIC", "NATO"]
    assert [int(kg.value(a, HSKG.sequenceNumber)) for a in approaches] == [1, 2, 3, 4, 5]
    presented = set(kg.objects(REPORT["part-actors-approaches"], HSKG.presents))
    assert presented == set(approaches)
    for approach, actor in zip(approaches, actors):
        # two claims each: the sentence that names the actors in order, and the one before it
        assert {quote(kg, c) for c in claims_for(kg, approach, HSKG.approachOf, actor)} == {
            "Different actors have taken different approaches when it comes to the human security concept.",
            "We briefly explain these different approaches by first presenting the United Nations approach, followed "
            "by the European Union, the United Kingdom, CIMIC and lastly, NATOs own approach."}


def test_the_approaches_differ_pairwise(kg):
    approaches = set(kg.subjects(RDF.type, HSKG.Approach))
    pairs = {frozenset((a, b)) for a, b in kg.subject_objects(HSKG.differsFrom)}
    assert pairs == {frozenset((a, b)) for a in approaches for b in approaches if a != b}


def test_what_the_report_says_of_wps_and_climate_change(kg):
    hs = CONCEPT["human-security"]
    assert set(kg.objects(hs, SKOS.related)) == {CONCEPT["climate-change"], CONCEPT["wps-agenda"]}
    assert set(kg.objects(hs, HSKG.mayConflictWith)) == {CONCEPT["wps-agenda"]}
    assert set(kg.objects(CONCEPT["climate-change"], HSKG.requiresAttentionTo)) == {CONCEPT.population}
    # context (X25): WPS is not one of NATO's five human security areas
    (negative,) = claims_for(kg, APPROACH.nato, HSKG.encompasses, CONCEPT["wps-agenda"])
    assert (negative, RDF.type, HSKG.NegativeClaim) in kg
    assert str(kg.value(negative, HSKG.contextFact)) == "X25"
    assert set(kg.objects(APPROACH.nato, HSKG.encompasses)) == {
        CONCEPT["protection-of-civilians"], CONCEPT["children-and-armed-conflict"],
        CONCEPT["conflict-related-sexual-violence"], CONCEPT["combating-trafficking-in-human-beings"],
        CONCEPT["cultural-property-protection"]}


# --- claims: shape, evidence, provenance --------------------------------------------------

def test_every_claim_states_one_triple_and_derives_from_one_source(kg):
    claims = instances(kg, HSKG.Claim)
    assert claims
    for claim in claims:
        for p in (RDF.subject, RDF.predicate, RDF.object):
            assert len(set(kg.objects(claim, p))) == 1, (claim, p)
        assert len(set(kg.objects(claim, PROV.wasDerivedFrom))) == 1, claim
        assert len(set(kg.objects(claim, RDFS.label))) == 1, claim


def test_every_report_claim_has_one_section_and_one_quote(kg):
    parts = instances(kg, HSKG.ReportPart)
    for claim in report_claims(kg):
        sections = set(kg.objects(claim, HSKG.inSection))
        assert len(sections) == 1 and sections <= parts, claim
        selectors = set(kg.objects(claim, HSKG.evidence))
        assert len(selectors) == 1, claim
        (selector,) = selectors
        assert (selector, RDF.type, OA.TextQuoteSelector) in kg
        assert len(set(kg.objects(selector, OA.exact))) == 1, claim
        assert kg.value(claim, HSKG.contextFact) is None


def test_every_context_claim_has_a_context_source_and_no_quote(kg):
    facts = set()
    for claim in context_claims(kg):
        (source,) = set(kg.objects(claim, PROV.wasDerivedFrom))
        assert (source, RDF.type, HSKG.ContextSource) in kg, claim
        assert kg.value(source, DCTERMS.title) is not None and kg.value(source, HSKG.address) is not None
        fact = str(kg.value(claim, HSKG.contextFact))
        assert re.fullmatch(r"X[0-9]+", fact), claim
        facts.add(fact)
        assert kg.value(claim, HSKG.evidence) is None and kg.value(claim, HSKG.inSection) is None
    assert facts == {"X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "X9", "X10", "X13", "X14", "X16", "X17",
                     "X19", "X20", "X21", "X22", "X23", "X24", "X25", "X27", "X28", "X29", "X30", "X31",
                     "X32", "X33", "X34", "X35", "X36", "X37", "X39", "X40", "X41", "X42", "X44", "X45", "X46"}


def test_no_quote_is_held_by_anything_but_oa_exact(kg):
    assert not {p for p in kg.predicates() if "quote" in str(p).lower()}


def test_claims_come_from_every_part_of_the_report(kg):
    sections = {kg.value(c, HSKG.inSection) for c in report_claims(kg)}
    assert sections == {REPORT["executive-summary"], REPORT.abstract, REPORT.disclaimer, REPORT["chapter-5"],
                        REPORT["section-5-1"], REPORT["section-5-2"], REPORT["section-5-3"], REPORT["section-5-4"]}


def test_positive_claims_are_asserted_and_negative_ones_are_not(kg):
    unasserted = set(kg.subjects(RDF.type, HSKG.UnassertedModality))
    for claim in instances(kg, HSKG.Claim):
        triple = tuple(kg.value(claim, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if kg.value(claim, HSKG.modality) in unasserted and (claim, RDF.type, HSKG.NegativeClaim) not in kg:
            assert triple not in kg, claim  # "may not", "whether …": neither the triple nor its negation
            assert kg.value(claim, HSKG.modality) != CONCEPT["modality-denied"], claim
        elif (claim, RDF.type, HSKG.NegativeClaim) in kg:
            assert kg.value(claim, HSKG.modality) == CONCEPT["modality-denied"], claim
            assert triple not in kg, claim
            s, p, o = triple
            target = OWL.targetValue if isinstance(o, Literal) else OWL.targetIndividual
            axioms = {a for a in kg.subjects(OWL.sourceIndividual, s)
                      if (a, OWL.assertionProperty, p) in kg and (a, target, o) in kg}
            assert len(axioms) == 1 and (axioms.pop(), RDF.type, OWL.NegativePropertyAssertion) in kg, claim
        else:
            assert triple in kg, claim


def test_the_1994_hdr_makes_no_reference_to_international_law(kg):
    hdr, law = DOC["hdr-1994"], REGIME["international-law"]
    (claim,) = claims_for(kg, hdr, HSKG.refersTo, law)
    assert (claim, RDF.type, HSKG.NegativeClaim) in kg
    assert (hdr, HSKG.refersTo, law) not in kg
    assert "does not make a single reference to international law" in quote(kg, claim)
    assert set(kg.objects(claim, HSKG.inSection)) == {REPORT["section-5-1"]}
    negatives = {(kg.value(c, RDF.subject), kg.value(c, RDF.predicate), kg.value(c, RDF.object))
                 for c in report_claims(kg) if (c, RDF.type, HSKG.NegativeClaim) in kg}
    assert negatives == {
        (hdr, HSKG.refersTo, law),
        (hdr, HSKG.situatesWithinLegalFrameworks, CONCEPT["human-security"]),
        (CONCEPT["human-security"], HSKG.appearsIn, DOC["binding-international-legal-documents"]),
        (CONCEPT["human-security"], HSKG.imposes, CONCEPT["additional-legal-obligations"]),
    }


def test_what_the_general_assembly_and_the_secretary_general_did_or_said(kg):
    ga, sg = ACTOR["un-general-assembly"], ACTOR["un-secretary-general"]
    assert set(kg.objects(ga, HSKG.soughtToDefine)) == {CONCEPT["human-security"]}
    assert set(kg.objects(sg, HSKG.refersTo)) == {REGIME["international-law"]}
    assert set(kg.objects(sg, HSKG.deemsCounterproductive)) == {CONCEPT["legal-definition-of-human-security"]}
    (claim,) = claims_for(kg, CONCEPT["human-security"], HSKG.imposes, CONCEPT["additional-legal-obligations"])
    assert set(kg.objects(claim, HSKG.accordingTo)) == {sg}
    assert cited(kg, claim) == {45, 53}


# --- chapter 5's authors and the report's structure ---------------------------------------

def test_chapter_5_authors_affiliations_and_countries(kg):
    chapter = REPORT["chapter-5"]
    authors = set(kg.objects(chapter, DCTERMS.creator))
    assert labels(kg, authors) == {"David Hughes", "Marco Marsili"}
    affiliations = {str(kg.value(a, RDFS.label)): labels(kg, kg.objects(a, HSKG.affiliatedWith)) for a in authors}
    assert affiliations == {
        "David Hughes": {"Dallaire Centre of Excellence for Peace and Security"},
        "Marco Marsili": {"Research Center of the Instituto Universitário Milita",
                          "Research Centre of the Institute for Political Studies of Universidade Católica Portuguesa"},
    }
    countries = {str(kg.value(a, RDFS.label)): labels(kg, kg.objects(a, HSKG.country)) for a in authors}
    assert countries == {"David Hughes": {"Canada"}, "Marco Marsili": {"Portugal"}}
    assert {str(a) for a in kg.objects(ACTOR.cidium, SKOS.altLabel)} == {"CIDIUM"}
    for author in authors:
        (claim,) = claims_for(kg, chapter, DCTERMS.creator, author)
        assert kg.value(claim, HSKG.inSection) == chapter


def test_the_four_research_paths_in_order(kg):
    paths = sorted(kg.objects(THE_REPORT, HSKG.proposesResearchPath),
                   key=lambda p: int(kg.value(p, HSKG.sequenceNumber)))
    assert [str(kg.value(p, RDFS.label)) for p in paths] == [
        "critical examination of the concept", "human security and other concepts",
        "the strategic relevance of human security", "operationalising human security"]
    assert set(paths) == set(kg.subjects(RDF.type, HSKG.ResearchPath))


def test_the_parts_the_executive_summary_lists_in_order(kg):
    parts = sorted(kg.subjects(RDF.type, HSKG.SummarizedPart), key=lambda p: int(kg.value(p, HSKG.sequenceNumber)))
    assert [p.removeprefix(str(REPORT)) for p in parts] == [
        "part-why-human-security-matters", "part-roots-and-criticism", "part-legal-framework",
        "part-four-approaches-for-nato", "part-other-concepts", "part-actors-approaches",
        "part-operational-challenges", "part-future-research"]
    assert set(parts) <= set(kg.objects(THE_REPORT, DCTERMS.hasPart))


# --- references [43] … [54] -------------------------------------------------------------

def test_each_reference_43_to_54_is_cited_by_a_claim(kg):
    references = set(kg.subjects(RDF.type, HSKG.Reference))
    assert {int(kg.value(r, HSKG.referenceNumber)) for r in references} == set(range(43, 55))
    assert set(kg.objects(None, CITO.citesAsEvidence)) == references == {REF[str(n)] for n in range(43, 55)}
    # only the number is known: no title, creator or other bibliographic identity is asserted
    assert {p for r in references for p in kg.predicates(r)} == {
        RDF.type, RDFS.label, HSKG.referenceNumber, DCTERMS.isPartOf}


@pytest.mark.parametrize("claim, numbers", [
    ("s5-1-international-law-state-centric", {47}),
    ("s5-1-human-security-in-no-binding-legal-document", {45}),
    ("s5-2-security-council-contributed-to-individual-centred-security", {46}),
    ("s5-2-human-security-traced-to-udhr-preamble", {43}),
    ("s5-2-udhr-preamble-normative-orientation-of-human-security", {51}),
    ("s5-2-humanization-expressed-through-ihl", {48, 50}),
    ("s5-3-general-assembly-sought-to-define-human-security", {52}),
    ("s5-3-secretary-general-refers-to-international-law", {45, 53}),
    ("s5-3-law-primary-framework-for-security", {44, 54}),
    ("s5-3-human-security-can-impact-international-law", {49}),
    ("s5-4-broad-emphasizes-economic-development", {43}),
    ("s5-2-human-security-separate-paths-from-international-law", set()),
    ("es-human-security-may-conflict-with-wps-agenda", set()),
])
def test_citations_of_named_claims(kg, claim, numbers):
    assert (CLAIM[claim], RDF.type, None) in kg
    assert cited(kg, CLAIM[claim]) == numbers


# --- the ontology ---------------------------------------------------------------------------

def test_every_property_used_in_the_data_has_one_owl_property_type(kg):
    builtin = {RDF.type, RDF.subject, RDF.predicate, RDF.object, RDF.first, RDF.rest, RDFS.label, RDFS.comment,
               RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, RDFS.isDefinedBy}
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for p in set(kg.predicates()) - builtin:
        if str(p).startswith(str(OWL)):
            continue
        assert len(set(kg.objects(p, RDF.type)) & kinds) == 1, p


def test_module_headers(kg):
    modules = {URIRef(f"https://w3id.org/hskg/ontology/{m}") for m in ("core", "concepts", "actors", "law", "report")}
    assert modules <= set(kg.subjects(RDF.type, OWL.Ontology))
    for module in modules:
        assert kg.value(module, OWL.versionInfo) is not None
        assert kg.value(module, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
        assert kg.value(module, DCTERMS.description) is not None


def test_axioms_that_let_a_reasoner_catch_modelling_errors(kg):
    def disjoint_sets():
        for axiom in kg.subjects(RDF.type, OWL.AllDisjointClasses):
            yield set(rdflib.collection.Collection(kg, kg.value(axiom, OWL.members)))
    groups = list(disjoint_sets())
    assert any({HSKG.Person, HSKG.Organization, HSKG.State, HSKG.MilitaryFunction} <= g for g in groups)
    assert any({HSKG.Actor, HSKG.Notion, HSKG.Document, HSKG.Concept, HSKG.Claim} <= g for g in groups)
    assert (HSKG.expressedThrough, OWL.inverseOf, HSKG.expresses) in kg
    assert (HSKG.hasApproach, OWL.inverseOf, HSKG.approachOf) in kg
    assert (DCTERMS.hasPart, OWL.inverseOf, DCTERMS.isPartOf) in kg
    symmetric = set(kg.subjects(RDF.type, OWL.SymmetricProperty))
    assert {HSKG.hasNexusWith, HSKG.bearsImplicationsFor, HSKG.symbioticRelationshipWith, HSKG.mayConflictWith,
            HSKG.differsFrom, SKOS.related} <= symmetric
    for p in symmetric & {t for t in kg.subjects(RDFS.domain, None)}:
        assert kg.value(p, RDFS.domain) == kg.value(p, RDFS.range), p


def test_labels_carry_the_reports_acronyms(kg):
    def alts(node):
        return {str(a) for a in kg.objects(node, SKOS.altLabel)}
    assert str(kg.value(ACTOR["united-nations"], RDFS.label)) == "United Nations" and "UN" in alts(ACTOR["united-nations"])
    assert "IHL" in alts(REGIME.ihl)
    assert {"WPS", "WPS Agenda"} <= alts(CONCEPT["wps-agenda"])
    assert "NATOs own approach" in alts(APPROACH.nato)
    assert "Instituto Universitário Milita" in alts(ACTOR.ium)


# --- wave 2 (issue #14) ------------------------------------------------------------------

MODALITY = Namespace(ID + "concept/modality-")


def folded_source():
    return " ".join(fold(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt")))


def test_every_relation_between_knowledge_nodes_is_under_hskg_relates_to(kg):
    def under(p):
        return p == HSKG.relatesTo or HSKG.relatesTo in set(kg.transitive_objects(p, RDFS.subPropertyOf))
    structural = {RDF.type, RDF.subject, RDF.predicate, RDF.object, SKOS.inScheme, SKOS.hasTopConcept,
                  SKOS.topConceptOf, CITO.citesAsEvidence, PROV.wasDerivedFrom, HSKG.inSection, HSKG.accordingTo,
                  HSKG.inContextOf, HSKG.modality, HSKG.memberKind}
    used = {p for s, p, o in kg if isinstance(o, URIRef) and str(s).startswith(ID) and str(o).startswith(ID)}
    assert {p for p in used - structural if not under(p)} == set()


def test_the_general_relations_have_domain_and_range_owl_thing_and_sit_under_relates_to(kg):
    general = set(kg.subjects(RDFS.domain, OWL.Thing))
    assert {str(p).removeprefix(str(HSKG)) for p in general} == {
        "relatesTo", "isAssociatedWith", "contrastsWith", "conflictsWith", "supports", "isLegalBasisOf",
        "hasLegalBasis", "influences", "originatesIn", "describes", "characterizedAs", "isPartOf", "attributedTo",
        "continues"}
    for p in general:
        assert kg.value(p, RDFS.range) == OWL.Thing, p
        assert p == HSKG.relatesTo or (p, RDFS.subPropertyOf, None) in kg, p
    assert (HSKG.isPartOf, RDF.type, OWL.TransitiveProperty) in kg
    assert {HSKG.isAssociatedWith, HSKG.contrastsWith, HSKG.conflictsWith} <= set(
        kg.subjects(RDF.type, OWL.SymmetricProperty))
    assert (HSKG.isLegalBasisOf, OWL.inverseOf, HSKG.hasLegalBasis) in kg


def test_modalities_form_one_scheme_and_claims_carry_the_reports_hedges(kg):
    scheme = CONCEPT["modality-scheme"]
    modalities = set(kg.objects(scheme, SKOS.hasTopConcept))
    assert {str(m).removeprefix(str(MODALITY)) for m in modalities} == {
        "asserted", "hedged", "predicted", "historical", "planned", "inferred", "denied", "possibly-not", "questioned"}
    assert set(kg.subjects(RDF.type, HSKG.UnassertedModality)) == {
        MODALITY.denied, MODALITY["possibly-not"], MODALITY.questioned}
    hedged = {c.removeprefix(str(CLAIM)) for c in kg.subjects(HSKG.modality, MODALITY.hedged)}
    assert hedged == {"es-human-security-may-conflict-with-wps-agenda", "s5-2-human-security-rooted-in-ihrl",
                      "s5-3-human-security-can-impact-international-law"}
    for claim in instances(kg, HSKG.Claim):
        if (claim, RDF.type, HSKG.NegativeClaim) in kg:
            assert kg.value(claim, HSKG.modality) == MODALITY.denied, claim
    # "may not impose new legal obligations" (5.3): neither the triple nor its negation
    (maybe,) = claims_for(kg, CONCEPT["human-security-agenda"], HSKG.imposes, CONCEPT["new-legal-obligations"])
    assert kg.value(maybe, HSKG.modality) == MODALITY["possibly-not"]
    assert (CONCEPT["human-security-agenda"], HSKG.imposes, CONCEPT["new-legal-obligations"]) not in kg
    assert not set(kg.subjects(OWL.assertionProperty, HSKG.imposes)) & set(
        kg.subjects(OWL.sourceIndividual, CONCEPT["human-security-agenda"]))


def test_the_commentators_and_the_several_states_are_groups(kg):
    (rooted,) = claims_for(kg, CONCEPT["human-security"], HSKG.notedAsConceptuallyRootedIn, REGIME.ihrl)
    assert set(kg.objects(rooted, HSKG.accordingTo)) == {ACTOR.commentators}
    assert (ACTOR.commentators, RDF.type, HSKG.ActorGroup) in kg
    assert kg.value(ACTOR["several-states"], HSKG.memberKind) == HSKG.State
    assert set(kg.objects(ACTOR["un-secretary-general"], HSKG.actedAtBehestOf)) == {ACTOR["several-states"]}
    groups = set(kg.subjects(RDF.type, HSKG.ActorGroup)) | set(kg.subjects(RDF.type, HSKG.DocumentGroup))
    assert {g.removeprefix(ID) for g in groups} == {
        "actor/several-states", "actor/commentators", "actor/respective-authors", "actor/authors-institutions",
        "actor/any-agency", "actor/any-government", "actor/un-and-other-agencies",
        "document/binding-international-legal-documents", "document/security-council-resolutions",
        "document/external-sources"}


def test_the_abstract_gives_barriers_for_change_to_the_report_not_to_part_7(kg):
    claim = CLAIM["abstract-part-7-addresses-barriers-for-change"]  # the IRI is kept
    assert (kg.value(claim, RDF.subject), kg.value(claim, RDF.object)) == (THE_REPORT, CONCEPT["barriers-for-change"])
    part7 = REPORT["part-operational-challenges"]
    assert {kg.value(c, HSKG.inSection) for c in claims_for(kg, part7, HSKG.addresses, CONCEPT["barriers-for-change"])} \
        == {REPORT["executive-summary"]}


def test_hfm_382_dates_are_planned_not_active(kg):
    hfm382 = ACTOR["hfm-382"]
    assert kg.value(hfm382, HSKG.activeFrom) is None and kg.value(hfm382, HSKG.activeUntil) is None
    assert (str(kg.value(hfm382, HSKG.plannedFrom)), str(kg.value(hfm382, HSKG.plannedUntil))) == (
        "2024-01-15", "2025-01-14")
    for p in (HSKG.plannedFrom, HSKG.plannedUntil):
        (claim,) = {c for c in kg.subjects(RDF.subject, hfm382) if (c, RDF.predicate, p) in kg}
        assert kg.value(claim, HSKG.modality) == MODALITY.planned and str(kg.value(claim, HSKG.contextFact)) == "X28"


def test_islands_are_connected_where_a_source_connects_them(kg):
    # the notion scheme to its authors (5.4, [43]); the research paths to the part that lays them out
    assert set(kg.objects(NOTION.scheme, DCTERMS.creator)) == CK
    paths = {REPORT[f"research-path-{n}"] for n in range(1, 5)}
    assert set(kg.objects(REPORT["part-future-research"], HSKG.proposesResearchPath)) == paths
    # the UN approach to Res. 66/290: inferred, and marked so
    (claim,) = claims_for(kg, APPROACH.un, HSKG.setOutIn, DOC["unga-res-66-290"])
    assert kg.value(claim, HSKG.modality) == MODALITY.inferred and str(kg.value(claim, HSKG.contextFact)) == "X9"
    # no source says so: no regime hierarchy, no UNDP in the UN, no NSO in NATO, no notion in the book, no [43] identity
    for regime in (REGIME.ihrl, REGIME.ihl, REGIME["international-refugee-law"]):
        assert not set(kg.objects(regime, DCTERMS.isPartOf)) | set(kg.objects(regime, HSKG.isPartOf))
    assert kg.value(ACTOR.undp, ORG.subOrganizationOf) is None and kg.value(ACTOR.nso, ORG.subOrganizationOf) is None
    assert set(kg.subjects(None, DOC["international-law-and-new-wars-2017"])) - instances(kg, HSKG.Claim) == set()
    assert not set(kg.objects(NOTION.scheme, HSKG.setOutIn))


def test_the_values_of_the_udhr_preamble_are_nodes(kg):
    values = {CONCEPT[v] for v in ("fundamental-human-rights", "dignity-and-worth-of-the-human-person",
                                   "equal-rights-of-men-and-women", "social-progress",
                                   "better-standards-of-life-in-larger-freedom")}
    assert set(kg.objects(DOC["udhr-1948-preamble"], HSKG.affirms)) == values
    assert set(kg.objects(CONCEPT["human-security"], HSKG.isOrientedTowards)) == values
    for value in values:
        label = str(kg.value(value, RDFS.label))
        assert label in folded_source(), label  # the label is the report's own words
        for claim in claims_for(kg, DOC["udhr-1948-preamble"], HSKG.affirms, value):
            assert cited(kg, claim) == {51}


NOT_MODELLED = set()  # sentences of the excerpt that state nothing (docs/KNOWLEDGE.md): none left


def test_every_sentence_of_the_excerpt_is_quoted_by_a_claim(kg):
    text = folded_source()
    body = text[text.index("Human security was written"):]
    # headings out (the byline of chapter 5 is quoted in parts by its own claims, tested above)
    body = re.sub(r"Chapter 5 – .*? PORTUGAL ", "", body)
    body = re.sub(r"\b(Abstract|Disclaimer) (?=[A-Z])", "", body)
    body = re.sub(r"5\.\d [A-Z’ ]+? (?=[A-Z][a-z])", "", body)
    sentences = [s for s in re.split(r"(?<=[.?!’”\]])\s+(?=[A-Z‘“(])", body) if s.strip()]
    assert len(sentences) == 67  # 21 + 9 + 3 + 6 + 10 + 9 + 9 (executive summary … 5.4)
    quotes = {fold(quote(kg, c)) for c in report_claims(kg)}
    uncovered = {s for s in sentences if not any(q in s or s in q for q in quotes)}
    assert uncovered == NOT_MODELLED


# --- the project's own checks, on the shipped graph -------------------------------------
# The rules that every node has a label and a definition, every relation a claim, every
# quote its passage, no IRI dangles … are the checks of `hskg validate`; these tests run
# those very checks, not copies of them.

CHECKS = sorted(p.name.removesuffix("-violation.rq") for p in (ROOT / "queries" / "checks").glob("*-violation.rq"))


@pytest.fixture(scope="module")
def shipped():
    from hskg import KnowledgeGraph

    return KnowledgeGraph.open(ROOT)


@pytest.mark.parametrize("check", CHECKS)
def test_the_shipped_graph_passes_each_sparql_check(shipped, check):
    from hskg.validate import load_checks, sparql_findings

    (selected,) = [c for c in load_checks(ROOT / "queries" / "checks") if c.name == check]
    assert sparql_findings(shipped.store, [selected]) == []


def test_every_quote_is_verbatim_in_the_shipped_source_text(shipped):
    from hskg.validate import evidence_findings

    assert evidence_findings(shipped.store, SOURCES) == []


def test_the_shipped_graph_conforms_to_the_shapes(shipped):
    from hskg.store import DATA_GRAPH, ONTOLOGY_GRAPH
    from hskg.validate import shacl_findings

    data, ontology = list(shipped.store.triples([DATA_GRAPH])), list(shipped.store.triples([ONTOLOGY_GRAPH]))
    assert shacl_findings(data, ontology, shipped.project.shape_files(), ROOT) == []
