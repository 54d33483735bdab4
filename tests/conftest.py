"""Shared fixtures: the project's own root and the small hand-made fixture projects."""

import os
import shutil
from pathlib import Path

import pytest

from hskg.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI_PROJECT = DATA / "valid" / "mini-project"
TURTLE_ERROR_PROJECT = DATA / "invalid" / "turtle-error"
HOSTILE_PROJECT = DATA / "invalid" / "hostile-labels"

# Every command of the suite loads into memory unless a test asks for a store: the persistent
# default (build/store/) would be shared between tests and written into the fixture folders.
os.environ["HSKG_STORE"] = "memory"


def materialized(fixture: Path, target: Path) -> Path:
    """A copy of a fixture project with its ``*.ttl.in`` files renamed ``*.ttl``.

    Fixtures that are deliberately unparsable, or that carry quotes no source has
    (hostile payloads), keep the ``.in`` suffix in the repository, so that tools
    reading every ``*.ttl`` of the checkout (``check_quotes.py``) do not take them
    for the project's knowledge.
    """
    shutil.copytree(fixture, target, dirs_exist_ok=True)
    for path in target.rglob("*.ttl.in"):
        path.rename(path.with_suffix(""))
    return target


@pytest.fixture(scope="session")
def turtle_error_project(tmp_path_factory) -> Path:
    return materialized(TURTLE_ERROR_PROJECT, tmp_path_factory.mktemp("turtle-error"))


@pytest.fixture
def run_hskg(capsysbinary):
    """Run the ``hskg`` command in-process; return (exit code, stdout text, stderr text)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsysbinary.readouterr()
        return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")

    return run


@pytest.fixture(scope="session")
def real_store():
    """The shipped graph, loaded once."""
    from hskg.knowledge import load_project
    from hskg.project import Project

    return load_project(Project(ROOT)).store


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory):
    """A graph whose labels, definitions and quotes are script-injection payloads."""
    from hskg.knowledge import load_project
    from hskg.project import Project

    return load_project(Project(materialized(HOSTILE_PROJECT, tmp_path_factory.mktemp("hostile")))).store


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A Virtuoso server with a fresh database, for the whole session; its credentials in the
    environment (HSKG_STORE_USER, HSKG_STORE_PASSWORD), as a user gives them."""
    from virtuoso_server import PASSWORD, USER, start_virtuoso

    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("HSKG_STORE_USER", USER)
        environment.setenv("HSKG_STORE_PASSWORD", PASSWORD)
        yield server
    server.stop()
