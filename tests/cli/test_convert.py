"""`negotiate convert`: rewriting games between formats, exactly."""

from __future__ import annotations

from fractions import Fraction

import pytest
from click.testing import CliRunner

from games.formats import load, save
from games.normal_form import NormalFormGame
from negotiate.cli import cli
from negotiate.demo import example


def invoke(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("chain", [("toml", "json", "nfg"), ("json", "toml", "nfg"), ("nfg", "json", "toml")])
def test_normal_form_round_trip_through_every_format(tmp_path, chain) -> None:
    game = NormalFormGame.from_bimatrix(
        [[Fraction(-1, 18), 2], [Fraction(7, 3), 0]],
        [[1, Fraction(1, 10)], [0, -5]],
        players=['Row "quoted"', "Col"],
        strategies=[["up", "down"], ["left", "right"]],
        title="exact",
    )
    source = tmp_path / "start.nfg"
    save(game, source)
    previous = source
    for k, ext in enumerate(chain):
        target = tmp_path / f"step{k}.{ext}"
        result = invoke("convert", previous, target)
        assert result.exit_code == 0, result.stderr
        assert f"wrote {target}" in result.stdout
        assert load(target) == game
        previous = target


def test_extensive_form_round_trip(tmp_path) -> None:
    game = load(example("entry_deterrence.efg"))
    for ext in ("json", "toml", "efg"):
        target = tmp_path / f"entry.{ext}"
        result = invoke("convert", example("entry_deterrence.efg"), target)
        assert result.exit_code == 0, result.stderr
        assert load(target) == game


def test_tree_to_nfg_writes_the_reduced_normal_form_and_says_so(tmp_path) -> None:
    target = tmp_path / "entry.nfg"
    result = invoke("convert", example("entry_deterrence.efg"), target)
    assert result.exit_code == 0, result.stderr
    assert "reduced normal form" in result.stdout
    assert load(target) == load(example("entry_deterrence.efg")).to_normal_form()


def test_to_overrides_the_extension(tmp_path) -> None:
    target = tmp_path / "pd.out"
    result = invoke("convert", example("prisoners_dilemma.nfg"), target, "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert load(target, format="json") == load(example("prisoners_dilemma.nfg"))


def test_unknown_target_extension_is_bad_input(tmp_path) -> None:
    result = invoke("convert", example("prisoners_dilemma.nfg"), tmp_path / "pd.xlsx")
    assert result.exit_code == 2
    assert "pd.xlsx" in result.stderr
    assert not (tmp_path / "pd.xlsx").exists()


def test_target_in_missing_directory_is_bad_input(tmp_path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "pd.json"
    result = invoke("convert", example("prisoners_dilemma.nfg"), target)
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr.lower()
    assert "Traceback" not in result.stderr
