"""benchmarks.validate_scale: its edits apply to the shipped graph and mean what they say,
and its table shows what was measured.  (The figures themselves are never asserted.)"""

import shutil


from benchmarks.validate_scale import AXIOM_EDIT, TEXT_EDIT, Row, edited, render
from conftest import ROOT
from hskg.knowledge import KnowledgeGraph
from hskg.reasoner import owl_triples, verdict_keys


def test_the_text_edit_keeps_the_axioms_key_and_the_axiom_edit_does_not(tmp_path):
    project = tmp_path / "project"
    for name in ("ontology", "graph"):
        shutil.copytree(ROOT / name, project / name)

    def keys():
        return verdict_keys(owl_triples(KnowledgeGraph.open(project).store.triples()))

    before = keys()
    edited(project, TEXT_EDIT)
    texts = keys()
    edited(project, AXIOM_EDIT)
    axioms = keys()
    assert (texts.axioms, texts.graph != before.graph) == (before.axioms, True)
    assert axioms.axioms != before.axioms


def test_the_table_shows_each_measure_with_its_median():
    rows = [Row("synthetic 100k", 100_527, "validate --no-owl", [3.0, 2.5, 4.0], "skipped", 19, 1.5),
            Row("shipped", 6_227, "validate (unchanged graph)", [0.5], "cached", 0, 7.25)]
    lines = render(rows, ((1.33, 1.17, 0.58), (3.86, 3.23, 1.7))).splitlines()
    assert lines[2].endswith(" Load average (1, 5, 15 min) of the whole run: 1.33, 1.17, 0.58 before, "
                             "3.86, 3.23, 1.70 after.")
    assert lines[4:] == [
        "| graph | triples | command | median (s) | runs | owl | findings | load |",
        "|---|---:|---|---:|---:|---|---:|---:|",
        "| synthetic 100k | 100,527 | `validate --no-owl` | 3.00 | 3 | skipped | 19 | 1.5 |",
        "| shipped | 6,227 | `validate (unchanged graph)` | 0.50 | 1 | cached | 0 | 7.2 |",
    ]
