"""The Python vocabulary (``hskg.vocabulary.HSKG``) and the ontology name the same terms."""

import pytest

from conftest import ROOT
from hskg.knowledge import load_project
from hskg.project import Project
from hskg.store import ONTOLOGY_GRAPH
from hskg.vocabulary import HSKG, rdflib_namespace

DECLARED = """
SELECT DISTINCT ?term WHERE {
  VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
  ?term a ?kind .
  FILTER(STRSTARTS(STR(?term), "https://w3id.org/hskg/ontology#"))
}
"""


def test_the_defined_namespace_lists_exactly_the_declared_terms():
    store = load_project(Project(ROOT)).store
    declared = {row[0].value.split("#", 1)[1] for row in store.query(DECLARED, graphs=[ONTOLOGY_GRAPH]).rows}
    listed = set(HSKG.__annotations__)
    assert len(declared) > 100
    assert listed == declared


def test_a_typo_in_a_term_is_an_error():
    assert HSKG.Claim.value == "https://w3id.org/hskg/ontology#Claim"
    with pytest.raises(AttributeError, match="HSKG.Clam is not a term of https://w3id.org/hskg/ontology#"):
        HSKG.Clam


def test_the_same_terms_as_an_rdflib_defined_namespace():
    namespace = rdflib_namespace(HSKG)
    assert str(namespace.Claim) == "https://w3id.org/hskg/ontology#Claim"
    assert set(namespace.__annotations__) == set(HSKG.__annotations__)
    with pytest.raises(AttributeError):
        namespace.Clam


def test_the_modelling_guide_lists_every_term():
    guide = (ROOT / "docs" / "MODELLING.md").read_text(encoding="utf-8")
    listed = {line.split("`")[1].removeprefix("hskg:") for line in guide.splitlines() if line.startswith("- `hskg:")}
    assert listed == set(HSKG.__annotations__)


def test_no_namespace_iri_is_spelled_outside_the_namespace_module():
    """Every IRI the code needs comes from hskg.namespaces / hskg.vocabulary, where a typo is
    caught; a string literal elsewhere in src/ that holds a vocabulary's IRI is a finding.
    (Docstrings may show IRIs: they are documentation.)"""
    import ast
    import re

    iri = re.compile(r"(https?://(www\.w3\.org|purl\.org|xmlns\.com)/|https://w3id\.org/hskg/)")
    found = []
    for path in sorted((ROOT / "src" / "hskg").rglob("*.py")):
        if path.name == "namespaces.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if iri.search(node.value):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
