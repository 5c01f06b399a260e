"""Lemke–Howson: ours against Gambit, QuantEcon and nashpy, in the same run.

Cases, as issue 3 asks (uniform random payoffs in [0, 1), seeded):

(a) 50×50: one equilibrium. Goal: at most a tenth of Gambit's ``lcp_solve``
    time. Median over :data:`SMALL_GAMES` games.
(b) 400×400, 800×800 and 1000×1000: one equilibrium, correct, in under a
    minute. :data:`LARGE_GAMES` games each.
(c) exact mode, 50×50 integer payoffs in 0..999: ours against Gambit's
    rational ``lcp_solve``.

What each peer runs (each gets its game object built outside the timer):

* **Gambit** ``pygambit.nash.lcp_solve(game, rational=False, stop_after=1)``
  (floats; ``rational=True`` in case (c)): in a subprocess stopped after
  :data:`PEER_LIMIT` seconds.
* **QuantEcon** ``quantecon.game_theory.lemke_howson(g, init_pivot=0)``:
  warmed up on a small game first, so its numba compilation (several seconds)
  is excluded; on the large games in a subprocess (warmed up there too,
  the warm-up not timed) stopped after :data:`PEER_LIMIT` seconds.
* **nashpy** ``lemke_howson(A, B, 0, lexicographic=True)``: in a subprocess
  stopped after :data:`PEER_LIMIT` seconds.

Ours is :func:`solvers.nash.lemke_howson.lemke_howson` with its defaults
(``race="auto"``: on these sizes several labels are raced). Every answer is
checked: a peer's profile counts as correct when it is a probability profile
with regret at most 1e-8; ours is verified by the solver itself and checked
again here.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from games.normal_form import NormalFormGame
from solvers.nash.lemke_howson import lemke_howson

__all__ = ["run", "PEER_LIMIT", "SMALL_GAMES", "LARGE_GAMES"]

#: Seconds after which a peer run in a subprocess is stopped.
PEER_LIMIT = 60.0
#: Games of case (a) and (c) (the median is reported).
SMALL_GAMES = 5
#: Games per size in case (b).
LARGE_GAMES = 3
#: Regret under which a peer's answer counts as an equilibrium (payoffs are in [0, 1)).
CHECK_TOL = 1e-8

_CHILD = r"""
import json, sys, time, warnings
import numpy as np
data = np.load(sys.argv[2])
A, B = data["A"], data["B"]
peer = sys.argv[1]
if peer.startswith("gambit"):
    import pygambit as gbt
    rational = peer == "gambit-rational"
    if rational:
        game = gbt.Game.from_arrays([[int(v) for v in r] for r in A], [[int(v) for v in r] for r in B])
    else:
        game = gbt.Game.from_arrays(A, B)
    start = time.perf_counter()
    eqs = gbt.nash.lcp_solve(game, rational=rational, stop_after=1).equilibria
    seconds = time.perf_counter() - start
    eq = eqs[0]
    x, y = [[float(eq[s]) for s in p.strategies] for p in game.players]
elif peer == "quantecon":
    import quantecon.game_theory as qe
    warm = qe.NormalFormGame((qe.Player(np.eye(3)), qe.Player(np.eye(3))))
    qe.lemke_howson(warm, init_pivot=0)
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    start = time.perf_counter()
    x, y = qe.lemke_howson(g, init_pivot=0)
    seconds = time.perf_counter() - start
    x, y = x.tolist(), y.tolist()
else:
    from nashpy.algorithms.lemke_howson import lemke_howson
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = lemke_howson(A, B, initial_dropped_label=0, lexicographic=True)
    seconds = time.perf_counter() - start
    x, y = np.asarray(x, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()
print(json.dumps({"seconds": seconds, "x": x, "y": y}))
"""


@dataclass
class PeerRun:
    """One peer on one game: time (``None`` when stopped or failed), and whether its answer is an equilibrium."""

    seconds: float | None
    correct: bool | None
    note: str = ""


@dataclass
class Case:
    name: str
    ours: list[float] = field(default_factory=list)
    ours_correct: list[bool] = field(default_factory=list)
    pivots: list[int] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    peers: dict[str, list[PeerRun]] = field(default_factory=dict)


def _regret(A: np.ndarray, B: np.ndarray, x: Any, y: Any) -> float:
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y))


def _is_equilibrium(A: np.ndarray, B: np.ndarray, x: Any, y: Any) -> bool:
    try:
        xv, yv = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        return False
    if xv.shape != (A.shape[0],) or yv.shape != (A.shape[1],) or not np.all(np.isfinite(xv)):
        return False
    if min(xv.min(), yv.min()) < -CHECK_TOL or abs(xv.sum() - 1) > 1e-6 or abs(yv.sum() - 1) > 1e-6:
        return False
    scale = max(1.0, float(np.abs(A).max()), float(np.abs(B).max()))
    return _regret(A, B, xv, yv) <= CHECK_TOL * scale


def _peer(peer: str, A: np.ndarray, B: np.ndarray, limit: float) -> PeerRun:
    """Run ``peer`` on ``(A, B)`` in a subprocess stopped after ``limit`` seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.npz"
        np.savez(path, A=A, B=B)
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _CHILD, peer, str(path)],
                capture_output=True,
                text=True,
                timeout=limit + 30.0,  # start-up and warm-up are not timed
                check=False,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
        except subprocess.TimeoutExpired:
            return PeerRun(None, None, f"stopped after {limit:.0f} s")
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        return PeerRun(None, False, f"error: {last[:80]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["seconds"] > limit:
        return PeerRun(None, None, f"stopped after {limit:.0f} s")
    return PeerRun(out["seconds"], _is_equilibrium(A, B, out["x"], out["y"]))


def _ours(case: Case, A: np.ndarray, B: np.ndarray, *, exact: bool = False, repeat: int = 3) -> None:
    game = NormalFormGame.from_bimatrix(A, B)
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = lemke_howson(game, exact=exact)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    x, y = result[0].profile.strategies
    case.ours.append(best)
    case.ours_correct.append(_is_equilibrium(A, B, x, y) and (not exact or result[0].exact_regret == 0))
    case.pivots.append(int(result.statistics["total_pivots"]))
    case.labels.append(len(result.statistics["labels"]))


def _median(values: list[float | None]) -> float | None:
    done = [v for v in values if v is not None]
    if len(done) < len(values) or not done:
        return None
    return statistics.median(done)


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def _uniform(seed: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((size, size)), rng.random((size, size))


def _integers(seed: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(0, 1000, (size, size)), rng.integers(0, 1000, (size, size))


def _case(
    name: str,
    games: list[tuple[np.ndarray, np.ndarray]],
    peers: list[str],
    *,
    exact: bool = False,
    limit: float,
    repeat: int,
    stopped: set[str] | None = None,
) -> Case:
    """Ours and each peer on every game; a peer once stopped is not run again (on ``stopped``'s cases)."""
    case = Case(name)
    stopped = set() if stopped is None else stopped
    for A, B in games:
        _ours(case, A, B, exact=exact, repeat=repeat)
        for peer in peers:
            if peer in stopped:
                case.peers.setdefault(peer, []).append(
                    PeerRun(None, None, "not run: stopped on an earlier game or a smaller size")
                )
                continue
            outcome = _peer(peer, A, B, limit)
            if outcome.seconds is None and outcome.note.startswith("stopped"):
                stopped.add(peer)
            case.peers.setdefault(peer, []).append(outcome)
    return case


PEER_NAMES = {
    "gambit": "Gambit `lcp_solve(rational=False, stop_after=1)`",
    "gambit-rational": "Gambit `lcp_solve(rational=True, stop_after=1)`",
    "quantecon": "QuantEcon `lemke_howson(init_pivot=0)`",
    "nashpy": "nashpy `lemke_howson(0, lexicographic=True)`",
}


def _report(cases: list[Case], limit: float) -> str:
    lines = [
        "| case | ours (median) | ours correct | pivots (all raced paths) | peer | peer time (median) "
        "| peer / ours | peer correct | note |",
        "|---|---:|---|---:|---|---:|---:|---|---|",
    ]
    for case in cases:
        ours = statistics.median(case.ours)
        correct = f"{sum(case.ours_correct)}/{len(case.ours_correct)}"
        pivots = f"{int(statistics.median(case.pivots))} (labels raced: {max(case.labels)})"
        for peer, runs in case.peers.items():
            peer_median = _median([r.seconds for r in runs])
            ran = [r for r in runs if not r.note.startswith("not run")]
            if peer_median is not None:
                ratio = f"{peer_median / ours:,.1f}×"
            elif any(r.note.startswith("stopped") for r in runs):
                ratio = f"> {limit / ours:,.0f}×"
            else:
                ratio = "—"
            finished = [r for r in ran if r.correct is not None]
            peer_correct = f"{sum(bool(r.correct) for r in finished)}/{len(finished)}" if finished else "—"
            notes = sorted({r.note for r in runs if r.note})
            lines.append(
                f"| {case.name} | {_fmt(ours)} | {correct} | {pivots} | {PEER_NAMES[peer]} | "
                f"{_fmt(peer_median)} | {ratio} | {peer_correct} | {'; '.join(notes)} |"
            )
    return "\n".join(lines)


def run(*, quick: bool = False) -> str:
    """Run the cases and return a Markdown section (``quick``: small sizes and limits, a smoke test)."""
    limit = 5.0 if quick else PEER_LIMIT
    small, sizes, large_games = (20, [60, 100], 1) if quick else (50, [400, 800, 1000], LARGE_GAMES)
    count = 2 if quick else SMALL_GAMES
    cases = [
        _case(
            f"(a) {small}×{small} uniform",
            [_uniform(seed, small) for seed in range(count)],
            ["gambit", "quantecon", "nashpy"],
            limit=limit,
            repeat=5,
        )
    ]
    stopped: set[str] = set()  # a peer stopped at one size is not run on larger ones
    for size in sizes:
        cases.append(
            _case(
                f"(b) {size}×{size} uniform",
                [_uniform(100 + seed, size) for seed in range(large_games)],
                ["quantecon", "gambit"],
                limit=limit,
                repeat=1,
                stopped=stopped,
            )
        )
    cases.append(
        _case(
            f"(c) exact, {small}×{small} integers 0..999",
            [_integers(200 + seed, small) for seed in range(count)],
            ["gambit-rational"],
            exact=True,
            limit=limit,
            repeat=3,
        )
    )
    text = [
        "## Lemke–Howson (one equilibrium)",
        "",
        f"Peers run in subprocesses stopped after {limit:.0f} s (start-up and QuantEcon's numba warm-up "
        'not timed); ours runs in this process with its defaults (`race="auto"`). Ours is the best of '
        "5 runs per game in (a), 3 in (c), 1 in (b); the table gives medians over the games "
        f"({count} in (a) and (c), {large_games} per size in (b)). 'correct' counts answers with "
        f"regret ≤ {CHECK_TOL:g} (for ours in (c), exact regret 0) out of the runs that finished. A ratio shown "
        "as '>' is a lower bound: the peer was stopped at the limit; a peer once stopped is not run "
        "again on the other games of the case nor on larger sizes.",
        "",
        _report(cases, limit),
        "",
    ]
    return "\n".join(text)


if __name__ == "__main__":  # pragma: no cover
    print(run(quick="--quick" in sys.argv))
