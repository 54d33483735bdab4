"""Hostile Turtle and what is written from it: nesting that crashed the writers, oversized,
non-UTF-8 and BOM-prefixed files, links out of the project, and exports that must parse."""

import json
import random
import xml.dom.minidom

import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import MINI_PROJECT, ROOT, materialized
from hskg import load, scan
from hskg.errors import RdfSyntaxError
from hskg.export import FORMATS, serialize
from hskg.load import parse_turtle_file

PREFIX = "@prefix ex: <http://example.org/> .\n"
TOO_DEEP_TEXT = ("hskg: error: graph/deep.ttl:{line}: syntax error: nested more than 64 levels deep (brackets, "
                 "braces and parentheses inside each other); hskg refuses deeper nesting, which crashes the engine\n")
TOO_DEEP = ("hskg: error: blank nodes are nested more than 64 levels deep ([ … [ … ] ]); hskg refuses to write "
            "them (it would take hours or crash); give the inner nodes IRIs\n")


def nested(levels: int) -> str:
    return PREFIX + "ex:a ex:p " + "[ ex:p " * levels + "ex:b" + " ]" * levels + " .\n"


def chained(levels: int) -> str:
    return PREFIX + "ex:a ex:p _:b0 .\n" + "".join(f"_:b{i} ex:p _:b{i + 1} .\n" for i in range(levels))


@pytest.fixture
def project(tmp_path):
    return materialized(MINI_PROJECT, tmp_path / "project")


@pytest.mark.parametrize("turtle, message", [(nested(20_000), TOO_DEEP_TEXT.format(line=2)),
                                              (nested(65), TOO_DEEP_TEXT.format(line=2)),
                                              (chained(2_000), TOO_DEEP), (chained(70), TOO_DEEP)])
@pytest.mark.parametrize("command", [("export",), ("export", "--format", "nt"), ("export", "--format", "xml"),
                                     ("build",)])
def test_deeply_nested_blank_nodes_are_refused_not_crashed_on(run_hskg, project, turtle, message, command):
    """Brackets nested too deep are refused as the file loads; blank nodes chained by their
    ids (no brackets) load, and the writers refuse them."""
    (project / "graph" / "deep.ttl").write_text(turtle, encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), *command)
    assert (code, err) == (2, message)
    assert not (project / "build" / "hskg.ttl").exists()


@pytest.mark.parametrize("turtle", [nested(60), chained(60),
                                    PREFIX + "ex:a ex:p (" + " ".join(f"ex:i{i}" for i in range(500)) + ") .\n"])
def test_nesting_within_the_limit_and_long_lists_are_written(run_hskg, project, turtle):
    (project / "graph" / "deep.ttl").write_text(turtle, encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "export", "--format", "nt")
    assert (code, err) == (0, "")
    assert isomorphic(rdflib.Graph().parse(data=out, format="nt"),
                      rdflib.Graph().parse(project / "graph" / "deep.ttl", format="turtle")
                      + rdflib.Graph().parse(data=_rest_of(project), format="nt"))


def _rest_of(project) -> str:
    """The N-Triples of the fixture's own files (without deep.ttl)."""
    graph = rdflib.Graph()
    for path in sorted((project / "ontology").glob("*.ttl")) + sorted((project / "graph").glob("*.ttl")):
        if path.name not in ("deep.ttl",) and not path.name.startswith("shapes"):
            graph.parse(path, format="turtle")
    return graph.serialize(format="nt")


@pytest.mark.parametrize("turtle, line", [(nested(65), 2), (nested(20_000), 2),
                                          (PREFIX + "\n\nex:a ex:p " + "(" * 70 + "ex:b" + ")" * 70 + " .\n", 4)])
def test_a_deep_file_is_refused_before_parsing_with_its_line(tmp_path, turtle, line):
    path = tmp_path / "deep.ttl"
    path.write_text(turtle, encoding="utf-8")
    with pytest.raises(RdfSyntaxError) as raised:
        parse_turtle_file(path, blank_node_prefix="b", display_root=tmp_path)
    assert str(raised.value) == (f"deep.ttl:{line}: syntax error: nested more than 64 levels deep (brackets, braces "
                                 "and parentheses inside each other); hskg refuses deeper nesting, which crashes "
                                 "the engine")


def test_brackets_in_strings_iris_and_comments_do_not_count(tmp_path):
    path = tmp_path / "ok.ttl"
    path.write_text(PREFIX + f'ex:a ex:p "{"[" * 100}" ; ex:q """{"(" * 100}\n""" . # {"[" * 100}\n',
                    encoding="utf-8")
    assert len(parse_turtle_file(path, blank_node_prefix="b")) == 2


@pytest.mark.parametrize("store", [None, "build/store"])
@pytest.mark.parametrize("command", [("stats",), ("validate", "--no-owl")])
@pytest.mark.parametrize("turtle, line", [(nested(20_000), 2), (nested(65), 2),
                                          (PREFIX + "\n# (((\nex:a ex:p " + "(" * 65 + "ex:b" + ")" * 65 + " .\n", 4),
                                          (PREFIX + "ex:a ex:p " + "[ ex:p " * 100_000, 2)])
def test_a_deep_file_is_refused_as_it_loads_by_every_command(run_hskg, project, store, command, turtle, line):
    """The nesting limit holds where the project is loaded (memory: ``load_files``; a
    persistent store: ``sync_files``), not only where it is written: ``stats`` and
    ``validate`` refuse the file the writers would crash on. An unclosed ``[`` counts:
    the parser recurses into it."""
    (project / "graph" / "deep.ttl").write_text(turtle, encoding="utf-8")
    chosen = ("--store", str(project / store)) if store else ()
    assert run_hskg("--root", str(project), *chosen, *command) == (2, "", TOO_DEEP_TEXT.format(line=line))


def test_a_file_made_deep_after_a_sync_is_refused_and_the_store_recovers(run_hskg, project):
    """``sync_files`` checks every file it loads again: the changed one here."""
    store = ("--root", str(project), "--store", str(project / "build" / "store"))
    first = run_hskg(*store, "stats")
    (project / "graph" / "deep.ttl").write_text(nested(3), encoding="utf-8")
    assert run_hskg(*store, "stats")[0] == 0
    (project / "graph" / "deep.ttl").write_text(nested(65), encoding="utf-8")
    assert run_hskg(*store, "stats") == (2, "", TOO_DEEP_TEXT.format(line=2))
    (project / "graph" / "deep.ttl").unlink()
    assert run_hskg(*store, "stats") == first


@pytest.mark.parametrize("store", [None, "build/store"])
def test_a_file_nested_exactly_to_the_limit_loads(run_hskg, project, store):
    """64 levels: ``ex:a ex:p [ … ]`` holds 64 blank nodes, one triple each, and the first link."""
    (project / "graph" / "deep.ttl").write_text(nested(64), encoding="utf-8")
    chosen = ("--store", str(project / store)) if store else ()
    code, out, err = run_hskg("--root", str(project), *chosen, "stats", "--format", "json")
    baseline = run_hskg("--root", str(MINI_PROJECT), "stats", "--format", "json")[1]
    assert (code, err) == (0, "")
    assert json.loads(out)["triples"] == json.loads(baseline)["triples"] + 65


HIDDEN_BRACKETS = [
    PREFIX + f'ex:a ex:p "{"[" * 100}" .\n',
    PREFIX + f'ex:a ex:p """{"(" * 100}\n"quoted" ""twice"" \\""" {"{" * 100}\n""" .\n',
    PREFIX + f"ex:a ex:p '''{'[' * 100}\n''' ; ex:q 'it\\'s {'(' * 100}' .\n",
    PREFIX + f'ex:a ex:p "escaped \\" {"[" * 100}" .\n',
    PREFIX + f"<http://example.org/{'(' * 100}> ex:p <http://example.org/a{'(' * 100}#{'(' * 100}> .\n",
    PREFIX + f"# {'[' * 100}\nex:a ex:p ex:b . # {'(' * 100}\n",
    PREFIX + f'ex:a ex:p "caf\u00e9 {"(" * 100} \u6f22\u5b57"@fr .\n',
    PREFIX + f'ex:a ex:p """{"x" * 1_000_000}{"[" * 100}""" .\n',
]


@pytest.mark.parametrize("turtle", HIDDEN_BRACKETS)
def test_brackets_in_strings_long_strings_iris_and_comments_do_not_count_as_the_project_loads(run_hskg, project,
                                                                                              turtle):
    (project / "graph" / "hidden.ttl").write_text(turtle, encoding="utf-8")
    expected = len(rdflib.Graph().parse(data=turtle, format="turtle"))
    code, out, err = run_hskg("--root", str(project), "stats", "--format", "json")
    baseline = run_hskg("--root", str(MINI_PROJECT), "stats", "--format", "json")[1]
    assert (code, err) == (0, "")
    assert json.loads(out)["triples"] == json.loads(baseline)["triples"] + expected


@pytest.mark.parametrize("turtle", HIDDEN_BRACKETS)
def test_hidden_brackets_beside_real_ones_past_the_limit_still_leave_them_refused(tmp_path, turtle):
    """The fast path removes what hides brackets, not the brackets beside it."""
    path = tmp_path / "deep.ttl"
    path.write_text(turtle + "\nex:c ex:p " + "(" * 65 + "ex:d" + ")" * 65 + " .\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError, match=r"^deep.ttl:\d+: syntax error: nested more than 64 levels deep"):
        parse_turtle_file(path, blank_node_prefix="b", display_root=tmp_path)


def test_the_fast_path_never_passes_what_the_exact_scan_refuses():
    """``_provably_shallow`` may only say yes where the token-by-token scan finds nothing:
    bracket texts around the limit, balanced or not, mixed kinds, closers first."""
    generator = random.Random(19)
    verdicts = {True: 0, False: 0}
    for _ in range(3000):
        text = "".join(generator.choice("([{)]}x") for _ in range(generator.randint(0, 40)))
        text = generator.choice(["", ")" * generator.randint(0, 20)]) + "(" * generator.randint(20, 70) + text
        text += ")" * generator.randint(0, 70)
        data = text.encode()
        proven = scan._provably_shallow(data)
        try:
            scan._scan_nesting(data, "t")
            deep = False
        except scan.TooDeep:
            deep = True
        assert not (proven and deep), text
        verdicts[proven] += 1
    assert min(verdicts.values()) > 300  # both verdicts were exercised


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_TURTLE_BYTES", 1024 * 1024)
    path = tmp_path / "big.ttl"
    path.write_text(PREFIX + "# " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(RdfSyntaxError, match=r"^big.ttl:0: syntax error: the file is larger than 1 MiB "
                                             r"\(the limit of hskg\); split it$"):
        parse_turtle_file(path, blank_node_prefix="b", display_root=tmp_path)


@pytest.mark.parametrize("data, line, cause", [
    (PREFIX.encode() + b'ex:a ex:p "caf\xe9" .\n', 2, "byte 50: invalid continuation byte"),
    (b"\xff\xfe" + PREFIX.encode(), 1, "byte 0: invalid start byte"),
    (PREFIX.encode() + b"\n\nex:a ex:p \x80 .\n", 4, "byte 48: invalid start byte"),
])
def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path, data, line, cause):
    path = tmp_path / "latin.ttl"
    path.write_bytes(data)
    with pytest.raises(RdfSyntaxError) as raised:
        parse_turtle_file(path, blank_node_prefix="b", display_root=tmp_path)
    assert str(raised.value) == f"latin.ttl:{line}: syntax error: not valid UTF-8 ({cause})"


def test_a_byte_order_mark_is_skipped_by_the_parser(tmp_path):
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + PREFIX.encode() + b"ex:a ex:p ex:b .\n")
    assert [str(t) for t in parse_turtle_file(path, blank_node_prefix="b")] == [
        "<http://example.org/a> <http://example.org/p> <http://example.org/b>"]


@pytest.mark.parametrize("folder", ["graph", "ontology"])
@pytest.mark.parametrize("command", [("stats",), ("export",), ("validate", "--no-owl")])
def test_a_byte_order_mark_in_a_project_file_is_named(run_hskg, project, folder, command):
    (project / folder / "bom.ttl").write_bytes(b"\xef\xbb\xbf" + PREFIX.encode() + b"ex:a ex:p ex:b .\n")
    assert run_hskg("--root", str(project), *command) == (
        2, "", f"hskg: error: {folder}/bom.ttl:1:1: syntax error: the file starts with a byte order mark "
               "(U+FEFF); save it as UTF-8 without one\n")


@pytest.mark.parametrize("outside", ["secret words of another file\n", PREFIX + "ex:a ex:p ex:b .\n"])
@pytest.mark.parametrize("command", [("stats",), ("export",), ("query", "--text", "ASK {}")])
def test_a_link_out_of_the_project_is_not_followed_nor_echoed(run_hskg, project, tmp_path, outside, command):
    secret = tmp_path / "elsewhere.ttl"
    secret.write_text(outside, encoding="utf-8")
    (project / "graph" / "x.ttl").symlink_to(secret)
    code, out, err = run_hskg("--root", str(project), *command)
    assert (code, out, err) == (2, "", "hskg: error: graph/x.ttl is a link to a file outside the project; hskg "
                                       "does not follow it (copy the file into the project)\n")


def test_a_link_inside_the_project_is_followed(run_hskg, project):
    (project / "graph" / "again").mkdir()
    (project / "graph" / "again" / "actors.ttl").symlink_to(project / "graph" / "actors.ttl")
    assert run_hskg("--root", str(project), "stats", "--format", "json")[0] == 0


@pytest.fixture(scope="session")
def shipped_triples(real_store):
    return list(real_store.triples())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "graphml"])
def test_every_export_of_the_shipped_graph_parses_back_to_the_same_graph(shipped_triples, fmt):
    data = serialize(shipped_triples, fmt)
    if fmt == "xml":
        xml.dom.minidom.parseString(data)  # well-formed: every prefix bound (964 ns1:lang were not)
    parsed = rdflib.Graph().parse(data=data, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld",
                                                     "xml": "xml"}[fmt])
    reference = rdflib.Graph().parse(data=serialize(shipped_triples, "nt"), format="nt")
    assert isomorphic(parsed, reference)


@pytest.mark.slow
def test_the_graphml_export_of_the_shipped_graph_is_well_formed(shipped_triples):
    document = xml.dom.minidom.parseString(serialize(shipped_triples, "graphml"))
    assert document.documentElement.tagName == "graphml"


def test_the_xml_export_is_the_same_bytes_every_time(project, run_hskg):
    first = run_hskg("--root", str(project), "export", "--format", "xml")
    second = run_hskg("--root", str(project), "export", "--format", "xml")
    assert first == second and first[0] == 0
    xml.dom.minidom.parseString(first[1])


ILL_TYPED = (PREFIX + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
             'ex:a ex:n "abc"^^xsd:integer ; ex:t "yes"^^xsd:boolean ; ex:d "2020-13-45"^^xsd:date .\n')


@pytest.mark.parametrize("fmt", ["ttl", "xml", "nt"])
def test_an_ill_typed_literal_is_exported_as_written_without_a_traceback(run_hskg, project, fmt):
    (project / "graph" / "typed.ttl").write_text(ILL_TYPED, encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "export", "--format", fmt)
    assert (code, err) == (0, "")
    assert "abc" in out and "2020-13-45" in out and "yes" in out


@pytest.mark.parametrize("command", [("export", "--format", "jsonld"), ("build",)])
def test_an_ill_typed_literal_is_refused_by_json_ld_which_would_change_it(run_hskg, project, command):
    (project / "graph" / "typed.ttl").write_text(ILL_TYPED, encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), *command)
    assert (code, err) == (2, 'hskg: error: cannot write JSON-LD: "abc"^^<http://www.w3.org/2001/XMLSchema#integer> '
                              "of <http://example.org/a> does not fit its datatype, and JSON-LD would change it; "
                              "fix it (hskg validate lists every such literal)\n")
    assert not (project / "build" / "hskg.jsonld").exists()


def test_an_ill_typed_literal_is_a_finding_of_validate(run_hskg, project):
    (project / "graph" / "typed.ttl").write_text(ILL_TYPED, encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "validate", "--no-owl", "--format", "json",
                              "--checks", str(ROOT / "queries" / "checks"))
    assert (code, err) == (1, "")
    import json

    ill_typed = sorted(f["message"] for f in json.loads(out)["findings"] if f["check"] == "sparql:ill-typed-literal")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert ill_typed == [f'http://example.org/d: "2020-13-45" is not a valid {xsd}date',
                         f'http://example.org/n: "abc" is not a valid {xsd}integer',
                         f'http://example.org/t: "yes" is not a valid {xsd}boolean']
