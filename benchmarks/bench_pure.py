"""Pure-equilibrium search: ours against nashpy and QuantEcon, measured in the same run.

Three cases, as issue 2 asks:

(a) a 2-player 1000×1000 game with random integer payoffs;
(b) a 10-player game with 2 strategies each (and a 16-player one, to show scaling);
(c) a degenerate 1000×1000 game with payoffs in {0, 1}: hundreds of thousands
    of pure equilibria.

What each peer runs:

* **QuantEcon** ``quantecon.game_theory.pure_nash_brute(g, tol)``: a Python loop
  over every profile calling ``g.is_nash(a)``. It handles n players. Timed in
  full on every case, after a warm-up call; its ``tol`` is set to 0 on integer
  games (exact comparison, as ours).
* **nashpy** has no pure-equilibrium method and handles 2 players only. What a
  nashpy user would write is a loop over pure profiles calling
  ``Game.is_best_response(e_i, e_j)``; each call costs two matrix-vector
  products, so on 1000×1000 the loop would take about half an hour. We time it
  on a sample of whole rows of the same game and extrapolate linearly
  (every call costs the same); the report says so. Its general method,
  ``support_enumeration``, enumerates 2^m × 2^n support pairs and is timed
  only on small games, as a measure of what "all equilibria, then keep the pure
  ones" costs.

Seeds are fixed, and chosen so that every game has at least one pure
equilibrium (agreement on an empty set would prove little).

Our time is the best of several runs of :func:`solvers.nash.pure` on a built
:class:`~games.normal_form.NormalFormGame` (peers likewise get their game object
built outside the timer). Each case checks that the equilibria agree.
"""

from __future__ import annotations

import math
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.timing import format_seconds
from games.normal_form import NormalFormGame
from solvers.nash import pure

__all__ = ["Timing", "Case", "run", "report", "machine"]


@dataclass
class Timing:
    """A peer's time on a case, how it was obtained, and whether it agreed with ours."""

    peer: str
    seconds: float | None
    how: str
    agree: bool | None = None
    found: int | None = None


@dataclass
class Case:
    """One benchmark game: our time, the peers' times."""

    name: str
    description: str
    profiles: int
    ours: float
    found: int
    timings: list[Timing] = field(default_factory=list)


def _best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best = math.inf
    out = None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def _ours(game: NormalFormGame, repeat: int) -> tuple[float, set[tuple[int, ...]]]:
    seconds, result = _best_of(lambda: pure(game), repeat)
    indices = result.equilibria.indices
    return seconds, set(map(tuple, indices.tolist()))


def _quantecon(game: NormalFormGame, tol: float) -> tuple[Timing, set[tuple[int, ...]]]:
    import quantecon.game_theory as qe

    # warm-up on a tiny game with as many players (numba compiles on first use)
    tiny = qe.NormalFormGame(np.zeros((2,) * game.n_players + (game.n_players,)))
    qe.pure_nash_brute(tiny, tol=tol)
    qg = qe.NormalFormGame(np.moveaxis(np.asarray(game.payoffs), 0, -1))
    start = time.perf_counter()
    found = qe.pure_nash_brute(qg, tol=tol)
    seconds = time.perf_counter() - start
    timing = Timing("QuantEcon pure_nash_brute", seconds, f"full run, tol={tol}", found=len(found))
    return timing, set(map(tuple, found))


def _nashpy_loop(game: NormalFormGame, rows: int | None) -> tuple[Timing, set[tuple[int, ...]], int]:
    """Time nashpy's ``is_best_response`` over all profiles of ``rows`` rows (all rows if None)."""
    import nashpy

    A, B = (np.asarray(game.payoffs[0]), np.asarray(game.payoffs[1]))
    ng = nashpy.Game(A, B)
    m, n = A.shape
    eye_r, eye_c = np.eye(m), np.eye(n)
    use = m if rows is None else min(rows, m)
    found: set[tuple[int, ...]] = set()
    start = time.perf_counter()
    for i in range(use):
        for j in range(n):
            r, c = ng.is_best_response(eye_r[i], eye_c[j])
            if r and c:
                found.add((i, j))
    measured = time.perf_counter() - start
    if use == m:
        return Timing("nashpy is_best_response loop", measured, "full run", found=len(found)), found, use
    total = measured * m / use
    how = f"extrapolated from {use} of {m} rows ({use * n:,} profiles, {measured:.3g} s measured)"
    return Timing("nashpy is_best_response loop", total, how), found, use


def _nashpy_support(game: NormalFormGame) -> tuple[Timing, set[tuple[int, ...]]]:
    import nashpy

    A, B = (np.asarray(game.payoffs[0]), np.asarray(game.payoffs[1]))
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        eqs = list(nashpy.Game(A, B).support_enumeration())
    seconds = time.perf_counter() - start
    pure_found: set[tuple[int, ...]] = {
        (int(np.argmax(s1)), int(np.argmax(s2)))
        for s1, s2 in eqs
        if np.count_nonzero(s1) == 1 and np.count_nonzero(s2) == 1
    }
    return (
        Timing("nashpy support_enumeration, pure ones kept", seconds, "full run", found=len(pure_found)),
        pure_found,
    )


def _random_game(rng: np.random.Generator, shape: tuple[int, ...], high: int) -> NormalFormGame:
    payoffs = rng.integers(0, high, size=(len(shape), *shape), dtype=np.int64)
    return NormalFormGame(payoffs)


def _measured(
    game: NormalFormGame, name: str, description: str, repeat: int
) -> tuple[Case, set[tuple[int, ...]]]:
    """A :class:`Case` holding our time on ``game``, and the equilibria we found (to check peers against)."""
    ours, eqs = _ours(game, repeat)
    return Case(name, description, game.n_profiles, ours, len(eqs)), eqs


def _add_quantecon(case: Case, game: NormalFormGame, eqs: set[tuple[int, ...]]) -> None:
    timing, found = _quantecon(game, tol=0.0)
    timing.agree = found == eqs
    case.timings.append(timing)


def _two_player_case(
    game: NormalFormGame, name: str, description: str, *, nashpy_rows: int | None, repeat: int
) -> Case:
    """Ours, QuantEcon and nashpy's loop (over ``nashpy_rows`` rows, all if None) on a 2-player game."""
    case, eqs = _measured(game, name, description, repeat)
    _add_quantecon(case, game, eqs)
    timing, found, rows = _nashpy_loop(game, nashpy_rows)
    timing.agree = found == {e for e in eqs if e[0] < rows}
    case.timings.append(timing)
    return case


def case_bimatrix(size: int = 1000, *, nashpy_rows: int = 20, repeat: int = 5, seed: int = 2025) -> Case:
    """(a) A 2-player ``size``×``size`` game with integer payoffs in [0, 1000)."""
    game = _random_game(np.random.default_rng(seed), (size, size), 1000)
    return _two_player_case(
        game,
        f"(a) 2 players, {size}×{size}",
        "random integer payoffs in [0, 1000)",
        nashpy_rows=nashpy_rows,
        repeat=repeat,
    )


def case_small_bimatrix(size: int = 100, *, repeat: int = 20, seed: int = 0) -> Case:
    """(a') The same kind of game at ``size``×``size``, where nashpy's loop runs in full."""
    game = _random_game(np.random.default_rng(seed), (size, size), 1000)
    return _two_player_case(
        game,
        f"(a') 2 players, {size}×{size}",
        "random integer payoffs in [0, 1000)",
        nashpy_rows=None,
        repeat=repeat,
    )


def case_support_enumeration(size: int = 8, *, repeat: int = 20, seed: int = 4) -> Case:
    """(a'') A small game on which nashpy's ``support_enumeration`` finishes."""
    game = _random_game(np.random.default_rng(seed), (size, size), 1000)
    case, eqs = _measured(
        game, f"(a'') 2 players, {size}×{size}", "random integer payoffs in [0, 1000)", repeat
    )
    timing, found = _nashpy_support(game)
    timing.agree = found == eqs
    case.timings.append(timing)
    return case


def case_many_players(players: int = 10, *, repeat: int = 5, seed: int = 3) -> Case:
    """(b) ``players`` players with 2 strategies each, integer payoffs in [0, 100)."""
    game = _random_game(np.random.default_rng(seed), (2,) * players, 100)
    case, eqs = _measured(
        game, f"(b) {players} players, 2 strategies each", "random integer payoffs in [0, 100)", repeat
    )
    _add_quantecon(case, game, eqs)
    case.timings.append(Timing("nashpy", None, "not applicable: nashpy handles 2-player games only"))
    return case


def case_degenerate(size: int = 1000, *, nashpy_rows: int = 20, repeat: int = 5, seed: int = 5) -> Case:
    """(c) A ``size``×``size`` game with payoffs in {0, 1}: a quarter of all profiles are equilibria."""
    game = _random_game(np.random.default_rng(seed), (size, size), 2)
    return _two_player_case(
        game,
        f"(c) 2 players, {size}×{size}, degenerate",
        "random payoffs in {0, 1}: ties everywhere",
        nashpy_rows=nashpy_rows,
        repeat=repeat,
    )


def cli_end_to_end(size: int = 1000, players: int = 10, seed: int = 2025) -> list[tuple[str, float, float]]:
    """Time ``negotiate solve FILE --method pure`` on .nfg files, as a user runs it.

    Returns ``(description, file seconds to solve, seconds of the whole command)``:
    the whole command includes starting Python, parsing the file and printing.
    """
    from games.formats import save

    rng = np.random.default_rng(seed)
    games = {
        f"2 players, {size}×{size} (.nfg, {2 * size * size:,} payoffs)": _random_game(
            rng, (size, size), 1000
        ),
        f"{players} players, 2 strategies each (.nfg)": _random_game(rng, (2,) * players, 100),
    }
    out = []
    negotiate = [sys.executable, "-m", "negotiate.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        for text, game in games.items():
            path = Path(tmp) / "game.nfg"
            save(game, path)
            start = time.perf_counter()
            proc = subprocess.run(
                [*negotiate, "solve", str(path), "--method", "pure", "--format", "json", "--limit", "0"],
                capture_output=True,
                text=True,
                check=False,
            )
            whole = time.perf_counter() - start
            if proc.returncode != 0:
                raise RuntimeError(f"negotiate solve failed on {text}: {proc.stderr}")
            import json

            solve_seconds = float(json.loads(proc.stdout)["statistics"]["seconds"])
            out.append((text, solve_seconds, whole))
    return out


def machine() -> dict[str, Any]:
    """The machine and library versions, for the report."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {"python": platform.python_version(), "numpy": np.__version__}
    for name in ("quantecon", "nashpy"):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = "not installed"
    return {
        "date": date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "versions": versions,
    }


def run(*, quick: bool = False) -> tuple[list[Case], list[tuple[str, float, float]]]:
    """Run every case (``quick``: small sizes, for a smoke test)."""
    if quick:
        cases = [
            case_bimatrix(60, nashpy_rows=2, repeat=2),
            case_small_bimatrix(20, repeat=2),
            case_support_enumeration(4, repeat=2),
            case_many_players(6, repeat=2),
            case_degenerate(60, nashpy_rows=2, repeat=2),
        ]
        return cases, cli_end_to_end(60, 6)
    cases = [
        case_bimatrix(),
        case_small_bimatrix(),
        case_support_enumeration(),
        case_many_players(10, seed=8),
        case_many_players(16, seed=3),
        case_degenerate(),
    ]
    return cases, cli_end_to_end()




def report(cases: list[Case], cli: list[tuple[str, float, float]], info: dict[str, Any]) -> str:
    """The results as Markdown."""
    v = info["versions"]
    lines = [
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, {info['system']}; "
        f"Python {v['python']}, numpy {v['numpy']}, QuantEcon {v['quantecon']}, nashpy {v['nashpy']}.",
        "",
        "| case | profiles | pure equilibria | ours | peer | peer time | peer / ours | agree | how the peer was timed |",
        "|---|---:|---:|---:|---|---:|---:|---|---|",
    ]
    for case in cases:
        for t in case.timings:
            ratio = "—" if t.seconds is None else f"{t.seconds / case.ours:,.0f}×"
            agree = {True: "yes", False: "**NO**", None: "—"}[t.agree]
            lines.append(
                f"| {case.name} | {case.profiles:,} | {case.found:,} | {format_seconds(case.ours)} | {t.peer} | "
                f"{format_seconds(t.seconds)} | {ratio} | {agree} | {t.how} |"
            )
    lines += [
        "",
        "End to end, `negotiate solve FILE --method pure --format json --limit 0` (a new Python process: "
        "start-up, parsing the .nfg file, solving, printing):",
        "",
        "| game | solve | whole command |",
        "|---|---:|---:|",
    ]
    for text, solve_seconds, whole in cli:
        lines.append(f"| {text} | {format_seconds(solve_seconds)} | {format_seconds(whole)} |")
    return "\n".join(lines) + "\n"
