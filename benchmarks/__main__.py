"""``python -m benchmarks``: run the benchmark, print its report, optionally update the README."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from hskg.errors import HskgError
from hskg.files import write_atomically
from hskg.project import Project

from . import __doc__ as PACKAGE_DOC
from .measure import Plan
from .readme import check_readme, readme_section, update_readme
from .report import render_markdown
from .run import run_benchmark
from .synthetic import DEFAULT_SEED, parse_size

DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000,)
QUICK_SIZE_LIMIT = 1_000_000  # --quick never builds a graph this big
FULL_REPORT = Path("benchmarks") / "results" / "latest.md"  # in the project; the README links to it


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=PACKAGE_DOC.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="The shipped graph and 10k only, 1-2 runs, no 20k view (a smoke test, under a minute).")
    parser.add_argument("--sizes", help="Synthetic graph sizes in triples, comma-separated (10000,100k,1M). "
                        "Default: 10000,100000,1000000 (10000 with --quick).")
    parser.add_argument("--runs", type=int, default=5, help="Runs per measure after the warm-up (fewer on big "
                        "graphs and with --quick). Default: 5.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic graphs.")
    parser.add_argument("-o", "--output", type=Path, help="Also write the report to this file (atomically). "
                        f"Default with --readme: {FULL_REPORT} in the project.")
    parser.add_argument("--root", type=Path, help="The project to measure. Default: the current directory or the "
                        "nearest one above it that holds ontology/ and graph/.")
    parser.add_argument("--readme", nargs="?", type=Path, const=True, metavar="README",
                        help="Rewrite the performance section (between <!-- benchmark --> and <!-- /benchmark -->) "
                        "of README (default: the project's README.md) with this run's summary and a link to the "
                        "full report.")
    return parser.parse_args(argv)


def sizes_of(args: argparse.Namespace) -> tuple[int, ...]:
    """The synthetic sizes asked for; ValueError if ``--sizes`` is not a list of sizes."""
    sizes = tuple(parse_size(s) for s in args.sizes.split(",") if s.strip()) if args.sizes else (
        QUICK_SIZES if args.quick else DEFAULT_SIZES)
    return tuple(s for s in sizes if s < QUICK_SIZE_LIMIT) if args.quick else sizes


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.runs < 1:
        return _usage_error("--runs must be 1 or more")
    try:
        sizes = sizes_of(args)
    except ValueError:
        return _usage_error(f"--sizes wants numbers like 10000,100k,1M, not {args.sizes!r}")
    try:
        project = Project.find(args.root)
        readme = project.root / "README.md" if args.readme is True else args.readme
        if readme:
            check_readme(readme)
    except (HskgError, OSError) as error:
        return _usage_error(str(error))
    output = args.output or (project.root / FULL_REPORT if readme else None)
    report = run_benchmark(Plan(quick=args.quick, sizes=sizes, runs=args.runs, seed=args.seed), project)
    text = render_markdown(report)
    print(text)
    if output:
        write_atomically(output, (text + "\n").encode("utf-8"))
    if readme:
        link = Path(os.path.relpath(output.resolve(), readme.resolve().parent)).as_posix()
        update_readme(readme, readme_section(report, link))
    return 0


def _usage_error(message: str) -> int:
    print(f"python -m benchmarks: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
