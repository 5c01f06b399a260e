"""The one error handler: messages on stderr, exit codes, tracebacks only with --debug."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from games.errors import SolverError, UnsupportedGameError
from games.extensive_form import ExtensiveFormGame
from games.formats import save
from negotiate.cli import cli
from negotiate.cli.errors import EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_INTERNAL
from negotiate.demo import example
from solvers.nash import METHODS
from solvers.results import EquilibriumSet


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def assert_clean(result, code: int, *fragments: str) -> None:
    """Exit ``code``, nothing on stdout, a message with ``fragments`` on stderr, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    for fragment in fragments:
        assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", ["inspect", "solve"])
def test_missing_file(command, tmp_path) -> None:
    assert_clean(invoke(command, tmp_path / "nope.nfg"), EXIT_BAD_INPUT, "nope.nfg", "does not exist")


def test_directory_is_not_a_game_file(tmp_path) -> None:
    assert_clean(invoke("inspect", tmp_path), EXIT_BAD_INPUT, "is a directory")


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        pytest.param("empty.nfg", "", ["empty.nfg"], id="empty"),
        pytest.param(
            "cut.nfg", 'NFG 1 R "t" { "A" "B" } { 2 2 }\n3 3 5 0 0', ["cut.nfg", "line"], id="truncated"
        ),
        pytest.param(
            "word.nfg",
            'NFG 1 R "t" { "A" "B" } { 2 2 }\n3 3 5 zero 0 5 1 1',
            ["word.nfg", "line 2"],
            id="non-numeric",
        ),
        pytest.param("quote.efg", 'EFG 2 R "never closed { "A" }', ["quote.efg"], id="unbalanced-quote"),
        pytest.param(
            "key.toml",
            'format = "negotiate.nfg/1"\nplayers = ["A"]\nstrategies = [1]\npayoffs = [[1]]\ncolour = "red"\n',
            ["key.toml", "colour"],
            id="unknown-key",
        ),
        pytest.param(
            "prob.efg",
            'EFG 2 R "t" { "A" }\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 2 }\n',
            ["prob.efg"],
            id="probabilities",
        ),
        pytest.param(
            "huge.nfg",
            'NFG 1 R "t" { "A" "B" "C" } { 100000 100000 100000 }\n1 2 3',
            ["huge.nfg"],
            id="too-large",
        ),
        pytest.param("game.xyz", "anything", ["game.xyz"], id="unknown-extension"),
    ],
)
def test_bad_files_are_bad_input(tmp_path, name, content, fragments) -> None:
    path = tmp_path / name
    path.write_text(content)
    for command in ("inspect", "solve"):
        result = invoke(command, path)
        assert_clean(result, EXIT_BAD_INPUT, *fragments)
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_binary_garbage_is_bad_input(tmp_path) -> None:
    path = tmp_path / "garbage.nfg"
    path.write_bytes(bytes(range(256)) * 4)
    assert_clean(invoke("inspect", path), EXIT_BAD_INPUT, "garbage.nfg")


def test_too_large_message_carries_the_estimate(tmp_path) -> None:
    path = tmp_path / "huge.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" "C" } { 100000 100000 100000 }\n1 2 3')
    result = invoke("solve", path)
    assert_clean(result, EXIT_BAD_INPUT, "1e+15")


def test_usage_errors_exit_2() -> None:
    result = invoke("solve", example("prisoners_dilemma.nfg"), "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert invoke("frobnicate").exit_code == 2
    assert invoke().exit_code in (0, 2)  # bare group: click prints usage


@pytest.fixture
def extra_method(monkeypatch):
    """Register a solver method for one test."""

    def register(name, fn):
        monkeypatch.setitem(METHODS, name, fn)

    return register


def test_solver_error_exits_1(extra_method) -> None:
    def failing(game, **options):
        raise SolverError("the pivoting did not terminate")

    extra_method("failing", failing)
    result = invoke("solve", example("prisoners_dilemma.nfg"), "--method", "failing")
    assert_clean(result, EXIT_FAILURE, "Error: the pivoting did not terminate")


def test_other_negotiate_error_exits_1(extra_method) -> None:
    def picky(game, **options):
        raise UnsupportedGameError("this method needs 3 players")

    extra_method("picky", picky)
    assert_clean(
        invoke("solve", example("prisoners_dilemma.nfg"), "-m", "picky"), EXIT_FAILURE, "needs 3 players"
    )


def test_unfinished_solve_prints_what_it_found_and_exits_1(extra_method) -> None:
    def slow(game, **options):
        return EquilibriumSet(method="slow", status="timeout", game=game, equilibria=(), complete=False)

    extra_method("slow", slow)
    result = invoke("solve", example("prisoners_dilemma.nfg"), "-m", "slow")
    assert result.exit_code == EXIT_FAILURE
    assert "not known to be complete" in result.stdout
    assert "stopped early (status: timeout)" in result.stderr


def test_unexpected_exception_is_an_internal_error_without_traceback(extra_method) -> None:
    def buggy(game, **options):
        return {}["missing"]

    extra_method("buggy", buggy)
    result = invoke("solve", example("prisoners_dilemma.nfg"), "-m", "buggy")
    assert_clean(result, EXIT_INTERNAL, "internal error: KeyError: 'missing'", "--debug")


def test_debug_lets_the_exception_through(extra_method) -> None:
    def buggy(game, **options):
        return {}["missing"]

    extra_method("buggy", buggy)
    result = invoke("--debug", "solve", example("prisoners_dilemma.nfg"), "-m", "buggy")
    assert isinstance(result.exception, KeyError)
    assert result.exit_code == 1


def test_debug_prints_a_traceback_only_when_asked(tmp_path) -> None:
    path = tmp_path / "cut.nfg"
    path.write_text('NFG 1 R "t" { "A" "B" } { 2 2 }\n3 3 5')
    command = [sys.executable, "-m", "negotiate.cli"]
    plain = subprocess.run([*command, "inspect", str(path)], capture_output=True, text=True, check=False)
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr and plain.stderr.startswith("Error: ")
    debug = subprocess.run(
        [*command, "--debug", "inspect", str(path)], capture_output=True, text=True, check=False
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "FormatError" in debug.stderr


def test_tree_with_a_huge_reduced_normal_form_is_refused_with_the_estimate(tmp_path, wide_tree) -> None:
    path = tmp_path / "wide.efg"
    save(wide_tree, path)
    assert invoke("inspect", path).exit_code == 0  # describing it is cheap: counted, not built
    result = invoke("solve", path)
    assert_clean(result, EXIT_BAD_INPUT, "wide.efg")
    assert len(result.stderr.strip().splitlines()) == 1


def test_tree_without_perfect_recall_cannot_be_solved_yet(tmp_path) -> None:
    game = ExtensiveFormGame(["Alice", "Bob"])
    left, right = game.set_decision(game.root, 0, ["L", "R"])
    for node in (left, right):
        a, b = game.set_decision(node, 0, ["a", "b"], infoset="forgot")
        game.set_terminal(a, [1, 0])
        game.set_terminal(b, [0, 1])
    path = tmp_path / "forgetful.efg"
    save(game, path)
    assert_clean(invoke("solve", path), EXIT_FAILURE, "forgetful.efg", "perfect recall")
