"""The query catalog (queries/*.rq): every competency question with its exact answer.

Each catalog query runs against the real, shipped graph and must return exactly the
rows below: the sets (or, for ordered answers, the lists) were derived from the source
text (sources/hfm-et-201-excerpt.txt) and the context facts (the claims and sources of
graph/context/), not copied from the query output. Rows are
compared as tuples of compact IRIs (``actor:nato``) and literal texts; an unbound cell
is ``None``.
"""

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from hskg import KnowledgeGraph
from hskg.namespaces import compact
from hskg.query import load_catalog, resolve_node
from hskg.store import open_store
from test_catalog_forms import NAMED

ROOT = Path(__file__).resolve().parent.parent
SOURCE_TEXT = ROOT / "sources" / "hfm-et-201-excerpt.txt"

# --- verbatim passages of the report, as the claims quote them ----------------------
Q_NOTIONS = ("Chinkin and Kaldor describe three notions of human security—a narrow view grounded in human "
             "rights; a humanitarian approach that views human security as a means of responding to atrocity "
             "crimes; and a broad approach that emphasizes economic development[43].")
Q_NEXUS = "Each notion displays a clear nexus with international law"
Q_ORDER = ("We briefly explain these different approaches by first presenting the United Nations approach, "
           "followed by the European Union, the United Kingdom, CIMIC and lastly, NATOs own approach.")
Q_DIFFERENT = ("In this section we highlight that while the different actors use the same concept, the approach "
               "they take is different.")
Q_HUMANIZATION = ("What is often termed the humanization of international law is most poignantly expressed through "
                  "the development of the individual and protection-focused fields of international human rights "
                  "law (IHRL), international humanitarian law (IHL), and international refugee law [48][50].")
Q_PATHS = ("These four paths are 1) critical examination of the concept 2) human security and other concepts "
           "3) the strategic relevance of human security and 4) operationalising human security.")
Q_SOVEREIGNTY = "They will influence considerations of sovereignty and the bedrock principle of non-interference."
Q_WPS_ES = ("We therefore address the relationship between human security and climate change as well as human "
            "security and the Women, Peace and Security (WPS) agenda in a NATO context.")
Q_WPS_ABSTRACT = ("The report covers why human security matters for NATO, legal and theoretical frameworks, human "
                  "security and other concepts such as climate change and Women, Peace and Security (WPS),")
Q_PROBLEMS = "It also becomes evident that implementing human security and WPS together may be a source of problems."
Q_KEY_WORDS = ("Key words: Human security, security studies, international law, WPS Agenda, CIMIC, civilians, "
               "climate change, United Nations, European Union, United Kingdom.")
Q_POPULATION = "The relevance of addressing the population when thinking about climate change is highlighted."
Q_SG = ("But the only direct reference to international law came when the Secretary General, at the behest of "
        "several states, noted that the development of human security did not impose ‘additional legal "
        "obligations’ and that ‘assigning a legal definition to human security would be counterproductive’ [45][53].")
Q_BINDING = ("Conversely, the term ‘human security’ does not appear in a single binding international legal "
             "document [45].")
Q_HDR = ("The 1994 UNDP Human Development Report does not make a single reference to international law or "
         "situate the then nascent concept of human security within existing legal frameworks.")
QUOTES = [Q_NOTIONS, Q_NEXUS, Q_ORDER, Q_DIFFERENT, Q_HUMANIZATION, Q_PATHS, Q_SOVEREIGNTY, Q_WPS_ES,
          Q_WPS_ABSTRACT, Q_PROBLEMS, Q_KEY_WORDS, Q_POPULATION, Q_SG, Q_BINDING, Q_HDR]

S51, S52, S53, S54 = (f"report:section-5-{n}" for n in (1, 2, 3, 4))
ES, ABSTRACT = "report:executive-summary", "report:abstract"
CH5 = "Chapter 5 – Legal framework supporting human security"
HS, IL = "concept:human-security", "regime:international-law"



@pytest.fixture(scope="module")
def pushed(virtuoso):
    """The shipped graph pushed to the test Virtuoso, read back through the remote store (where
    the catalog runs its portable forms)."""
    embedded = KnowledgeGraph.open(ROOT)
    remote = KnowledgeGraph.load_into(embedded.project, open_store(virtuoso.sparql, graph_store=virtuoso.graph_store))
    embedded.push(remote.store)
    return remote


@pytest.fixture(scope="module", params=["embedded", pytest.param("virtuoso", marks=[pytest.mark.virtuoso,
                                                                                       pytest.mark.slow])])
def kg(request):
    """The shipped graph as ``hskg query`` sees it: asserted triples and their entailments
    (queries/rules/); in the embedded store, and pushed to Virtuoso."""
    if request.param == "embedded":
        return KnowledgeGraph.open(ROOT)
    return request.getfixturevalue("pushed")


@pytest.fixture(scope="module")
def store(kg):
    return kg.store


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "queries")


def cell(term):
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    return " ".join(term.value.split())


def table(text):
    """Rows written one a line, cells separated by two or more spaces; ``-`` is an unbound cell."""
    return [tuple(None if c == "-" else c for c in re.split(r"\s{2,}", line.strip()))
            for line in text.strip().splitlines()]


@pytest.fixture(scope="module")
def answer(kg):
    def run(name, columns=None, **params):
        entry = kg.catalog()[name]
        given = params or {p.name: p.example for p in entry.parameters}
        result = kg.catalog_query(name, given)
        columns = columns.split() if columns else result.variables
        index = [result.variables.index(c) for c in columns]
        return [tuple(cell(row[i]) for i in index) for row in result.rows]
    return run


# --- the catalog as a whole -----------------------------------------------------------

def test_the_catalog_has_at_least_27_queries_each_with_title_question_and_answer(catalog):
    assert len(catalog) >= 27
    for entry in catalog.values():
        assert entry.title and entry.question.endswith("?") and entry.answer, entry.name
        assert not re.search(r"^\s*PREFIX\s", entry.text, re.I | re.M), f"{entry.name}: prefixes are predeclared"
        assert "ORDER BY" in entry.text, f"{entry.name}: the answer must come in a fixed order"


def test_every_parameter_is_projected_and_has_an_example(store, catalog):
    for entry in catalog.values():
        select = entry.text[entry.text.index("SELECT"):entry.text.index("WHERE")]
        for parameter in entry.parameters:
            assert f"?{parameter.name} " in select + " ", f"{entry.name}: ?{parameter.name} is not projected"
            assert parameter.example, f"{entry.name}: document an example value (e.g. …)"
            if parameter.kind == "node":
                resolve_node(store, parameter.example)  # the example names exactly one node


def test_every_query_of_the_catalog_has_an_answer_test(catalog):
    tested = {name[len("test_"):].replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(catalog) <= tested, sorted(set(catalog) - tested)


# Fast forms without an Oxigraph extension that still have a portable form: Virtuoso runs the
# fast form more slowly than the portable one (its header says how much).
PORTABLE_FOR_SPEED = ["connection"]


def test_each_portable_form_gives_the_same_answer_as_its_fast_form_on_the_embedded_store(catalog):
    """A query that uses an Oxigraph extension (LATERAL, or a path Virtuoso evaluates wrongly) has a
    portable form in queries/portable/, run on other stores: both forms answer alike here, where both run."""
    kg = KnowledgeGraph.open(ROOT)
    portable = sorted(p.stem for p in (ROOT / "queries" / "portable").glob("*.rq"))
    lateral = [name for name, entry in catalog.items() if "LATERAL" in entry.text]
    assert portable == sorted(lateral + PORTABLE_FOR_SPEED)
    for name in portable:
        entry = catalog[name]
        assert not re.search(r"^[^#]*LATERAL", entry.text_for("sparql11"), re.M), name
        params = {p.name: p.example for p in entry.parameters}
        bindings = {key: resolve_node(kg.store, value) for key, value in params.items()}
        fast = kg.store.query(entry.text, bindings=bindings, graphs=kg.graphs())
        slow = kg.store.query(entry.text_for("sparql11"), bindings=bindings, graphs=kg.graphs())
        assert (slow.variables, slow.rows) == (fast.variables, fast.rows), name
        assert fast.rows, name


@pytest.mark.virtuoso
@pytest.mark.slow
def test_every_query_gives_the_very_same_terms_on_virtuoso_as_on_the_embedded_store(pushed, catalog):
    """The answer tests compare cell texts; here each query, with its documented example, gives
    the same terms on both stores (datatypes, language tags, lexical forms), in the same order."""
    embedded = KnowledgeGraph.open(ROOT)
    for name, entry in catalog.items():
        params = {p.name: p.example for p in entry.parameters}
        here, there = embedded.catalog_query(name, params), pushed.catalog_query(name, params)
        assert (there.variables, there.rows) == (here.variables, here.rows), name
        assert here.rows, name


# Values beyond the documented examples where Virtuoso once answered otherwise: hskg:tracedTo is
# under hskg:originatesIn two ways (a path with both ends bound gave each claim once per way).
BEYOND_EXAMPLES = [("statements-under-relation", {"relation": "hskg:originatesIn"})]


@pytest.mark.virtuoso
@pytest.mark.slow
def test_every_value_a_parameter_names_gives_the_very_same_terms_on_virtuoso(pushed, catalog):
    embedded = KnowledgeGraph.open(ROOT)
    asked = [(name, {entry.parameters[0].name: value}) for name, entry in catalog.items() if len(entry.parameters) == 1
             for value in NAMED.findall(entry.parameters[0].description)]
    for name, params in asked + BEYOND_EXAMPLES:
        here, there = embedded.catalog_query(name, params), pushed.catalog_query(name, params)
        assert (there.variables, there.rows) == (here.variables, here.rows), (name, params)
    assert [row[2].value for row in embedded.catalog_query(*BEYOND_EXAMPLES[0]).rows].count(
        "https://w3id.org/hskg/ontology#tracedTo") == 2  # two claims, each once


def test_the_expected_quotes_are_verbatim_in_the_source():
    folded = " ".join(SOURCE_TEXT.read_text(encoding="utf-8").split())
    for quote in QUOTES:
        assert quote in folded, quote


def test_every_parameterised_query_fails_cleanly_without_its_parameter(run_hskg, catalog):
    parameterised = [entry for entry in catalog.values() if entry.parameters]
    assert len(parameterised) >= 8
    for entry in parameterised:
        code, out, err = run_hskg("--root", str(ROOT), "query", entry.name)
        assert code == 2, entry.name
        assert out == ""
        assert f"missing parameter {', '.join(p.name for p in entry.parameters)}" in err, err


def test_a_parameterised_query_runs_from_the_command_line_with_its_example(run_hskg):
    code, out, err = run_hskg("--root", str(ROOT), "query", "claims-by-reference", "--param", "reference=ref:51",
                              "--format", "csv")
    assert code == 0, err
    claims = {line.split(",")[1] for line in out.splitlines()[1:]}
    values = ("fundamental-human-rights", "dignity-and-worth-of-the-human-person", "equal-rights-of-men-and-women",
              "social-progress", "better-standards-of-life-in-larger-freedom")  # the values [51] quotes
    claim = "https://w3id.org/hskg/id/claim/s5-2-"
    assert claims == ({claim + "udhr-preamble-normative-orientation-of-human-security",
                       claim + "udhr-preamble-purposes-of-human-rights-system"}
                      | {claim + f"udhr-preamble-affirms-{v}" for v in values}
                      | {claim + f"human-security-oriented-towards-{v}" for v in values})


# --- 1. the three notions -------------------------------------------------------------

def test_notions(answer):
    assert answer("notions") == [
        ("1", "notion:narrow", "hskg:groundedIn", "concept:human-rights", S54, "[43]", Q_NOTIONS),
        ("2", "notion:humanitarian", "hskg:respondsTo", "concept:atrocity-crimes", S54, "[43]", Q_NOTIONS),
        ("3", "notion:broad", "hskg:emphasizes", "concept:economic-development", S54, "[43]", Q_NOTIONS),
    ]


def test_notions_and_international_law(answer):
    assert answer("notions-and-international-law") == [
        (n, notion, "hskg:hasNexusWith", IL, S54, Q_NEXUS)
        for n, notion in (("1", "notion:narrow"), ("2", "notion:humanitarian"), ("3", "notion:broad"))]


# --- 2. the actors the report compares ------------------------------------------------

def test_actors_compared(answer):
    # wave 2: each approach also has the claim of the sentence before ("Different actors have taken different
    # approaches …"), which sorts before Q_ORDER
    Q_TAKEN = "Different actors have taken different approaches when it comes to the human security concept."
    rows = answer("actors-compared")
    assert rows[0::2] == [row[:5] + (Q_TAKEN,) for row in rows[1::2]]
    assert rows[1::2] == [
        ("1", "approach:un", "actor:united-nations", "United Nations", "doc:unga-res-66-290", Q_ORDER),  # X9, inferred
        ("2", "approach:eu", "actor:european-union", "European Union", None, Q_ORDER),
        ("3", "approach:uk", "actor:united-kingdom", "United Kingdom", "doc:jsp-985", Q_ORDER),  # X32
        ("4", "approach:cimic", "actor:cimic", "CIMIC", None, Q_ORDER),
        ("5", "approach:nato", "actor:nato", "NATO", "doc:nato-human-security-approach-2022", Q_ORDER),  # X23
    ]


def test_approaches_differ(answer):
    order = ["approach:un", "approach:eu", "approach:uk", "approach:cimic", "approach:nato"]
    assert answer("approaches-differ") == [
        (str(i + 1), a, str(j + 1), b, Q_DIFFERENT)
        for i, a in enumerate(order) for j, b in enumerate(order) if i < j]


def test_approach_definitions(answer):
    rows = answer("approach-definitions")
    assert [row[:4] for row in rows] == [
        ("1", "approach:un", "doc:unga-res-66-290", None),  # X9, inferred
        ("2", "approach:eu", None, None),
        ("3", "approach:uk", "doc:jsp-985", None),
        ("4", "approach:cimic", None, None),
        ("5", "approach:nato", "doc:nato-human-security-approach-2022",
         "children and armed conflict; combating trafficking in human beings; conflict-related sexual violence; "
         "cultural property protection; protection of civilians"),  # X24
    ]
    definitions = [row[4] for row in rows]
    assert definitions[:3] == [None, None, definitions[2]] and definitions[3] is None
    assert definitions[2].startswith("The UK definition (2021): human security is an individual- and "
                                     "community-focused, gender-sensitive approach")  # X32
    assert definitions[4].startswith("For NATO, human security concerns risks and threats to populations "
                                     "where NATO has operations, missions or activities")  # X23


# --- 3. legal regimes and instruments -------------------------------------------------

def test_legal_regimes(answer):
    assert answer("legal-regimes") == table(f"""
        regime:ihl  in  hskg:buildsOn  doc:jsp-985  X32
        regime:ihl  in  hskg:expressedThrough  concept:humanization-of-international-law  section 5.2
        regime:ihl  out  hskg:expresses  concept:humanization-of-international-law  section 5.2
        regime:ihrl  in  hskg:expressedThrough  concept:humanization-of-international-law  section 5.2
        regime:ihrl  in  hskg:notedAsConceptuallyRootedIn  {HS}  section 5.2
        regime:ihrl  out  hskg:expresses  concept:humanization-of-international-law  section 5.2
        {IL}  in  dcterms:subject  report:hfm-et-201  Abstract
        {IL}  in  hskg:addresses  report:part-legal-framework  Executive Summary
        {IL}  in  hskg:bearsImplicationsFor  {HS}  section 5.3
        {IL}  in  hskg:canImpact  {HS}  section 5.3
        {IL}  in  hskg:canImpact  concept:human-security-agenda  section 5.3
        {IL}  in  hskg:codifiedThrough  concept:international-priorities  section 5.3
        {IL}  in  hskg:hasNexusWith  notion:broad  section 5.4
        {IL}  in  hskg:hasNexusWith  notion:humanitarian  section 5.4
        {IL}  in  hskg:hasNexusWith  notion:narrow  section 5.4
        {IL}  in  hskg:isAbout  concept:question-advancement-within-existing-legal-system  section 5.3
        {IL}  in  hskg:isAbout  concept:question-how-human-security-influences-international-law  section 5.4
        {IL}  in  hskg:isAbout  concept:question-how-international-law-facilitates-human-security  section 5.4
        {IL}  in  hskg:isAbout  concept:question-what-these-developments-mean  section 5.4
        {IL}  in  hskg:isAbout  concept:specific-and-general-questions  section 5.4
        {IL}  in  hskg:makes  concept:state  section 5.2
        {IL}  in  hskg:pursuedSeparatePathsFrom  {HS}  section 5.2
        {IL}  in  hskg:refersTo  actor:un-secretary-general  section 5.3
        {IL}  in  hskg:sharesGoalsWith  {HS}  section 5.4
        {IL}  in  hskg:symbioticRelationshipWith  {HS}  section 5.4
        {IL}  in  hskg:underExploredRelationshipWith  {HS}  section 5.1
        {IL}  out  hskg:bearsImplicationsFor  {HS}  section 5.3
        {IL}  out  hskg:characterizedBy  concept:state-centrism  section 5.1
        {IL}  out  hskg:developedThrough  concept:state-centrism  section 5.2
        {IL}  out  hskg:hasNexusWith  notion:broad  section 5.4
        {IL}  out  hskg:hasNexusWith  notion:humanitarian  section 5.4
        {IL}  out  hskg:hasNexusWith  notion:narrow  section 5.4
        {IL}  out  hskg:intendedToEnsureSecurityOf  concept:individual  section 5.1
        {IL}  out  hskg:intendedToEnsureSecurityOf  concept:state  section 5.1
        {IL}  out  hskg:legalFrameworkFor  {HS}  Executive Summary
        {IL}  out  hskg:pursuedSeparatePathsFrom  {HS}  section 5.2
        {IL}  out  hskg:recognizes  concept:plurality-of-international-actors  section 5.2
        {IL}  out  hskg:regulatesRelationsWithin  concept:international-community  section 5.1
        {IL}  out  hskg:seeksToProtect  concept:communities  section 5.2
        {IL}  out  hskg:seeksToProtect  concept:individual  section 5.2
        {IL}  out  hskg:sharesGoalsWith  {HS}  section 5.4
        {IL}  out  hskg:symbioticRelationshipWith  {HS}  section 5.4
        {IL}  out  hskg:underExploredRelationshipWith  {HS}  section 5.1
        regime:international-refugee-law  in  hskg:expressedThrough  concept:humanization-of-international-law  section 5.2
        regime:international-refugee-law  out  hskg:expresses  concept:humanization-of-international-law  section 5.2
    """)


def test_legal_instruments(answer):
    assert answer("legal-instruments", "document direction relation other where") == table(f"""
        doc:udhr-1948  in  dcterms:isPartOf  doc:udhr-1948-preamble  -
        doc:udhr-1948  out  dcterms:hasPart  doc:udhr-1948-preamble  -
        doc:udhr-1948-preamble  in  dcterms:hasPart  doc:udhr-1948  -
        doc:udhr-1948-preamble  in  hskg:tracedTo  {HS}  section 5.2
        doc:udhr-1948-preamble  out  dcterms:isPartOf  doc:udhr-1948  -
        doc:udhr-1948-preamble  out  dcterms:references  doc:un-charter  X19
        doc:udhr-1948-preamble  out  hskg:addresses  concept:freedom-from-fear  X16
        doc:udhr-1948-preamble  out  hskg:addresses  concept:freedom-from-want  X16
        doc:udhr-1948-preamble  out  hskg:affirms  concept:better-standards-of-life-in-larger-freedom  section 5.2
        doc:udhr-1948-preamble  out  hskg:affirms  concept:dignity-and-worth-of-the-human-person  section 5.2
        doc:udhr-1948-preamble  out  hskg:affirms  concept:equal-rights-of-men-and-women  section 5.2
        doc:udhr-1948-preamble  out  hskg:affirms  concept:fundamental-human-rights  section 5.2
        doc:udhr-1948-preamble  out  hskg:affirms  concept:social-progress  section 5.2
        doc:udhr-1948-preamble  out  hskg:providesNormativeOrientationFor  {HS}  section 5.2
        doc:udhr-1948-preamble  out  hskg:setsOutPurposesOf  concept:human-rights-system  section 5.2
        doc:un-charter  in  dcterms:references  doc:udhr-1948-preamble  X19
        doc:un-charter  out  hskg:contributedTo  concept:individual-centred-security  section 5.2
        doc:unga-res-64-291  in  hskg:followsUpOn  doc:a-66-763  X8
        doc:unga-res-64-291  in  hskg:produced  actor:un-general-assembly  X7; section 5.3
        doc:unga-res-64-291  out  hskg:followsUpOn  doc:world-summit-outcome-2005  X7
        doc:unga-res-64-291  out  hskg:producedBy  actor:un-general-assembly  X7; section 5.3
        doc:unga-res-66-290  in  hskg:produced  actor:un-general-assembly  X9
        doc:unga-res-66-290  in  hskg:setOutIn  approach:un  X9
        doc:unga-res-66-290  out  hskg:addresses  concept:freedom-from-fear  X9
        doc:unga-res-66-290  out  hskg:addresses  concept:freedom-from-want  X9
        doc:unga-res-66-290  out  hskg:followsUpOn  doc:world-summit-outcome-2005  X9
        doc:unga-res-66-290  out  hskg:producedBy  actor:un-general-assembly  X9
        doc:unga-res-66-290  out  hskg:setsOutCommonUnderstandingOf  {HS}  X9
        doc:unscr-1325  in  hskg:implements  doc:bi-sc-directive-1325-2017  X40
        doc:unscr-1325  in  hskg:produced  actor:un-security-council  X39
        doc:unscr-1325  out  hskg:addresses  concept:wps-agenda  X39
        doc:unscr-1325  out  hskg:producedBy  actor:un-security-council  X39
        doc:world-summit-outcome-2005  in  hskg:followsUpOn  doc:a-64-701  X5
        doc:world-summit-outcome-2005  in  hskg:followsUpOn  doc:unga-res-64-291  X7
        doc:world-summit-outcome-2005  in  hskg:followsUpOn  doc:unga-res-66-290  X9
        doc:world-summit-outcome-2005  in  hskg:produced  actor:un-general-assembly  X5
        doc:world-summit-outcome-2005  out  hskg:addresses  concept:freedom-from-fear  X5
        doc:world-summit-outcome-2005  out  hskg:addresses  concept:freedom-from-want  X5
        doc:world-summit-outcome-2005  out  hskg:addresses  {HS}  X5
        doc:world-summit-outcome-2005  out  hskg:addresses  concept:responsibility-to-protect  X41
        doc:world-summit-outcome-2005  out  hskg:producedBy  actor:un-general-assembly  X5
    """)


# --- 4. the humanization of international law ----------------------------------------

def test_humanization_of_international_law(answer):
    assert answer("humanization-of-international-law") == [
        ("regime:ihrl", "international human rights law", S52, "[48][50]", Q_HUMANIZATION),
        ("regime:ihl", "international humanitarian law", S52, "[48][50]", Q_HUMANIZATION),
        ("regime:international-refugee-law", "international refugee law", S52, "[48][50]", Q_HUMANIZATION),
    ]


# --- 5. claims by section, by citation, and the evidence behind statements -------------

def test_claims_by_section(answer):
    assert answer("claims-by-section", "part claim denied refs", section="report:section-5-1") == table(f"""
        {S51}  claim:s5-1-hdr-1994-date  false  -
        {S51}  claim:s5-1-hdr-1994-does-not-situate-human-security-in-law  true  -
        {S51}  claim:s5-1-hdr-1994-is-a-report  false  -
        {S51}  claim:s5-1-hdr-1994-no-reference-to-international-law  true  -
        {S51}  claim:s5-1-hdr-1994-produced-by-undp  false  -
        {S51}  claim:s5-1-human-security-in-no-binding-legal-document  true  [45]
        {S51}  claim:s5-1-human-security-international-law-under-explored  false  -
        {S51}  claim:s5-1-human-security-international-law-under-explored-since-formal-origins  false  -
        {S51}  claim:s5-1-international-law-regulates-international-community  false  [47]
        {S51}  claim:s5-1-international-law-security-of-individuals  false  -
        {S51}  claim:s5-1-international-law-security-of-states  false  -
        {S51}  claim:s5-1-international-law-state-centric  false  [47]
    """)
    # chapter 5 includes its byline and its four sections: 10 + 12 + 39 + 20 + 27 claims (wave 2 added, in 5.1:
    # the lack of curiosity, the HDR a report; 5.2: theoretical foundations 2, the Security Council's interventions and resolutions
    # and the agencies 6, the five values of [51] twice, the state 4, the post-war frameworks 3; 5.3: the legal
    # concepts and themes, Res. 64/291 a resolution, the several states, "may not impose", the open question 2; 5.4: competing
    # understandings, the vision, the scheme's two authors, the questions 7 ... , the complementary approach)
    chapter = answer("claims-by-section", "part", section="report:chapter-5")
    assert sorted(set(chapter)) == [("report:chapter-5",), (S51,), (S52,), (S53,), (S54,)]
    assert [chapter.count(part) for part in sorted(set(chapter))] == [10, 12, 39, 20, 27]
    disclaimer = answer("claims-by-section", "subject predicate object", section="Disclaimer")
    assert disclaimer == [
        ("report:hfm-et-201", "hskg:disclaimsEndorsementBy", "actor:any-agency"),
        ("report:hfm-et-201", "hskg:disclaimsEndorsementBy", "actor:any-government"),
        ("report:hfm-et-201", "hskg:disclaimsEndorsementBy", "actor:authors-institutions"),
        ("report:hfm-et-201", "hskg:disclaimsEndorsementBy", "actor:nato"),
        ("report:hfm-et-201", "hskg:expressesOpinionsOf", "actor:respective-authors"),
        ("actor:sto", "hskg:disclaimsLiabilityFor", "report:hfm-et-201"),
        ("actor:sto", "hskg:disclaimsLiabilityFor", "doc:external-sources")]


def test_claims_by_reference(answer):
    assert answer("claims-by-reference", "section subject predicate object denied refs") == table(f"""
        {S52}  {HS}  hskg:tracedTo  doc:udhr-1948-preamble  false  [43]
        {S54}  notion:broad  hskg:emphasizes  concept:economic-development  false  [43]
        {S54}  notion:broad  hskg:isNotionOf  {HS}  false  [43]
        {S54}  notion:humanitarian  hskg:isNotionOf  {HS}  false  [43]
        {S54}  notion:humanitarian  hskg:respondsTo  concept:atrocity-crimes  false  [43]
        {S54}  notion:narrow  hskg:groundedIn  concept:human-rights  false  [43]
        {S54}  notion:narrow  hskg:isNotionOf  {HS}  false  [43]
        {S54}  notion:scheme  dcterms:creator  person:christine-chinkin  false  [43]
        {S54}  notion:scheme  dcterms:creator  person:mary-kaldor  false  [43]
    """)
    # the reference is found by its slug too: `--param reference=45`
    assert answer("claims-by-reference", "subject predicate object denied refs quote", reference="45") == [
        (HS, "hskg:appearsIn", "doc:binding-international-legal-documents", "true", "[45]", Q_BINDING),
        (HS, "hskg:imposes", "concept:additional-legal-obligations", "true", "[45][53]", Q_SG),
        ("actor:un-secretary-general", "hskg:actedAtBehestOf", "actor:several-states", "false", "[45][53]", Q_SG),
        ("actor:un-secretary-general", "hskg:deemsCounterproductive", "concept:legal-definition-of-human-security",
         "false", "[45][53]", Q_SG),
        ("actor:un-secretary-general", "hskg:refersTo", IL, "false", "[45][53]", Q_SG),
    ]


def test_evidence_about(answer):
    assert answer("evidence-about", "subject predicate object denied unsourced section fact source refs quote") == [
        ("concept:humanization-of-international-law", "hskg:expressedThrough", regime, "false", "false", S52,
         None, None, "[48][50]", Q_HUMANIZATION)
        for regime in ("regime:ihl", "regime:ihrl", "regime:international-refugee-law")]
    assert answer("evidence-about", "claim denied section fact source quote", node="sovereignty") == [
        ("claim:s5-4-human-security-questions-sovereignty", "false", S54, None, None, Q_SOVEREIGNTY),
        ("claim:x6-a-64-701-addresses-sovereignty", "false", None, "X6", "source:a-64-701-summary", None),
    ]


def test_evidence_for_statement(answer):
    assert answer("evidence-for-statement") == [(
        "concept:humanization-of-international-law", "regime:ihl", "hskg:expressedThrough",
        "claim:s5-2-humanization-expressed-through-ihl", "false", "false", S52, None, None, "[48][50]", Q_HUMANIZATION)]
    # a denied statement shows its evidence too, marked as denied
    assert answer("evidence-for-statement", "predicate denied section refs quote",
                  subject="doc:hdr-1994", object="regime:international-law") == [
        ("hskg:refersTo", "true", S51, None, Q_HDR)]
    # a statement made twice (report section and context fact) shows both claims
    assert answer("evidence-for-statement", "claim section fact source",
                  subject="doc:hdr-1994", object="actor:undp") == [
        ("claim:s5-1-hdr-1994-produced-by-undp", S51, None, None),
        ("claim:x1-hdr-1994-produced-by-undp", None, "X1", "source:studylib-hdr-1994"),
    ]


# --- 6. the report's structure and the authors of chapter 5 ---------------------------

def test_report_structure(answer):
    assert answer("report-structure") == [
        ("report:abstract", "hskg:FrontMatter", None, "Abstract", "report:hfm-et-201"),
        ("report:disclaimer", "hskg:FrontMatter", None, "Disclaimer", "report:hfm-et-201"),
        ("report:executive-summary", "hskg:FrontMatter", None, "Executive Summary", "report:hfm-et-201"),
        ("report:chapter-5", "hskg:Chapter", "5", "LEGAL FRAMEWORK SUPPORTING HUMAN SECURITY", "report:hfm-et-201"),
        (S51, "hskg:Section", "5.1", "HUMAN SECURITY AND INTERNATIONAL LAW", "report:chapter-5"),
        (S52, "hskg:Section", "5.2", "THE DEVELOPMENT OF HUMAN SECURITY AND THE HUMANIZATION OF INTERNATIONAL LAW",
         "report:chapter-5"),
        (S53, "hskg:Section", "5.3", "WHY THE RELATIONSHIP BETWEEN HUMAN SECURITY AND INTERNATIONAL LAW MATTERS",
         "report:chapter-5"),
        (S54, "hskg:Section", "5.4",
         "ENHANCING UNDERSTANDINGS OF THE RELATIONSHIP BETWEEN HUMAN SECURITY AND INTERNATIONAL LAW",
         "report:chapter-5"),
    ]


def test_summary_parts(answer):
    assert answer("summary-parts") == [
        ("1", "report:part-why-human-security-matters", "human security; whole of government approach", None),
        ("2", "report:part-roots-and-criticism", "security studies", None),
        ("3", "report:part-legal-framework", "international law", None),
        ("4", "report:part-four-approaches-for-nato", "human security", None),
        ("5", "report:part-other-concepts", "climate change; Women, Peace and Security agenda", None),
        ("6", "report:part-actors-approaches", None,
         "United Nations approach to human security; European Union approach to human security; United Kingdom "
         "approach to human security; CIMIC approach to human security; NATO approach to human security"),
        ("7", "report:part-operational-challenges",
         "barriers for change; lessons identified from previous military operations", None),
        ("8", "report:part-future-research", None, None),
    ]


def test_chapter_5_authors(answer):
    assert answer("chapter-5-authors") == [
        ("person:david-hughes", "David Hughes", "actor:dallaire-centre", "actor:canada"),
        ("person:marco-marsili", "Marco Marsili", "actor:cidium", "actor:portugal"),
        ("person:marco-marsili", "Marco Marsili", "actor:ciep-ucp", "actor:portugal"),
    ]


def test_organization_hierarchy(answer):
    assert answer("organization-hierarchy") == table(f"""
        actor:canadian-defence-academy  actor:dallaire-centre  X44
        actor:hfm-panel  actor:hfm-et-201  X27
        actor:iep-ucp  actor:ciep-ucp  {CH5}
        actor:ium  actor:cidium  {CH5}
        actor:lse  actor:lse-centre-for-wps  X37
        actor:lse  actor:lse-civil-society-and-human-security-research-unit  X37
        actor:nato  actor:sto  X27
        actor:sto  actor:hfm-panel  X27
        actor:united-nations  actor:un-general-assembly  section 5.3
        actor:united-nations  actor:un-secretary-general  X13
        actor:united-nations  actor:un-security-council  X39
        actor:universidade-catolica-portuguesa  actor:iep-ucp  {CH5}
    """)


def test_organization_ancestors(answer):
    assert answer("organization-ancestors") == [
        ("actor:hfm-et-201", "actor:hfm-panel", "2"), ("actor:hfm-et-201", "actor:sto", "1"),
        ("actor:hfm-et-201", "actor:nato", "0")]
    assert answer("organization-ancestors", "body", organization="actor:ciep-ucp") == [
        ("actor:iep-ucp",), ("actor:universidade-catolica-portuguesa",)]


# --- 7. the four research paths -------------------------------------------------------

def test_research_paths(answer):
    part = "report:part-future-research"  # wave 2: "Lastly, we lay out four paths for future research …"
    assert answer("research-paths") == [
        ("1", "report:research-path-1", "critical examination of the concept", part, Q_PATHS),
        ("2", "report:research-path-2", "human security and other concepts", part, Q_PATHS),
        ("3", "report:research-path-3", "the strategic relevance of human security", part, Q_PATHS),
        ("4", "report:research-path-4", "operationalising human security", part, Q_PATHS),
    ]


# --- 8. human security and WPS, climate change, international law ---------------------

def test_human_security_and_wps(answer):
    assert answer("human-security-and-wps") == [
        ("approach:nato", "hskg:encompasses", "concept:wps-agenda", "true", None, "X25", None, None),
        (HS, "skos:related", "concept:wps-agenda", "false", ABSTRACT, None, None, Q_WPS_ABSTRACT),
        (HS, "skos:related", "concept:wps-agenda", "false", ES, None, None, Q_WPS_ES),
        (HS, "hskg:mayConflictWith", "concept:wps-agenda", "false", ES, None, None, Q_PROBLEMS),
        ("doc:jsp-985", "hskg:addresses", "concept:wps-agenda", "false", None, "X32", None, None),
        ("doc:nato-strategic-concept-2022", "hskg:incorporates", "concept:wps-agenda", "false", None, "X21", None, None),
        ("doc:unscr-1325", "hskg:addresses", "concept:wps-agenda", "false", None, "X39", None, None),
        ("report:hfm-et-201", "dcterms:subject", "concept:wps-agenda", "false", ABSTRACT, None, None, Q_KEY_WORDS),
        ("report:part-other-concepts", "hskg:addresses", "concept:wps-agenda", "false", ES, None, None, Q_WPS_ES),
    ]


def test_human_security_and_climate_change(answer):
    assert answer("human-security-and-climate-change") == [
        ("concept:climate-change", "hskg:requiresAttentionTo", "concept:population", "false", ES, None, None,
         Q_POPULATION),
        (HS, "skos:related", "concept:climate-change", "false", ABSTRACT, None, None, Q_WPS_ABSTRACT),
        (HS, "skos:related", "concept:climate-change", "false", ES, None, None, Q_WPS_ES),
        ("doc:nato-strategic-concept-2022", "hskg:incorporates", "concept:climate-change", "false", None, "X21",
         None, None),
        ("report:hfm-et-201", "dcterms:subject", "concept:climate-change", "false", ABSTRACT, None, None, Q_KEY_WORDS),
        ("report:part-other-concepts", "hskg:addresses", "concept:climate-change", "false", ES, None, None, Q_WPS_ES),
    ]


def test_human_security_and_international_law(answer):
    assert answer("human-security-and-international-law", "section subject predicate object denied refs") == table(f"""
        {ES}  {IL}  hskg:legalFrameworkFor  {HS}  false  -
        {S51}  {HS}  hskg:underExploredRelationshipWith  {IL}  false  -
        {S51}  {HS}  hskg:underExploredRelationshipWith  {IL}  false  -
        {S52}  {HS}  hskg:notedAsConceptuallyRootedIn  regime:ihrl  false  [49]
        {S52}  {HS}  hskg:pursuedSeparatePathsFrom  {IL}  false  -
        {S53}  concept:human-security-agenda  hskg:canImpact  {IL}  false  -
        {S53}  {HS}  hskg:canImpact  {IL}  false  [49]
        {S53}  {HS}  hskg:bearsImplicationsFor  {IL}  false  -
        {S54}  notion:broad  hskg:hasNexusWith  {IL}  false  -
        {S54}  {HS}  hskg:sharesGoalsWith  {IL}  false  -
        {S54}  {HS}  hskg:symbioticRelationshipWith  {IL}  false  -
        {S54}  notion:humanitarian  hskg:hasNexusWith  {IL}  false  -
        {S54}  notion:narrow  hskg:hasNexusWith  {IL}  false  -
    """)
    # wave 2: the report's nine specific relations fall under five general ones; the hedge and the prediction
    # of 5.3 ("can impact", "will impact") and the commentators' "at least conceptually" are on the claims
    assert answer("human-security-and-international-law", "predicate general modality") == [
        ("hskg:legalFrameworkFor", "hskg:supports", None),
        ("hskg:underExploredRelationshipWith", "hskg:isAssociatedWith", None),
        ("hskg:underExploredRelationshipWith", "hskg:isAssociatedWith", None),
        ("hskg:notedAsConceptuallyRootedIn", "hskg:originatesIn", "concept:modality-hedged"),
        ("hskg:pursuedSeparatePathsFrom", "hskg:contrastsWith", None),
        ("hskg:canImpact", "hskg:influences", "concept:modality-predicted"),
        ("hskg:canImpact", "hskg:influences", "concept:modality-hedged"),
        ("hskg:bearsImplicationsFor", "hskg:isAssociatedWith", None),
        ("hskg:hasNexusWith", "hskg:isAssociatedWith", None),
        ("hskg:sharesGoalsWith", "hskg:isAssociatedWith", None),
        ("hskg:symbioticRelationshipWith", "hskg:isAssociatedWith", None),
        ("hskg:hasNexusWith", "hskg:isAssociatedWith", None),
        ("hskg:hasNexusWith", "hskg:isAssociatedWith", None),
    ]


# --- 9. sovereignty and non-interference ----------------------------------------------

def test_sovereignty_and_non_interference(answer):
    assert answer("sovereignty-and-non-interference") == [
        (HS, "hskg:raisesQuestionsAbout", "concept:non-interference", "false", S54, None, None, Q_SOVEREIGNTY),
        (HS, "hskg:raisesQuestionsAbout", "concept:sovereignty", "false", S54, None, None, Q_SOVEREIGNTY),
        ("doc:a-64-701", "hskg:addresses", "concept:sovereignty", "false", None, "X6", None, None),
    ]


# --- 10. context facts ------------------------------------------------------------------

def test_nato_human_security_areas(answer):
    nato_page = ("X24", "source:nato-topic-human-security", "Human security (NATO topic page)",
                 "nato.int/cps/en/natohq/topics_181779.htm")
    assert answer("nato-human-security-areas") == [
        ("concept:children-and-armed-conflict", "children and armed conflict", "CAAC", *nato_page),
        ("concept:combating-trafficking-in-human-beings", "combating trafficking in human beings", "CTHB", *nato_page),
        ("concept:conflict-related-sexual-violence", "conflict-related sexual violence", "CRSV", *nato_page),
        ("concept:cultural-property-protection", "cultural property protection", "CPP", *nato_page),
        ("concept:protection-of-civilians", "protection of civilians", "PoC", *nato_page),
    ]


def test_hdr_1994_dimensions(answer):
    gdrc = ("X2", "source:gdrc-seven-categories", "Human Security: Seven Categories",
            "gdrc.org/sustdev/husec/z-categories.html")
    assert answer("hdr-1994-dimensions") == [
        (f"concept:{kind}-security", f"{kind} security", *gdrc)
        for kind in ("community", "economic", "environmental", "food", "health", "personal", "political")]


def test_un_resolutions_and_reports(answer):
    title_143 = "Follow-up to paragraph 143 on human security of the 2005 World Summit Outcome"
    assert answer("un-resolutions-and-reports") == [
        ("2010-03-08", "doc:a-64-701", "actor:un-secretary-general", "Human security", "2005 World Summit Outcome",
         "source:a-64-701-summary"),  # X6
        ("2010-07-16", "doc:unga-res-64-291", "actor:un-general-assembly", title_143, "2005 World Summit Outcome",
         "source:un-hs-resolutions"),  # X7
        ("2012-04-05", "doc:a-66-763", "actor:un-secretary-general",
         "Follow-up to General Assembly resolution 64/291 on human security", "UNGA Res. 64/291",
         "source:un-hs-resolutions"),  # X8
        ("2012-09-10", "doc:unga-res-66-290", "actor:un-general-assembly", title_143, "2005 World Summit Outcome",
         "source:worldjpn-res-66-290"),  # X9
        (None, "doc:world-summit-outcome-2005", "actor:un-general-assembly", None, None, None),  # X5: no date
    ]


def test_three_freedoms(answer):
    fear_and_want = [("doc:hdr-1994", "1994", "X4"), ("doc:in-larger-freedom-2005", "2005-03-21", "X17"),
                     ("doc:unga-res-66-290", "2012-09-10", "X9"), ("doc:udhr-1948-preamble", None, "X16"),
                     ("doc:world-summit-outcome-2005", None, "X5")]
    assert answer("three-freedoms") == (
        [("concept:freedom-from-fear", *row) for row in fear_and_want]
        + [("concept:freedom-from-want", *row) for row in fear_and_want]
        + [("concept:freedom-to-live-in-dignity", "doc:in-larger-freedom-2005", "2005-03-21", "X17")])


def test_context_sources(answer):
    rows = answer("context-sources", "source address date facts")
    assert len({row[0] for row in rows}) == 37
    assert {row for row in rows if row[0] in {
        "source:nato-topic-human-security", "source:hdr-1994-chapter-2-copy", "source:un-news-2012-09-419312",
        "source:a-64-701-summary", "source:s-res-1325-text"}} == {
        ("source:a-64-701-summary", "responsibilitytoprotect.org item 2774", None, "X5, X6"),
        ("source:hdr-1994-chapter-2-copy", "fr.scribd.com/document/81210663/Hdr-1994-en-Chap2", None, "X3"),
        ("source:hdr-1994-chapter-2-copy", "pdfslide.tips/documents/hdr-1994-en-chap2.html", None, "X3"),
        ("source:nato-topic-human-security", "nato.int/cps/en/natohq/topics_181779.htm", None, "X22, X23, X24"),
        ("source:s-res-1325-text", "archive.kubatana.net", None, "X39"),
        ("source:s-res-1325-text", "j-c-w.org/1325.html", None, "X39"),
        ("source:un-news-2012-09-419312", "news.un.org/en/story/2012/09/419312", "2012-09-11", "X10"),
    }
    claims = dict(answer("context-sources", "source claims"))
    # NATO's topic page: X22 endorsement, X23 set out in + definition, X24 five areas
    assert claims["source:nato-topic-human-security"] == "8"
    # gdrc: the seven dimensions (X2)
    assert claims["source:gdrc-seven-categories"] == "7"


# --- 11. how two nodes are connected ---------------------------------------------------

def test_connection(answer):
    wps = "concept:wps-agenda"
    assert answer("connection", "hops d1 p1 via1 d2 p2 via2 d3 p3") == [
        # NATO produced the Bi-SC Directive, which implements UNSCR 1325 (X40); "produced by" is stated
        # as its entailed inverse "produced" (→), so that a step is not shown twice
        ("2", "→", "hskg:produced", "doc:bi-sc-directive-1325-2017", "→", "hskg:implements", None, None, None),
        ("3", "←", "hskg:disclaimsEndorsementBy", "report:hfm-et-201", "→", "dcterms:subject", wps, "←",
         "hskg:addresses"),
        ("3", "←", "hskg:mattersTo", HS, "→", "skos:related", wps, "←", "hskg:addresses"),
        ("3", "←", "hskg:mattersTo", HS, "→", "hskg:mayConflictWith", wps, "←", "hskg:addresses"),
        ("3", "←", "hskg:onAgendaOf", HS, "→", "skos:related", wps, "←", "hskg:addresses"),
        ("3", "←", "hskg:onAgendaOf", HS, "→", "hskg:mayConflictWith", wps, "←", "hskg:addresses"),
        ("3", "→", "hskg:produced", "doc:nato-strategic-concept-2022", "→", "hskg:incorporates", wps, "←",
         "hskg:addresses"),
        ("3", "→", "hskg:uses", HS, "→", "skos:related", wps, "←", "hskg:addresses"),
        ("3", "→", "hskg:uses", HS, "→", "hskg:mayConflictWith", wps, "←", "hskg:addresses"),
    ]
    # direct statements come first, in either direction; the three notions link through "has notion"
    # (the entailed inverse of "is notion of")
    paths = answer("connection", "hops d1 p1 via1 d2 p2", start=HS, end=IL)
    assert [p for p in paths if p[0] == "1"] == [
        ("1", "→", "hskg:bearsImplicationsFor", None, None, None),
        ("1", "→", "hskg:canImpact", None, None, None),
        ("1", "←", "hskg:legalFrameworkFor", None, None, None),
        ("1", "→", "hskg:pursuedSeparatePathsFrom", None, None, None),
        ("1", "→", "hskg:sharesGoalsWith", None, None, None),
        ("1", "→", "hskg:symbioticRelationshipWith", None, None, None),
        ("1", "→", "hskg:underExploredRelationshipWith", None, None, None),
    ]
    assert [p for p in paths if p[0] == "2"] == [
        ("2", "←", "dcterms:subject", "report:hfm-et-201", "→", "dcterms:subject"),
        ("2", "→", "hskg:hasNotion", "notion:broad", "→", "hskg:hasNexusWith"),
        ("2", "→", "hskg:hasNotion", "notion:humanitarian", "→", "hskg:hasNexusWith"),
        ("2", "→", "hskg:hasNotion", "notion:narrow", "→", "hskg:hasNexusWith"),
        # the open questions of 5.3 and 5.4 are about both
        ("2", "←", "hskg:isAbout", "concept:question-advancement-within-existing-legal-system", "→", "hskg:isAbout"),
        ("2", "←", "hskg:isAbout", "concept:question-how-human-security-influences-international-law", "→",
         "hskg:isAbout"),
        ("2", "←", "hskg:isAbout", "concept:question-how-international-law-facilitates-human-security", "→",
         "hskg:isAbout"),
        ("2", "←", "hskg:isAbout", "concept:specific-and-general-questions", "→", "hskg:isAbout"),
    ]
    # no claim, context source or blank node is ever an intermediate node
    for path in paths:
        for via in (path[3],):
            assert via is None or not via.startswith(("claim:", "source:", "_:")), path


# --- 12. coverage -------------------------------------------------------------------------

def test_coverage(answer):
    rows = answer("coverage")
    # 38 concepts, 2 agendas, 1 principle, 7 + 5 context, 3 notions, 4 regimes; wave 2: 22 concepts the report
    # names (the theoretical foundations, the five values of [51] …), 6 open questions, the existing legal
    # frameworks (a regime); not the modalities of claims
    assert len(rows) == len({row[0] for row in rows}) == 89
    by_concept = {row[0]: row[1:] for row in rows}
    # (claims, report claims, context claims, distinct quotes), counted in the source and the context list
    # wave 2 adds 15 report claims on human security (3 front matter, 1 in 5.1, 6 in 5.2, 1 in 5.3, 4 in 5.4) with
    # 8 new quotes, and 10 on international law (1 in 5.1, 4 in 5.2, 1 in 5.3, 4 in 5.4) with 6 new quotes
    assert by_concept[HS] == ("71", "61", "10", "39")
    assert by_concept[IL] == ("31", "31", "0", "21")
    # WPS: related (ES, abstract), addressed by the "other concepts" part, may conflict, a key word;
    # the Strategic Concept (X21), JSP 985 (X32), UNSCR 1325 (X39) and the NATO approach's denial (X25)
    assert by_concept["concept:wps-agenda"] == ("9", "5", "4", "4")
    assert by_concept["concept:humanization-of-international-law"] == ("3", "3", "0", "1")
    assert by_concept["regime:ihl"] == ("2", "1", "1", "1")
    assert by_concept["concept:sovereignty"] == ("2", "1", "1", "1")
    assert by_concept["concept:non-interference"] == ("1", "1", "0", "1")
    for notion in ("notion:narrow", "notion:humanitarian", "notion:broad"):
        assert by_concept[notion] == ("3", "3", "0", "2")  # is notion of + focus (one quote), nexus (another)
    assert by_concept["concept:freedom-to-live-in-dignity"] == ("1", "0", "1", "0")
    assert rows[:2] == [(HS, "71", "61", "10", "39"), (IL, "31", "31", "0", "21")]
    assert [int(row[1]) for row in rows] == sorted((int(row[1]) for row in rows), reverse=True)


# --- 13. other questions of researchers and policy officers -----------------------------

def test_nato_products(answer):
    assert answer("nato-products") == [
        ("doc:bi-sc-directive-1325-2017", "2017-10-17", None, "X40"),
        ("doc:nato-strategic-concept-2022", "2022", "2022-06-29", "X20"),
        ("doc:nato-human-security-approach-2022", "2022-10-14", "2022-06", "Abstract; Executive Summary"),
    ]


def test_negative_claims(answer):
    assert answer("negative-claims", "subject predicate object section fact accordingTo refs") == table(f"""
        doc:hdr-1994  hskg:situatesWithinLegalFrameworks  {HS}  {S51}  -  -  -
        doc:hdr-1994  hskg:refersTo  {IL}  {S51}  -  -  -
        {HS}  hskg:appearsIn  doc:binding-international-legal-documents  {S51}  -  -  [45]
        {HS}  hskg:imposes  concept:additional-legal-obligations  {S53}  -  actor:un-secretary-general  [45][53]
        approach:nato  hskg:encompasses  concept:wps-agenda  -  X25  -  -
        doc:unga-res-64-291  hskg:defines  {HS}  -  X7  -  -
    """)


CK_CLAIMS = ["claim:s5-2-human-security-traced-to-udhr-preamble", "claim:s5-4-broad-emphasizes-economic-development",
             "claim:s5-4-broad-notion-of-human-security", "claim:s5-4-humanitarian-notion-of-human-security",
             "claim:s5-4-humanitarian-responds-to-atrocity-crimes", "claim:s5-4-narrow-grounded-in-human-rights",
             "claim:s5-4-narrow-notion-of-human-security"]


def test_attributed_statements(answer):
    assert answer("attributed-statements", "accordingTo claim denied fact") == (
        [("actor:commentators", "claim:s5-2-human-security-rooted-in-ihrl", "false", None),
         ("actor:jordan", "claim:x10-human-security-distinct-from-r2p", "false", "X10"),
         ("actor:un-secretary-general", "claim:s5-3-human-security-imposes-no-additional-legal-obligations",
          "true", None)]
        + [("person:christine-chinkin", claim, "false", None) for claim in CK_CLAIMS]
        + [("person:mary-kaldor", claim, "false", None) for claim in CK_CLAIMS])


def test_according_to(answer):
    rows = answer("according-to", "claim section refs")
    assert rows == [(claim, S52 if "s5-2" in claim else S54, "[43]") for claim in CK_CLAIMS]
    assert answer("according-to", "claim", actor="Mary Kaldor") == [(claim,) for claim in CK_CLAIMS]
    assert answer("according-to", "subject predicate object denied quote", actor="actor:un-secretary-general") == [
        (HS, "hskg:imposes", "concept:additional-legal-obligations", "true", Q_SG)]


def test_statements_by_reference(answer):
    rows = answer("statements-by-reference", "number section subject predicate object")
    assert {row[0] for row in rows} == {str(n) for n in range(43, 55)}  # every reference is cited
    assert [row for row in rows if row[0] in {"44", "47", "52", "54"}] == table(f"""
        44  {S53}  concept:law  hskg:primaryFrameworkFor  concept:security
        44  {S53}  concept:security  hskg:centralPurposeOf  concept:law
        47  {S51}  {IL}  hskg:characterizedBy  concept:state-centrism
        47  {S51}  {IL}  hskg:regulatesRelationsWithin  concept:international-community
        52  {S53}  actor:un-general-assembly  hskg:refersTo  concept:legal-concepts-and-themes
        52  {S53}  actor:un-general-assembly  hskg:soughtToDefine  {HS}
        52  {S53}  doc:unga-res-64-291  rdf:type  hskg:Resolution
        52  {S53}  doc:unga-res-64-291  hskg:producedBy  actor:un-general-assembly
        54  {S53}  concept:law  hskg:primaryFrameworkFor  concept:security
        54  {S53}  concept:security  hskg:centralPurposeOf  concept:law
    """)
    assert [row[1:] for row in rows if row[0] == "46"] == [
        (S52, "actor:un-security-council", "hskg:contributedTo", "concept:individual-centred-security"),
        (S52, "concept:establishment-of-un-and-other-agencies", "hskg:contributedTo",
         "concept:individual-centred-security"),
        (S52, "concept:establishment-of-un-and-other-agencies", "hskg:isAbout", "actor:un-and-other-agencies"),
        (S52, "concept:human-rights-system", "hskg:contributedTo", "concept:individual-centred-security"),
        (S52, "concept:humanitarian-interventions-by-security-council", "hskg:attributedTo",
         "actor:un-security-council"),
        (S52, "concept:humanitarian-interventions-by-security-council", "hskg:contributedTo",
         "concept:individual-centred-security"),
        (S52, "doc:security-council-resolutions", "hskg:contributedTo", "concept:individual-centred-security"),
        (S52, "doc:security-council-resolutions", "hskg:producedBy", "actor:un-security-council"),
        (S52, "doc:un-charter", "hskg:contributedTo", "concept:individual-centred-security"),
    ]


def test_citations_by_section(answer):
    assert answer("citations-by-section", "section number claims") == table(f"""
        {S51}  45  1
        {S51}  47  2
        {S52}  43  1
        {S52}  46  9
        {S52}  48  3
        {S52}  49  1
        {S52}  50  3
        {S52}  51  12
        {S53}  44  2
        {S53}  45  4
        {S53}  49  1
        {S53}  52  4
        {S53}  53  4
        {S53}  54  2
        {S54}  43  8
    """)


def test_documents_by_date(answer):
    assert answer("documents-by-date", "date document dateProperty where") == table("""
        1994  doc:hdr-1994  dcterms:date  X1; section 5.1
        2000-10-31  doc:unscr-1325  dcterms:date  X39
        2001-12  doc:iciss-report-2001  dcterms:date  X42
        2003-05-01  doc:human-security-now-2003  dcterms:date  X14
        2003-06  doc:ajp-9  dcterms:date  X33
        2003-12  doc:european-security-strategy-2003  dcterms:date  X29
        2004-09-15  doc:barcelona-report-2004  dcterms:date  X29
        2005-03-21  doc:in-larger-freedom-2005  dcterms:date  X17
        2007-11-08  doc:madrid-report-2007  dcterms:date  X31
        2010-03-08  doc:a-64-701  dcterms:date  X6
        2010-07-16  doc:unga-res-64-291  dcterms:date  X7
        2012-04-05  doc:a-66-763  dcterms:date  X8
        2012-09-10  doc:unga-res-66-290  dcterms:date  X9
        2013-02  doc:ajp-3-4-9  dcterms:date  X33
        2017  doc:international-law-and-new-wars-2017  dcterms:date  X36
        2017-10-17  doc:bi-sc-directive-1325-2017  dcterms:date  X40
        2018-11  doc:ajp-3-19  dcterms:date  X33
        2019-01  doc:jsp-1325  dcterms:date  X32
        2021-12-15  doc:jsp-985  dcterms:issued  X32
        2022  doc:nato-strategic-concept-2022  dcterms:date  Abstract; Executive Summary
        2022-06  doc:nato-human-security-approach-2022  dcterms:dateAccepted  X22
        2022-06-29  doc:nato-strategic-concept-2022  dcterms:dateAccepted  X20
        2022-10-14  doc:nato-human-security-approach-2022  dcterms:date  X22
        2022-10-20  doc:nato-human-security-approach-2022  dcterms:modified  X22
        2024-07  doc:jsp-985  dcterms:modified  X32
    """)


def test_documents_of_actor(answer):
    assert answer("documents-of-actor") == [
        ("actor:un-general-assembly", "doc:unga-res-64-291", "produced", "2010-07-16"),
        ("actor:un-general-assembly", "doc:unga-res-66-290", "produced", "2012-09-10"),
        ("actor:un-general-assembly", "doc:world-summit-outcome-2005", "produced", None),
    ]
    assert answer("documents-of-actor", "document role date", actor="person:mary-kaldor") == [
        ("doc:international-law-and-new-wars-2017", "creator", "2017")]
    # "produced" in both directions: the report's "NATO produced" and the context's "produced by NATO"
    assert answer("documents-of-actor", "document", actor="NATO") == [
        ("doc:bi-sc-directive-1325-2017",), ("doc:nato-strategic-concept-2022",),
        ("doc:nato-human-security-approach-2022",)]


def test_key_words(answer):
    assert answer("key-words", "subject label") == [
        ("actor:cimic", "CIMIC"), ("concept:civilians", "civilians"), ("concept:climate-change", "climate change"),
        ("actor:european-union", "European Union"), (HS, "human security"), (IL, "international law"),
        ("concept:security-studies", "security studies"), ("actor:united-kingdom", "United Kingdom"),
        ("actor:united-nations", "United Nations"), ("concept:wps-agenda", "Women, Peace and Security agenda")]


def test_hfm_et_201(answer):
    report = "Abstract; Executive Summary"
    assert answer("hfm-et-201") == [
        ("in", "hskg:documentsDiscussionsOf", "report:hfm-et-201", report),
        ("in", "hskg:followsUpOn", "actor:hfm-382", "X28"),
        ("out", "org:subOrganizationOf", "actor:hfm-panel", "X27"),
        ("out", "hskg:activeFrom", "2022", report),
        ("out", "hskg:activeFrom", "2022-09-22", "X27"),
        ("out", "hskg:activeUntil", "2023", report),
        ("out", "hskg:activeUntil", "2023-09-30", "X27"),
        ("out", "hskg:discussed", HS, report),
        # entailed: part of the HFM Panel (X27), which is part of the STO, part of NATO (X27)
        ("out", "hskg:isPartOf", "actor:nato", None),
        ("out", "hskg:isPartOf", "actor:sto", None),
    ]


def test_doctrine_lineage(answer):
    assert answer("doctrine-lineage") == [
        ("doc:ajp-3-19", "2018-11", "doc:ajp-3-4-9", "2013-02", "actor:cimic"),
        ("doc:ajp-3-19", "2018-11", "doc:ajp-9", "2003-06", "actor:cimic"),
        ("doc:jsp-985", "2021-12-15", "doc:jsp-1325", "2019-01", None),
    ]


def test_context_fact(answer):
    # X32 (JSP 985, the UK's human security doctrine): its claims in graph/context/i-united-kingdom.ttl,
    # each with the source that states it; two rest on the 2024 update's record.
    jsp985 = ("source:gov-uk-jsp-985", "gov.uk/government/publications/human-security-in-defence-jsp-985")
    update = ("source:govukdiff-jsp-985-2024", "govukdiff.njk.onl/update/2024-07-09…")
    expected = [
        ("claim:x32-jsp-1325-date", "dcterms:date", *jsp985),
        ("claim:x32-jsp-985-addresses-cultural-property-protection", "hskg:addresses", *jsp985),
        ("claim:x32-jsp-985-addresses-protection-of-civilians", "hskg:addresses", *jsp985),
        ("claim:x32-jsp-985-addresses-wps-agenda", "hskg:addresses", *jsp985),
        ("claim:x32-jsp-985-builds-on-ihl", "hskg:buildsOn", *update),
        ("claim:x32-jsp-985-first-published", "dcterms:issued", *jsp985),
        ("claim:x32-jsp-985-predecessor-jsp-1325", "hskg:hasPredecessor", *jsp985),
        ("claim:x32-jsp-985-produced-by-uk-mod", "hskg:producedBy", *jsp985),
        ("claim:x32-jsp-985-updated", "dcterms:modified", *update),
        ("claim:x32-uk-approach-definition", "skos:definition", *jsp985),
        ("claim:x32-uk-approach-set-out-in-jsp-985", "hskg:setOutIn", *jsp985),
        ("claim:x32-uk-mod-country", "hskg:country", *jsp985),
    ]
    assert answer("context-fact", "claim predicate source address") == expected
    assert {row[0] for row in answer("context-fact", "fact")} == {"X32"}


# --- 14. wave 2 (issue #14): the map a researcher can ask -------------------------------
# Expected answers below were derived from the source text (the sentences quoted) and the
# context list, as the claims of graph/claims/ and graph/context/ model them.

Q_STATE = ("The state was understood to be the primary international actor with legal standing, the entity "
           "empowered to make international law through its consent or actions, and the source and recipient of "
           "legal obligations and rights.")
Q_POSTWAR = ("However, following the Second World War and through the advent of the UN system, emerging "
             "international law began embracing frameworks that recognized a plurality of international actors and "
             "sought to protect individuals and communities from numerous harms.")
Q_FACTORS = ("Myriad international factors—enactment of the UN Charter, the advent of the human rights system, "
             "humanitarian focused interventions and resolutions by the Security Council, the establishment of UN "
             "and other agencies to advance global economic and development goals—have contributed to a shifting "
             "notion of security that situates the individual as the referent object [46].")
Q_FOUNDATIONS = ("Human security’s theoretical foundations predate its formal articulation within the 1994 Human "
                 "Development Report.")
Q_CURIOSITY = "This lack of curiosity has been evident since human security’s formal origins."
Q_OPEN = ("Whether the successful advancement of a human security framework can be developed upon or in accordance "
          "with the existing international legal system or if such advancement will require a fundamental "
          "reorganization of this system remains an open question that demands increased attention.")
Q_INSIGHTS = ("And they will require new insights into how human security can influence the development and "
              "interpretation of international law, what these developments mean, and, conversely, how international "
              "law facilitates the actualization of a human security approach.")
Q_SPECIFIC = ("Each notion displays a clear nexus with international law and regardless of the understanding of human "
              "security that is embraced, specific and general questions demand attention.")
Q_RESEARCH_ES = ("Conducting research on the concept is of outmost timely relevance as several questions remains "
                 "unanswered when it comes to what human security will mean for the Alliance.")
Q_RESEARCH_ABSTRACT = ("Conducting sound research on the concept is of outmost timely relevance as several questions "
                       "remains unanswered when it comes to what human security will mean for the Alliance.")
QUOTES += [Q_STATE, Q_POSTWAR, Q_FACTORS, Q_FOUNDATIONS, Q_CURIOSITY, Q_OPEN, Q_INSIGHTS, Q_SPECIFIC, Q_RESEARCH_ES,
           Q_RESEARCH_ABSTRACT]
HEDGED, PREDICTED, HISTORICAL = (f"concept:modality-{m}" for m in ("hedged", "predicted", "historical"))
APPROACHES = ["approach:un", "approach:eu", "approach:uk", "approach:cimic", "approach:nato"]
NOTIONS = ["notion:narrow", "notion:humanitarian", "notion:broad"]


def test_notions_regimes_approaches(answer):
    # regimes in the order of their labels: existing legal frameworks, IHRL, IHL, international law, refugee law
    regimes = ["regime:existing-legal-frameworks", "regime:ihrl", "regime:ihl", IL, "regime:international-refugee-law"]
    # 5.4: "Each notion displays a clear nexus with international law"; X32: JSP 985 (which sets out the UK
    # approach) builds on IHL; no source links any approach to a notion, nor a notion to another regime
    notion_regime = {(n, IL): "hskg:hasNexusWith (section 5.4)" for n in NOTIONS}
    approach_regime = {("approach:uk", "regime:ihl"): "doc:jsp-985 hskg:buildsOn (X32)"}
    assert answer("notions-regimes-approaches") == [
        (n, r, a, notion_regime.get((n, r)), approach_regime.get((a, r)), None)
        for n in NOTIONS for r in regimes for a in APPROACHES]


def test_history_before_human_security(answer):
    since, latter = "since human security’s formal origins", "throughout the latter half of the twentieth century"
    postwar = "following the Second World War and through the advent of the UN system"
    icsec = "concept:individual-centred-security"
    c = "claim:s5-2-"
    assert answer("history-before-human-security", "section claim predicate object modality statedFor quote") == [
        (S51, "claim:s5-1-human-security-international-law-under-explored-since-formal-origins",
         "hskg:underExploredRelationshipWith", IL, None, since, Q_CURIOSITY),
        (S52, c + "establishment-of-agencies-contributed-to-individual-centred-security", "hskg:contributedTo", icsec,
         None, None, Q_FACTORS),
        (S52, c + "human-rights-system-contributed-to-individual-centred-security", "hskg:contributedTo", icsec,
         None, None, Q_FACTORS),
        (S52, c + "human-security-rooted-in-ihrl", "hskg:notedAsConceptuallyRootedIn", "regime:ihrl", HEDGED, None,
         "In pre-dating human security’s formal recognition, these earlier legal developments have spurred "
         "commentators to note that, at least conceptually, human security is rooted in IHRL [49]."),
        (S52, c + "human-security-separate-paths-from-international-law", "hskg:pursuedSeparatePathsFrom", IL, None,
         latter, "Yet despite familiar origins and objectives, human security and the vision of international law "
         "that developed throughout the latter half of the twentieth century have pursued separate paths."),
        (S52, c + "human-security-traced-to-udhr-preamble", "hskg:tracedTo", "doc:udhr-1948-preamble", None, None,
         "Christine Chinkin and Mary Kaldor trace the development of what would be termed ‘human security’ to the "
         "preamble of the 1948 Universal Declaration of Human Rights [43]."),
        (S52, c + "international-law-developed-through-state-centrism", "hskg:developedThrough", "concept:state-centrism",
         HISTORICAL, None, "As with traditional notions of security, international law developed through a "
         "state-centric framework."),
        (S52, c + "international-law-recognizes-plurality-of-actors", "hskg:recognizes",
         "concept:plurality-of-international-actors", HISTORICAL, postwar, Q_POSTWAR),
        (S52, c + "international-law-seeks-to-protect-communities", "hskg:seeksToProtect", "concept:communities",
         HISTORICAL, postwar, Q_POSTWAR),
        (S52, c + "international-law-seeks-to-protect-individuals", "hskg:seeksToProtect", "concept:individual",
         HISTORICAL, postwar, Q_POSTWAR),
        (S52, c + "security-council-contributed-to-individual-centred-security", "hskg:contributedTo", icsec, None, None,
         Q_FACTORS),
        (S52, c + "security-council-interventions-contributed-to-individual-centred-security", "hskg:contributedTo",
         icsec, None, None, Q_FACTORS),
        (S52, c + "security-council-resolutions-contributed-to-individual-centred-security", "hskg:contributedTo",
         icsec, None, None, Q_FACTORS),
        (S52, c + "state-makes-international-law", "hskg:makes", IL, HISTORICAL, None, Q_STATE),
        (S52, c + "state-recipient-of-legal-obligations-and-rights", "hskg:recipientOf",
         "concept:legal-obligations-and-rights", HISTORICAL, None, Q_STATE),
        (S52, c + "state-source-of-legal-obligations-and-rights", "hskg:sourceOf", "concept:legal-obligations-and-rights",
         HISTORICAL, None, Q_STATE),
        (S52, c + "state-understood-as-primary-international-actor", "hskg:understoodAs",
         "concept:primary-international-actor-with-legal-standing", HISTORICAL, None, Q_STATE),
        (S52, c + "theoretical-foundations-predate-hdr-1994", "hskg:predates", "doc:hdr-1994", None, None, Q_FOUNDATIONS),
        (S52, c + "traditional-security-developed-through-state-centrism", "hskg:developedThrough",
         "concept:state-centrism", HISTORICAL, None, "As with traditional notions of security, international law "
         "developed through a state-centric framework."),
        (S52, c + "un-charter-contributed-to-individual-centred-security", "hskg:contributedTo", icsec, None, None,
         Q_FACTORS),
    ]


def test_who_says_what(answer):
    rows = answer("who-says-what", "speaker modality claim section quote")
    # first the report's own hedges and predictions (ES "may"; 5.3 "can", "will", "may not"; 5.4 "will"),
    # then by the speaker's label: Christine Chinkin, commentators, Jordan (X10), Mary Kaldor, Secretary General
    assert [row[:4] for row in rows] == (
        [(None, HEDGED, "claim:es-human-security-may-conflict-with-wps-agenda", ES),
         (None, PREDICTED, "claim:s5-3-human-security-agenda-can-impact-international-law", S53),
         (None, "concept:modality-possibly-not", "claim:s5-3-human-security-agenda-may-not-impose-new-legal-obligations",
          S53),
         (None, HEDGED, "claim:s5-3-human-security-can-impact-international-law", S53),
         (None, PREDICTED, "claim:s5-4-human-security-questions-non-interference", S54),
         (None, PREDICTED, "claim:s5-4-human-security-questions-obligations-of-international-actors", S54),
         (None, PREDICTED, "claim:s5-4-human-security-questions-rules-based-order", S54),
         (None, PREDICTED, "claim:s5-4-human-security-questions-sovereignty", S54),
         (None, PREDICTED, "claim:s5-4-questions-support-complementary-approach", S54),
         (None, PREDICTED, "claim:s5-4-vision-influences-efforts-to-comprehend", S54)]
        + [("person:christine-chinkin", None, claim, S52 if "s5-2" in claim else S54) for claim in CK_CLAIMS]
        + [("actor:commentators", HEDGED, "claim:s5-2-human-security-rooted-in-ihrl", S52),
           ("actor:jordan", None, "claim:x10-human-security-distinct-from-r2p", None)]
        + [("person:mary-kaldor", None, claim, S52 if "s5-2" in claim else S54) for claim in CK_CLAIMS]
        + [("actor:un-secretary-general", "concept:modality-denied",
            "claim:s5-3-human-security-imposes-no-additional-legal-obligations", S53)])
    quotes = {row[2]: row[4] for row in rows}
    assert quotes["claim:es-human-security-may-conflict-with-wps-agenda"] == Q_PROBLEMS
    assert quotes["claim:s5-4-human-security-questions-sovereignty"] == Q_SOVEREIGNTY
    assert quotes["claim:s5-3-human-security-imposes-no-additional-legal-obligations"] == Q_SG
    assert quotes["claim:x10-human-security-distinct-from-r2p"] is None  # a context fact has no quote
    assert quotes["claim:s5-3-human-security-agenda-may-not-impose-new-legal-obligations"] == (
        "While the advancement of a human security agenda may not impose new legal obligations, it certainly poses "
        "numerous questions that carry direct legal implications.")


RELATION_TREE = {  # docs/MODELLING.md, "The relation tree"
    "hskg:attributedTo": "dcterms:creator dcterms:publisher hskg:approachOf hskg:expressesOpinionsOf hskg:ledBy "
                         "hskg:onAgendaOf hskg:producedBy",
    "hskg:characterizedAs": "hskg:characterizedBy hskg:encompasses hskg:expressedThrough hskg:hasFocus "
                            "hskg:isOrientedTowards hskg:understoodAs",
    "hskg:conflictsWith": "hskg:mayConflictWith",
    "hskg:continues": "hskg:followsUpOn hskg:hasPredecessor hskg:implements",
    "hskg:contrastsWith": "hskg:conflictsWith hskg:differsFrom hskg:distinctFrom hskg:pursuedSeparatePathsFrom",
    "hskg:describes": "dcterms:subject hskg:addresses hskg:affirms hskg:deemsCounterproductive hskg:defines "
                      "hskg:discussed hskg:documentsDiscussionsOf hskg:formallyArticulates hskg:identifiesDimension "
                      "hskg:incorporates hskg:isAbout hskg:presents hskg:proposesResearchPath hskg:recognizes "
                      "hskg:refersTo hskg:setsOutCommonUnderstandingOf hskg:setsOutCoreTask hskg:setsOutPurposesOf "
                      "hskg:situatesWithinLegalFrameworks hskg:soughtToDefine hskg:suggests hskg:uses",
    "hskg:hasLegalBasis": "hskg:buildsOn hskg:codifiedThrough",
    "hskg:influences": "hskg:canImpact hskg:imposes hskg:raisesQuestionsAbout hskg:regulatesRelationsWithin "
                       "hskg:seeksToShift",
    "hskg:isAssociatedWith": "skos:related hskg:bearsImplicationsFor hskg:hasNexusWith hskg:sharesGoalsWith "
                             "hskg:symbioticRelationshipWith hskg:underExploredRelationshipWith",
    "hskg:isLegalBasisOf": "hskg:legalFrameworkFor",
    "hskg:isPartOf": "dcterms:isPartOf org:subOrganizationOf",
    "hskg:isSubjectOf": "hskg:criticizedIn",
    # specific relations with narrower ones
    "hskg:hasFocus": "hskg:emphasizes hskg:groundedIn hskg:respondsTo",
    "hskg:rootedIn": "hskg:tracedTo",
    "org:memberOf": "hskg:affiliatedWith",
    "hskg:originatesIn": "hskg:developedThrough hskg:notedAsConceptuallyRootedIn hskg:rootedIn hskg:tracedTo",
    "hskg:relatesTo": "dcterms:hasPart dcterms:references org:headOf org:memberOf hskg:actedAtBehestOf "
                      "hskg:advancesNotion hskg:appearsIn hskg:attributedTo hskg:characterizedAs hskg:continues "
                      "hskg:contrastsWith hskg:country hskg:custodianOf hskg:describes hskg:disclaimsEndorsementBy "
                      "hskg:disclaimsLiabilityFor hskg:doctrineFor hskg:expresses hskg:hasApproach "
                      "hskg:hasCoreActivity hskg:hasLegalBasis hskg:hasNotion hskg:influences hskg:isAssociatedWith "
                      "hskg:isNotionOf hskg:isPartOf hskg:isSubjectOf hskg:makes hskg:mattersTo hskg:motivatedBy "
                      "hskg:originatesIn hskg:predates hskg:presentedTo hskg:produced hskg:recipientOf "
                      "hskg:requiresAttentionTo hskg:setOutIn hskg:sourceOf hskg:supports",
    "hskg:supports": "hskg:centralPurposeOf hskg:centralTo hskg:contributedTo hskg:intendedToEnsureSecurityOf "
                     "hskg:isFoundationOf hskg:isLegalBasisOf hskg:primaryFrameworkFor "
                     "hskg:providesNormativeOrientationFor hskg:seeksToProtect",
}


def test_relation_tree(answer):
    def iri_order(name):  # the query orders by IRI
        prefix, local = name.split(":")
        return {"dcterms": "http://purl.org/dc/terms/", "org": "http://www.w3.org/ns/org#",
                "skos": "http://www.w3.org/2004/02/skos/core#", "hskg": "https://w3id.org/hskg/ontology#"}[prefix] + local
    expected = sorted(((g, r) for g, rs in RELATION_TREE.items() for r in rs.split()),
                      key=lambda pair: (iri_order(pair[0]), iri_order(pair[1])))
    assert answer("relation-tree", "general relation") == expected
    labels = {row[0]: row[1:] for row in answer("relation-tree", "general generalLabel isGeneral")}
    assert labels["hskg:relatesTo"] == ("relates to", "true") and labels["hskg:isPartOf"] == ("is part of", "true")
    assert labels["hskg:hasFocus"] == ("has focus", "false") and labels["org:memberOf"] == (None, "false")


def test_statements_under_relation(answer):
    hs, agenda = HS, "concept:human-security-agenda"
    assert answer("statements-under-relation", "subject specific object modality claim") == [
        (hs, "hskg:raisesQuestionsAbout", "concept:non-interference", PREDICTED,
         "claim:s5-4-human-security-questions-non-interference"),
        (hs, "hskg:raisesQuestionsAbout", "concept:obligations-of-international-actors", PREDICTED,
         "claim:s5-4-human-security-questions-obligations-of-international-actors"),
        (hs, "hskg:raisesQuestionsAbout", "concept:rules-based-international-order", PREDICTED,
         "claim:s5-4-human-security-questions-rules-based-order"),
        (hs, "hskg:raisesQuestionsAbout", "concept:sovereignty", PREDICTED, "claim:s5-4-human-security-questions-sovereignty"),
        (hs, "hskg:canImpact", IL, HEDGED, "claim:s5-3-human-security-can-impact-international-law"),
        (agenda, "hskg:seeksToShift", "concept:international-priorities", None,
         "claim:s5-3-human-security-agenda-seeks-to-shift-priorities"),
        (agenda, "hskg:raisesQuestionsAbout", "concept:law", None, "claim:s5-3-human-security-agenda-raises-legal-questions"),
        (agenda, "hskg:canImpact", IL, PREDICTED, "claim:s5-3-human-security-agenda-can-impact-international-law"),
        ("concept:vision-of-human-security-advanced", "hskg:influences",
         "concept:efforts-to-comprehend-human-security-and-international-law", PREDICTED,
         "claim:s5-4-vision-influences-efforts-to-comprehend"),
        (IL, "hskg:regulatesRelationsWithin", "concept:international-community", None,
         "claim:s5-1-international-law-regulates-international-community"),
    ]
    # a symmetric general relation: every association of international law, found from either end
    associated = answer("statements-under-relation", "subject specific object", relation="hskg:isAssociatedWith")
    assert {row for row in associated if IL in row} == {
        (HS, "hskg:bearsImplicationsFor", IL), (HS, "hskg:sharesGoalsWith", IL),
        (HS, "hskg:symbioticRelationshipWith", IL), (HS, "hskg:underExploredRelationshipWith", IL),
        ("notion:broad", "hskg:hasNexusWith", IL), ("notion:humanitarian", "hskg:hasNexusWith", IL),
        ("notion:narrow", "hskg:hasNexusWith", IL)}


def test_group_actors(answer):
    d, s = "report:disclaimer", "claim:disclaimer-report-"
    assert answer("group-actors", "group memberKind role claim denied section") == [
        ("actor:any-agency", None, "object", s + "disclaims-endorsement-by-any-agency", "false", d),
        ("actor:any-government", None, "object", s + "disclaims-endorsement-by-any-government", "false", d),
        ("actor:authors-institutions", "hskg:Organization", "object", s + "disclaims-endorsement-by-authors-institutions",
         "false", d),
        ("actor:commentators", None, "according to", "claim:s5-2-human-security-rooted-in-ihrl", "false", S52),
        ("actor:respective-authors", "hskg:Person", "object", s + "expresses-opinions-of-respective-authors", "false", d),
        ("actor:several-states", "hskg:State", "object", "claim:s5-3-secretary-general-at-behest-of-several-states",
         "false", S53),
        ("actor:un-and-other-agencies", None, "object",
         "claim:s5-2-establishment-of-agencies-is-about-un-and-other-agencies", "false", S52),
        ("doc:binding-international-legal-documents", "hskg:LegalInstrument", "object",
         "claim:s5-1-human-security-in-no-binding-legal-document", "true", S51),
        ("doc:external-sources", None, "object", "claim:disclaimer-sto-disclaims-responsibility-for-external-sources",
         "false", d),
        ("doc:security-council-resolutions", "hskg:Resolution", "subject",
         "claim:s5-2-security-council-resolutions-contributed-to-individual-centred-security", "false", S52),
        ("doc:security-council-resolutions", "hskg:Resolution", "subject",
         "claim:s5-2-security-council-resolutions-produced-by-security-council", "false", S52),
    ]


def test_approach_documents(answer):
    # the EU approach: no document sets it out; the Madrid Report proposed that the EU commit to six principles
    # (X31); the Barcelona Report was presented to the EU's High Representative, Javier Solana (X29)
    assert answer("approach-documents", "document link via modality origin") == [
        ("doc:barcelona-report-2004", "presented to a person affiliated with the actor", "person:javier-solana", None,
         "X29"),
        ("doc:madrid-report-2007", "suggests to the actor", None, None, "X31"),
    ]
    organ = "produced by the actor or an organ of it"
    ga, sg, sc = "actor:un-general-assembly", "actor:un-secretary-general", "actor:un-security-council"
    # the UN approach: Res. 66/290 (inferred, X9) and the documents of the UN's organs; not the 1994 HDR, because
    # no source places the UNDP in the UN
    assert answer("approach-documents", "document link via modality origin", approach="approach:un") == [
        ("doc:a-64-701", organ, sg, None, "X6"),
        ("doc:a-66-763", organ, sg, None, "X8"),
        ("doc:security-council-resolutions", organ, sc, None, "section 5.2"),
        ("doc:unga-res-64-291", organ, ga, None, "X7"),
        ("doc:unga-res-64-291", organ, ga, None, "section 5.3"),
        ("doc:unga-res-66-290", organ, ga, None, "X9"),
        ("doc:unga-res-66-290", "set out in", None, "concept:modality-inferred", "X9"),
        ("doc:unscr-1325", organ, sc, None, "X39"),
        ("doc:world-summit-outcome-2005", organ, ga, None, "X5"),
    ]
    assert answer("approach-documents", "document link origin", approach="approach:uk") == [
        ("doc:jsp-985", "set out in", "X32")]
    # what the documents take up (X29, X30, X31; X32: JSP 985's themes and its basis in IHL)
    assert answer("approach-documents", "document takesUp") == [
        ("doc:barcelona-report-2004", "European Security Strategy; human security"),
        ("doc:madrid-report-2007", "European Union")]
    assert answer("approach-documents", "document takesUp", approach="approach:uk") == [
        ("doc:jsp-985", "cultural property protection; international humanitarian law; protection of civilians; "
                        "Women, Peace and Security agenda")]
    # NATO: the Approach and Guiding Principles set it out (X23); NATO produced them (ES, abstract: "NATO produced
    # its …"), the Strategic Concept (X20) and the Bi-SC Directive (X40)
    organ_nato = "produced by the actor or an organ of it"
    assert answer("approach-documents", "document link via origin", approach="approach:nato") == [
        ("doc:bi-sc-directive-1325-2017", organ_nato, "actor:nato", "X40"),
        ("doc:nato-human-security-approach-2022", organ_nato, "actor:nato", "Abstract"),
        ("doc:nato-human-security-approach-2022", organ_nato, "actor:nato", "Executive Summary"),
        ("doc:nato-human-security-approach-2022", "set out in", None, "X23"),
        ("doc:nato-strategic-concept-2022", organ_nato, "actor:nato", "X20"),
    ]
    # CIMIC: AJP-3.19 is its doctrine (X33), but no source says it sets out CIMIC's approach to human security
    assert answer("approach-documents", "document link origin", approach="approach:cimic") == [
        ("doc:ajp-3-19", "doctrine for the actor", "X33")]


def test_open_questions(answer):
    hs_il = "human security; international law"
    assert answer("open-questions", "section question about quote") == [
        (ABSTRACT, "concept:question-what-human-security-will-mean-for-nato", "human security; NATO", Q_RESEARCH_ABSTRACT),
        (ES, "concept:question-what-human-security-will-mean-for-nato", "human security; NATO", Q_RESEARCH_ES),
        (S53, "concept:question-advancement-within-existing-legal-system", hs_il, Q_OPEN),
        (S54, "concept:question-how-human-security-influences-international-law", hs_il, Q_INSIGHTS),
        (S54, "concept:question-how-international-law-facilitates-human-security", hs_il, Q_INSIGHTS),
        (S54, "concept:question-what-these-developments-mean", "international law", Q_INSIGHTS),
        (S54, "concept:specific-and-general-questions", hs_il, Q_SPECIFIC),
    ]


def test_claims_by_modality(answer):
    assert answer("claims-by-modality", "claim accordingTo") == [
        ("claim:es-human-security-may-conflict-with-wps-agenda", None),  # "may be a source of problems"
        ("claim:s5-2-human-security-rooted-in-ihrl", "actor:commentators"),  # "at least conceptually"
        ("claim:s5-3-human-security-can-impact-international-law", None),  # "can impact"
    ]
    assert answer("claims-by-modality", "claim predicate object fact", modality="planned") == [
        ("claim:x28-hfm-382-active-from", "hskg:plannedFrom", "2024-01-15", "X28"),
        ("claim:x28-hfm-382-active-until", "hskg:plannedUntil", "2025-01-14", "X28"),
    ]
    assert answer("claims-by-modality", "claim", modality="concept:modality-denied") == [
        ("claim:s5-1-hdr-1994-does-not-situate-human-security-in-law",),
        ("claim:s5-1-hdr-1994-no-reference-to-international-law",),
        ("claim:s5-1-human-security-in-no-binding-legal-document",),
        ("claim:s5-3-human-security-imposes-no-additional-legal-obligations",),
        ("claim:x25-nato-approach-does-not-encompass-wps",),
        ("claim:x7-res-64-291-adopted-no-definition",),
    ]
    assert answer("claims-by-modality", "claim", modality="concept:modality-inferred") == [
        ("claim:x9-un-approach-set-out-in-res-66-290",)]
    assert [row[0] for row in answer("claims-by-modality", "claim", modality="historical")] == [
        "claim:s5-2-" + c for c in (
            "international-law-developed-through-state-centrism", "international-law-recognizes-plurality-of-actors",
            "international-law-seeks-to-protect-communities", "international-law-seeks-to-protect-individuals",
            "state-makes-international-law", "state-recipient-of-legal-obligations-and-rights",
            "state-source-of-legal-obligations-and-rights", "state-understood-as-primary-international-actor",
            "traditional-security-developed-through-state-centrism")]


def test_organs_and_organisations(answer):
    ch5 = CH5
    assert answer("organs-and-organisations", "organ organisation origin") == table(f"""
        actor:canadian-defence-academy  -  -
        actor:ccoe  -  -
        actor:cidium  actor:ium  {ch5}
        actor:ciep-ucp  actor:iep-ucp  {ch5}
        actor:dallaire-centre  actor:canadian-defence-academy  X44
        actor:hfm-382  -  -
        actor:hfm-et-201  actor:hfm-panel  X27
        actor:hfm-panel  actor:sto  X27
        actor:iep-ucp  actor:universidade-catolica-portuguesa  {ch5}
        actor:ium  -  -
        actor:lse  -  -
        actor:lse-centre-for-wps  actor:lse  X37
        actor:lse-civil-society-and-human-security-research-unit  actor:lse  X37
        actor:nso  -  -
        actor:sto  actor:nato  X27
        actor:uk-ministry-of-defence  -  -
        actor:un-general-assembly  actor:united-nations  section 5.3
        actor:un-secretary-general  actor:united-nations  X13
        actor:un-security-council  actor:united-nations  X39
        actor:undp  -  -
        actor:universidade-catolica-portuguesa  -  -
    """)


def test_notion_scheme(answer):
    book = ("doc:international-law-and-new-wars-2017", "2017")  # X36: the authors' book; nothing says it is [43]
    assert answer("notion-scheme", "scheme creator refs section work workDate") == [
        ("notion:scheme", "person:christine-chinkin", "[43]", S54, *book),
        ("notion:scheme", "person:mary-kaldor", "[43]", S54, *book),
    ]


def test_document_kinds(answer):
    # the kind as the report (5.1: "Report"; 5.3: "Res.") or the context list (X1 … X39) names it; no source in
    # the graph calls a document binding
    assert answer("document-kinds", "kind document where") == table("""
        hskg:Book  doc:international-law-and-new-wars-2017  X36
        hskg:Doctrine  doc:ajp-3-19  X33
        hskg:Doctrine  doc:ajp-3-4-9  -
        hskg:Doctrine  doc:ajp-9  X33
        hskg:Doctrine  doc:jsp-1325  -
        hskg:Doctrine  doc:jsp-985  -
        hskg:DocumentGroup  doc:binding-international-legal-documents  -
        hskg:DocumentGroup  doc:external-sources  -
        hskg:DocumentGroup  doc:security-council-resolutions  -
        hskg:DocumentPart  doc:udhr-1948-preamble  -
        hskg:LegalInstrument  doc:udhr-1948  -
        hskg:LegalInstrument  doc:un-charter  -
        hskg:PolicyDocument  doc:bi-sc-directive-1325-2017  -
        hskg:PolicyDocument  doc:european-security-strategy-2003  -
        hskg:PolicyDocument  doc:nato-human-security-approach-2022  -
        hskg:PolicyDocument  doc:nato-strategic-concept-2022  -
        hskg:Report  doc:a-64-701  X6
        hskg:Report  doc:a-66-763  X8
        hskg:Report  doc:barcelona-report-2004  X29
        hskg:Report  doc:hdr-1994  X1; section 5.1
        hskg:Report  doc:human-security-now-2003  -
        hskg:Report  doc:iciss-report-2001  -
        hskg:Report  doc:in-larger-freedom-2005  -
        hskg:Report  doc:madrid-report-2007  X31
        hskg:Report  report:hfm-et-201  -
        hskg:Resolution  doc:unga-res-64-291  X7; section 5.3
        hskg:Resolution  doc:unga-res-66-290  X9
        hskg:Resolution  doc:unscr-1325  X39
        hskg:Resolution  doc:world-summit-outcome-2005  X5
    """)


# --- the reading pages' figures (build/site/: citations.html, report.html, reference/) ----------

def test_reference_index(answer):
    # claims per reference: the sums of citations-by-section's rows; sections: its rows per reference;
    # quotes: the passages of the excerpt that cite it ([43] in 5.2 and 5.4, [45] in 5.1 and 5.3,
    # [49] in 5.2 and 5.3; [48] and [50] in one passage of 5.2; every other one passage)
    assert answer("reference-index", "reference number claims sections quotes") == table("""
        ref:43  43  9  2  2
        ref:44  44  2  1  1
        ref:45  45  5  2  2
        ref:46  46  9  1  1
        ref:47  47  2  1  1
        ref:48  48  3  1  1
        ref:49  49  2  2  2
        ref:50  50  3  1  1
        ref:51  51  12  1  1
        ref:52  52  4  1  1
        ref:53  53  4  1  1
        ref:54  54  2  1  1
    """)


def test_section_evidence(answer):
    # the front matter repeats sentences (the abstract those of the summary), chapter 5's claims
    # are its byline's (authors, institutions, countries)
    assert answer("section-evidence") == table(f"""
        {ABSTRACT}  33  10
        report:chapter-5  10  7
        report:disclaimer  7  4
        {ES}  70  20
        {S51}  12  6
        {S52}  39  10
        {S53}  20  10
        {S54}  27  11
    """)


def test_term_usage(answer):
    rows = answer("term-usage")
    kinds = {}
    for _, kind, _ in rows:
        kinds[kind] = kinds.get(kind, 0) + 1
    # docs/MODELLING.md lists the 46 classes and 124 properties; the schemes hold the three notions
    # and the nine modalities of claims
    assert kinds == {"class": 46, "property": 124, "individual": 12}
    uses = {row[0]: row[1:] for row in rows}
    assert uses["hskg:NegativeClaim"] == ("class", "6")  # the six rows of negative-claims
    assert uses["hskg:Notion"] == ("class", "3")
    assert uses["hskg:Reference"] == ("class", "12")  # [43] … [54]
    assert uses["hskg:referenceNumber"] == ("property", "12")
    assert uses["hskg:accordingTo"] == ("property", "17")  # attributed-statements: 3 + 7 claims × 2 speakers
    assert uses["hskg:hasNotion"] == uses["hskg:isNotionOf"] == ("property", "3")  # and its inverse
    assert uses["hskg:advancesNotion"] == ("property", "0")
    assert [row[1] for row in rows] == sorted(row[1] for row in rows)  # by kind, then term
