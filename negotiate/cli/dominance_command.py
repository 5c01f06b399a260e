"""``negotiate dominance FILE``: iterated elimination of dominated strategies."""

from __future__ import annotations

from pathlib import Path

import click

from negotiate.cli.errors import about_file
from negotiate.cli.game_loading import load_normal_form
from negotiate.cli.params import GameFile, input_format_option, output_format_option
from negotiate.cli.render import render_dominance

__all__ = ["dominance_command"]


@click.command("dominance")
@click.argument("file", type=GameFile())
@click.option("--weak", is_flag=True, help="Eliminate weakly dominated strategies (default: strictly dominated).")
@click.option("--pure-only", is_flag=True, help="Only pure dominators (default: mixed dominators too, by LP).")
@click.option(
    "--order",
    type=click.Choice(["simultaneous", "sequential"]),
    default="simultaneous",
    show_default=True,
    help="Remove every dominated strategy of every player each round, or one strategy at a time.",
)
@click.option("--exact", is_flag=True, help="Prove each dominance in exact rationals (default on exact games).")
@click.option("--timeout", type=click.FloatRange(min=0.0, min_open=True), default=None, metavar="SECONDS")
@output_format_option
@input_format_option("FILE")
@click.pass_context
def dominance_command(
    ctx: click.Context,
    file: Path,
    weak: bool,
    pure_only: bool,
    order: str,
    exact: bool,
    timeout: float | None,
    output_format: str,
    input_format: str | None,
) -> None:
    """Eliminate dominated strategies of the game in FILE, round by round.

    Each step names the strategy removed, its dominator (a strategy or a
    mixture) and the margin by which it is beaten everywhere.

    \b
    Examples:
      negotiate dominance negotiate/examples/prisoners_dilemma.nfg
      negotiate dominance game.nfg --weak --order sequential --format json
    """
    from solvers.dominance import iterated_elimination

    with about_file(file):
        game, source = load_normal_form(file, input_format)
    result = iterated_elimination(
        game, strict=not weak, mixed=not pure_only, order=order, exact=True if exact else None, timeout=timeout
    )
    click.echo(render_dominance(result, output_format.lower(), source=source), nl=False)
    if result.status != "ok":
        click.echo(f"elimination stopped early (status: {result.status})", err=True)
        ctx.exit(1)
