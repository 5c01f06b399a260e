"""``python -m benchmarks``: run the benchmarks and print a Markdown report.

Options: ``--quick`` runs small sizes (a smoke test of the benchmark code,
seconds to minutes); ``--only NAME`` runs one section (repeatable);
``--output FILE`` also writes the report to FILE.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from pathlib import Path

from benchmarks import bench_pure

#: Section name → module whose ``run(quick=...)`` returns a Markdown section.
SECTIONS = {
    "support": "benchmarks.bench_support_enumeration",
    "vertex": "benchmarks.bench_vertex_enumeration",
    "lemke-howson": "benchmarks.bench_lemke_howson",
    "lp": "benchmarks.bench_zero_sum_lp",
    "dominance-correlated": "benchmarks.bench_dominance_correlated",
}


def _pure_section(quick: bool) -> tuple[str, bool]:
    cases, cli = bench_pure.run(quick=quick)
    text = "## Pure-equilibrium search\n\n" + bench_pure.report(cases, cli, bench_pure.machine())
    disagree = [c.name for c in cases for t in c.timings if t.agree is False]
    if disagree:
        print(f"equilibria disagree on: {', '.join(disagree)}", file=sys.stderr)
    return text, not disagree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the benchmark code runs")
    parser.add_argument("--only", action="append", choices=["pure", *SECTIONS], help="run only this section")
    parser.add_argument("--output", type=Path, help="also write the Markdown report to this file")
    args = parser.parse_args(argv)
    wanted = args.only or ["pure", *SECTIONS]
    parts: list[str] = []
    ok = True
    for name in wanted:
        print(f"benchmark section {name!r} (peers measured in the same run)...", file=sys.stderr)
        if name == "pure":
            text, agreed = _pure_section(args.quick)
            ok &= agreed
        else:
            run: Callable[..., str] = importlib.import_module(SECTIONS[name]).run
            text = run(quick=args.quick)
        print(text, flush=True)
        parts.append(text)
    if args.output is not None:
        args.output.write_text("\n\n".join(parts), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
