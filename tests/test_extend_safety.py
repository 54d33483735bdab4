"""Hostile and unlucky additions (issue 19): look-alike labels, relations out of range,
quotes that are no passage, a failing write, interrupted imports, concurrent changes.

Every refusal leaves the checkout byte for byte as it was; every interruption leaves the
graph as before or as after, and no temporary file once the next command has run."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import MINI_PROJECT
from extend_helpers import checkout_hash, copy_project, shipped_copy, stray_files
from hskg import files
from hskg.errors import HskgError
from hskg.knowledge import KnowledgeGraph

pytestmark = [pytest.mark.slow]

QUOTE = "Human security was written into the NATO strategic concept for the first time in 2022."


@pytest.fixture
def project(tmp_path):
    return shipped_copy(tmp_path / "project")


@pytest.fixture
def add(run_hskg, project):
    def run(*args):
        return run_hskg("--root", str(project), "add", "actor", *args, "--no-owl")

    return run


LOOK_ALIKES = [
    ("ＮＡＴＯ", 1, "--label: 'ＮＡＴＯ' is already a label of actor:nato: a duplicate of an existing node"),
    ("NA\u200bTO", 1, "--label: 'NA\\u200bTO' is already a label of actor:nato: a duplicate of an existing node"),
    ("N\u00adATO", 1, "--label: 'N\\xadATO' is already a label of actor:nato: a duplicate of an existing node"),
    ("nato\u2060", 1, "--label: 'nato\\u2060' is already a label of actor:nato: a duplicate of an existing node"),
    ("Ｕｎｉｔｅｄ  Ｎａｔｉｏｎｓ", 1, "--label: 'Ｕｎｉｔｅｄ  Ｎａｔｉｏｎｓ' is already a label of actor:united-nations: a "
                              "duplicate of an existing node"),
    ("\u202eOTAN", 2, "--label: the label '\\u202eOTAN' contains a bidirectional control character (U+202E)"),
    ("NATO\u2066", 2, "--label: the label 'NATO\\u2066' contains a bidirectional control character (U+2066)"),
    ("Test\u200fAgency", 2, "--label: the label 'Test\\u200fAgency' contains a bidirectional control character (U+200F)"),
    ("\u200b\u200b", 2, "--label: the label is empty"),
]


@pytest.mark.parametrize("label, code, message", LOOK_ALIKES, ids=range(len(LOOK_ALIKES)))
def test_labels_are_compared_as_they_read_and_bidi_controls_are_refused(add, project, label, code, message):
    before = checkout_hash(project)
    got, out, err = add("--label", label, "--kind", "organization")
    assert (got, err) == (code, f"hskg: error: {message}\n")
    assert checkout_hash(project) == before


OUT_OF_RANGE = [
    ("--part-of", "concept:human-security", "concept:human-security (human security) cannot be the object of "
                                            "org:subOrganizationOf: its range is org:Organization"),
    ("--member-of", "person:mary-kaldor", "person:mary-kaldor (Mary Kaldor) cannot be the object of org:memberOf: "
                                          "its range is org:Organization"),
    ("--part-of", "doc:nato-strategic-concept-2022", "doc:nato-strategic-concept-2022 (NATO 2022 Strategic Concept) cannot "
                                                     "be the object of org:subOrganizationOf: its range is org:Organization"),
    ("--member-of", "regime:ihl", "regime:ihl (international humanitarian law) cannot be the object of org:memberOf: its "
                                  "range is org:Organization"),
    ("--country", "actor:nato", "actor:nato (NATO) cannot be the object of hskg:country: its range is hskg:State"),
    ("--produced", "actor:nato", "actor:nato (NATO) cannot be the object of hskg:produced: its range is hskg:Document"),
    ("--notion", "actor:nato", "actor:nato (NATO) cannot be the object of hskg:advancesNotion: its range is hskg:Notion"),
]


@pytest.mark.parametrize("option, node, message", OUT_OF_RANGE, ids=range(len(OUT_OF_RANGE)))
def test_relations_out_of_their_range_are_refused(add, project, option, node, message):
    before = checkout_hash(project)
    got, out, err = add("--label", "Test Agency", "--kind", "organization", option, node)
    assert (got, err) == (2, f"hskg: error: {option}: {message}\n")
    assert checkout_hash(project) == before


NOT_A_PASSAGE = [
    (".", "the quote '.' is too short: a quote is a passage of at least 3 words and 15 characters"),
    ("human security", "the quote 'human security' is too short: a quote is a passage of at least 3 words and 15 characters"),
    ("a b c", "the quote 'a b c' is too short: a quote is a passage of at least 3 words and 15 characters"),
    ("uman security was written into the NATO strategic concept", "the quote is not in the text of report:hfm-et-201 "
     "(hfm-et-201-excerpt.txt), word for word: “uman security was written into the NATO strategic concept”"),
    ("Human security was written into the NATO strategic conc", "the quote is not in the text of report:hfm-et-201 "
     "(hfm-et-201-excerpt.txt), word for word: “Human security was written into the NATO strategic conc”"),
    ("security was written into the NATO", None),  # a passage: accepted
]


@pytest.mark.parametrize("quote, message", NOT_A_PASSAGE, ids=range(len(NOT_A_PASSAGE)))
def test_a_quote_is_a_meaningful_span_of_its_source(run_hskg, project, quote, message):
    before = checkout_hash(project)
    got, out, err = run_hskg("--root", str(project), "add", "statement", "doc:nato-strategic-concept-2022", "addresses",
                             "concept:human-security", "--source", "report:hfm-et-201", "--quote", quote,
                             "--section", "executive-summary", "--no-owl", "--dry-run")
    if message is None:
        assert got == 0, err
    else:
        assert (got, err) == (2, f"hskg: error: --quote: {message}\n")
    assert checkout_hash(project) == before


def test_a_users_empty_actors_folder_survives_a_refusal_and_a_failed_write(add, project, monkeypatch):
    (project / "graph" / "actors").mkdir()
    assert add("--label", "NATO", "--kind", "organization")[0] == 1

    def full_disk(path, data, replaced=None):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(files, "_write_synced", full_disk)
    code, out, err = add("--label", "Test Agency", "--kind", "organization")
    assert code == 2
    assert err.startswith("hskg: error: cannot write ") and err.endswith(": No space left on device; nothing written\n")
    assert list((project / "graph" / "actors").iterdir()) == []
    assert stray_files(project) == []


# --- the journal: a step is written whole or not at all ---------------------------------------

def test_an_interruption_while_writing_the_temporaries_rolls_back(tmp_path, monkeypatch):
    targets = {tmp_path / "new" / f"{n}.ttl": b"x" for n in range(5)}
    journal = tmp_path / "build" / "journal"
    real = files._write_synced
    written = []

    def interrupted(path, data, replaced=None):
        if len(written) == 3:
            raise KeyboardInterrupt
        written.append(path)
        real(path, data, replaced)

    monkeypatch.setattr(files, "_write_synced", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_all_or_nothing(targets, journal)
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == []
    assert not (tmp_path / "new").exists()  # made by the step, so taken away by it


def test_an_interruption_while_renaming_rolls_forward(tmp_path, monkeypatch):
    (tmp_path / "graph").mkdir()
    (tmp_path / "graph" / "old.ttl").write_bytes(b"old")
    changes = {tmp_path / "graph" / f"{n}.ttl": b"new" for n in range(4)} | {tmp_path / "graph" / "old.ttl": None}
    journal = tmp_path / "build" / "journal"
    real, renamed = os.replace, []

    def interrupted(source, target):
        if len(renamed) == 2:
            raise KeyboardInterrupt
        renamed.append(target)
        real(source, target)

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_all_or_nothing(changes, journal)
    monkeypatch.setattr(files.os, "replace", real)
    files.complete_journal(journal)  # what the next command does first
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["0.ttl", "1.ttl", "2.ttl", "3.ttl"]


def test_an_unreadable_journal_is_an_error_that_names_it(tmp_path):
    journal = tmp_path / "journal"
    journal.write_text("{not json", encoding="utf-8")
    with pytest.raises(HskgError, match="cannot read the write journal .*journal: .*remove it after checking graph/"):
        files.complete_journal(journal)


ROWS = 150


def _import(project, table):
    return subprocess.Popen([sys.executable, "-m", "hskg.cli", "--root", str(project), "import", str(table), "--no-owl"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})


@pytest.fixture(scope="module")
def big_table(tmp_path_factory):
    table = tmp_path_factory.mktemp("table") / "actors.csv"
    table.write_text("label,kind\n" + "".join(f"Interrupted Institute {n},research-institution\n" for n in range(ROWS)),
                     encoding="utf-8")
    return table


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_import_interrupted_at_random_moments_leaves_the_graph_before_or_after(tmp_path, big_table, signal_number):
    timing = shipped_copy(tmp_path / "timing")
    started = time.monotonic()
    assert _import(timing, big_table).wait() == 0
    duration = time.monotonic() - started
    moments = random.Random(20 + signal_number).sample(range(1, 100), 10)
    outcomes = []
    for number, percent in enumerate(moments):
        project = shipped_copy(tmp_path / f"run-{number}")
        process = _import(project, big_table)
        time.sleep(duration * percent / 100)
        process.send_signal(signal_number)
        process.wait()
        # the next command first finishes (or undoes) what the interrupted one left
        KnowledgeGraph.open(project).add_actors([], dry_run=True, owl=False)
        written = sorted(p.name for p in (project / "graph" / "actors").glob("*.ttl")) \
            if (project / "graph" / "actors").is_dir() else []
        assert len(written) in (0, ROWS), (percent, len(written))
        assert stray_files(project) == [], percent
        outcomes.append(len(written))
    assert set(outcomes) <= {0, ROWS}


def test_ten_concurrent_adds_edits_and_removals_all_land_and_the_graph_validates(project):
    from hskg.extend import ActorRequest

    kg = KnowledgeGraph.open(project)
    assert kg.add_actors([ActorRequest(label, "organization") for label in (
        "Test Relief Agency", "Test Relief Branch", "Test Lone Actor", "Test Second Actor")], owl=False).written
    assert kg.add_statement("actor:test-relief-agency", "member of", "nato", owl=False).written
    commands = [
        *(["add", "actor", "--label", f"Concurrent Agency {n}", "--kind", "organization"] for n in range(4)),
        ["add", "statement", "actor:test-relief-branch", "member of", "actor:nato"],
        ["add", "statement", "actor:test-second-actor", "relates to", "concept:human-security"],
        ["edit", "actor", "actor:test-relief-agency", "--alt", "TRA"],
        ["edit", "actor", "actor:test-relief-branch", "--label", "Test Relief Branch Office"],
        ["remove", "statement", "actor:test-relief-agency", "org:memberOf", "actor:nato"],
        ["remove", "actor", "actor:test-lone-actor"],
    ]

    def run(arguments):
        return subprocess.run([sys.executable, "-m", "hskg.cli", "--root", str(project), *arguments, "--no-owl"],
                              capture_output=True, text=True)

    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        results = list(pool.map(run, commands))
    assert [(r.returncode, r.stderr) for r in results] == [(0, "")] * 4 + [
        (0, "warning: actor:test-relief-branch org:memberOf actor:nato: no source; the statement is marked unsourced\n"),
        (0, "warning: actor:test-second-actor hskg:relatesTo concept:human-security: no source; the statement is "
            "marked unsourced\n"),
        (0, ""), (0, ""), (0, ""), (0, "")]
    kg = KnowledgeGraph.open(project)
    labels = {row[0].value for row in kg.query("SELECT ?l WHERE { ?a a hskg:Organization ; rdfs:label ?l }").rows}
    assert {f"Concurrent Agency {n}" for n in range(4)} | {"Test Relief Branch Office", "Test Second Actor"} <= labels
    assert "Test Lone Actor" not in labels
    assert kg.resolve("TRA").value.endswith("/actor/test-relief-agency")
    assert kg.query("ASK { actor:test-relief-branch org:memberOf actor:nato }", asserted=True).boolean
    assert kg.query("ASK { actor:test-second-actor hskg:relatesTo concept:human-security }", asserted=True).boolean
    assert not kg.query("ASK { actor:test-relief-agency org:memberOf actor:nato }", asserted=True).boolean
    assert kg.validate(owl=False).errors == []
    assert stray_files(project) == []


def test_a_reader_finishes_a_step_a_killed_writer_left_committed(tmp_path):
    """A read-only command (``KnowledgeGraph.open``) completes the journal first: it loads
    the step whole, never the half that the killed process had renamed."""
    from hskg import KnowledgeGraph

    project = copy_project(MINI_PROJECT, tmp_path / "project")
    turtle = "@prefix hskg: <https://w3id.org/hskg/ontology#> .\n<https://w3id.org/hskg/id/actor/{0}> a hskg:Organization .\n"
    changes = {project / "graph" / f"{name}.ttl": turtle.format(name).encode() for name in ("first", "second")}
    child = os.fork()
    if child == 0:  # the writer, killed (os._exit: no handler runs) as it renames its second file
        real = os.replace

        def killed(source, target):
            if Path(target).name == "second.ttl":
                os._exit(9)
            real(source, target)

        files.os.replace = killed
        files.write_all_or_nothing(changes, project / "build" / files.JOURNAL)
        os._exit(0)
    assert os.waitpid(child, 0)[1] >> 8 == 9
    assert (project / "build" / files.JOURNAL).exists()
    assert sorted(p.name for p in (project / "graph").glob("*.ttl") if p.stem in ("first", "second")) == ["first.ttl"]
    found = KnowledgeGraph.open(project).query("SELECT ?o WHERE { ?o a hskg:Organization } ORDER BY ?o")
    assert [row[0].value for row in found.rows if row[0].value.endswith(("first", "second"))] == [
        "https://w3id.org/hskg/id/actor/first", "https://w3id.org/hskg/id/actor/second"]
    assert not (project / "build" / files.JOURNAL).exists()
