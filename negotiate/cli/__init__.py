"""The ``negotiate`` command line: a thin layer over the library.

Commands parse their arguments (with the types of :mod:`negotiate.cli.params`),
call the library, and print through :mod:`negotiate.cli.render`. Errors are
mapped to messages and exit codes in one place, :mod:`negotiate.cli.errors`.

Starting the CLI is fast: library modules are imported by the command that
needs them, and importing this module loads neither pandas nor cvxpy nor scipy's
optimisers.
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from negotiate import __version__
from negotiate.cli.convert_command import convert_command
from negotiate.cli.correlated_command import correlated_command
from negotiate.cli.dominance_command import dominance_command
from negotiate.cli.errors import HandledGroup
from negotiate.cli.inspect_command import inspect_command
from negotiate.cli.solve_command import solve_command

__all__ = ["cli", "main"]


@click.group(cls=HandledGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show the Python traceback of an error (for bug reports).")
@click.version_option(__version__, "--version", prog_name="negotiate")
def cli(debug: bool) -> None:
    """negotiate: inspect, convert and solve games (equilibria, dominance, correlated equilibria).

    Game files: Gambit .nfg and .efg, and negotiate's own .toml and .json.

    \b
    Exit status: 0 success; 1 a failed or unfinished solve; 2 bad input
    (usage, a missing file, a file that does not parse or describes no
    valid game, a game too large); 70 an internal error (a bug: please
    report it with the output of --debug).
    """


cli.add_command(inspect_command)
cli.add_command(convert_command)
cli.add_command(solve_command)
cli.add_command(dominance_command)
cli.add_command(correlated_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the ``negotiate`` console script); exits with the status."""
    cli.main(args=None if argv is None else list(argv), prog_name="negotiate")
