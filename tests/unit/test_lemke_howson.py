"""Lemke–Howson: known answers, degenerate games, exact mode, racing, limits and bad input."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import solvers.nash.lemke_howson as lh_module
from games import library
from games.errors import ConvergenceError, GameTooLargeError, InputError, UnsupportedGameError
from games.normal_form import NormalFormGame
from games.rationals import parse_rational
from solvers.nash.complementary_pivoting import PivotError, PolytopeBasis, integer_inverse
from solvers.nash.lemke_howson import lemke_howson, lemke_howson_all, race_labels
from solvers.results import STATUS_OK, STATUS_TIMEOUT

F = Fraction


def exact_game(A: list[list[object]], B: list[list[object]]) -> NormalFormGame:
    """A bimatrix game whose decimal entries (strings or numbers) are kept exactly."""
    return NormalFormGame.from_bimatrix(
        [[parse_rational(str(v)) for v in row] for row in A],
        [[parse_rational(str(v)) for v in row] for row in B],
    )


def profile(result, k=0):  # type: ignore[no-untyped-def]
    """The exact strategy vectors of the ``k``-th equilibrium of ``result``."""
    exact = result[k].profile.exact
    assert exact is not None
    return tuple(tuple(v) for v in exact)


# nashpy issue #83: a nondegenerate 8x2 game on which nashpy's Lemke–Howson fails for label 9
NASHPY_83_A = [
    [9.5, -7.8],
    [-9.6, 0.3],
    [-7.1, -1.4],
    [5.9, 7.6],
    [9, 0.3],
    [7.5, 6.9],
    [-3.1, 3.6],
    [-8.4, -3.7],
]
NASHPY_83_B = [[0.2, 0.6], [0.4, 0.1], [0.9, 0], [0.4, 0.1], [0.1, 0.2], [0.2, 0.1], [0.8, 1], [0.2, 0.4]]
NASHPY_83_EQ = ((F(0), F(0), F(0), F(0), F(1, 2), F(1, 2), F(0), F(0)), (F(22, 27), F(5, 27)))

# nashpy issue #64: a nondegenerate 3x2 game with three equilibria, the middle one reached only from another
NASHPY_64 = ([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
PURE_64 = ((F(1), F(0), F(0)), (F(1), F(0)))
MIXED_64 = ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))
MIDDLE_64 = ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3)))


# ---------------------------------------------------------------------- known answers
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        pytest.param(library.matching_pennies, ((F(1, 2),) * 2, (F(1, 2),) * 2), id="matching-pennies"),
        pytest.param(library.rock_paper_scissors, ((F(1, 3),) * 3, (F(1, 3),) * 3), id="rps"),
        pytest.param(library.shapley_game, ((F(1, 3),) * 3, (F(1, 3),) * 3), id="shapley"),
        pytest.param(library.prisoners_dilemma, ((F(0), F(1)), (F(0), F(1))), id="prisoners-dilemma"),
    ],
)
def test_unique_equilibrium_from_every_label(make, expected):  # type: ignore[no-untyped-def]
    game = make()
    m, n = game.shape
    for label in range(m + n):
        exact = lemke_howson(game, initial_label=label, exact=True)
        assert profile(exact) == expected
        assert exact[0].exact_regret == 0
        assert exact.statistics["label"] == label
        floating = lemke_howson(game, initial_label=label)
        for vec, want in zip(floating[0].profile.strategies, expected):
            np.testing.assert_allclose(vec, [float(p) for p in want], atol=1e-12)
        assert floating[0].max_regret <= floating.parameters["tol"]


def test_battle_of_the_sexes_labels():
    game = library.battle_of_the_sexes()
    assert [lemke_howson(game, initial_label=k, exact=True)[0].pure_labels() for k in range(4)] == [
        ("Opera", "Opera"),
        ("Football", "Football"),
        ("Opera", "Opera"),
        ("Football", "Football"),
    ]
    everything = lemke_howson_all(game, exact=True)
    assert {profile(everything, k) for k in range(len(everything))} == {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    }
    assert everything.scope == "lh-accessible" and not everything.complete
    # the mixed equilibrium is reached only from a pure one: not from the artificial equilibrium
    assert sorted(everything.statistics["reached"].values()) == [0, 0, 1, 1]


@pytest.mark.parametrize("label", range(10))
def test_nashpy_issue_83_every_label(label):
    """nashpy's Lemke–Howson finds nothing with label 9 on this nondegenerate game; we find the equilibrium."""
    game = exact_game(NASHPY_83_A, NASHPY_83_B)
    assert profile(lemke_howson(game, initial_label=label, exact=True)) == NASHPY_83_EQ
    floating = lemke_howson(
        NormalFormGame.from_bimatrix(np.array(NASHPY_83_A), np.array(NASHPY_83_B)), initial_label=label
    )
    np.testing.assert_allclose(
        floating[0].profile.strategies[0], [float(p) for p in NASHPY_83_EQ[0]], atol=1e-12
    )
    np.testing.assert_allclose(
        floating[0].profile.strategies[1], [float(p) for p in NASHPY_83_EQ[1]], atol=1e-12
    )


@pytest.mark.parametrize(
    ("label", "expected"),
    [(0, PURE_64), (1, MIXED_64), (2, PURE_64), (3, PURE_64), (4, MIXED_64)],
)
def test_nashpy_issue_64_labels(label, expected):  # type: ignore[no-untyped-def]
    game = NormalFormGame.from_bimatrix(*NASHPY_64)
    assert profile(lemke_howson(game, initial_label=label, exact=True)) == expected


def test_nashpy_issue_64_middle_equilibrium_needs_recursion():
    """nashpy's lemke_howson_enumeration misses the middle equilibrium; following labels from equilibria finds it."""
    game = NormalFormGame.from_bimatrix(*NASHPY_64)
    shallow = lemke_howson_all(game, exact=True, recursive=False)
    assert {profile(shallow, k) for k in range(len(shallow))} == {PURE_64, MIXED_64}
    assert shallow.scope == "lh-labels"
    deep = lemke_howson_all(game, exact=True)
    assert {profile(deep, k) for k in range(len(deep))} == {PURE_64, MIXED_64, MIDDLE_64}
    floating = lemke_howson_all(game)
    assert len(floating) == 3 and floating.max_regret <= floating.parameters["tol"]


def test_coordination_game_all_equilibria_accessible():
    """The n×n coordination game has 2^n - 1 equilibria, all reached by Lemke–Howson paths."""
    for n in (2, 3, 4):
        game = NormalFormGame.from_bimatrix(np.eye(n, dtype=np.int64), np.eye(n, dtype=np.int64))
        result = lemke_howson_all(game, exact=True)
        assert len(result) == 2**n - 1
        assert all(e.exact_regret == 0 for e in result)


# ---------------------------------------------------------------------- degenerate games
DEGENERATE = {
    "all-zero": ([[0, 0, 0]] * 3, [[0, 0, 0]] * 3),
    "ties": ([[1, 3, 3], [3, 1, 3], [1, 3, 3]], [[3, 3, 1], [1, 1, 3], [3, 1, 3]]),
    "nashpy-35": ([[-1, -1, -1], [0, 0, 0], [-1, -1, -10000]], [[-1, -1, -1], [0, 0, 0], [-1, -1, -10000]]),
    "nashpy-82": (
        [[0, 0, -6, 0, 0], [0, 0, -3, -2, -1], [-4, -3, 0, 0, -1]],
        [[-3, 0, -2, -1, 0], [0, -2, 0, 0, -4], [-4, 0, -2, -4, -4]],
    ),
    "nashpy-231": (
        [
            [0, -1, -1, -1, 1, -1],
            [1, 0, 1, -1, -1, -1],
            [1, -1, 0, -1, -1, 1],
            [1, 1, 1, 0, -1, -1],
            [-1, 1, 1, 1, 0, -1],
            [1, 1, -1, 1, 1, 0],
        ],
        None,
    ),
    "identical-rows": ([[2, 0], [2, 0], [0, 1]], [[1, 0], [1, 0], [0, 2]]),
}


@pytest.mark.parametrize("name", sorted(DEGENERATE))
def test_degenerate_games_every_label(name):  # type: ignore[no-untyped-def]
    A, B = DEGENERATE[name]
    game = NormalFormGame.from_bimatrix(A, B)
    m, n = game.shape
    for label in range(m + n):
        exact = lemke_howson(game, initial_label=label, exact=True)
        assert exact[0].exact_regret == 0
        floating = lemke_howson(game, initial_label=label)
        assert floating[0].max_regret <= floating.parameters["tol"]
    everything = lemke_howson_all(game, exact=True)
    assert len(everything) >= 1 and all(e.exact_regret == 0 for e in everything)


def test_nashpy_issue_82_reaches_five_extreme_equilibria():
    """Gambit's lcp_solve also reports 5 of this game's 8 extreme equilibria."""
    A, B = DEGENERATE["nashpy-82"]
    result = lemke_howson_all(NormalFormGame.from_bimatrix(A, B), exact=True)
    assert len(result) == 5
    assert ((F(1, 3), F(1, 2), F(1, 6)), (F(0), F(4, 9), F(2, 9), F(1, 3), F(0))) in {
        profile(result, k) for k in range(len(result))
    }


def test_nashpy_issue_231_zero_sum():
    A, _ = DEGENERATE["nashpy-231"]
    result = lemke_howson(NormalFormGame.from_bimatrix(A), exact=True)
    assert result[0].exact_regret == 0
    assert result[0].payoffs == (0.0, 0.0)


# ---------------------------------------------------------------------- exact mode, floats, large games
def test_exact_mode_on_fractions():
    game = NormalFormGame.from_bimatrix(
        [[F(1, 3), F(2, 7)], [F(0), F(5, 4)]], [[F(1, 2), F(0)], [F(1, 9), F(3, 2)]]
    )
    result = lemke_howson(game, exact=True)
    assert result[0].exact and result.parameters["exact"] is True
    assert all(isinstance(p, Fraction) for vec in result[0].profile.exact for p in vec)


def test_float_mode_is_scale_free():
    """Tolerances are relative: the same game scaled by 1e-8 or 1e8 gives the same equilibrium."""
    rng = np.random.default_rng(3)
    A, B = rng.random((6, 7)), rng.random((6, 7))
    base = lemke_howson(NormalFormGame.from_bimatrix(A, B))[0].profile.strategies
    for scale in (1e-8, 1e8):
        other = lemke_howson(NormalFormGame.from_bimatrix(A * scale, B * scale))
        assert other[0].max_regret <= other.parameters["tol"]
        for u, v in zip(base, other[0].profile.strategies):
            np.testing.assert_allclose(u, v, atol=1e-9)


def test_large_uniform_game_1000():
    """A 1000×1000 game with uniform payoffs goes through (racing labels); the equilibrium is verified."""
    rng = np.random.default_rng(1)
    game = NormalFormGame.from_bimatrix(rng.random((1000, 1000)), rng.random((1000, 1000)))
    result = lemke_howson(game)
    assert result.status == STATUS_OK
    assert result[0].max_regret <= result.parameters["tol"]
    stats = result.statistics
    assert stats["label"] in stats["labels"]
    assert stats["total_pivots"] == sum(stats["pivots"].values())


def test_integer_game_exact_300():
    """Exact integer pivoting on a 300×300 game with payoffs in 0..999: regret proved 0."""
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.integers(0, 1000, (300, 300)), rng.integers(0, 1000, (300, 300)))
    result = lemke_howson(game, exact=True)
    assert result[0].exact_regret == 0


@pytest.mark.slow
def test_integer_game_exact_1000():
    """Exact integer pivoting on a 1000×1000 game (about 10 s: marked slow)."""
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(
        rng.integers(0, 1000, (1000, 1000)), rng.integers(0, 1000, (1000, 1000))
    )
    result = lemke_howson(game, exact=True)
    assert result[0].exact_regret == 0


# ---------------------------------------------------------------------- racing
def test_race_labels_order():
    assert race_labels(3, 2, 0, 5) == [0, 3, 1, 4, 2]
    assert race_labels(2, 3, 3, 5) == [3, 0, 2, 1, 4]
    assert race_labels(2, 2, 1, 1) == [1]


def test_racing_reports_winner_and_pivots():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.random((60, 60)), rng.random((60, 60)))
    raced = lemke_howson(game, race=8)
    stats = raced.statistics
    assert len(stats["labels"]) == 8 and stats["labels"][0] == 0
    assert stats["label"] in stats["labels"]
    single = lemke_howson(game, race=1, initial_label=stats["label"])
    assert single.statistics["pivots"] == {stats["label"]: stats["pivots"][stats["label"]]}
    np.testing.assert_allclose(single[0].profile.strategies[0], raced[0].profile.strategies[0])
    everything = lemke_howson(game, race="all")
    assert everything[0].max_regret <= everything.parameters["tol"]


def test_auto_race_small_games_follow_the_initial_label():
    game = library.battle_of_the_sexes()
    assert lemke_howson(game, initial_label=1).statistics["labels"] == [1]


# ---------------------------------------------------------------------- verification and fallbacks
def _spoil(monkeypatch):  # type: ignore[no-untyped-def]
    """Make every float path end at a wrong profile (player 1 plays strategy 1), as rounding might."""

    def wrong(P, Q):  # type: ignore[no-untyped-def]
        x = np.zeros(P.q)
        x[0] = 1.0
        y = np.zeros(Q.q)
        y[0] = 1.0
        return [x, y]

    monkeypatch.setattr(lh_module, "_float_vectors", wrong)


def test_spoiled_float_path_repaired_exactly(monkeypatch):
    _spoil(monkeypatch)
    result = lemke_howson(library.shapley_game())
    assert result.statistics["verified_by"] == "exact basis"
    assert result[0].max_regret <= result.parameters["tol"] or result[0].exact_regret == 0
    np.testing.assert_allclose(result[0].profile.strategies[0], [1 / 3] * 3)


def test_spoiled_float_path_of_a_float_game_repaired_in_binary_fractions(monkeypatch):
    _spoil(monkeypatch)
    game = NormalFormGame.from_bimatrix(
        np.array([[1.5, 0.0], [0.0, 1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])
    )
    result = lemke_howson(game)
    assert result.statistics["verified_by"] == "exact basis"
    np.testing.assert_allclose(result[0].profile.strategies[0], [0.5, 0.5])
    np.testing.assert_allclose(result[0].profile.strategies[1], [0.4, 0.6])


def test_unrepairable_paths_raise(monkeypatch):
    _spoil(monkeypatch)
    monkeypatch.setattr(lh_module, "_exact_vectors", lambda P, Q: None)
    with pytest.raises(ConvergenceError, match="no verified equilibrium"):
        lemke_howson(library.shapley_game())


def test_nearly_tied_float_payoffs():
    """Payoff differences at 1e-9 of the payoff range: a float near-tie is decided exactly."""
    payoffs = [
        [[0.0, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]],
        [[0.001, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [170491.0, -121670.0]],
    ]
    game = NormalFormGame(np.array(payoffs))
    for label in range(7):
        result = lemke_howson(game, initial_label=label, race=1)
        assert result[0].max_regret <= result.parameters["tol"]


def test_lemke_howson_all_drops_unverified(monkeypatch):
    _spoil(monkeypatch)
    monkeypatch.setattr(lh_module, "_exact_vectors", lambda P, Q: None)
    result = lemke_howson_all(library.matching_pennies())
    assert len(result) == 0 and result.statistics["dropped"] >= 1


def test_tolerance_zero_accepts_proved_equilibria():
    result = lemke_howson(library.shapley_game(), tol=0.0)
    assert result[0].max_regret == 0.0 or result[0].exact_regret == 0


# ---------------------------------------------------------------------- limits
def test_pivot_limit_raises():
    with pytest.raises(ConvergenceError, match="pivot limit") as info:
        lemke_howson(library.matching_pennies(), max_pivots=1, race=1)
    assert info.value.iterations == 1


def test_pivot_limit_in_lemke_howson_all():
    result = lemke_howson_all(library.matching_pennies(), max_pivots=1)
    assert result.status == lh_module.STATUS_PIVOT_LIMIT and len(result) == 0


def test_timeout_returns_empty_timeout_status():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(rng.random((200, 200)), rng.random((200, 200)))
    # label 0's path on this game is 21,534 pivots long
    result = lemke_howson(game, race=1, timeout=0.02)
    assert result.status == STATUS_TIMEOUT and len(result) == 0 and not result.complete
    everything = lemke_howson_all(game, timeout=0.02)
    assert everything.status == STATUS_TIMEOUT


def test_memory_guard():
    with pytest.raises(GameTooLargeError, match="max_bytes") as info:
        lemke_howson(library.matching_pennies(), max_bytes=10)
    assert info.value.estimate["bytes"] > 10


# ---------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"initial_label": 4}, "initial_label must be an integer in 0..3"),
        ({"initial_label": -1}, "initial_label"),
        ({"initial_label": 1.0}, "initial_label"),
        ({"race": 0}, "race must be"),
        ({"race": "fast"}, "race must be"),
        ({"timeout": 0}, "timeout must be"),
        ({"max_pivots": 0}, "max_pivots must be"),
        ({"tol": -1.0}, "tol must be"),
    ],
)
def test_bad_arguments(kwargs, match):  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=match):
        lemke_howson(library.matching_pennies(), **kwargs)


def test_three_players_refused():
    with pytest.raises(UnsupportedGameError, match="3 players"):
        lemke_howson(library.mckelvey_mclennan_2x2x2())
    with pytest.raises(UnsupportedGameError, match="3 players"):
        lemke_howson_all(library.mckelvey_mclennan_2x2x2())


def test_exact_needs_exact_payoffs():
    game = NormalFormGame.from_bimatrix(
        np.array([[0.5, 0.1], [0.2, 0.3]]), np.array([[0.1, 0.5], [0.3, 0.2]])
    )
    with pytest.raises(UnsupportedGameError, match="exact=True needs exact payoffs"):
        lemke_howson(game, exact=True)
    forced = NormalFormGame(game.payoffs, exact=True)
    assert lemke_howson(forced, exact=True)[0].exact_regret == 0


# ---------------------------------------------------------------------- the pivoting machinery
def test_integer_inverse():
    rng = np.random.default_rng(5)
    for _ in range(50):
        k = int(rng.integers(1, 6))
        M = rng.integers(-4, 5, (k, k))
        det = round(float(np.linalg.det(M)))
        if det == 0:
            with pytest.raises(ZeroDivisionError):
                integer_inverse(M)
            continue
        adj, d = integer_inverse(M)
        assert d == abs(det)
        product = np.array(M.tolist(), dtype=object).dot(adj)
        assert (product == d * np.eye(k, dtype=np.int64)).all()


@pytest.mark.parametrize("exact", [False, True])
def test_basis_inverse_stays_consistent(exact):
    """After every pivot the kept inverse (or adjugate/determinant) matches C[R, S]."""
    rng = np.random.default_rng(11)
    for _ in range(20):
        m, n = (int(v) for v in rng.integers(2, 6, 2))
        A, B = rng.integers(1, 5, (m, n)), rng.integers(1, 5, (m, n))
        if exact:
            CQ, CP = np.array(A.tolist(), dtype=object), np.array(B.T.tolist(), dtype=object)
        else:
            CQ, CP = A.astype(float), B.T.astype(float)
        for label in range(m + n):
            P, Q = PolytopeBasis(CP, 0, m, exact=exact), PolytopeBasis(CQ, m, 0, exact=exact)
            side, entering = (P if label < m else Q), label
            for _ in range(500):
                leaving = side.pivot(entering)
                k = side.k
                M = side.C[np.ix_(side.R[:k], side.S[:k])]
                if k:
                    product = M.dot(side.inv[:k, :k])
                    want = side.det * np.eye(k)
                    if exact:
                        assert (product == want).all()
                    else:
                        np.testing.assert_allclose(product.astype(float), want, atol=1e-9)
                if leaving == label:
                    break
                entering = leaving
                side = Q if side is P else P
            else:  # pragma: no cover - a failure: every path must end
                pytest.fail(f"label {label} did not terminate")


def test_float_cycling_is_detected(monkeypatch):
    """A float path that returns to a state it left (which rounding could cause) is stopped, not looped."""
    monkeypatch.setattr(PolytopeBasis, "pivot", lambda self, label: 1)
    game = NormalFormGame.from_bimatrix(np.array([[1.5, 0.0], [0.0, 1.0]]), np.eye(2))
    problem = lh_module._problem(game, exact=False, tol=1e-9)
    path = lh_module._Path(problem, 0)
    with pytest.raises(PivotError, match="returned to a basis"):
        path.advance(100_000)
    assert path.pivots < 1000
    # lemke_howson reports it and falls back to exact pivoting (here also looping: stopped by max_pivots)
    with pytest.raises(ConvergenceError, match="returned to a basis"):
        lemke_howson(game, race=1, max_pivots=1000)


# Payoff differences of 1e-10 around 0 and 1: float near-ties that once made a float path cycle
CYCLING_A = [
    [0, -1, -2, 0, 1, 1, 2, 0],
    [0, 0, 2, -2, -1, 0, 2, 2],
    [-2, -2, 0, -2, 1, 1, 1, -2],
    [1, -1, 2, -1, 0, 0, -1, -2],
    [-1, 2, -1, 1, -1, -1, 1, 2],
    [0, 2, 1, 1, 0, 1, -2, 2],
    [2, 1, 2, 1, 0, 2, -1, -1],
]
CYCLING_B = [
    [
        1.938543338543909e-11,
        8.373077953834933e-11,
        7.930458924335857e-11,
        1.0000000000037588,
        1.000000000076666,
        1.0000000000824958,
        3.4277545995072855e-11,
        1.0236188341400332e-11,
    ],
    [
        5.83500860866237e-11,
        1.000000000065353,
        1.0000000000313953,
        5.959380149023283e-11,
        1.0000000000925031,
        1.0000000000023062,
        1.0000000000005682,
        1.000000000014835,
    ],
    [
        1.0000000000064782,
        1.0000000000178504,
        1.0000000000590965,
        5.120589340892756e-12,
        1.1631657714659639e-11,
        4.765000413374956e-11,
        1.0000000000664029,
        3.5028989170375893e-13,
    ],
    [
        1.0000000000002884,
        5.4801055187723136e-11,
        1.7767604090342705e-11,
        1.0000000000611853,
        1.4146351840803761e-11,
        9.793129215125084e-11,
        1.000000000039858,
        2.0647293339850592e-11,
    ],
    [
        2.9064717510166817e-12,
        1.0000000000362332,
        3.8095300526440067e-11,
        6.206320757825123e-11,
        1.0000000000599194,
        9.770337974792266e-12,
        2.743905382771642e-11,
        2.010228498563317e-11,
    ],
    [
        1.9947984859118084e-11,
        1.0000000000160127,
        1.0000000000253837,
        1.0000000000630442,
        1.0000000000679672,
        9.26536317796382e-11,
        1.0000000000731817,
        5.2139352803309215e-11,
    ],
    [
        2.943583973339431e-11,
        1.0000000000208655,
        1.0000000000954834,
        1.0000000000406188,
        5.3065202150790605e-11,
        4.7240109003901166e-11,
        1.757892671783734e-12,
        1.1721262431910107e-11,
    ],
]


def test_float_near_ties_every_label_verified():
    """Every label ends verified; where rounding made the float path cycle, the exact restart answers."""
    game = NormalFormGame.from_bimatrix(np.array(CYCLING_A, dtype=float) * 1e4, np.array(CYCLING_B))
    for label in range(15):
        result = lemke_howson(game, initial_label=label, race=1)
        assert result[0].max_regret <= result.parameters["tol"]
        assert result.statistics["verified_by"] in {"path", "refactored", "exact basis", "exact restart"}
