"""Progress on long work: a bar on standard error when a person is watching, else silence.

The bar appears only when standard error is a terminal and the work has taken more than a
second (tqdm's ``delay``), so scripts, CI logs and notebooks see nothing, and quick
commands never flicker.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Iterator, Protocol, TextIO

SHOW_AFTER_SECONDS = 1.0


class Steps(Protocol):
    def step(self, name: str) -> None:
        """Begin the next step, called ``name``."""


class _Quiet:
    def step(self, name: str) -> None:
        pass


class _Bar:
    def __init__(self, bar) -> None:
        self._bar = bar
        self._started = False

    def step(self, name: str) -> None:
        self._bar.set_postfix_str(name, refresh=False)
        if self._started:
            self._bar.update(1)
        self._started = True


@contextlib.contextmanager
def progress(description: str, total: int, stream: TextIO | None = None,
             show_after: float = SHOW_AFTER_SECONDS) -> Iterator[Steps]:
    """Steps of one piece of work: ``with progress("validate", 4) as steps: steps.step("shacl")``."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield _Quiet()
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=description, file=stream, delay=show_after, leave=False,
              unit="step", bar_format="{desc}: {n_fmt}/{total_fmt}{postfix} [{elapsed}]") as bar:
        steps = _Bar(bar)
        yield steps
        bar.update(1)
