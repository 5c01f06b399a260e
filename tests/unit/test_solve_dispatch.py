"""solvers.nash.solve: the method registry, option checks, and what ``auto`` picks."""

from __future__ import annotations

import numpy as np
import pytest

from games import InputError, NormalFormGame
from games.library import matching_pennies, mckelvey_mclennan_2x2x2, rock_paper_scissors
from solvers.method_registry import MethodRegistry
from solvers.nash import METHODS, choose_method, solve


def test_registry_lists_every_method_and_resolves_lazily() -> None:
    assert set(METHODS) == {"pure", "support", "vertex", "lemke-howson", "lemke-howson-all", "lp"}
    for name in METHODS:
        assert callable(METHODS[name])
    registry = MethodRegistry({}, family="test")
    registry["mine"] = solve
    assert registry.get_method("mine") is solve
    del registry["mine"]
    with pytest.raises(InputError, match="unknown test method 'mine'"):
        registry.get_method("mine")


def test_auto_on_a_small_exact_game_lists_every_extreme_equilibrium_exactly() -> None:
    result = solve(rock_paper_scissors())
    assert result.method == "vertex" and result.complete
    assert result.parameters["chosen_by"] == "auto" and "every extreme" in result.parameters["reason"]
    (eq,) = result
    assert eq.exact and eq.exact_regret == 0


def test_auto_on_larger_games() -> None:
    rng = np.random.default_rng(1)
    A = rng.integers(-5, 6, size=(60, 60))
    assert choose_method(NormalFormGame.from_bimatrix(A))[0] == "lp"
    assert choose_method(NormalFormGame.from_bimatrix(A, A.T))[0] == "lemke-howson"
    assert choose_method(mckelvey_mclennan_2x2x2())[0] == "pure"
    result = solve(NormalFormGame.from_bimatrix(A))
    assert result.method == "lp" and len(result) == 1
    assert result[0].max_regret <= 1e-6 * np.abs(A).max()


def test_options_a_method_does_not_take_are_refused() -> None:
    with pytest.raises(InputError, match="'pure' does not take the option.*timeout"):
        solve(matching_pennies(), "pure", timeout=3)
    assert len(solve(matching_pennies(), "lemke-howson", exact=True)) == 1
