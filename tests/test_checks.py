"""Every SPARQL check has a fixture that must trigger it and one that must not.

Each fixture is a small Turtle file named after its check; an invalid fixture lists
the nodes the check must name in ``# expect: IRI`` lines.
"""

from pathlib import Path

import pytest

from conftest import DATA, ROOT
from hskg.load import parse_turtle_file
from hskg.store import DATA_GRAPH, OxigraphStore
from hskg.validate import load_checks, sparql_findings

CHECKS = {check.name: check for check in load_checks(ROOT / "queries" / "checks")}
INVALID = sorted((DATA / "invalid" / "checks").glob("*.ttl"))
VALID = sorted((DATA / "valid" / "checks").glob("*.ttl"))


def store_of(path: Path) -> OxigraphStore:
    store = OxigraphStore()
    store.add_triples(parse_turtle_file(path, blank_node_prefix="b"), DATA_GRAPH)
    return store


def expected_nodes(path: Path) -> set[str]:
    return {line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect:")}


def test_the_checks_and_their_fixtures_were_found_and_match_one_to_one():
    assert len(CHECKS) >= 8
    assert {p.stem for p in INVALID} == set(CHECKS)
    assert {p.stem for p in VALID} == set(CHECKS)


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_an_invalid_fixture_triggers_its_check_on_exactly_the_expected_nodes(fixture):
    findings = sparql_findings(store_of(fixture), [CHECKS[fixture.stem]])
    assert expected_nodes(fixture), "an invalid fixture must say which nodes it expects"
    assert {f.node for f in findings} == expected_nodes(fixture)
    assert all(f.check == f"sparql:{fixture.stem}" and f.message for f in findings)


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_a_valid_fixture_does_not_trigger_its_check(fixture):
    assert sparql_findings(store_of(fixture), [CHECKS[fixture.stem]]) == []


def test_every_check_has_a_title_description_and_severity():
    for check in CHECKS.values():
        assert check.title and check.description and check.severity in ("error", "warning", "info"), check.name
