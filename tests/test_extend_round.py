"""``hskg add kind``, ``add statement``, ``edit actor``, ``remove actor|statement``: each
valid use is visible in queries and views; each bad use is refused with its message and
leaves the checkout byte for byte as it was."""

import json

import pytest

from extend_helpers import checkout_hash, copy_project, shipped_copy
from hskg import views
from hskg.knowledge import KnowledgeGraph

pytestmark = [pytest.mark.slow]

ID = "https://w3id.org/hskg/id/"
STRATEGIC_CONCEPT_QUOTE = "Human security was written into the NATO strategic concept for the first time in 2022."
ORG_VOCABULARY = "http://www.w3.org/ns/org#"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The shipped project plus, added through the library: a kind, two actors of which one
    is part of the other (an unsourced relation), an unsourced statement and a sourced one."""
    root = shipped_copy(tmp_path_factory.mktemp("base") / "project")
    kg = KnowledgeGraph.open(root)
    steps = [
        kg.add_kind("relief agency", "organization", "An organization that brings relief to people in need.",
                    ORG_VOCABULARY, owl=False),
        kg.add_actors([_actor("Test Relief Agency", "relief-agency", alt=["TRA"])], owl=False),
        kg.add_actors([_actor("Test Relief Branch", "organization", relations={"part-of": ["TRA"]})], owl=False),
        kg.add_statement("TRA", "member of", "nato", owl=False),
        kg.add_statement("doc:nato-strategic-concept-2022", "addresses", "concept:human-security",
                         source="report:hfm-et-201", quote=STRATEGIC_CONCEPT_QUOTE, section="executive-summary",
                         owl=False),
    ]
    assert [step.written for step in steps] == [True] * 5, [s.findings for s in steps]
    return root


def _actor(label, kind, **fields):
    from hskg.extend import ActorRequest

    return ActorRequest(label=label, kind=kind, **fields)


@pytest.fixture
def project(base, tmp_path):
    return copy_project(base, tmp_path / "project")


@pytest.fixture
def hskg(run_hskg, project):
    def run(*args):
        return run_hskg("--root", str(project), *args)

    return run


def rows(hskg, *args):
    code, out, err = hskg("query", *args, "--format", "csv")
    assert code == 0, err
    return [line.split(",") for line in out.splitlines()[1:]]


# --- valid uses ------------------------------------------------------------------------------

def test_the_base_files_are_where_the_commands_put_them(project):
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*.ttl")
                  if p.parent.name in ("actors", "statements", "extensions")) == [
        "graph/actors/test-relief-agency.ttl",
        "graph/actors/test-relief-branch.ttl",
        "graph/statements/nato-strategic-concept-2022-addresses-human-security.ttl",
        "graph/statements/test-relief-agency-member-of-nato.ttl",
        "ontology/extensions/relief-agency.ttl",
    ]


def test_a_new_kind_is_offered_and_its_actors_are_found(hskg, project):
    code, out, _ = hskg("add", "actor", "--kinds")
    assert "relief-agency                  An organization that brings relief to people in need." in out.splitlines()
    assert rows(hskg, "--text", "SELECT ?x WHERE { ?x a hskg:ReliefAgency }") == [[ID + "actor/test-relief-agency"]]
    assert rows(hskg, "--text", "SELECT ?label ?source WHERE { hskg:ReliefAgency rdfs:label ?label ; "
                                "dcterms:source ?source ; rdfs:subClassOf hskg:Organization }") == [
        ["relief agency", ORG_VOCABULARY]]
    actors = views.build_view(KnowledgeGraph.open(project).store, "actors").graph
    assert actors.nodes[ID + "actor/test-relief-agency"]["label"] == "Test Relief Agency"


def test_a_sourced_statement_is_a_claim_with_its_evidence(hskg, project):
    found = rows(hskg, "evidence-for-statement", "--param", "subject=doc:nato-strategic-concept-2022",
                 "--param", "object=concept:human-security")
    assert [(r[2], r[3], r[4], r[5], r[6], r[-1]) for r in found if r[2].endswith("#addresses")] == [(
        "https://w3id.org/hskg/ontology#addresses", ID + "claim/added-nato-strategic-concept-2022-addresses-human-security",
        "false", "false", ID + "report/executive-summary", STRATEGIC_CONCEPT_QUOTE)]
    focused = KnowledgeGraph.open(project).view("focus", focus="doc:nato-strategic-concept-2022", depth=1).graph
    assert sorted(d["predicate"] for u, v, d in focused.edges(data=True)
                  if (u, v) == (ID + "document/nato-strategic-concept-2022", ID + "concept/human-security")) == [
        "hskg:addresses", "hskg:incorporates"]


def test_an_unsourced_statement_is_listed_and_marked_unsourced(hskg):
    found = rows(hskg, "evidence-about", "--param", "node=TRA")
    assert sorted((r[2], r[3], r[4], r[5], r[6], r[7], r[-1]) for r in found) == [
        (ID + "actor/test-relief-agency", "http://www.w3.org/ns/org#memberOf", ID + "actor/nato", "false", "true", "", ""),
        (ID + "actor/test-relief-branch", "http://www.w3.org/ns/org#subOrganizationOf", ID + "actor/test-relief-agency",
         "false", "true", "", ""),
    ]


def test_an_unsourced_statement_warns(hskg):
    code, out, err = hskg("add", "statement", "Test Relief Branch", "member of", "nato", "--no-owl")
    assert code == 0, out + err
    assert err == "warning: actor:test-relief-branch org:memberOf actor:nato: no source; the statement is marked unsourced\n"
    assert out.splitlines()[-1] == ("added actor:test-relief-branch org:memberOf actor:nato in "
                                    "graph/statements/test-relief-branch-member-of-nato.ttl")


def test_a_quote_from_a_text_sources_does_not_hold_is_kept_marked_unchecked_and_listed(hskg, project):
    code, out, err = hskg("add", "statement", "TRA", "produced", "doc:nato-strategic-concept-2022", "--source",
                          "doc:nato-human-security-approach-2022", "--quote",
                          "Human security was written into the NATO strategic", "--no-owl")
    assert (code, err) == (0, "warning: actor:test-relief-agency hskg:produced doc:nato-strategic-concept-2022: the "
                              "quote was not checked, sources/ holds no text of its source; it is marked "
                              "hskg:UncheckedQuote\n"), out
    claim = ID + "claim/added-test-relief-agency-produced-nato-strategic-concept-2022"
    assert rows(hskg, "--text", "SELECT ?claim ?quote WHERE { ?claim hskg:evidence [ a hskg:UncheckedQuote ; "
                "oa:exact ?quote ] }") == [[claim, "Human security was written into the NATO strategic"]]
    code, out, err = hskg("validate", "--no-owl", "--format", "json")
    findings = [(f["check"], f["node"], f["message"]) for f in json.loads(out)["findings"]
                if f["check"] in ("evidence", "sparql:unchecked-quote")]
    assert findings == [("sparql:unchecked-quote", claim, "the quote “Human security was written into the NATO "
                         "strategic” was not checked: sources/ holds no text of its document")]


def test_edit_actor_changes_label_alternatives_and_kind_in_place(hskg, project):
    code, out, err = hskg("edit", "actor", "TRA", "--label", "Test Relief Agency International", "--alt", "TRAI",
                          "--kind", "organization", "--no-owl")
    assert code == 0, out + err
    assert out.splitlines()[-1] == ("edited actor:test-relief-agency in graph/actors/test-relief-agency.ttl: label "
                                    "'Test Relief Agency International'; alternative labels 'TRAI'; kind organization")
    assert rows(hskg, "--text", "SELECT ?l ?a ?k WHERE { actor:test-relief-agency rdfs:label ?l ; skos:altLabel ?a ; "
                                "a ?k }", "--asserted") == [
        ["Test Relief Agency International", "TRAI", "https://w3id.org/hskg/ontology#Organization"]]


def test_remove_statement_takes_the_statement_and_its_claim(hskg, project):
    code, out, err = hskg("remove", "statement", "doc:nato-strategic-concept-2022", "hskg:addresses",
                          "concept:human-security", "--no-owl")
    assert code == 0, out + err
    assert out.splitlines()[-1] == ("removed doc:nato-strategic-concept-2022 hskg:addresses concept:human-security from "
                                    "graph/statements/nato-strategic-concept-2022-addresses-human-security.ttl (the file)")
    assert rows(hskg, "--text", "SELECT ?c WHERE { ?c rdf:predicate hskg:addresses ; "
                                "rdf:subject doc:nato-strategic-concept-2022 ; rdf:object concept:human-security }") == []


def test_a_relation_inside_an_actor_file_is_cut_out_of_it(hskg, project):
    code, out, err = hskg("remove", "statement", "Test Relief Branch", "org:subOrganizationOf", "TRA", "--no-owl")
    assert code == 0, out + err
    text = (project / "graph" / "actors" / "test-relief-branch.ttl").read_text(encoding="utf-8")
    assert "subOrganizationOf" not in text and "rdf:Statement" not in text
    assert 'rdfs:label "Test Relief Branch"@en' in text


def test_remove_actor_with_cascade_and_dry_run(hskg, project):
    before = checkout_hash(project)
    code, out, err = hskg("remove", "actor", "TRA", "--cascade", "--dry-run", "--no-owl")
    assert code == 0, out + err
    assert [line for line in out.splitlines() if line.startswith("dry run")] == [
        "dry run: would have removed actor:test-relief-agency (graph/actors/test-relief-agency.ttl)",
        "dry run: would have removed the statements about actor:test-relief-agency in graph/actors/test-relief-branch.ttl",
        "dry run: would have removed the statements about actor:test-relief-agency in "
        "graph/statements/test-relief-agency-member-of-nato.ttl (the file)",
        "dry run: valid; nothing written",
    ]
    assert checkout_hash(project) == before
    code, out, err = hskg("remove", "actor", "TRA", "--cascade", "--no-owl")
    assert code == 0, out + err
    assert not (project / "graph" / "actors" / "test-relief-agency.ttl").exists()
    assert not (project / "graph" / "statements" / "test-relief-agency-member-of-nato.ttl").exists()
    assert sorted(rows(hskg, "--text", "SELECT ?p ?o WHERE { actor:test-relief-branch ?p ?o }", "--asserted")) == [
        ["http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/hskg/ontology#Organization"],
        ["http://www.w3.org/2000/01/rdf-schema#label", "Test Relief Branch"]]
    assert hskg("validate", "--no-owl")[0] == 0


# --- bad uses: refused, named, nothing written -----------------------------------------------

BAD = {
    "add kind": [
        (["add", "kind", "--label", "Relief agencies", "--parent", "organization", "--definition", "Some text here.",
          "--source", ORG_VOCABULARY], 1, "--label: 'Relief agencies' is a near duplicate of 'relief agency' "
                                          "(hskg:ReliefAgency)"),
        (["add", "kind", "--label", "relief agency", "--parent", "organization", "--definition", "Some text here.",
          "--source", ORG_VOCABULARY], 1, "--label: 'relief agency' is already a label of hskg:ReliefAgency"),
        (["add", "kind", "--label", "ｏｒｇａｎｉｚａｔｉｏｎ", "--parent", "actor", "--definition", "Some text here.",
          "--source", ORG_VOCABULARY], 1, "--label: 'ｏｒｇａｎｉｚａｔｉｏｎ' is already a label of hskg:Organization"),
        (["add", "kind", "--label", "guild", "--parent", "guilds-of-old", "--definition", "Some text here.",
          "--source", ORG_VOCABULARY], 2, "--parent: unknown kind 'guilds-of-old' (kinds: actor, actor-group, expert-group, international-organization, milit"
         "ary-function, organ, organization, person, publisher, relief-agency, research-institution, research-team, state)"),
        (["add", "kind", "--label", "guild", "--parent", "organization", "--definition", "Some text here.",
          "--source", "Nowhere Document"], 2,
         "--source: no node has the label, alternative label or slug 'Nowhere Document'"),
        (["add", "kind", "--label", "guild", "--parent", "organization", "--definition", "Some text here.",
          "--source", "actor:nato"], 2, "--source: actor:nato is not a document"),
        (["add", "kind", "--label", "gu\u202eild", "--parent", "organization", "--definition", "Some text here.",
          "--source", ORG_VOCABULARY], 2, "--label: the label 'gu\\u202eild' contains a bidirectional control character (U+202E)"),
    ],
    "add statement": [
        (["add", "statement", "Nowhere Alliance", "member of", "nato"], 2,
         "SUBJECT: no node has the label, alternative label or slug 'Nowhere Alliance'; closest labels: Alliance"),
        (["add", "statement", "TRA", "membr", "nato"], 2,
         "RELATION: 'membr' is not a relation of the ontology; did you mean org:memberOf?"),
        (["add", "statement", "concept:human-security", "produced", "doc:nato-strategic-concept-2022"], 2,
         "SUBJECT: concept:human-security (human security) cannot be the subject of hskg:produced: its domain is "
         "hskg:Actor"),
        (["add", "statement", "TRA", "member of", "person:mary-kaldor"], 2,
         "OBJECT: person:mary-kaldor (Mary Kaldor) cannot be the object of org:memberOf: its range is org:Organization"),
        (["add", "statement", "TRA", "produced", "doc:nato-strategic-concept-2022", "--source", "report:hfm-et-201",
          "--quote", "The Test Relief Agency produced the NATO strategic concept.", "--section", "executive-summary"], 2,
         "--quote: the quote is not in the text of report:hfm-et-201 (hfm-et-201-excerpt.txt), word for word: "
         "“The Test Relief Agency produced the NATO strategic concept.”"),
        (["add", "statement", "TRA", "produced", "doc:nato-strategic-concept-2022", "--source", "report:hfm-et-201",
          "--quote", "uman security was written into the NATO strategic concept", "--section", "executive-summary"], 2,
         "--quote: the quote is not in the text of report:hfm-et-201 (hfm-et-201-excerpt.txt), word for word: "
         "“uman security was written into the NATO strategic concept”"),
        (["add", "statement", "TRA", "produced", "doc:nato-strategic-concept-2022", "--source", "report:hfm-et-201",
          "--quote", "."], 2, "--quote: the quote '.' is too short: a quote is a passage of at least 3 words and 15 "
                              "characters"),
        (["add", "statement", "TRA", "member of", "nato"], 1,
         "the graph already states actor:test-relief-agency org:memberOf actor:nato"),
        (["add", "statement", "TRA", "member of", "actor:united-nations", "--modality", "hedged"], 2,
         "--source: a modality or a speaker says how a source puts it: give the source"),
        (["add", "statement", "doc:nato-strategic-concept-2022", "affirms", "concept:human-security", "--source",
          "report:hfm-et-201", "--quote", STRATEGIC_CONCEPT_QUOTE, "--section", "executive-summary", "--modality",
          "denied"], 2, "--modality: a denied statement is a negative claim with an owl:NegativePropertyAssertion "
                        "(docs/MODELLING.md): write it by hand"),
    ],
    "edit actor": [
        (["edit", "actor", "nato", "--label", "North Atlantic Alliance"], 2,
         "actor:nato was not added with hskg add actor or hskg import (it is not in graph/actors/): only what those "
         "commands wrote can be edited or removed"),
        (["edit", "actor", "Nowhere Alliance", "--label", "X Y"], 2,
         "NODE: no node has the label, alternative label or slug 'Nowhere Alliance'; closest labels: Alliance"),
        (["edit", "actor", "TRA", "--label", "NATO"], 1,
         "--label: 'NATO' is already a label of actor:nato: a duplicate of an existing node"),
        (["edit", "actor", "TRA", "--alt", "U\u200bN"], 1,
         "--alt: 'U\\u200bN' is already a label of actor:united-nations: a duplicate of an existing node"),
        (["edit", "actor", "TRA", "--kind", "guild"], 2, "--kind: unknown kind 'guild' (kinds: actor-group, expert-group, international-organization, military-functi"
         "on, organ, organization, person, publisher, relief-agency, research-institution, research-team, state)"),
        (["edit", "actor", "TRA"], 2, "nothing to change: give --label, --alt or --kind"),
    ],
    "remove actor": [
        (["remove", "actor", "nato"], 2, "actor:nato was not added with hskg add actor or hskg import (it is not "
         "in graph/actors/): only what those commands wrote can be edited or removed"),
        (["remove", "actor", "person:mary-kaldor", "--cascade"], 2,
         "person:mary-kaldor was not added with hskg add actor or hskg import (it is not "
         "in graph/actors/): only what those commands wrote can be edited or removed"),
        (["remove", "actor", "TRA"], 1,
         "actor:test-relief-agency is referred to by statements in graph/actors/test-relief-branch.ttl, "
         "graph/statements/test-relief-agency-member-of-nato.ttl; remove them first, or give --cascade to remove "
         "them with it"),
        (["remove", "actor", "Nowhere Alliance"], 2,
         "NODE: no node has the label, alternative label or slug 'Nowhere Alliance'; closest labels: Alliance"),
        (["remove", "actor", "concept:human-security"], 2, "concept:human-security was not added with hskg add actor or hskg import ("
         "it is not in graph/actors/): only what those commands wrote can be edited or removed"),
    ],
    "remove statement": [
        (["remove", "statement", "actor:nato", "produced", "doc:nato-strategic-concept-2022"], 2,
         "actor:nato hskg:produced doc:nato-strategic-concept-2022 was not added with hskg add: only statements those "
         "commands wrote can be removed"),
        (["remove", "statement", "TRA", "produced", "doc:nato-strategic-concept-2022"], 2,
         "the graph does not state actor:test-relief-agency hskg:produced doc:nato-strategic-concept-2022"),
        (["remove", "statement", "TRA", "membr", "nato"], 2,
         "RELATION: 'membr' is not a relation of the ontology; did you mean org:memberOf?"),
        (["remove", "statement", "Nowhere Alliance", "member of", "nato"], 2,
         "SUBJECT: no node has the label, alternative label or slug 'Nowhere Alliance'; closest labels: Alliance"),
        (["remove", "statement", "concept:humanization-of-international-law", "expressed through", "regime:ihl"], 2,
         "concept:humanization-of-international-law hskg:expressedThrough regime:ihl was not added with hskg add: only "
         "statements those commands wrote can be removed"),
    ],
}
CASES = [(command, *case) for command, cases in BAD.items() for case in cases]


@pytest.mark.parametrize("command, arguments, code, message", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_bad_uses_are_refused_and_change_nothing(hskg, project, command, arguments, code, message):
    before = checkout_hash(project)
    got, out, err = hskg(*arguments, "--no-owl")
    assert (got, err) == (code, f"hskg: error: {message}\n")
    assert checkout_hash(project) == before


def test_every_command_has_at_least_five_bad_uses():
    assert {command: len(cases) >= 5 for command, cases in BAD.items()} == dict.fromkeys(BAD, True)


@pytest.mark.slow
def test_an_unsourced_statement_is_no_claim_in_the_evidence_report(tmp_path):
    kg = KnowledgeGraph.open(shipped_copy(tmp_path / "project"))
    before = {e.node: e.as_dict() for e in kg.coverage()}
    kg.add_statement("doc:nato-strategic-concept-2022", "addresses", "concept:climate-change", owl=False)
    after = {e.node: e.as_dict() for e in KnowledgeGraph.open(kg.project).coverage()}
    assert after == before
