"""Progress shows on a terminal once work has taken a while (a second; a tenth here), and
nowhere else."""

import io
import time

from hskg.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_when_standard_error_is_not_a_terminal():
    stream = io.StringIO()
    with progress("validate", 2, stream, show_after=0.1) as steps:
        steps.step("shacl")
        time.sleep(0.2)
        steps.step("sparql")
    assert stream.getvalue() == ""


def test_quick_work_on_a_terminal_shows_nothing():
    stream = Terminal()
    with progress("validate", 2, stream) as steps:
        steps.step("shacl")
        steps.step("sparql")
    assert stream.getvalue() == ""


def test_work_of_more_than_a_second_on_a_terminal_shows_its_step():
    stream = Terminal()
    with progress("validate", 2, stream, show_after=0.1) as steps:
        steps.step("shacl")
        time.sleep(0.3)
        steps.step("sparql")
        time.sleep(0.2)
    shown = stream.getvalue()
    assert "validate: 1/2, sparql [00:00]" in shown

