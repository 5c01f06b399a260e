"""Timing and formatting shared by the benchmark sections."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

__all__ = ["median_time", "format_seconds", "profile_points"]


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall-clock seconds of ``repeat`` calls of ``fn``, and the last call's result."""
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def format_seconds(s: float | None) -> str:
    """``"—"`` for a time not measured, else µs, ms or s to three significant digits."""
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.3g} µs"
    if s < 1:
        return f"{s * 1e3:.3g} ms"
    return f"{s:.3g} s"


def profile_points(result: Any) -> Any:
    """Each equilibrium of an :class:`EquilibriumSet` as one concatenated probability vector (rows)."""
    import numpy as np

    return np.array([np.concatenate(e.profile.strategies) for e in result])
