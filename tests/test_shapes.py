"""Every SHACL shape has a fixture that must trigger it and one that must not.

Fixtures hold data only; the project's real ontology supplies the class hierarchy
and ``ontology/shapes.ttl`` the shapes, as in ``hskg validate``.
"""

import re
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from hskg.load import parse_turtle_file
from hskg.project import Project
from hskg.validate import shacl_findings

PROJECT = Project(ROOT)
SHAPES_TEXT = (ROOT / "ontology" / "shapes.ttl").read_text(encoding="utf-8")
TARGETED_SHAPES = sorted(
    line.split()[0].removeprefix("hskg:") for line in SHAPES_TEXT.splitlines()
    if line.startswith("hskg:") and "sh:NodeShape" in line
)
INVALID = sorted((DATA / "invalid" / "shapes").glob("*.ttl"))
VALID = sorted((DATA / "valid" / "shapes").glob("*.ttl"))
# Reached through sh:xone from hskg:ClaimShape, whose fixtures exercise them.
HELPER_SHAPES = {"ReportClaimShape", "ContextClaimShape", "QuotedSourceClaimShape"}


@pytest.fixture(scope="module")
def ontology():
    return [t for i, f in enumerate(PROJECT.ontology_files())
            for t in parse_turtle_file(f, blank_node_prefix=f"o{i}b")]


def shape_findings(fixture: Path, ontology):
    data = parse_turtle_file(fixture, blank_node_prefix="d")
    return [f for f in shacl_findings(data, ontology, PROJECT.shape_files()) if f.check == f"shacl:hskg:{fixture.stem}"]


def findings_of(fixture: Path, ontology) -> set[str]:
    return {f.node for f in shape_findings(fixture, ontology)}


def expected_nodes(path: Path) -> set[str]:
    return {line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect:")}


def test_every_shape_has_both_fixtures():
    assert len(TARGETED_SHAPES) >= 9
    assert {p.stem for p in INVALID} == set(TARGETED_SHAPES) - HELPER_SHAPES
    assert {p.stem for p in VALID} == set(TARGETED_SHAPES) - HELPER_SHAPES


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_an_invalid_fixture_triggers_its_shape_on_exactly_the_expected_nodes(fixture, ontology):
    assert expected_nodes(fixture)
    assert findings_of(fixture, ontology) == expected_nodes(fixture)


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_a_valid_fixture_does_not_trigger_its_shape(fixture, ontology):
    assert findings_of(fixture, ontology) == set()


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_findings_speak_with_the_shapes_own_messages(fixture, ontology):
    import rdflib

    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    messages = {str(m) for m in shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#message"))}
    found = shape_findings(fixture, ontology)
    assert found
    for finding in found:
        without_path = re.sub(r"^[a-z]+:[A-Za-z]+: ", "", finding.message)
        assert without_path in messages, finding.message


# hskg.shacl evaluates the shapes itself (pySHACL takes about 25 s at 100k triples); pySHACL
# is the reference it must agree with, finding for finding, message for message.
SUBSET = DATA / "shacl-subset"
FIXTURES = sorted(p for folder in ("invalid", "valid") for kind in ("shapes", "checks")
                  for p in (DATA / folder / kind).glob("*.ttl"))


def both_engines(data, ontology, shape_files):
    from collections import Counter

    return (Counter(shacl_findings(data, ontology, shape_files, engine="hskg")),
            Counter(shacl_findings(data, ontology, shape_files, engine="pyshacl")))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: f"{p.parent.parent.name}-{p.parent.name}-{p.stem}")
def test_hskg_shacl_and_pyshacl_give_the_same_findings_on_every_fixture(fixture, ontology):
    ours, reference = both_engines(parse_turtle_file(fixture, blank_node_prefix="d"), ontology, PROJECT.shape_files())
    assert ours == reference


def test_the_subset_beyond_the_shipped_shapes_agrees_with_pyshacl():
    """Targets by node, subject and object, inverse paths, sh:in, string lengths and flags,
    exclusive and date ranges, ill-typed literals, sh:node (with its details), sh:and,
    severities and a deactivated shape.  A shape without sh:message gets hskg's own message
    (pySHACL's wording differs), so those messages are left out of the comparison."""
    import rdflib

    data = parse_turtle_file(SUBSET / "data.ttl", blank_node_prefix="d")
    shapes = rdflib.Graph().parse(SUBSET / "shapes.ttl")
    own = {str(m) for m in shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#message"))}

    def comparable(findings):
        from collections import Counter

        return Counter((f.severity, f.check, f.node, f.message if f.message.split(": ")[-1] in own else None)
                       for f in findings)

    ours = shacl_findings(data, [], [SUBSET / "shapes.ttl"])
    assert comparable(ours) == comparable(shacl_findings(data, [], [SUBSET / "shapes.ttl"], engine="pyshacl"))
    assert len(ours) == 21
    assert sorted(f.message for f in ours if f.node == "https://example.org/bad" and "colour" in f.message) == [
        "<https://example.org/colour>: fails sh:in"]


def test_shapes_outside_the_subset_are_left_to_pyshacl(tmp_path):
    from hskg.shacl import UnsupportedShapes, compile_shapes

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/> .\n"
                      "ex:ClosedShape a sh:NodeShape ; sh:targetNode ex:lonely ; sh:closed true ;\n"
                      "    sh:property [ sh:path ex:p ] ; sh:message \"only ex:p\" .\n", encoding="utf-8")
    with pytest.raises(UnsupportedShapes, match="^http://www.w3.org/ns/shacl#closed: not evaluated by hskg.shacl$"):
        compile_shapes(parse_turtle_file(shapes, blank_node_prefix="s"))
    data = parse_turtle_file(SUBSET / "data.ttl", blank_node_prefix="d")
    extra = [t for t in data if t.subject.value == "https://example.org/lonely"]
    assert [(f.check, f.node, f.message) for f in shacl_findings(extra, [], [shapes])] == [
        ("shacl:<https://example.org/ClosedShape>", "https://example.org/lonely",
         "<https://example.org/partOf>: only ex:p")]
