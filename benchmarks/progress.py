"""Progress of a run on standard error: a bar when stderr is a terminal, nothing otherwise."""

from __future__ import annotations

import sys
from typing import Callable, TypeVar

Result = TypeVar("Result")
SHOW_AFTER_S = 1.0  # work shorter than this shows no bar at all


class Progress:
    """One bar over the steps of a run.

    tqdm draws it only when stderr is a terminal (a redirected or captured stderr stays
    empty) and only once the run has lasted ``SHOW_AFTER_S`` (its ``delay``).
    """

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, file=sys.stderr, disable=not sys.stderr.isatty(), delay=SHOW_AFTER_S,
                         unit="step", dynamic_ncols=True, leave=False)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exception) -> None:
        self._bar.close()

    def run(self, description: str, work: Callable[..., Result], *arguments) -> Result:
        """``work(*arguments)``, shown as the current step while it runs."""
        self._bar.set_description_str(description)
        try:
            return work(*arguments)
        finally:
            self._bar.update(1)
