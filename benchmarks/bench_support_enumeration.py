"""Support enumeration: negotiate against nashpy, QuantEcon and Gambit on seeded bimatrix games.

Each case times our :func:`~solvers.nash.support_enumeration.support_enumeration`
(median of 5) and the peers in the same run, and checks agreement: every peer
profile that passes a regret check (≤ 1e-8, payoffs in [0, 1) or small
integers) must be among ours, and Gambit's exact ``enummixed`` set must equal
our exact set. QuantEcon's first call per function pays numba compilation;
it is warmed up first and its warm-up time reported separately. nashpy's
10×10 run is a single run in a subprocess with a time limit; when it does not
finish, its time is extrapolated from the 8×8 game by the number of support
pairs it enumerates ((2^m − 1)(2^n − 1)), and the table says so.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.timing import format_seconds, median_time, profile_points
from games.normal_form import NormalFormGame
from solvers.nash.support_enumeration import support_enumeration

__all__ = ["run"]

# von Stengel (1999): a nondegenerate 6×6 game with 75 equilibria (Gambit's contrib/games/stengel.nfg)
_STENGEL = (
    "9504 72336 -111771 -461736 397584 1227336 171204 -1718376 1303104 1303104 737154 -453420 "
    "-660 48081 31680 -300036 -113850 774576 -45936 -1039236 -453420 737154 -227040 -227040 "
    "19976 29216 -130944 -178761 451176 451176 208626 -586476 1227336 397584 774576 -113850 "
    "-20526 14124 168124 -84436 -586476 208626 -263076 -263076 -1718376 171204 -1039236 -45936 "
    "1776 1776 -8514 -8976 29216 19976 14124 -20526 72336 9504 48081 -660 "
    "-8976 -8514 52764 52764 -178761 -130944 -84436 168124 -461736 -111771 -300036 31680"
)


def stengel_game() -> NormalFormGame:
    """Von Stengel's 6×6 game (Gambit lists payoffs with the row player's strategy fastest)."""
    values = [int(v) for v in _STENGEL.split()]
    P = np.zeros((2, 6, 6), dtype=np.int64)
    for k in range(36):
        r, c = k % 6, k // 6
        P[0, r, c], P[1, r, c] = values[2 * k], values[2 * k + 1]
    return NormalFormGame(P)


@dataclass
class Row:
    solver: str
    seconds: float | None
    found: str
    agree: bool | None
    how: str


@dataclass
class Case:
    name: str
    ours: float
    found: int
    rows: list[Row] = field(default_factory=list)






def _among(
    points: np.ndarray, profiles: list[tuple[np.ndarray, np.ndarray]], game: NormalFormGame
) -> tuple[int, int, bool]:
    """How many peer profiles pass the regret check, how many do not, and whether the valid ones are ours."""
    valid = [(x, y) for x, y in profiles if game.max_regret([x, y]) <= 1e-8]
    ok = all(
        len(points) and np.abs(points - np.concatenate([x, y])).max(axis=1).min() <= 1e-8 for x, y in valid
    )
    return len(valid), len(profiles) - len(valid), bool(ok)


def _qe_game(P: np.ndarray) -> Any:
    """A QuantEcon game from a (2, m, n) payoff array, as writable C-ordered float arrays.

    numba compiles once per argument type, and read-only or Fortran-ordered
    arrays are other types: every call here uses the same kind of array, so
    the warm-up compiles what the timed calls use.
    """
    import quantecon.game_theory as qe

    A = np.array(P[0], dtype=np.float64, order="C")
    Bt = np.array(P[1].T, dtype=np.float64, order="C")
    return qe.NormalFormGame((qe.Player(A), qe.Player(Bt)))


def _qe_profiles(game: NormalFormGame) -> list[tuple[np.ndarray, np.ndarray]]:
    import quantecon.game_theory as qe

    return list(qe.support_enumeration(_qe_game(np.asarray(game.payoffs))))


def _quantecon(game: NormalFormGame, repeat: int) -> tuple[Row, float]:
    import quantecon.game_theory as qe

    start = time.perf_counter()
    qe.support_enumeration(_qe_game(np.random.default_rng(0).random((2, 3, 3))))
    warmup = time.perf_counter() - start
    g = _qe_game(np.asarray(game.payoffs))
    seconds, eqs = median_time(lambda: qe.support_enumeration(g), repeat)
    return Row("QuantEcon support_enumeration", seconds, str(len(eqs)), None, f"median of {repeat}"), warmup


def _nashpy_in_subprocess(
    game: NormalFormGame, limit: float
) -> tuple[float | None, list[tuple[np.ndarray, np.ndarray]]]:
    """Run nashpy's support enumeration once in a child process; ``None`` if it exceeds ``limit`` seconds."""
    code = (
        "import json, sys, time, warnings, numpy as np, nashpy\n"
        "P = np.load(sys.argv[1])\n"
        "warnings.simplefilter('ignore')\n"
        "t = time.perf_counter()\n"
        "eqs = list(nashpy.Game(P[0], P[1]).support_enumeration())\n"
        "t = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': t, 'eqs': [[x.tolist(), y.tolist()] for x, y in eqs]}))\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "game.npy"
        np.save(path, np.asarray(game.payoffs))
        try:
            proc = subprocess.run(
                [sys.executable, "-c", code, str(path)],
                capture_output=True,
                text=True,
                timeout=limit,
                check=True,
            )
        except subprocess.TimeoutExpired:
            return None, []
    data = json.loads(proc.stdout)
    return float(data["seconds"]), [(np.array(x), np.array(y)) for x, y in data["eqs"]]


def _nashpy_here(game: NormalFormGame) -> tuple[float, list[tuple[np.ndarray, np.ndarray]]]:
    import nashpy

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(
            nashpy.Game(np.asarray(game.payoffs[0]), np.asarray(game.payoffs[1])).support_enumeration()
        )
    return time.perf_counter() - start, eqs


def _gambit(game: NormalFormGame, rational: bool) -> tuple[float, Any]:
    """Gambit's ``enummixed``: the exact set (rational) or the float profiles."""
    import pygambit as gbt

    P = game.exact_integer_payoffs()
    assert P is not None
    g = gbt.Game.from_arrays(P[0][0].tolist(), P[0][1].tolist())
    start = time.perf_counter()
    result = gbt.nash.enummixed_solve(g, rational=rational)
    seconds = time.perf_counter() - start
    row, col = g.players
    if not rational:
        return seconds, [
            (
                np.array([float(eq[s]) for s in row.strategies]),
                np.array([float(eq[s]) for s in col.strategies]),
            )
            for eq in result.equilibria
        ]
    found = {
        (tuple(Fraction(eq[s]) for s in row.strategies), tuple(Fraction(eq[s]) for s in col.strategies))
        for eq in result.equilibria
    }
    return seconds, found


def _distinct(profiles: list[tuple[np.ndarray, np.ndarray]]) -> int:
    kept: list[np.ndarray] = []
    for x, y in profiles:
        p = np.concatenate([x, y])
        if not any(np.abs(p - q).max() <= 1e-7 for q in kept):
            kept.append(p)
    return len(kept)


def case_uniform(size: int, *, repeat: int, nashpy_limit: float, small: int, seed: int = 1) -> Case:
    """A ``size``×``size`` game with uniform payoffs (nondegenerate): ours, QuantEcon, nashpy."""
    game = NormalFormGame(np.random.default_rng(seed).uniform(size=(2, size, size)))
    seconds, result = median_time(lambda: support_enumeration(game), repeat)
    points = profile_points(result)
    case = Case(f"{size}×{size} uniform payoffs (nondegenerate)", seconds, len(result))
    row, warmup = _quantecon(game, repeat)
    valid, wrong, ok = _among(points, _qe_profiles(game), game)
    row.agree = ok and valid == len(result)
    row.how += f"; numba warm-up {warmup:.3g} s excluded"
    case.rows.append(row)
    nash_seconds, eqs = _nashpy_in_subprocess(game, nashpy_limit)
    if nash_seconds is not None:
        valid, wrong, ok = _among(points, eqs, game)
        how = "one run"
        found = f"{valid} (+{wrong} failing the regret check)" if wrong else str(valid)
        case.rows.append(Row("nashpy support_enumeration", nash_seconds, found, ok, how))
    else:
        smaller = NormalFormGame(np.random.default_rng(seed).uniform(size=(2, small, small)))
        measured, _ = _nashpy_here(smaller)
        pairs = (2**size - 1) ** 2 / (2**small - 1) ** 2
        how = (
            f"did not finish in {nashpy_limit:.0f} s; extrapolated from {measured:.3g} s on a {small}×{small} game "
            f"× {pairs:.3g} (ratio of support pairs)"
        )
        case.rows.append(Row("nashpy support_enumeration", measured * pairs, "—", None, how))
    return case


def case_degenerate(size: int, *, repeat: int, gambit_rational: bool, seed: int = 1) -> Case:
    """A ``size``×``size`` game with payoffs in 0..3 (degenerate): ours exact and float, Gambit, QuantEcon."""
    game = NormalFormGame(np.random.default_rng(seed).integers(0, 4, size=(2, size, size)))
    seconds, result = median_time(lambda: support_enumeration(game), repeat)
    ours = {(e.profile.exact[0], e.profile.exact[1]) for e in result}
    case = Case(f"{size}×{size} integer payoffs 0..3 (degenerate), exact", seconds, len(result))
    fseconds, fresult = median_time(lambda: support_enumeration(game, exact=False), repeat)
    case.rows.append(
        Row(
            "ours, float mode",
            fseconds,
            str(len(fresult)),
            len(fresult) == len(result),
            f"median of {repeat}",
        )
    )
    gseconds, gprofiles = _gambit(game, rational=False)
    distinct = _distinct(gprofiles)
    valid, wrong, ok = _among(profile_points(result), gprofiles, game)
    found = f"{len(gprofiles)} ({distinct} distinct)" if distinct != len(gprofiles) else str(distinct)
    if wrong:
        found += f" (+{wrong} failing the regret check)"
    agree = ok and distinct == len(result)
    case.rows.append(
        Row("Gambit enummixed (float)", gseconds, found, agree, "one run; duplicates within 1e-7 merged")
    )
    if gambit_rational:
        rseconds, gset = _gambit(game, rational=True)
        case.rows.append(
            Row(
                "Gambit enummixed (rational)",
                rseconds,
                str(len(gset)),
                gset == ours,
                "one run; sets compared exactly",
            )
        )
    row, _ = _quantecon(game, repeat)
    valid, wrong, ok = _among(profile_points(result), _qe_profiles(game), game)
    row.found = f"{valid} of {len(result)}" + (f" (+{wrong} failing the regret check)" if wrong else "")
    row.agree = ok
    row.how += "; numba warm-up excluded; equal-size supports only, so it misses equilibria here"
    case.rows.append(row)
    return case


def case_stengel(*, repeat: int) -> Case:
    """Von Stengel's 6×6 game with 75 equilibria and payoffs up to 1.7e6."""
    game = stengel_game()
    seconds, result = median_time(lambda: support_enumeration(game), repeat)
    case = Case("von Stengel 6×6, 75 equilibria (payoffs to 1.7e6), exact", seconds, len(result))
    fseconds, fresult = median_time(lambda: support_enumeration(game, exact=False), repeat)
    case.rows.append(
        Row("ours, float mode", fseconds, str(len(fresult)), len(fresult) == 75, f"median of {repeat}")
    )
    nseconds, eqs = _nashpy_here(game)
    valid, wrong, ok = _among(profile_points(result), eqs, game)
    case.rows.append(
        Row(
            "nashpy support_enumeration",
            nseconds,
            f"{valid} (+{wrong} failing)" if wrong else str(valid),
            ok,
            "one run",
        )
    )
    row, _ = _quantecon(game, repeat)
    valid, wrong, ok = _among(profile_points(result), _qe_profiles(game), game)
    row.found = f"{valid}" + (f" (+{wrong} failing the regret check)" if wrong else "")
    row.agree = ok and valid == 75
    row.how += "; numba warm-up excluded"
    case.rows.append(row)
    gseconds, gset = _gambit(game, rational=True)
    ours = {(e.profile.exact[0], e.profile.exact[1]) for e in result}
    case.rows.append(Row("Gambit enummixed (rational)", gseconds, str(len(gset)), gset == ours, "one run"))
    return case




def run(*, quick: bool = False) -> str:
    """Run the cases (``quick``: small sizes, seconds) and return a Markdown section."""
    import nashpy
    import pygambit
    import quantecon

    repeat = 2 if quick else 5
    if quick:
        cases = [
            case_uniform(6, repeat=repeat, nashpy_limit=60, small=5),
            case_degenerate(7, repeat=repeat, gambit_rational=True),
            case_stengel(repeat=repeat),
        ]
    else:
        cases = [
            case_uniform(10, repeat=repeat, nashpy_limit=400, small=8),
            case_degenerate(10, repeat=repeat, gambit_rational=True),
            case_degenerate(12, repeat=repeat, gambit_rational=True),
            case_stengel(repeat=repeat),
        ]
    lines = [
        "## Support enumeration",
        "",
        f"nashpy {nashpy.__version__}, QuantEcon {quantecon.__version__}, pygambit {pygambit.__version__}; "
        "seeded games; ours is the median of "
        f'{repeat} runs. "agree": every peer profile passing a regret check (≤ 1e-8) is one of ours '
        "(and Gambit's exact set equals ours).",
        "",
        "| game | ours | equilibria | peer | peer time | peer / ours | found | agree | how |",
        "|---|---:|---:|---|---:|---:|---|---|---|",
    ]
    for case in cases:
        for r in case.rows:
            ratio = "—" if r.seconds is None else f"{r.seconds / case.ours:,.3g}×"
            agree = {True: "yes", False: "**NO**", None: "—"}[r.agree]
            lines.append(
                f"| {case.name} | {format_seconds(case.ours)} | {case.found} | {r.solver} | {format_seconds(r.seconds)} | "
                f"{ratio} | {r.found} | {agree} | {r.how} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(run(quick="--quick" in sys.argv))
