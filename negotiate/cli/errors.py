"""The command line's one error handler: library exceptions to messages and exit codes.

Every command runs inside :class:`HandledGroup`, whose :meth:`~HandledGroup.invoke`
turns an exception into a one-line message on stderr and an exit code:

=====  ==============================================================
code   meaning
=====  ==============================================================
0      success
1      the work failed: a solver error (:class:`~games.errors.SolverError`),
       a solve that stopped early, another :class:`~games.errors.NegotiateError`,
       out of memory, or an interrupt
2      bad input: a usage error (click), a file that does not exist or
       cannot be read or written, and every :class:`~games.errors.InputError`
       (:class:`~games.errors.FormatError`, :class:`~games.errors.InvalidGameError`,
       :class:`~games.errors.GameTooLargeError`)
70     an internal error: an exception negotiate did not expect, i.e. a bug
       (``EX_SOFTWARE`` of ``sysexits.h``); please report it
=====  ==============================================================

A Python traceback is printed only with the global ``--debug`` option; the
exception then propagates unchanged (exit code 1, Python's own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

__all__ = [
    "EXIT_OK",
    "EXIT_FAILURE",
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "CommandError",
    "BadInputError",
    "InternalError",
    "HandledGroup",
    "translate",
    "about_file",
]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class CommandError(click.ClickException):
    """A failure, printed ``Error: message`` on stderr; exit status 1."""

    exit_code = EXIT_FAILURE


class BadInputError(CommandError):
    """Bad input from the user; exit status 2."""

    exit_code = EXIT_BAD_INPUT


class InternalError(CommandError):
    """An exception negotiate did not expect (a bug); exit status 70."""

    exit_code = EXIT_INTERNAL


def _os_message(exc: OSError) -> str:
    """``path: no such file or directory`` from an :class:`OSError`."""
    reason = exc.strerror or str(exc)
    reason = reason[:1].lower() + reason[1:]
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason


def translate(exc: BaseException) -> CommandError:
    """The message and exit code for an exception raised by a command.

    Parameters
    ----------
    exc
        The exception.

    Returns
    -------
    CommandError
        With exit code 2 for bad input, 1 for a failure, 70 for a bug.

    Examples
    --------
    >>> from games.errors import FormatError, SolverError
    >>> err = translate(FormatError("bad payoff", path="g.nfg", line=3, expected="a number", found="'x'"))
    >>> err.exit_code, err.message
    (2, "g.nfg, line 3: bad payoff; expected a number, found 'x'")
    >>> translate(SolverError("did not finish")).exit_code
    1
    >>> translate(KeyError("oops")).message
    "internal error: KeyError: 'oops' (run with --debug for the traceback)"
    """
    from games.errors import InputError, NegotiateError  # here, so that ``negotiate --help`` stays light

    if isinstance(exc, InputError):
        return BadInputError(str(exc))
    if isinstance(exc, NegotiateError):
        return CommandError(str(exc))
    if isinstance(exc, (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError)):
        return BadInputError(_os_message(exc))
    if isinstance(exc, UnicodeDecodeError):
        return BadInputError(f"the file is not text in UTF-8: {exc.reason}")
    if isinstance(exc, OSError):
        return CommandError(_os_message(exc))
    if isinstance(exc, MemoryError):
        return CommandError("out of memory; the game is too large for this machine")
    name = type(exc).__name__
    detail = str(exc)
    text = f"{name}: {detail}" if detail else name
    return InternalError(f"internal error: {text} (run with --debug for the traceback)")


@contextmanager
def about_file(path: str | Path) -> Iterator[None]:
    """Make input errors raised in the block name ``path`` (when they do not already).

    A parser names the file in its :class:`~games.errors.FormatError`; a game
    refused as too large, invalid or unsupported (e.g. a reduced normal form
    without perfect recall) may come from deeper code that does not know the
    file.

    Examples
    --------
    >>> from games.errors import InvalidGameError
    >>> with about_file("g.efg"):
    ...     raise InvalidGameError("probabilities sum to 5/6")
    Traceback (most recent call last):
    ...
    games.errors.InvalidGameError: g.efg: probabilities sum to 5/6
    """
    from games.errors import FormatError, GameTooLargeError, InvalidGameError, UnsupportedGameError

    where = str(path)
    try:
        yield
    except FormatError as exc:
        raise exc.located(where) from None
    except GameTooLargeError as exc:
        if where in str(exc):
            raise
        raise GameTooLargeError(f"{where}: {exc}", exc.estimate) from exc
    except (InvalidGameError, UnsupportedGameError) as exc:
        if where in str(exc) or type(exc) not in (InvalidGameError, UnsupportedGameError):
            raise
        raise type(exc)(f"{where}: {exc}") from exc


class HandledGroup(click.Group):
    """A click group that maps every exception of its commands through :func:`translate`.

    The group must define a boolean ``--debug`` option: with it, exceptions
    propagate unchanged so that Python prints the traceback.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            raise  # click ends quietly when the reader of stdout goes away (``| head``)
        except KeyboardInterrupt:
            raise click.exceptions.Abort() from None
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise translate(exc) from exc
