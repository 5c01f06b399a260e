"""The zero-sum LP: negotiate's ``zero_sum_lp`` against HiGHS called directly, scipy and nashpy.

"HiGHS directly" is ``highspy`` given the textbook LP (maximise ``v``
subject to ``Aᵀx ≥ v·1``, ``1ᵀx = 1``, ``x ≥ 0``) with its default settings,
as a user would write it; a second row gives HiGHS our own formulation
(payoffs scaled to ``[1, 2]``, ``min 1ᵀx'`` subject to ``Âᵀx' ≥ 1``) with our
solver choice, which isolates our overhead (building the LP, reading the
duals, computing the certificate on the whole game). Values are compared
(all equilibria of a zero-sum game pay the value). The 10⁴×10⁴ case runs in a
child process so its peak memory can be measured.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from collections.abc import Callable

import numpy as np

from benchmarks.timing import median_time
from games.normal_form import NormalFormGame
from solvers.nash.zero_sum_lp import zero_sum_lp

__all__ = ["run"]




def highspy_textbook(A: np.ndarray) -> float:
    """The value by the textbook LP in ``highspy`` with HiGHS's defaults."""
    import highspy
    from scipy import sparse

    m, n = A.shape
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = m + 1, n + 1
    lp.col_cost_ = np.r_[np.zeros(m), -1.0]
    lp.col_lower_ = np.r_[np.zeros(m), -inf]
    lp.col_upper_ = np.full(m + 1, inf)
    lp.row_lower_ = np.r_[np.full(n, -inf), 1.0]
    lp.row_upper_ = np.r_[np.zeros(n), 1.0]
    M = sparse.csc_array(np.vstack([np.hstack([-A.T, np.ones((n, 1))]), np.r_[np.ones(m), 0.0][None, :]]))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = M.indptr, M.indices, M.data
    h.passModel(lp)
    h.run()
    return float(-h.getInfo().objective_function_value)


def highspy_ours(A: np.ndarray, solver: str) -> float:
    """Our scaled formulation in ``highspy`` with our solver choice: the value only, no certificate."""
    import highspy
    from scipy import sparse

    m, n = A.shape
    lo, span = float(A.min()), float(np.ptp(A)) or 1.0
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", solver)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = m, n
    lp.col_cost_ = np.ones(m)
    lp.col_lower_, lp.col_upper_ = np.zeros(m), np.full(m, inf)
    lp.row_lower_, lp.row_upper_ = np.ones(n), np.full(n, inf)
    M = sparse.csc_array((A.T - lo) / span + 1.0)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = M.indptr, M.indices, M.data
    h.passModel(lp)
    h.run()
    total = float(h.getInfo().objective_function_value)
    return (1.0 / total - 1.0) * span + lo


def linprog_textbook(A: np.ndarray) -> float:
    from scipy.optimize import linprog

    m, n = A.shape
    res = linprog(
        np.r_[np.zeros(m), -1.0],
        A_ub=np.hstack([-A.T, np.ones((n, 1))]),
        b_ub=np.zeros(n),
        A_eq=np.r_[np.ones(m), 0.0][None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * m + [(None, None)],
        method="highs",
    )
    return float(-res.fun)


def nashpy_value(A: np.ndarray) -> float:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        x, y = nashpy.Game(A).linear_program()
    return float(x @ A @ y)


def case_random(size: int, *, repeat: int, with_nashpy: bool) -> list[str]:
    A = np.random.default_rng(size).uniform(-1, 1, size=(size, size))
    game = NormalFormGame.from_bimatrix(A) if size <= 300 else NormalFormGame(np.stack([A, -A]))
    seconds, result = median_time(lambda: zero_sum_lp(game), repeat)
    value = result.statistics["value"]
    solver = result.statistics["solver"]
    ours_row = (
        f"| {size}×{size} uniform | ours: `zero_sum_lp` ({solver}) | {seconds:.3g} s | 1 | {value:.12g} | — | "
        f"gap {result.statistics['duality_gap']:.2g}, max regret {result.max_regret:.2g}; median of {repeat} |"
    )
    rows = [ours_row]
    peers: list[tuple[str, Callable[[], float], str]] = [
        (
            "HiGHS directly (`highspy`, textbook LP, defaults)",
            lambda: highspy_textbook(A),
            f"median of {repeat}",
        ),
        (
            f"HiGHS directly (`highspy`, our formulation, {'ipm' if 'ipm' in solver else 'simplex'})",
            lambda: highspy_ours(A, "ipm" if "ipm" in solver else "simplex"),
            f"median of {repeat}; value only, no certificate",
        ),
        ("scipy `linprog(method='highs')`, textbook LP", lambda: linprog_textbook(A), f"median of {repeat}"),
    ]
    if with_nashpy:
        peers.append(("nashpy `linear_program`", lambda: nashpy_value(A), f"median of {repeat}"))
    span = float(np.ptp(A))
    for name, fn, how in peers:
        t, v = median_time(fn, repeat)
        agree = "yes" if abs(v - value) <= 1e-8 * span else "**NO**"
        rows.append(
            f"| {size}×{size} uniform | {name} | {t:.3g} s | {t / seconds:.3g}× | {v:.12g} | {agree} | {how} |"
        )
    return rows


_CHILD = """
import json, resource, sys, time
import numpy as np
from games.normal_form import NormalFormGame
from solvers.nash.zero_sum_lp import zero_sum_lp
n, k = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(0)
start = time.perf_counter()
P = np.empty((2, n, n))
P[0] = rng.random((n, n))
P[0, :k] += 1.0
P[0, :, k:] += 1.0
np.negative(P[0], out=P[1])
game = NormalFormGame(P)
del P
built = time.perf_counter() - start
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
result = zero_sum_lp(game)
solve = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
core = np.asarray(game.payoffs[0][:k, :k])
from scipy.optimize import linprog
m = k
res = linprog(np.r_[np.zeros(m), -1.0], A_ub=np.hstack([-core.T, np.ones((m, 1))]), b_ub=np.zeros(m),
              A_eq=np.r_[np.ones(m), 0.0][None, :], b_eq=[1.0], bounds=[(0, None)] * m + [(None, None)], method="highs")
print(json.dumps({"build": built, "solve": solve, "peak_kib_before": before, "peak_kib_after": after,
                  "value": result.statistics["value"], "core_value": -res.fun, "stats": result.statistics,
                  "regret": result.max_regret}))
"""


def case_huge(n: int, k: int = 30) -> list[str]:
    """A ``n``×``n`` game whose optimal strategies live on a ``k``×``k`` core, in a child process."""
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(n), str(k)],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    data = json.loads(proc.stdout)
    stats = data["stats"]
    how = (
        f"{stats['rounds']} rounds, restricted game {stats['restricted_shape'][0]}×{stats['restricted_shape'][1]}"
        if "rounds" in stats
        else stats["solver"]
    )
    agree = "yes" if abs(data["value"] - data["core_value"]) <= 1e-9 else "**NO**"
    return [
        f"| {n:,}×{n:,}, optimal strategies on a {k}×{k} core | ours: `zero_sum_lp` ({stats['formulation']}, {how}) | "
        f"{data['solve']:.3g} s | — | {data['value']:.12g} | {agree} (core LP) | building the game took "
        f"{data['build']:.3g} s; peak RSS {data['peak_kib_before'] / 2**20:.2f} GiB before the solve, "
        f"{data['peak_kib_after'] / 2**20:.2f} GiB after; max regret {data['regret']:.2g} |"
    ]


def run(*, quick: bool = False) -> str:
    """Run the cases (``quick``: small sizes) and return a Markdown section."""
    import highspy
    import scipy

    # imports and first calls (scipy.optimize, highspy, nashpy) are not timed
    warm = np.random.default_rng(0).uniform(-1, 1, size=(5, 5))
    zero_sum_lp(NormalFormGame.from_bimatrix(warm))
    highspy_textbook(warm)
    highspy_ours(warm, "simplex")
    linprog_textbook(warm)
    nashpy_value(warm)
    rows: list[str] = []
    if quick:
        rows += case_random(100, repeat=2, with_nashpy=True)
        rows += case_random(300, repeat=2, with_nashpy=False)
        rows += case_huge(3000)
    else:
        rows += case_random(200, repeat=5, with_nashpy=True)
        rows += case_random(1000, repeat=3, with_nashpy=False)
        rows += case_huge(10_000)
    version = getattr(highspy.Highs(), "version", lambda: "?")()
    header = [
        "## Zero-sum LP",
        "",
        f"scipy {scipy.__version__} (its bundled HiGHS), highspy {version}; seeded games with payoffs uniform "
        'in [−1, 1]. "ratio" is peer time / ours; "agree": the values match within 1e-8 of the payoff range.',
        "",
        "| game | solver | time | ratio | value | agree | how |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    return "\n".join(header + rows) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(run(quick="--quick" in sys.argv))
