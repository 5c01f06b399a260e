"""A guided run of the command line on the bundled example games (``make demo``).

``python -m negotiate.demo`` runs ``negotiate inspect``, ``convert`` and
``solve`` on the games in ``negotiate/examples/`` (installed with the package)
and on two larger games it generates, printing each command and its output,
as a user would see them. It takes a few seconds and exits with status 0 when
every step succeeded.

The commands run in this process through :data:`negotiate.cli.cli`, exactly as
the ``negotiate`` console script runs them; converted files go to a temporary
directory that is removed at the end.
"""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import click

__all__ = ["examples_dir", "example", "EXAMPLES", "main"]

#: The bundled example games, by file name.
EXAMPLES = (
    "us_japan_autos.toml",
    "prisoners_dilemma.nfg",
    "matching_pennies.nfg",
    "battle_of_the_sexes.json",
    "entry_deterrence.efg",
)


def examples_dir() -> Path:
    """The directory of the bundled example games (package data of :mod:`negotiate`)."""
    return Path(str(resources.files("negotiate") / "examples"))


def example(name: str) -> Path:
    """The path of the bundled example game ``name`` (one of :data:`EXAMPLES`).

    Examples
    --------
    >>> example("prisoners_dilemma.nfg").is_file()
    True
    """
    path = examples_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"no bundled example {name!r}; examples are {list(EXAMPLES)}")
    return path


def _shown(path: Path) -> str:
    """A path as short as it can be: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Demo:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.failures: list[str] = []
        self.step = 0

    def section(self, title: str, text: str = "") -> None:
        self.step += 1
        rule = "─" * 78
        click.echo(f"\n{rule}\n{self.step}. {title}\n{rule}")
        if text:
            click.echo(text)

    def run(self, *args: str | Path) -> int:
        """Run ``negotiate ARGS`` in this process, printing the command line first."""
        from negotiate.cli import cli

        words = [_shown(a) if isinstance(a, Path) else a for a in args]
        click.echo(f"\n$ negotiate {shlex.join(words)}")
        try:
            code = cli.main(args=words, prog_name="negotiate", standalone_mode=False)
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        code = 0 if code is None else int(code)
        if code != 0:
            self.failures.append(f"negotiate {shlex.join(words)} (exit status {code})")
        return code

    def show_file(self, path: Path, max_lines: int = 40) -> None:
        lines = path.read_text(encoding="utf-8").splitlines()
        click.echo(f"\n$ cat {_shown(path)}")
        click.echo("\n".join(lines[:max_lines]))
        if len(lines) > max_lines:
            click.echo(f"... ({len(lines) - max_lines} more lines)")


def _generated_games(tmp: Path) -> tuple[Path, Path]:
    """A 10-player game with 2 strategies each and a 300×300 game, random integer payoffs, as .nfg."""
    import numpy as np

    from games.formats import save
    from games.normal_form import NormalFormGame

    rng = np.random.default_rng(2025)
    many = NormalFormGame(rng.integers(0, 10, size=(10,) + (2,) * 10), title="Random 10-player game")
    big = NormalFormGame(rng.integers(0, 100, size=(2, 300, 300)), title="Random 300x300 game")
    paths = tmp / "ten_players.nfg", tmp / "big_300x300.nfg"
    save(many, paths[0])
    save(big, paths[1])
    return paths


def main() -> int:
    """Run the demo; return the exit status (0 when every step succeeded)."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="negotiate-demo-") as name:
        tmp = Path(name)
        demo = _Demo(tmp)
        click.echo("negotiate demo: inspect, convert and solve the bundled example games.")
        click.echo(f"Example files: {_shown(examples_dir())}/")

        demo.section(
            "A toy trade negotiation (illustrative payoffs, not data)",
            "The US picks a tariff, Japan a response. The payoffs are made up for this\n"
            "example; the trade model that computes them from data comes in a later release.",
        )
        demo.run("inspect", example("us_japan_autos.toml"))
        demo.run("solve", example("us_japan_autos.toml"), "--method", "pure")

        demo.section("Gambit files: the prisoner's dilemma (.nfg) and matching pennies")
        demo.run("inspect", example("prisoners_dilemma.nfg"))
        demo.run("solve", example("prisoners_dilemma.nfg"), "--method", "pure")
        demo.run("solve", example("matching_pennies.nfg"), "--method", "pure")

        demo.section(
            "A game tree (.efg): entry deterrence",
            "An extensive-form game is solved through its reduced normal form. Of its two\n"
            "pure equilibria only (In, Accommodate) is subgame perfect; sequential solvers\n"
            "that tell them apart come in a later release.",
        )
        demo.run("inspect", example("entry_deterrence.efg"))
        demo.run("solve", example("entry_deterrence.efg"), "--method", "pure")

        ten, big = _generated_games(tmp)
        demo.section("Converting between formats (exact numbers are kept)")
        toml_path, json_path, nfg_path = tmp / "pd.toml", tmp / "pd.json", tmp / "entry.nfg"
        demo.run("convert", example("prisoners_dilemma.nfg"), toml_path)
        demo.show_file(toml_path)
        demo.run("convert", toml_path, json_path)
        demo.run("solve", json_path, "--method", "pure", "--format", "json")
        demo.run("convert", example("entry_deterrence.efg"), nfg_path)
        demo.show_file(nfg_path)

        demo.section(
            "Every equilibrium, dominance, correlated equilibria",
            "Without --method, solve picks a sound method and says which: every extreme\n"
            "equilibrium of a two-player game, exact. Matching pennies has no pure\n"
            "equilibrium but one mixed; the toy tariff game is solved by dominance.",
        )
        demo.run("solve", example("matching_pennies.nfg"))
        demo.run("solve", example("battle_of_the_sexes.json"))
        demo.run("dominance", example("us_japan_autos.toml"))
        demo.run("correlated", example("battle_of_the_sexes.json"), "--objective", "max-min")
        demo.run("solve", big, "--method", "lemke-howson")

        demo.section("Machine-readable output: CSV for a spreadsheet or pandas")
        demo.run("solve", example("battle_of_the_sexes.json"), "--method", "pure", "--format", "csv")

        demo.section(
            "Larger games: 10 players (1,024 profiles) and 300×300 (90,000 profiles)",
            "Every pure equilibrium is found by a few array operations over the payoff\n"
            "array, with no Python loop over profiles.",
        )
        demo.run("inspect", ten)
        demo.run("solve", ten, "--method", "pure", "--limit", "5")
        demo.run("solve", big, "--method", "pure", "--limit", "5")

        demo.section(
            "Not built yet",
            "Sequential (subgame-perfect) solvers, bargaining solutions, mixed equilibria\n"
            "of games with three or more players and the trade model are later issues;\n"
            "see README.md.",
        )
        seconds = time.perf_counter() - start
        if demo.failures:
            click.echo(f"\nThe demo FAILED at {len(demo.failures)} step(s):", err=True)
            for failure in demo.failures:
                click.echo(f"  {failure}", err=True)
            return 1
        click.echo(f"\nDemo finished in {seconds:.1f} s: every step succeeded.")
        return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as the Python docs advise
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
