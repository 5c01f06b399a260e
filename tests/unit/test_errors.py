"""The exception tree and the messages users see."""

from __future__ import annotations

import pytest

from games.errors import (
    ConvergenceError,
    FormatError,
    GameTooLargeError,
    InfeasibleError,
    InputError,
    InvalidGameError,
    NegotiateError,
    SolverError,
    UnsupportedGameError,
)
from games.limits import check_normal_form_size, check_tree_size, human_bytes


def test_hierarchy() -> None:
    for cls in (FormatError, InvalidGameError, GameTooLargeError):
        assert issubclass(cls, InputError) and issubclass(cls, ValueError)
    for cls in (ConvergenceError, InfeasibleError):
        assert issubclass(cls, SolverError)
    for cls in (InputError, UnsupportedGameError, SolverError):
        assert issubclass(cls, NegotiateError)


def test_format_error_message_names_place_and_expectation() -> None:
    err = FormatError("bad payoff", path="g.nfg", line=3, column=7, expected="a number", found="'x'")
    assert str(err) == "g.nfg, line 3, column 7: bad payoff; expected a number, found 'x'"
    keyed = FormatError("unknown key", path="g.toml", key="game.payofs")
    assert str(keyed) == "g.toml, key 'game.payofs': unknown key"
    assert str(FormatError("empty")) == "empty"
    assert str(FormatError("x", line=2).located("f.efg")) == "f.efg, line 2: x"


def test_size_checks() -> None:
    assert check_normal_form_size([10, 10]) == 100
    with pytest.raises(GameTooLargeError, match=r"1\.1e\+12 pure profiles") as info:
        check_normal_form_size([2] * 40)
    assert info.value.estimate["bytes"] == 2**40 * 40 * 8
    with pytest.raises(GameTooLargeError, match="nodes"):
        check_tree_size(10**9)
    assert human_bytes(3 * 2**30) == "3 GiB"
    assert human_bytes(12) == "12 B"


def test_convergence_error_carries_data() -> None:
    err = ConvergenceError("no luck", iterations=10, residual=0.5)
    assert (err.iterations, err.residual) == (10, 0.5)
