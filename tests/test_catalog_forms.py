"""A catalog query's fast form (queries/NAME.rq, run on the embedded store) and its portable form
(queries/portable/NAME.rq, run on other stores) give the same answer beyond the documented
example that test_catalog.py runs: for every value a parameter's description names, for more
pairs of nodes to connect, and on a synthetic graph where relations cross copies of the
knowledge (the benchmark's generator), which is where the fast forms differ in how they join.
"""

import re
from pathlib import Path

import pytest

from hskg import KnowledgeGraph
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.query import load_catalog, resolve_node

from benchmarks.synthetic import shipped_triples, write_synthetic_project

ROOT = Path(__file__).resolve().parent.parent
PORTABLE = sorted(p.stem for p in (ROOT / "queries" / "portable").glob("*.rq"))
NAMED = re.compile(r"(?<![\w/])([a-z]+:[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])\b")
# pairs to connect whose answers hold paths of one, two and three statements
CONNECTED = [("actor:nato", "doc:unscr-1325"), ("concept:human-security", "regime:international-law"),
             ("actor:un-general-assembly", "actor:nato"), ("approach:uk", "regime:ihl")]


@pytest.fixture(scope="module")
def kg():
    return KnowledgeGraph.open(ROOT)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "queries")


def both_forms(store, graphs, entry, bindings):
    """The answer of the fast form and of the portable form, as (variables, rows)."""
    fast = store.query(entry.text, bindings=bindings, graphs=graphs)
    portable = store.query(entry.text_for("sparql11"), bindings=bindings, graphs=graphs)
    return (fast.variables, fast.rows), (portable.variables, portable.rows)


def test_every_query_with_a_portable_form_has_one_that_differs_from_it(catalog):
    assert len(PORTABLE) == 11
    for name in PORTABLE:
        assert catalog[name].text_for("sparql11") != catalog[name].text, name
        assert catalog[name].text_for("oxigraph") == catalog[name].text, name


def test_every_value_a_parameter_names_gives_the_same_answer_in_both_forms(kg, catalog):
    answered = {}
    for name in PORTABLE:
        entry = catalog[name]
        if len(entry.parameters) != 1:
            continue
        parameter = entry.parameters[0]
        for value in NAMED.findall(parameter.description):
            fast, portable = both_forms(kg.store, kg.graphs(), entry, {parameter.name: resolve_node(kg.store, value)})
            assert portable == fast, (name, value)
            answered[(name, value)] = len(fast[1])
    # the values the descriptions name, each with an answer (a named value is one worth asking about)
    assert sorted(answered) == [
        ("approach-documents", "approach:cimic"), ("approach-documents", "approach:eu"),
        ("approach-documents", "approach:nato"), ("approach-documents", "approach:uk"),
        ("approach-documents", "approach:un"),
        ("claims-by-section", "report:chapter-5"), ("claims-by-section", "report:section-5-2"),
        ("evidence-about", "actor:nato"), ("evidence-about", "concept:humanization-of-international-law"),
        ("evidence-about", "regime:ihl"),
        ("organization-ancestors", "actor:ciep-ucp"), ("organization-ancestors", "actor:hfm-et-201"),
        ("statements-under-relation", "hskg:influences"), ("statements-under-relation", "hskg:isAssociatedWith"),
        ("statements-under-relation", "hskg:supports"),
    ]
    assert all(answered.values()), answered


def test_connection_gives_the_same_paths_in_both_forms_for_other_pairs(kg, catalog):
    entry = catalog["connection"]
    hops = set()
    for start, end in CONNECTED:
        bindings = {"start": resolve_node(kg.store, start), "end": resolve_node(kg.store, end)}
        fast, portable = both_forms(kg.store, kg.graphs(), entry, bindings)
        assert portable == fast, (start, end)
        hops |= {row[fast[0].index("hops")].value for row in fast[1]}
    assert hops == {"1", "2", "3"}


@pytest.mark.slow
def test_both_forms_answer_alike_on_a_synthetic_graph_with_relations_across_copies(tmp_path, catalog):
    write_synthetic_project(tmp_path / "synthetic", shipped_triples(Project(ROOT)), copies=4)
    knowledge = load_project(Project(tmp_path / "synthetic"))
    for name in PORTABLE:
        entry = catalog[name]
        bindings = {p.name: resolve_node(knowledge.store, p.example) for p in entry.parameters}
        fast, portable = both_forms(knowledge.store, knowledge.graphs(), entry, bindings)
        assert portable == fast, name
        assert fast[1], name
