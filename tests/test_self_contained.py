"""A clone is whole: nothing it tracks points outside it, and its docs' Turtle is real Turtle.

The report text ships under sources/; the design rules live in docs/. A user's clone has
no folder beside it, so no tracked file may name a path that leaves the checkout.
"""

import re
import shutil
import subprocess

import pyoxigraph as ox
import pytest

from conftest import ROOT
from hskg.namespaces import PREFIXES

RELATIVE_PATH = re.compile(r"(?:\.\./)+[^\s\"'`)\]>,;]*")
TURTLE_BLOCK = re.compile(r"```turtle\n(.*?)```", re.DOTALL)
DOCS = sorted((ROOT / "docs").glob("*.md"))


def tracked_text_files() -> list:
    names = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], check=True, capture_output=True,
                           text=True).stdout.split("\0")
    files = []
    for name in filter(None, names):
        path = ROOT / name
        if path.is_file() and b"\0" not in path.read_bytes()[:8000]:  # text, not an image
            files.append(path)
    return files


def paths_leaving_the_checkout(path, root=ROOT) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    leaving = []
    for match in RELATIVE_PATH.finditer(text):
        target = (path.parent / match.group(0)).resolve()
        if not target.is_relative_to(root.resolve()):
            leaving.append(match.group(0))
    return leaving


def test_the_outside_path_detector_finds_what_it_must(tmp_path):
    up = ".." + "/"  # spelled apart, so that this file itself names no outside path
    inside, outside = tmp_path / "repo" / "docs" / "inside.md", tmp_path / "repo" / "outside.md"
    inside.parent.mkdir(parents=True)
    inside.write_text(f"see [the readme]({up}README.md) and ./here", encoding="utf-8")
    outside.write_text(f"see {up}shared/source and `{up}{up}x`", encoding="utf-8")
    assert RELATIVE_PATH.findall(outside.read_text(encoding="utf-8")) == [f"{up}shared/source", f"{up}{up}x"]
    assert paths_leaving_the_checkout(inside, tmp_path / "repo") == []
    assert paths_leaving_the_checkout(outside, tmp_path / "repo") == [f"{up}shared/source", f"{up}{up}x"]


def test_no_tracked_file_refers_to_a_path_outside_the_checkout():
    files = tracked_text_files()
    assert ROOT / "README.md" in files and ROOT / "sources" / "hfm-et-201-excerpt.txt" in files
    found = {str(path.relative_to(ROOT)): leaving for path in files if (leaving := paths_leaving_the_checkout(path))}
    assert found == {}


def test_the_report_text_ships_with_the_project():
    text = " ".join((ROOT / "sources" / "hfm-et-201-excerpt.txt").read_text(encoding="utf-8").split())
    assert text.startswith("Human Security – Frameworks, Concepts, Actors and Challenges in Relevance to NATO")
    assert "5.4 ENHANCING UNDERSTANDINGS OF THE RELATIONSHIP BETWEEN" in text


def turtle_examples() -> list[tuple[str, int, str]]:
    examples = []
    for doc in DOCS:
        for number, match in enumerate(TURTLE_BLOCK.finditer(doc.read_text(encoding="utf-8")), start=1):
            examples.append((doc.name, number, match.group(1)))
    return examples


def with_prefixes(turtle: str) -> str:
    # Examples leave out the project's prefixes, as the docs' readers know them.
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + turtle


@pytest.mark.parametrize("doc, number, turtle", turtle_examples(),
                         ids=[f"{d}#{n}" for d, n, _ in turtle_examples()])
def test_every_turtle_example_in_the_docs_parses(doc, number, turtle):
    triples = list(ox.parse(with_prefixes(turtle), format=ox.RdfFormat.TURTLE))
    assert triples


def test_the_docs_have_turtle_examples():
    assert {doc for doc, _, _ in turtle_examples()} >= {"MODELLING.md"}


@pytest.mark.java
def test_the_worked_example_of_a_claim_validates_clean_with_the_shipped_graph(run_hskg, tmp_path):
    (_, _, example), *_ = [e for e in turtle_examples() if e[0] == "MODELLING.md" and "a hskg:Claim" in e[2]]
    project = tmp_path / "project"
    for folder in ("ontology", "graph", "queries", "sources"):
        shutil.copytree(ROOT / folder, project / folder)
    (project / "graph" / "example.ttl").write_text(with_prefixes(example), encoding="utf-8")
    code, out, err = run_hskg("--root", str(project), "validate")
    assert (code, out.strip()) == (0, "no findings (shacl, sparql, evidence, owl checked)"), out + err
