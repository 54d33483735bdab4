"""The notebooks under notebooks/: each runs top to bottom on this interpreter, offline,
shows what it promises, and is stored with its outputs cleared.

The kernel is always the interpreter running the tests (``sys.executable``, the venv's
python), whatever ``python3`` kernelspecs the user's home or the system may hold: nbclient
gets a kernel manager whose only kernelspec is ipykernel's own, built for this
interpreter, with ``MPLBACKEND=Agg``.  Nothing is installed anywhere.

Each notebook is executed once per test session (about 25 s for the three); the
assertions then read the executed copies, which are never written back.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import nbclient
import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager

from hskg.knowledge import load_project
from hskg.project import Project
from hskg.stats import compute_stats

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPECTED = ["01-explore.ipynb", "02-compare.ipynb", "03-extend.ipynb"]
CELL_TIMEOUT = 120  # seconds, per cell
KERNEL_ENV = {"MPLBACKEND": "Agg"}
NOT_SEARCHED = {".venv", "venv", "build", "node_modules", "__pycache__"}  # and every hidden folder
WATCHED = ("graph", "ontology", "queries")  # the checkout's files no notebook may change


class ThisInterpreterOnly(KernelSpecManager):
    """One kernelspec, ``python3``: ipykernel on the interpreter running the tests."""

    def find_kernel_specs(self):
        from ipykernel.kernelspec import RESOURCES

        return {"python3": RESOURCES}

    def get_kernel_spec(self, kernel_name):
        from ipykernel.kernelspec import RESOURCES, get_kernel_dict

        if kernel_name != "python3":
            raise KeyError(kernel_name)
        spec = get_kernel_dict()  # its argv starts with sys.executable
        spec["env"] = dict(KERNEL_ENV)
        known = set(KernelSpec.class_trait_names())
        return KernelSpec(resource_dir=RESOURCES, **{key: value for key, value in spec.items() if key in known})


def run_notebook(notebook):
    """Execute ``notebook`` in place, with notebooks/ as its working folder.

    Raises nbclient's ``CellExecutionError`` (naming the cell and the error) when a cell fails.
    """
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreterOnly())
    client = nbclient.NotebookClient(
        notebook, km=manager, kernel_name="python3", timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    return notebook


def tree_hash(root: Path, folders=WATCHED) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def stored_notebooks() -> list[Path]:
    """Every notebook of the repository, outside hidden, virtual-environment and build folders."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in NOT_SEARCHED)
        found += [Path(folder) / name for name in sorted(files) if name.endswith(".ipynb")]
    return found


@pytest.fixture(scope="module")
def executed():
    """Each notebook executed (or the error it raised), and the checkout's hash before and after."""
    before = tree_hash(ROOT)
    runs = {}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        try:
            runs[path.name] = run_notebook(nbformat.read(path, as_version=4))
        except Exception as error:  # reported by the tests that need this notebook
            runs[path.name] = error
    return {"runs": runs, "before": before, "after": tree_hash(ROOT)}


def notebook_run(executed, name):
    run = executed["runs"][name]
    if isinstance(run, Exception):
        raise AssertionError(f"{name} failed:\n{run}") from run
    return run


def outputs(notebook) -> list[dict]:
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]


def shown_text(notebook) -> str:
    """Everything the notebook printed or displayed, as text and HTML."""
    parts = []
    for output in outputs(notebook):
        if output.output_type == "stream":
            parts.append(output.text)
        elif output.output_type in ("execute_result", "display_data"):
            parts.extend(str(output.data.get(kind, "")) for kind in ("text/plain", "text/html"))
    return "\n".join(parts)


def stdout(notebook) -> str:
    return "".join(o.text for o in outputs(notebook) if o.output_type == "stream" and o.name == "stdout")


# --------------------------------------------------------------------------------------
# As stored


def test_there_are_exactly_the_three_notebooks():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("path", stored_notebooks(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_notebook_is_stored_with_outputs_cleared(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    dirty = [index for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)]
    assert not dirty, f"{path.name}: cells {dirty} keep outputs or an execution count; clear them before storing"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_says_what_it_shows_and_how_to_open_it(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    assert "jupyter lab notebooks/" in first.source
    assert notebook.metadata.kernelspec.name == "python3"


# --------------------------------------------------------------------------------------
# Executed


def test_the_kernel_is_this_interpreter_in_the_notebooks_folder():
    source = "import os, sys, hskg\nfor line in (sys.executable, hskg.__file__, os.getcwd(), os.environ.get('MPLBACKEND')):\n" \
             "    print(line)"
    notebook = run_notebook(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)]))
    executable, package, cwd, backend = stdout(notebook).splitlines()
    assert Path(executable) == Path(sys.executable)
    assert Path(package).resolve().is_relative_to(ROOT / "src")
    assert Path(cwd).resolve() == NOTEBOOKS
    assert backend == "Agg"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_runs_top_to_bottom(executed, name):
    notebook = notebook_run(executed, name)
    errors = [o for o in outputs(notebook) if o.output_type == "error"]
    assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}" if errors else ""
    unexecuted = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and c.execution_count is None]
    assert not unexecuted, f"{name}: cells {unexecuted} did not run"


def test_explore_prints_the_figures_of_the_graph(executed):
    notebook = notebook_run(executed, "01-explore.ipynb")
    figures = compute_stats(load_project(Project(ROOT)).store)
    printed = stdout(notebook)
    assert f"project: {ROOT}\n" in printed
    assert f"claims: {figures.claims}\n" in printed
    assert f"triples: {figures.triples} ({figures.ontology_triples} schema, {figures.data_triples} knowledge)\n" in printed


def test_explore_shows_catalog_tables_and_the_views_inline(executed):
    notebook = notebook_run(executed, "01-explore.ipynb")
    text = shown_text(notebook)
    assert "narrow notion of human security" in text  # query notions, with labels
    assert "Chinkin and Kaldor describe three notions of human security" in text  # …and its quotes
    assert "NATO 2022 Strategic Concept" in text  # documents-of-actor, the actor given by label
    frames = [o.data["text/html"] for o in outputs(notebook)
              if "hskg-view" in str(o.get("data", {}).get("text/html", ""))]
    assert len(frames) == 2, "the overview and the notions view"
    assert all("<iframe srcdoc=" in frame for frame in frames)


def test_compare_shows_notions_actors_and_plots(executed):
    notebook = notebook_run(executed, "02-compare.ipynb")
    text = shown_text(notebook)
    for notion in ("narrow", "humanitarian", "broad"):
        assert f"{notion} notion of human security" in text
    for actor in ("United Nations", "European Union", "United Kingdom", "CIMIC", "NATO"):
        assert f"{actor} approach to human security" in text
    images = [o for o in outputs(notebook) if "image/png" in o.get("data", {})]
    assert len(images) >= 4, "the notion and actor matrices, the coverage, and claims and citations per section"


def test_extend_goes_round_kind_actor_statement_correction_removal(executed):
    notebook = notebook_run(executed, "03-extend.ipynb")
    printed = stdout(notebook)
    for line in [
        "added the kind humanitarian-organization (hskg:HumanitarianOrganization, a kind of organization) in "
        "ontology/extensions/humanitarian-organization.ttl",
        "added https://w3id.org/hskg/id/actor/international-comittee-of-the-red-cross (International Comittee of the "
        "Red Cross) in graph/actors/international-comittee-of-the-red-cross.ttl",
        "refused: --quote: the quote is not in the text of report:hfm-et-201 (hfm-et-201-excerpt.txt), word for word: "
        "“The Strategic Concept was adopted by the ICRC.”",
        "refused: SUBJECT: concept:human-security (human security) cannot be the subject of hskg:produced: its domain "
        "is hskg:Actor",
        "added doc:nato-strategic-concept-2022 hskg:addresses concept:human-security in "
        "graph/statements/nato-strategic-concept-2022-addresses-human-security.ttl",
        "edited actor:international-comittee-of-the-red-cross in graph/actors/international-comittee-of-the-red-cross.ttl: "
        "label 'International Committee of the Red Cross'",
        "refused: actor:nato was not added with hskg add actor or hskg import (it is not in graph/actors/): only what "
        "those commands wrote can be edited or removed",
        "removed actor:international-comittee-of-the-red-cross (graph/actors/international-comittee-of-the-red-cross.ttl)",
        "ICRC still named in the copy: False",
        "checks run: shacl, sparql, evidence, owl",
        "0 finding(s), 0 error(s)",
        "in the checkout: no extension",
    ]:
        assert line in printed.splitlines(), line


def test_the_checkout_is_unchanged_by_the_notebooks(executed):
    assert executed["after"] == executed["before"], f"a notebook changed {', '.join(WATCHED)}"
