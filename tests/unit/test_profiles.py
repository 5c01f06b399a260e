"""MixedProfile: validation, exact regrets, data."""

from __future__ import annotations

from fractions import Fraction

import pytest

from games import InvalidGameError, MixedProfile, NormalFormGame

RPS = NormalFormGame.from_bimatrix(
    [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], strategies=[["R", "P", "S"], ["R", "P", "S"]]
)


@pytest.mark.parametrize(
    ("vectors", "match"),
    [
        pytest.param([[1, 0, 0]], "needs 2 distributions", id="too-few"),
        pytest.param([[1, 0], [1, 0, 0]], "needs 3 probabilities", id="wrong-length"),
        pytest.param([[Fraction(1, 2), Fraction(1, 3), 0], [1, 0, 0]], "sum to 1", id="exact-sum"),
        pytest.param([[0.5, 0.6, -0.1], [1, 0, 0]], "≥ 0", id="negative"),
        pytest.param([[0.5, 0.4, 0.0], [1, 0, 0]], "sum to 1", id="float-sum"),
    ],
)
def test_invalid_profiles(vectors, match) -> None:
    with pytest.raises(InvalidGameError, match=match):
        MixedProfile(RPS, vectors)


def test_uniform_is_exact_equilibrium_of_rps() -> None:
    p = MixedProfile.uniform(RPS)
    assert p.exact == ((Fraction(1, 3),) * 3,) * 2
    assert p.exact_regrets() == (0, 0)
    assert p.max_regret() == pytest.approx(0.0, abs=1e-15)
    assert p.payoffs().tolist() == pytest.approx([0.0, 0.0])
    assert p.support() == ((0, 1, 2), (0, 1, 2))
    assert p.to_dict()["Player 1"] == {"R": "1/3", "P": "1/3", "S": "1/3"}


def test_pure_profile_by_label_and_exact_regret() -> None:
    p = MixedProfile.pure(RPS, ("R", "S"))
    assert p.payoffs().tolist() == [1.0, -1.0]
    assert p.exact_regrets() == (Fraction(0), Fraction(2))
    assert "Player 1: [1, 0, 0]" in repr(p)


def test_float_profile_has_no_exact_regret() -> None:
    p = MixedProfile(RPS, [[0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]])
    assert p.exact is None
    assert p.max_regret() == pytest.approx(0.2)  # column plays R against (0.2, 0.3, 0.5): 0.3 - 0.5 + 0.4
    with pytest.raises(InvalidGameError, match="exact"):
        p.exact_regrets()
