"""Shared fixtures: the project's own root and the small hand-made fixture projects."""

from pathlib import Path

import pytest

from hskg.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
MINI_PROJECT = DATA / "valid" / "mini-project"
TURTLE_ERROR_PROJECT = DATA / "invalid" / "turtle-error"


@pytest.fixture
def run_hskg(capsysbinary):
    """Run the ``hskg`` command in-process; return (exit code, stdout text, stderr text)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsysbinary.readouterr()
        return code, captured.out.decode("utf-8"), captured.err.decode("utf-8")

    return run
