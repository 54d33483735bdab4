"""``python -m benchmarks.child KIND JSON``: one measure in its own process.

Started by ``measure.run_child``; prints its answer as one JSON line.  Each kind's module
is imported only here, so that a child's memory holds only what its measure needs.
"""

from __future__ import annotations

import json
import sys


def main(kind: str, arguments: dict) -> dict:
    if kind == "load":
        from .loading import child_load as measure
    elif kind == "queries":
        from .queries import child_queries as measure
    elif kind == "validate":
        from .validation import child_validate as measure
    elif kind == "view":
        from .views import child_view as measure
    else:
        raise SystemExit(f"benchmarks.child: no measure {kind!r}")
    return measure(**arguments)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], json.loads(sys.argv[2]))))
