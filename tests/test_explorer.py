"""The explorer page without a browser: what its data holds, and a page that fetches nothing."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from test_views import ID, VIEWS_PROJECT, data_of, external_references

from hskg.knowledge import load_project
from hskg.progress import progress
from hskg.project import Project
from hskg.site import write_site
from hskg.views.explore import EXPLORER_PAGE, SCRIPTS, explorer_data, render_explorer
from hskg.view_names import VIEWS

HSKG = "https://w3id.org/hskg/ontology#"
# Added to the views fixture: a source with an address, an attributed claim with a modality,
# a general relation, and a relation without a label.
EXTRA = """
@prefix hskg: <https://w3id.org/hskg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/hskg/id/source/nato-page> hskg:address "nato.int/cps/en/natohq/topics_181779.htm" .
<https://w3id.org/hskg/id/person/chinkin> a hskg:Actor ; rdfs:label "Christine Chinkin"@en .
<https://w3id.org/hskg/id/claim/broad-emphasizes-development> a hskg:Claim ;
    rdf:subject <https://w3id.org/hskg/id/notion/broad> ;
    rdf:predicate hskg:emphasizes ;
    rdf:object <https://w3id.org/hskg/id/concept/economic-development> ;
    hskg:accordingTo <https://w3id.org/hskg/id/person/chinkin> ;
    hskg:modality "may" ;
    prov:wasDerivedFrom <https://w3id.org/hskg/id/report/hfm-et-201> ;
    hskg:evidence [ a oa:TextQuoteSelector ; oa:exact "the broad notion emphasizes development" ] .
<https://w3id.org/hskg/id/concept/human-security> hskg:relatedWithoutLabel <https://w3id.org/hskg/id/concept/human-rights> .
"""

GENERAL_RELATION = """@prefix hskg: <https://w3id.org/hskg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
hskg:rootedIn a owl:ObjectProperty ; rdfs:label "rooted in"@en .
hskg:groundedIn rdfs:subPropertyOf hskg:rootedIn .
"""


@pytest.fixture(scope="module")
def explorer_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explorer")
    shutil.copytree(VIEWS_PROJECT, root, dirs_exist_ok=True)
    (root / "ontology" / "extra.ttl").write_text(GENERAL_RELATION, encoding="utf-8")
    (root / "graph" / "extra.ttl").write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\n" + EXTRA,
                                              encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def data(explorer_project) -> dict:
    return explorer_data(load_project(Project(explorer_project)).store, title="explorer <&>")


def edges_of(data: dict) -> dict[tuple[str, str, str], dict]:
    ids = [n["id"] for n in data["nodes"]]
    return {(ids[s], data["relations"][r]["p"], ids[o]): {"inferred": inferred, "claims": [data["claims"][i] for i in claims]}
            for s, o, r, inferred, claims in data["edges"]}


def test_nodes_are_the_knowledge_without_claims(data):
    ids = {n["id"] for n in data["nodes"]}
    assert ID + "notion/narrow" in ids and ID + "actor/nato" in ids
    assert not any(i.startswith((ID + "claim/", "_:")) for i in ids)
    node = next(n for n in data["nodes"] if n["id"] == ID + "actor/nato")
    assert node["l"] == "NATO" and node["a"] == ["Alliance"] and node["t"] == ["organization"]
    assert data["kinds"][node["k"]]["kind"] == "actor"
    assert data["start"] == ID + "concept/human-security"  # the most related concept


def test_every_relation_has_a_human_label_group_and_general_relation(data):
    relations = {r["p"]: r for r in data["relations"]}
    assert {p: r["l"] for p, r in relations.items()} == {
        "hskg:groundedIn": "grounded in", "hskg:isNotionOf": "is notion of", "hskg:respondsTo": "responds to",
        "hskg:emphasizes": "emphasizes", "hskg:adopted": "adopted", "hskg:produced": "produced",
        "dcterms:isPartOf": "is part of", "hskg:expressedThrough": "expressed through",
        "hskg:relatedWithoutLabel": "related without label",  # no rdfs:label: its name in words, never the IRI
    }
    assert relations["hskg:groundedIn"]["sup"] == "rooted in"
    assert relations["hskg:groundedIn"]["i"] == HSKG + "groundedIn"
    assert {data["groups"][r["g"]] for r in relations.values()} == {"hskg", "Dublin Core terms"}


def test_each_edge_carries_the_claims_that_state_it(data):
    edges = edges_of(data)
    [claim] = edges[(ID + "concept/humanization-of-international-law", "hskg:expressedThrough", ID + "regime/ihl")]["claims"]
    assert claim["c"] == ID + "claim/humanization-through-ihl"
    assert claim["q"] == ["What is often termed the humanization of international law is most poignantly expressed through"]
    assert claim["sec"] == "5.2 The humanization of international law" and claim["ref"] == ["48", "50"]
    assert "src" not in claim  # a quote from the report, not a context fact
    [context] = edges[(ID + "actor/nato", "hskg:adopted", ID + "concept/human-security")]["claims"]
    assert context["src"] == [["NATO topic page: Human security", "nato.int/cps/en/natohq/topics_181779.htm"]]
    assert context["f"] == "X1" and "q" not in context
    [attributed] = edges[(ID + "notion/broad", "hskg:emphasizes", ID + "concept/economic-development")]["claims"]
    assert attributed["by"] == ["Christine Chinkin"] and attributed["m"] == ["may"]
    assert edges[(ID + "notion/narrow", "hskg:isNotionOf", ID + "concept/human-security")]["claims"] == []


def test_inferred_relations_are_marked_and_carry_no_claim(explorer_project):
    inferred = [(ID + "concept/human-security", HSKG + "hasNotion", ID + "notion/narrow")]
    data = explorer_data(load_project(Project(explorer_project)).store, inferred_triples=inferred)
    edge = edges_of(data)[(ID + "concept/human-security", "hskg:hasNotion", ID + "notion/narrow")]
    assert edge == {"inferred": 1, "claims": []}


def test_page_is_self_contained_with_every_script_hashed(data):
    page = render_explorer(data)
    assert external_references(page) == []
    assert "<title>explorer &lt;&amp;&gt;</title>" in page
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1 + len(SCRIPTS)  # vis-network and the explorer's own
    hashes = re.findall(r"'sha256-([^']+)'", csp)
    assert hashes == [base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") for s in scripts]
    assert data_of(page) == json.loads(json.dumps(data))


def test_hostile_labels_stay_data(hostile_store):
    page = render_explorer(explorer_data(hostile_store))
    block = re.search(r'<script type="application/json" id="hskg-data">(.*?)</script>', page, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block
    assert "<img src=x onerror=alert(1)>" in {n["l"] for n in data_of(page)["nodes"]}


def test_site_writes_the_explorer_and_links_it_from_the_index_and_every_view(explorer_project, tmp_path):
    store = load_project(Project(explorer_project)).store
    with progress("site", 1, stream=io.StringIO()) as steps:  # not a terminal: quiet
        written = write_site(store, tmp_path, steps)
    assert tmp_path / EXPLORER_PAGE in written
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{EXPLORER_PAGE}">Explorer</a>' in index
    for page in written:
        if page.stem in VIEWS:  # (the reading pages beside them: tests/test_report_pages.py)
            assert data_of(page.read_text(encoding="utf-8"))["explorer"] == EXPLORER_PAGE


def test_each_kind_has_its_own_shape_and_colour():
    from hskg.views.rules import DASHED_KINDS, KIND_STYLES

    looks = [(shape, kind in DASHED_KINDS) for kind, (_, shape, _, _) in KIND_STYLES.items()]
    assert len(set(looks)) == len(KIND_STYLES)
    assert len({colour for colour, *_ in KIND_STYLES.values()}) == len(KIND_STYLES)
    assert len({glyph for _, _, glyph, _ in KIND_STYLES.values()}) == len(KIND_STYLES)
