"""``python -m benchmarks``: run the benchmarks and print a Markdown report.

Options: ``--quick`` runs small sizes (a smoke test of the benchmark code,
seconds); ``--output FILE`` also writes the report to FILE.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks import bench_pure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the benchmark code runs")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    print(
        "Pure-equilibrium search: negotiate vs QuantEcon and nashpy (this takes a few minutes)...",
        file=sys.stderr,
    )
    cases, cli = bench_pure.run(quick=args.quick)
    text = "## Pure-equilibrium search\n\n" + bench_pure.report(cases, cli, bench_pure.machine())
    print(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    disagree = [c.name for c in cases for t in c.timings if t.agree is False]
    if disagree:
        print(f"equilibria disagree on: {', '.join(disagree)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
