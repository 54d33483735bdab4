"""``hskg query`` on the mini fixture: every way in, every output format, every bad input."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import MINI_PROJECT
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.query import QueryError, run_query

NATO = "https://w3id.org/hskg/id/actor/nato"
UN = "https://w3id.org/hskg/id/actor/un"


@pytest.fixture
def query(run_hskg):
    def run(*args):
        return run_hskg("--root", str(MINI_PROJECT), "query", *args)

    return run


def test_list_prints_name_and_question_of_each_catalog_query(query):
    code, out, _ = query("--list")
    assert code == 0
    assert [line.split(None, 1) for line in out.splitlines()] == [
        ["claims-from", "Which claims derive from a given source?"],
        ["organizations", "Which organizations does the graph know?"],
        ["runaway", "How many ways can every triple be combined with every other, five times over?"],
    ]


def test_show_prints_the_query_text(query):
    code, out, _ = query("--show", "organizations")
    assert code == 0
    assert out == (MINI_PROJECT / "queries" / "organizations.rq").read_text(encoding="utf-8")


def test_a_catalog_query_prints_compact_iris_with_their_labels(query):
    code, out, _ = query("organizations")
    assert code == 0
    assert out.splitlines() == [
        "organization                                     label",
        "-----------------------------------------------  ----------------------------------",
        "actor:nato (North Atlantic Treaty Organization)  North Atlantic Treaty Organization",
        "actor:un (United Nations)                        United Nations",
        "(2 rows)",
    ]


@pytest.mark.parametrize("value", ["nato-topic", "source:nato-topic", "NATO topic page: Human security",
                                   "nato topic page: human security",
                                   "<https://w3id.org/hskg/id/source/nato-topic>"])
def test_a_node_parameter_is_found_by_slug_prefix_name_label_or_iri(query, value):
    code, out, err = query("claims-from", "--param", f"source={value}", "--format", "csv")
    assert code == 0, err
    assert out == "source,claim\r\nhttps://w3id.org/hskg/id/source/nato-topic,https://w3id.org/hskg/id/claim/three\r\n"


def test_a_hostile_parameter_value_is_a_value_not_query_text(query):
    code, out, err = query("--text", "SELECT ?label ?s WHERE { ?s rdfs:label ?label }",
                           "--param", 'label=x" } ; DROP ALL ; SELECT * { "', "--format", "csv")
    assert code == 0, err
    assert out == "label,s\r\n"


def test_output_formats_follow_the_sparql_result_formats(query):
    text = "SELECT ?s ?label WHERE { ?s a hskg:Organization ; rdfs:label ?label } ORDER BY ?s"
    assert json.loads(query("--text", text, "--format", "json")[1]) == {
        "head": {"vars": ["s", "label"]},
        "results": {"bindings": [
            {"s": {"type": "uri", "value": NATO},
             "label": {"type": "literal", "value": "North Atlantic Treaty Organization"}},
            {"s": {"type": "uri", "value": UN}, "label": {"type": "literal", "value": "United Nations"}},
        ]},
    }
    assert query("--text", text, "--format", "tsv")[1] == (
        f'?s\t?label\n<{NATO}>\t"North Atlantic Treaty Organization"\n<{UN}>\t"United Nations"\n')
    assert query("--text", text, "--format", "md")[1] == (
        "| s | label |\n|---|---|\n"
        "| actor:nato (North Atlantic Treaty Organization) | North Atlantic Treaty Organization |\n"
        "| actor:un (United Nations) | United Nations |\n")


def test_ask_prints_true_or_false_and_construct_prints_turtle(query):
    assert query("--text", "ASK { actor:nato a hskg:Organization }")[1] == "true\n"
    assert query("--text", "ASK { actor:nato a hskg:Claim }")[1] == "false\n"
    code, out, _ = query("--text", "CONSTRUCT { ?s a hskg:Organization } WHERE { ?s a hskg:Organization }")
    import rdflib

    graph = rdflib.Graph().parse(data=out, format="turtle")
    assert set(graph.subjects()) == {rdflib.URIRef(NATO), rdflib.URIRef(UN)}


def test_a_query_file_and_standard_input_are_read(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text("SELECT ?s WHERE { ?s a hskg:Notion } ORDER BY ?s", encoding="utf-8")
    command = [sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query"]
    from_file = subprocess.run(command + [str(path), "--format", "csv"], capture_output=True, text=True)
    from_stdin = subprocess.run(command + ["-", "--format", "csv"], input=path.read_text(), capture_output=True,
                                text=True)
    expected = ("s\nhttps://w3id.org/hskg/id/notion/broad\nhttps://w3id.org/hskg/id/notion/narrow\n")
    assert from_file.stdout.replace("\r", "") == expected
    assert from_stdin.stdout.replace("\r", "") == expected


def test_a_syntax_error_shows_line_column_and_what_was_expected(query):
    code, out, err = query("--text", "SELECT ?x WHERE {\n  ?x a\n}")
    assert code == 2
    assert out == ""
    assert err.startswith("hskg: error: SPARQL syntax error at line 3, column ")
    assert "expected one of" in err


def test_an_unknown_catalog_name_suggests_the_closest(query):
    code, _, err = query("organisations")
    assert code == 2
    assert err.strip() == "hskg: error: no catalog query named 'organisations'; did you mean organizations?"


def test_missing_unknown_and_unresolvable_parameters_are_refused(query):
    code, _, err = query("claims-from")
    assert code == 2
    assert err.strip() == ("hskg: error: missing parameter source; give --param NAME=VALUE for: "
                           "source (node) the source (IRI, prefix:name, slug or title)")
    code, _, err = query("claims-from", "--param", "source=nato-topic", "--param", "actor=nato")
    assert code == 2
    assert "unknown parameter actor" in err
    code, _, err = query("claims-from", "--param", "source=nowhere")
    assert code == 2
    assert err.strip() == "hskg: error: no node has the label, alternative label or slug 'nowhere'"
    code, _, err = query("claims-from", "--param", "source")
    assert code == 2
    assert "--param wants NAME=VALUE" in err


def test_an_ambiguous_label_is_refused_with_its_candidates(run_hskg, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(MINI_PROJECT, project)
    (project / "graph" / "twin.ttl").write_text(
        '<https://w3id.org/hskg/id/actor/un-2> <http://www.w3.org/2000/01/rdf-schema#label> "United Nations" .\n',
        encoding="utf-8")
    code, _, err = run_hskg("--root", str(project), "query", "claims-from", "--param", "source=United Nations")
    assert code == 2
    assert err.strip() == (f"hskg: error: 'United Nations' is ambiguous: it names 2 nodes "
                           f"({UN}, {UN}-2); give the IRI")


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_command_exits_2():
    done = subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(MINI_PROJECT), "query", "runaway",
                           "--timeout", "0.5"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "hskg: error: the query was stopped after 0.5 s (the time limit; raise it with --timeout)")


def test_the_library_stops_a_runaway_query_and_this_process_goes_on():
    store = load_project(Project(MINI_PROJECT)).store
    runaway = (MINI_PROJECT / "queries" / "runaway.rq").read_text(encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        run_query(store, runaway, timeout=0.5)
    assert str(caught.value) == "the query was stopped after 0.5 s (the time limit; raise it with --timeout)"
    assert run_query(store, "ASK { actor:nato a hskg:Organization }").boolean is True


def test_exactly_one_query_source_is_required(query):
    code, _, err = query()
    assert code == 2
    assert "give exactly one of NAME, FILE.rq, -, --text, --list or --show" in err
