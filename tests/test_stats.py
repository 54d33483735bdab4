"""``hskg stats`` on the mini fixture equals the figures counted by hand in its files."""

import json

from conftest import MINI_PROJECT
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.stats import SourceCount, compute_stats


def test_stats_of_the_mini_project_equal_the_hand_counted_figures():
    figures = compute_stats(load_project(Project(MINI_PROJECT)).store)
    assert figures.ontology_triples == 8
    assert figures.data_triples == 20
    assert figures.triples == 28
    assert figures.individuals_per_class == {
        "hskg:Organization": 2,
        "hskg:Notion": 2,
        "hskg:Claim": 2,
        "hskg:NegativeClaim": 1,
    }
    assert figures.claims == 3  # a NegativeClaim is a Claim through rdfs:subClassOf
    assert figures.quotes == 1  # the two report claims share one quote
    assert figures.sources == [
        SourceCount("report:hfm-et-201",
                    "Human Security – Frameworks, Concepts, Actors and Challenges in Relevance to NATO", 2),
        SourceCount("source:nato-topic", "NATO topic page: Human security", 1),
    ]


def test_stats_command_prints_json_with_the_same_figures(run_hskg):
    code, out, err = run_hskg("--root", str(MINI_PROJECT), "stats", "--format", "json")
    assert code == 0, err
    figures = json.loads(out)
    assert (figures["triples"], figures["claims"], figures["quotes"]) == (28, 3, 1)
    assert figures["individuals_per_class"]["hskg:Organization"] == 2
    assert [s["source"] for s in figures["sources"]] == ["report:hfm-et-201", "source:nato-topic"]


def test_stats_table_names_each_figure(run_hskg):
    code, out, _ = run_hskg("--root", str(MINI_PROJECT), "stats")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["triples", "28"] in lines
    assert ["claims", "3"] in lines
    assert ["1", "source:nato-topic", "NATO", "topic", "page:", "Human", "security"] in lines
