"""``negotiate solve FILE --method NAME``: Nash equilibria of a game file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from negotiate.cli.errors import about_file
from negotiate.cli.game_loading import load_normal_form
from negotiate.cli.params import METHOD, GameFile, input_format_option, output_format_option
from negotiate.cli.render import render_equilibria

__all__ = ["solve_command"]


@click.command("solve")
@click.argument("file", type=GameFile())
@click.option(
    "--method",
    "-m",
    type=METHOD,
    default="auto",
    show_default=True,
    help="Equilibrium method; 'auto' picks a sound one for the game and says which.",
)
@click.option(
    "--exact",
    is_flag=True,
    default=False,
    help="Exact rational arithmetic: equilibria as fractions with zero regret proved (methods that offer it).",
)
@click.option(
    "--all",
    "follow_all",
    is_flag=True,
    default=False,
    help="With lemke-howson: follow every initial label and report every equilibrium reached.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Stop after SECONDS and report what was found (exit status 1 when cut short).",
)
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
    exact: bool,
    follow_all: bool,
    timeout: float | None,
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
      negotiate solve game.nfg --method vertex --exact
      negotiate solve big.nfg --method lemke-howson --timeout 30
    """
    from solvers.nash import solve

    with about_file(file):
        game, source = load_normal_form(file, input_format)
    if follow_all:
        if method != "lemke-howson":
            raise click.UsageError("--all applies to --method lemke-howson (the other methods report every equilibrium they find)")
        method = "lemke-howson-all"
    options: dict[str, Any] = {}
    if tol is not None:
        options["tol"] = tol
    if exact:
        options["exact"] = True
    if timeout is not None:
        options["timeout"] = timeout
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
