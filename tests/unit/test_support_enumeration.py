"""Support enumeration on games with known equilibria, degenerate ones included, and its error paths."""

from __future__ import annotations

import importlib
import json
from fractions import Fraction as F

import numpy as np
import pytest

from games.errors import GameTooLargeError, UnsupportedGameError
from games.formats import loads
from games.library import (
    battle_of_the_sexes,
    matching_pennies,
    mckelvey_mclennan_2x2x2,
    prisoners_dilemma,
    rock_paper_scissors,
    shapley_game,
)
from games.normal_form import NormalFormGame
from solvers.nash.pure import pure
from solvers.nash.support_enumeration import count_support_pairs, support_enumeration
from solvers.results import STATUS_TIMEOUT

# nashpy issue #82: a degenerate 3×5 game of cost matrices (players minimise) with 8 extreme equilibria
NASHPY_82_A = [[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]]
NASHPY_82_B = [[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]]
NASHPY_82_EQUILIBRIA = {
    ((1, 0, 0), (0, 1, 0, 0, 0)),
    ((1, 0, 0), (0, 0, 0, 0, 1)),
    ((F(2, 3), F(1, 3), 0), (0, 1, 0, 0, 0)),
    ((F(1, 3), F(1, 2), F(1, 6)), (0, F(4, 9), F(2, 9), F(1, 3), 0)),
    ((0, F(1, 2), F(1, 2)), (0, F(1, 2), F(1, 2), 0, 0)),
    ((0, 1, 0), (F(3, 7), 0, F(4, 7), 0, 0)),
    ((0, 1, 0), (1, 0, 0, 0, 0)),
    ((0, 1, 0), (F(3, 8), 0, F(1, 4), F(3, 8), 0)),
}

# nashpy issue #231: a degenerate 6×6 zero-sum game where nashpy's support enumeration finds nothing
NASHPY_231 = [
    [0, -1, -1, -1, 1, -1],
    [1, 0, 1, -1, -1, -1],
    [1, -1, 0, -1, -1, 1],
    [1, 1, 1, 0, -1, -1],
    [-1, 1, 1, 1, 0, -1],
    [1, 1, -1, 1, 1, 0],
]

# von Stengel (1999), a nondegenerate 6×6 game with 75 equilibria (Gambit's contrib/games/stengel.nfg)
STENGEL_75 = """NFG 1 R "von Stengel 6 x 6, 75 equilibria" { "1" "2" }
{ { "1" "2" "3" "4" "5" "6" } { "1" "2" "3" "4" "5" "6" } }
9504 72336 -111771 -461736 397584 1227336 171204 -1718376 1303104 1303104 737154 -453420
-660 48081 31680 -300036 -113850 774576 -45936 -1039236 -453420 737154 -227040 -227040
19976 29216 -130944 -178761 451176 451176 208626 -586476 1227336 397584 774576 -113850
-20526 14124 168124 -84436 -586476 208626 -263076 -263076 -1718376 171204 -1039236 -45936
1776 1776 -8514 -8976 29216 19976 14124 -20526 72336 9504 48081 -660
-8976 -8514 52764 52764 -178761 -130944 -84436 168124 -461736 -111771 -300036 31680
"""

# Winkels (1979): a degenerate 6×2 game with 12 extreme equilibria (Gambit's contrib/games/winkels.nfg)
WINKELS = """NFG 1 R "Winkels 1979" { "1" "2" }
{ { "1" "2" "3" "4" "5" "6" } { "1" "2" } }
1 1 1 0 3 -2 3 4 5/2 -1 5/2 6 3 2 3 -1 1 2 1 -1 5/2 6 5/2 -1
"""


def exact_set(result) -> set[tuple[tuple[F, ...], tuple[F, ...]]]:
    return {(e.profile.exact[0], e.profile.exact[1]) for e in result}


def as_fractions(eqs) -> set[tuple[tuple[F, ...], tuple[F, ...]]]:
    return {(tuple(F(v) for v in x), tuple(F(v) for v in y)) for x, y in eqs}


def assert_certified(result) -> None:
    assert len(result) >= 1  # every finite game has an extreme equilibrium
    for e in result:
        if result.parameters["exact"]:
            assert e.exact_regret == 0
        else:
            assert e.max_regret <= 1e-9 * max(
                np.ptp(result.game.payoffs[0]), np.ptp(result.game.payoffs[1]), 1
            )


THIRD = F(1, 3)


@pytest.mark.parametrize(
    ("game", "expected", "scope"),
    [
        pytest.param(matching_pennies(), {((F(1, 2),) * 2, (F(1, 2),) * 2)}, "all", id="matching-pennies"),
        pytest.param(rock_paper_scissors(), {((THIRD,) * 3, (THIRD,) * 3)}, "all", id="rps"),
        pytest.param(shapley_game(), {((THIRD,) * 3, (THIRD,) * 3)}, "all", id="shapley"),
        pytest.param(prisoners_dilemma(), {((0, 1), (0, 1))}, "all", id="prisoners-dilemma"),
        pytest.param(
            NormalFormGame.from_bimatrix(NASHPY_231),
            {((0, 0, THIRD, 0, THIRD, THIRD), (0, 0, THIRD, 0, THIRD, THIRD))},
            "extreme",
            id="nashpy-231",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix(-np.array(NASHPY_82_A), -np.array(NASHPY_82_B)),
            NASHPY_82_EQUILIBRIA,
            "extreme",
            id="nashpy-82",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix(np.zeros((2, 2), dtype=int), np.zeros((2, 2), dtype=int)),
            {((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0)), ((0, 1), (0, 1))},
            "extreme",
            id="all-zero-2x2",
        ),
        pytest.param(
            NormalFormGame.from_bimatrix([[5]], [[-2]]),
            {((1,), (1,))},
            "all",
            id="one-by-one",
        ),
    ],
)
def test_known_equilibria(game: NormalFormGame, expected, scope: str) -> None:
    result = support_enumeration(game)
    assert exact_set(result) == as_fractions(expected)
    assert result.scope == scope
    assert result.complete
    assert_certified(result)
    assert result.statistics["degenerate"] == (scope == "extreme")


def test_battle_of_the_sexes_three_equilibria_with_payoffs() -> None:
    result = support_enumeration(battle_of_the_sexes())
    assert len(result) == 3
    mixed = [e for e in result if not e.is_pure]
    assert len(mixed) == 1
    # the pure equilibria come first (small supports first)
    assert [e.is_pure for e in result] == [True, True, False]
    assert_certified(result)


def test_von_stengel_75_equilibria_exact_and_float() -> None:
    game = loads(STENGEL_75, "nfg")
    exact = support_enumeration(game)
    assert len(exact) == 75 and exact.scope == "all" and exact.complete
    assert all(e.exact_regret == 0 for e in exact)
    floats = support_enumeration(game, exact=False)
    assert len(floats) == 75
    # the float equilibria are the exact ones, to rounding
    exact_points = np.array([np.concatenate(e.profile.strategies) for e in exact])
    for e in floats:
        point = np.concatenate(e.profile.strategies)
        assert np.abs(exact_points - point).max(axis=1).min() < 1e-9


def test_winkels_degenerate_12_extreme_equilibria() -> None:
    game = loads(WINKELS, "nfg")
    for exact in (True, False):
        result = support_enumeration(game, exact=exact)
        assert len(result) == 12
        assert result.scope == "extreme" and result.statistics["degenerate"]
        assert_certified(result)


def test_all_zero_game_has_every_pure_profile_as_extreme_equilibrium() -> None:
    game = NormalFormGame.from_bimatrix(np.zeros((3, 4), dtype=int), np.zeros((3, 4), dtype=int))
    result = support_enumeration(game)
    assert len(result) == 12 and all(e.is_pure for e in result)
    assert result.statistics["singular"] > 0  # larger supports have no unique solution


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_coordination_game_has_2_to_the_n_minus_1_equilibria(n: int) -> None:
    eye = np.eye(n, dtype=int)
    result = support_enumeration(NormalFormGame.from_bimatrix(eye, eye))
    assert len(result) == 2**n - 1
    assert result.scope == "all"
    # the fully mixed one is uniform
    assert exact_set(result) >= {((F(1, n),) * n, (F(1, n),) * n)}


def test_pure_equilibria_are_among_the_extreme_ones() -> None:
    rng = np.random.default_rng(7)
    game = NormalFormGame(rng.integers(0, 3, size=(2, 5, 6)))
    ours = {(e.profile.support()[0], e.profile.support()[1]) for e in support_enumeration(game) if e.is_pure}
    theirs = {((int(i),), (int(j),)) for i, j in pure(game).equilibria.indices}
    assert ours == theirs


def test_dominated_strategies_are_removed_first() -> None:
    result = support_enumeration(prisoners_dilemma())
    assert result.statistics["dominated"] == [1, 1]
    assert result.statistics["support_pairs"] == 1


def test_float_game_is_solved_within_tolerance() -> None:
    rng = np.random.default_rng(3)
    game = NormalFormGame(rng.standard_normal((2, 6, 5)) * 1e3)
    assert not game.is_exact
    result = support_enumeration(game)
    assert result.parameters["exact"] is False
    assert len(result) % 2 == 1  # nondegenerate: an odd number of equilibria
    assert result.scope == "all"
    assert_certified(result)


def test_exact_payoffs_can_be_solved_in_floats() -> None:
    game = NormalFormGame.from_bimatrix(-np.array(NASHPY_82_A), -np.array(NASHPY_82_B))
    result = support_enumeration(game, exact=False)
    assert result.parameters["exact"] is False
    assert len(result) == 8
    assert all(e.profile.exact is None for e in result)
    assert_certified(result)


def test_statistics_and_result_are_json_safe() -> None:
    result = support_enumeration(NormalFormGame.from_bimatrix(NASHPY_231))
    stats = result.statistics
    for key in (
        "support_pairs",
        "systems",
        "pruned",
        "singular",
        "vertices",
        "degenerate",
        "dropped",
        "seconds",
    ):
        assert key in stats
    assert stats["support_pairs"] == count_support_pairs(6, 6) == 923
    assert stats["dropped"] == 0
    json.dumps(result.to_dict())


def test_timeout_returns_what_was_found() -> None:
    rng = np.random.default_rng(0)
    game = NormalFormGame(rng.integers(0, 4, size=(2, 9, 9)))
    result = support_enumeration(game, timeout=0.0)
    assert result.status == STATUS_TIMEOUT
    assert not result.complete and result.scope == "extreme"
    assert result.statistics["largest_support_done"] < 9
    assert all(e.exact_regret == 0 for e in result)
    full = support_enumeration(game)
    assert exact_set(result) <= exact_set(full)


def test_three_players_are_refused() -> None:
    with pytest.raises(UnsupportedGameError, match="two-player games; this game has 3 players"):
        support_enumeration(mckelvey_mclennan_2x2x2())


def test_exact_mode_needs_exact_payoffs() -> None:
    game = NormalFormGame(np.random.default_rng(0).standard_normal((2, 2, 2)))
    with pytest.raises(UnsupportedGameError, match="exact=True needs a game with exact payoffs"):
        support_enumeration(game, exact=True)


def test_too_many_support_pairs_are_refused_with_an_estimate() -> None:
    rng = np.random.default_rng(0)
    game = NormalFormGame(rng.standard_normal((2, 20, 20)))
    with pytest.raises(GameTooLargeError, match=r"137,846,528,819 support pairs") as info:
        support_enumeration(game)
    assert info.value.estimate["support_pairs"] == count_support_pairs(20, 20)
    assert info.value.estimate["seconds"] > 60
    small = NormalFormGame(rng.integers(0, 4, size=(2, 4, 4)))
    with pytest.raises(GameTooLargeError, match="max_supports=10"):
        support_enumeration(small, max_supports=10)
    assert len(support_enumeration(small, max_supports=count_support_pairs(4, 4))) >= 1


def test_huge_rational_payoffs_are_solved_exactly() -> None:
    # a common denominator of ~1000 bits: beyond int64 and beyond the modular primes
    rng = np.random.default_rng(11)
    P = np.empty((2, 3, 4), dtype=object)
    for index in np.ndindex(P.shape):
        P[index] = F(int(rng.integers(-(10**12), 10**12)), int(rng.integers(1, 10**9)))
    game = NormalFormGame(P)
    assert game.exact_integer_payoffs()[0].dtype == object
    result = support_enumeration(game)
    assert len(result) >= 1 and all(e.exact_regret == 0 for e in result)
    assert len(support_enumeration(game, exact=False)) == len(result)


@pytest.mark.parametrize("entries", [3, 10**6, 10**15])
def test_modular_solver_matches_fraction_free_elimination(entries: int) -> None:
    # the module, not the function of the same name that solvers.nash may export
    module = importlib.import_module("solvers.nash.support_enumeration")
    rng = np.random.default_rng(entries % 1000)
    M = rng.integers(-entries, entries + 1, size=(40, 4, 4)).astype(object)
    M[:5, 1] = M[:5, 0]  # singular ones
    M[5:10] = 0
    bits = 0.5 * 4 * (2 * int(entries).bit_length() + 3) + 2
    det, num = module._solve_exact(M, bits)
    det_ref, num_ref = module._solve_fractions(M)
    assert [int(d) for d in det] == [int(d) for d in det_ref]
    nonsingular = [i for i in range(40) if det_ref[i] != 0]
    assert len(nonsingular) >= 25
    for i in nonsingular:
        assert [int(v) for v in num[i]] == [int(v) for v in num_ref[i]]
        # M z = e_last with z = num / det
        z = [F(int(v), int(det[i])) for v in num[i]]
        lhs = [sum(int(M[i, r, c]) * z[c] for c in range(4)) for r in range(4)]
        assert lhs == [0, 0, 0, 1]
