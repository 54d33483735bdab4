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
