"""All extreme equilibria of bimatrix games: ours against Gambit, QuantEcon and nashpy, in the same run.

Two cases, as issue 3 asks:

(a) 12×12 games with integer payoffs in 0..3: degenerate, with dozens of
    extreme equilibria and many ties. Goal: Gambit's exact set, in at most a
    tenth of Gambit's float time; exact mode in at most a tenth of Gambit's
    exact time.
(b) 15×15 games with uniform random float payoffs. Goal: complete, in no
    more than QuantEcon's time.

What each peer runs (each gets its game object built outside the timer):

* **Gambit** ``pygambit.nash.enummixed_solve(game, rational=False/True)``.
  Its float run is repeated; its exact run, which takes about a minute on
  case (a), runs once on the first game. On case (b) it runs once, in a
  subprocess stopped after :data:`PEER_LIMIT` seconds.
* **QuantEcon** ``quantecon.game_theory.vertex_enumeration(g)`` (qhull on the
  polar polytopes, floats, documented for nondegenerate games). Warmed up on a
  tiny game first, so its numba compilation (several seconds) is excluded.
* **nashpy** ``Game.vertex_enumeration()``: once, in a subprocess stopped
  after :data:`PEER_LIMIT` seconds (it does not finish on these sizes).

Agreement: our exact set must equal Gambit's exact set (as Fractions) where
Gambit's exact run is made, and Gambit's float set (within 1e-6) otherwise.
For QuantEcon we report how many of its profiles are equilibria (regret at
most 1e-8), whether all of those are among ours, and how many of ours it
misses. Times are medians of :data:`REPEAT` runs (fewer for the slow peers,
as stated in the table).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from benchmarks.timing import format_seconds, median_time, profile_points
from games.normal_form import NormalFormGame
from solvers.nash.vertex_enumeration import vertex_enumeration

__all__ = ["run", "PEER_LIMIT", "REPEAT"]

#: Seconds after which a peer run in a subprocess is stopped.
PEER_LIMIT = 60.0
#: Runs whose median is reported (ours, QuantEcon, Gambit float).
REPEAT = 5


@dataclass
class Row:
    """One peer on one game."""

    peer: str
    seconds: float | None
    how: str
    found: int | None = None
    agree: str = "—"


@dataclass
class Game:
    """One benchmark game with our timings and the peers'."""

    name: str
    game: NormalFormGame
    equilibria: int = 0
    ours_float: float = math.nan
    ours_exact: float | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)






def _matches(ours: np.ndarray, theirs: list[np.ndarray], atol: float = 1e-6) -> tuple[int, int]:
    """(how many of theirs are among ours, how many of ours none of theirs matches)."""
    if not len(theirs):
        return 0, len(ours)
    T = np.array(theirs)
    if not len(ours):
        return 0, 0
    close = np.abs(ours[:, None, :] - T[None, :, :]).max(axis=2) <= atol
    return int(close.any(axis=0).sum()), int((~close.any(axis=1)).sum())


# ---------------------------------------------------------------------------------------- peers
def _gambit_game(game: NormalFormGame) -> Any:
    import pygambit as gbt

    ints = game.exact_integer_payoffs()
    if ints is not None:
        A, B = ([[int(v) for v in row] for row in ints[0][i]] for i in range(2))
    else:
        A, B = (game.payoffs[i].tolist() for i in range(2))
    return gbt.Game.from_arrays(A, B)


def _gambit(game: NormalFormGame, *, rational: bool, repeat: int) -> tuple[float, list[Any]]:
    import pygambit as gbt

    g = _gambit_game(game)
    seconds, result = median_time(lambda: gbt.nash.enummixed_solve(g, rational=rational), repeat)
    profiles = [[eq[s] for p in g.players for s in p.strategies] for eq in result.equilibria]
    return seconds, profiles


def _quantecon_profiles(game: NormalFormGame, repeat: int) -> tuple[float, list[np.ndarray]]:
    import quantecon.game_theory as qe

    tiny = qe.NormalFormGame((qe.Player(np.eye(2)), qe.Player(np.eye(2))))
    qe.vertex_enumeration(tiny)  # numba compilation, excluded
    A, B = (np.asarray(game.payoffs[i]) for i in range(2))
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    seconds, found = median_time(lambda: qe.vertex_enumeration(g), repeat)
    return seconds, [np.concatenate([x, y]) for x, y in found]


_SUBPROCESS = """
import json, sys, time, warnings
data = json.load(sys.stdin)
A, B = data["A"], data["B"]
if data["peer"] == "nashpy":
    import numpy as np, nashpy
    game = nashpy.Game(np.array(A, dtype=float), np.array(B, dtype=float))
    warnings.simplefilter("ignore")
    start = time.perf_counter()
    found = list(game.vertex_enumeration())
else:
    import pygambit as gbt
    game = gbt.Game.from_arrays(A, B)
    start = time.perf_counter()
    found = gbt.nash.enummixed_solve(game, rational=data["peer"] == "gambit-exact").equilibria
print(json.dumps({"seconds": time.perf_counter() - start, "found": len(found)}))
"""


def _in_subprocess(peer: str, game: NormalFormGame, limit: float) -> tuple[float | None, int | None]:
    """Run a peer on ``game`` in a fresh process; ``(None, None)`` if stopped at ``limit`` seconds."""
    ints = game.exact_integer_payoffs()
    if ints is not None:
        A, B = (ints[0][i].tolist() for i in range(2))
    else:
        A, B = (game.payoffs[i].tolist() for i in range(2))
    payload = json.dumps({"peer": peer, "A": A, "B": B})
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _SUBPROCESS],
            input=payload,
            capture_output=True,
            text=True,
            timeout=limit + 15,  # start-up and imports are not part of the limit
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, None
    if proc.returncode != 0:
        return None, None
    out = json.loads(proc.stdout)
    if out["seconds"] > limit:
        return None, None
    return float(out["seconds"]), int(out["found"])


def _installed(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


# ---------------------------------------------------------------------------------------- cases
def _ours(case: Game, *, exact: bool, repeat: int) -> None:
    case.ours_float, result = median_time(lambda: vertex_enumeration(case.game), repeat)
    case.equilibria = len(result)
    case.stats = {k: result.statistics[k] for k in ("vertices_P", "bases_P", "vertices_Q", "bases_Q")}
    case.stats["subsets"] = len(result.statistics["maximal_nash_subsets"])
    case.stats["components"] = len(result.statistics["components"])
    if exact:
        case.ours_exact, _ = median_time(lambda: vertex_enumeration(case.game, exact=True), repeat)


def _add_quantecon(case: Game, ours: np.ndarray, repeat: int) -> None:
    if not _installed("quantecon"):
        case.rows.append(Row("QuantEcon vertex_enumeration", None, "not installed"))
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seconds, found = _quantecon_profiles(case.game, repeat)
    good = [f for f in found if _is_equilibrium(case.game, f)]
    matched, missed = _matches(ours, good)
    agree = f"{len(good)} of its {len(found)} are equilibria, {matched} of them ours; misses {missed} of ours"
    case.rows.append(
        Row("QuantEcon vertex_enumeration", seconds, f"median of {repeat}, warm", len(found), agree)
    )


def _is_equilibrium(game: NormalFormGame, profile: np.ndarray) -> bool:
    m = game.shape[0]
    x, y = profile[:m], profile[m:]
    if not (np.all(np.isfinite(profile)) and abs(x.sum() - 1) < 1e-9 and abs(y.sum() - 1) < 1e-9):
        return False
    return game.max_regret([x, y]) <= 1e-8


def _distinct(profiles: list[np.ndarray], atol: float = 1e-6) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for p in profiles:
        if not any(np.abs(p - q).max() <= atol for q in out):
            out.append(p)
    return out


def _add_gambit_float(case: Game, ours: np.ndarray, repeat: int) -> None:
    seconds, profiles = _gambit(case.game, rational=False, repeat=repeat)
    listed = [np.array([float(v) for v in p]) for p in profiles]
    theirs = _distinct(listed)
    matched, missed = _matches(ours, theirs)
    same = matched == len(theirs) == len(ours) and missed == 0
    agree = "same set (±1e-6)" if same else f"**differs**: {matched} of its matched, {missed} of ours missing"
    if len(listed) > len(theirs):
        agree += f"; it lists {len(listed) - len(theirs)} of them twice"
    how = f"median of {repeat}" if repeat > 1 else "1 run"
    case.rows.append(Row("Gambit enummixed (float)", seconds, how, len(listed), agree))


def _add_gambit_exact(case: Game, exact_set: set[tuple[Fraction, ...]]) -> None:
    seconds, profiles = _gambit(case.game, rational=True, repeat=1)
    theirs = {tuple(Fraction(str(v)) for v in p) for p in profiles}
    case.rows.append(
        Row(
            "Gambit enummixed (exact)",
            seconds,
            "1 run",
            len(theirs),
            "same exact set" if theirs == exact_set else "**differs**",
        )
    )


def case_degenerate(
    size: int, seeds: list[int], *, repeat: int, gambit_exact_games: int, limit: float
) -> list[Game]:
    """(a) ``size``×``size`` games with integer payoffs in 0..3."""
    cases = []
    for k, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        game = NormalFormGame.from_bimatrix(
            rng.integers(0, 4, (size, size)), rng.integers(0, 4, (size, size))
        )
        case = Game(f"{size}×{size}, payoffs 0..3, seed {seed}", game)
        _ours(case, exact=True, repeat=repeat)
        ours = profile_points(vertex_enumeration(game))
        if _installed("pygambit"):
            _add_gambit_float(case, ours, max(1, repeat - 2) if k == 0 else 1)
            if k < gambit_exact_games:
                exact = vertex_enumeration(game, exact=True)
                _add_gambit_exact(case, {tuple(p for v in e.profile.exact or () for p in v) for e in exact})
        else:
            case.rows.append(Row("Gambit enummixed", None, "pygambit not installed"))
        _add_quantecon(case, ours, repeat)
        if k == 0:
            seconds, found = _in_subprocess("nashpy", game, limit)
            how = "1 run" if seconds is not None else f"stopped after {limit:.0f} s"
            case.rows.append(Row("nashpy vertex_enumeration", seconds, how, found))
        cases.append(case)
    return cases


def case_uniform(size: int, seeds: list[int], *, repeat: int, limit: float) -> list[Game]:
    """(b) ``size``×``size`` games with uniform float payoffs."""
    cases = []
    for k, seed in enumerate(seeds):
        rng = np.random.default_rng(seed)
        game = NormalFormGame.from_bimatrix(rng.random((size, size)), rng.random((size, size)))
        case = Game(f"{size}×{size}, uniform floats, seed {seed}", game)
        _ours(case, exact=False, repeat=repeat)
        ours = profile_points(vertex_enumeration(game))
        _add_quantecon(case, ours, max(1, repeat - 2))
        if k == 0 and _installed("pygambit"):
            seconds, found = _in_subprocess("gambit-float", game, limit)
            how = "1 run" if seconds is not None else f"stopped after {limit:.0f} s"
            row = Row("Gambit enummixed (float)", seconds, how, found)
            if found is not None:
                row.agree = "same count" if found == len(ours) else "**differs**"
            case.rows.append(row)
        cases.append(case)
    return cases


# ---------------------------------------------------------------------------------------- report


def _table(cases: list[Game], *, exact: bool) -> list[str]:
    lines = [
        "| game | extreme eq. (subsets, components) | bases P / Q | ours float"
        + (" | ours exact" if exact else "")
        + " | peer | peer time | peer / ours | found | agreement | how the peer was timed |",
        "|---|---|---|---:" + ("|---:" if exact else "") + "|---|---:|---:|---:|---|---|",
    ]
    for c in cases:
        for r in c.rows:
            ref = c.ours_exact if (exact and "exact" in r.peer and c.ours_exact) else c.ours_float
            ratio = "—" if r.seconds is None else f"{r.seconds / ref:,.1f}×"
            if r.seconds is None and r.how.startswith("stopped"):
                ratio = f"> {PEER_LIMIT / ref:,.0f}×"
            cells = [
                c.name,
                f"{c.equilibria} ({c.stats.get('subsets')}, {c.stats.get('components')})",
                f"{c.stats.get('bases_P'):,} / {c.stats.get('bases_Q'):,}",
                format_seconds(c.ours_float),
            ]
            if exact:
                cells.append(format_seconds(c.ours_exact))
            cells += [
                r.peer,
                format_seconds(r.seconds)
                if r.seconds is not None
                else ("timeout" if r.how.startswith("stopped") else "—"),
                ratio,
                "—" if r.found is None else str(r.found),
                r.agree,
                r.how,
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return lines


def _ratios(cases: list[Game], peer: str, *, exact: bool = False) -> list[float]:
    out = []
    for c in cases:
        ours = c.ours_exact if exact else c.ours_float
        for r in c.rows:
            if r.peer == peer and ours:
                out.append(
                    PEER_LIMIT / ours
                    if r.seconds is None and r.how.startswith("stopped")
                    else r.seconds / ours
                    if r.seconds
                    else math.nan
                )
    return [x for x in out if not math.isnan(x)]


def _summary(deg: list[Game], uni: list[Game]) -> list[str]:
    """The issue's goals against the measured ratios (peer time / ours; higher is better)."""

    def span(values: list[float]) -> str:
        if not values:
            return "not measured"
        return f"{min(values):,.1f}×" if len(values) == 1 else f"{min(values):,.1f}–{max(values):,.1f}×"

    return [
        "Goals of issue 3 and the ratios measured here (peer time / ours):",
        "",
        f"* degenerate games, float: Gambit float / ours = {span(_ratios(deg, 'Gambit enummixed (float)'))} "
        "(goal ≥ 10×), with Gambit's exact set;",
        f"* degenerate games, exact: Gambit exact / ours exact = "
        f"{span(_ratios(deg, 'Gambit enummixed (exact)', exact=True))} (goal ≥ 10×);",
        f"* uniform games: QuantEcon / ours = {span(_ratios(uni, 'QuantEcon vertex_enumeration'))} (goal ≥ 1×), "
        "complete.",
    ]


def run(*, quick: bool = False) -> str:
    """Run both cases and return the Markdown section (``quick``: small sizes, a smoke test)."""
    from benchmarks.bench_pure import machine

    info = machine()
    versions = dict(info["versions"])
    for name in ("pygambit",):
        try:
            versions[name] = __import__(name).__version__
        except ImportError:
            versions[name] = "not installed"
    if quick:
        limit = 5.0
        deg = case_degenerate(7, [0], repeat=2, gambit_exact_games=1, limit=limit)
        uni = case_uniform(8, [0], repeat=2, limit=limit)
    else:
        limit = PEER_LIMIT
        deg = case_degenerate(12, [0, 1, 2], repeat=REPEAT, gambit_exact_games=1, limit=limit)
        uni = case_uniform(15, [0, 1, 2], repeat=REPEAT, limit=limit)
    lines = [
        "## Vertex enumeration: every extreme equilibrium",
        "",
        *_summary(deg, uni),
        "",
        f"Measured {info['date']} on {info['cpu']}, {info['cores']} cores, {info['system']}; "
        f"Python {versions['python']}, numpy {versions['numpy']}, pygambit {versions['pygambit']}, "
        f"QuantEcon {versions['quantecon']}, nashpy {versions['nashpy']}. "
        "Wall-clock times; ours are medians of "
        f"{2 if quick else REPEAT} runs of `vertex_enumeration` (float output, and `exact=True`: Fractions "
        "with regret proved 0). Ratios are the peer's time over ours (exact against exact). "
        "QuantEcon's numba compilation is excluded (warm-up call). Subsets and components are the "
        "maximal Nash subsets and connected components (`statistics`).",
        "",
        "### (a) degenerate games: integer payoffs in 0..3",
        "",
        *_table(deg, exact=True),
        "",
        "### (b) uniform random payoffs",
        "",
        *_table(uni, exact=False),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(run(quick="--quick" in sys.argv))
