"""Benchmarks: negotiate's solvers against their peers, measured in the same run.

Run with ``make bench`` (``python -m benchmarks``). Speed is measured here and
only here; the test suite never asserts on time. Figures are recorded in
``docs/performance.md``.
"""
