"""``negotiate solve FILE --method NAME``: Nash equilibria of a game file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from negotiate.cli.errors import about_file
from negotiate.cli.params import METHOD, GameFile, input_format_option, output_format_option
from negotiate.cli.render import render_equilibria

__all__ = ["solve_command"]


@click.command("solve")
@click.argument("file", type=GameFile())
@click.option("--method", "-m", type=METHOD, default="pure", show_default=True, help="Equilibrium method.")
@output_format_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=None,
    help="List at most N equilibria (default: 20 in a table, all in json and csv). The number found is always given.",
    metavar="N",
)
@click.option(
    "--tol",
    type=click.FloatRange(min=0.0),
    default=None,
    help="Regret tolerance for games with float payoffs (default: the method's own; exact games are compared exactly).",
)
@input_format_option("FILE")
@click.pass_context
def solve_command(
    ctx: click.Context,
    file: Path,
    method: str,
    output_format: str,
    limit: int | None,
    tol: float | None,
    input_format: str | None,
) -> None:
    """Find the Nash equilibria of the game in FILE.

    An extensive-form game is solved through its reduced normal form, and the
    output says so. Exit status 1 when the solve stops early (it still prints
    what it found).

    \b
    Examples:
      negotiate solve negotiate/examples/prisoners_dilemma.nfg --method pure
      negotiate solve negotiate/examples/us_japan_autos.toml --format json
    """
    from games.formats import load
    from games.normal_form import NormalFormGame
    from solvers.nash import solve

    with about_file(file):
        game = load(file, format=input_format)
        source: dict[str, Any] = {"file": str(file), "title": game.title, "kind": "normal"}
        if not isinstance(game, NormalFormGame):
            game = game.to_normal_form()
            source["kind"] = "extensive"
            source["form"] = (
                f"the reduced normal form of the extensive-form game "
                f"({'×'.join(map(str, game.shape))} reduced strategies)"
            )
    options: dict[str, Any] = {} if tol is None else {"tol": tol}
    result = solve(game, method=method, **options)
    text, note = render_equilibria(result, output_format.lower(), limit=limit, source=source)
    click.echo(text, nl=False)
    if note:
        click.echo(note, err=True)
    if result.status != "ok":
        click.echo(
            f"the solve stopped early (status: {result.status}); the equilibria above are what it found",
            err=True,
        )
        ctx.exit(1)
