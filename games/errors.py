"""The exception tree shared by every layer of negotiate.

It lives in :mod:`games` (the bottom layer) so that ``solvers`` and
``negotiate`` can import it without breaking the one-way arrows.

::

    NegotiateError
    ├── InputError (ValueError)          bad input from a user or a caller
    │   ├── FormatError                  a file that does not parse
    │   ├── InvalidGameError             a well-formed file or call that describes no valid game
    │   └── GameTooLargeError            refused before allocation, with an estimate
    ├── UnsupportedGameError             a method asked to do what it does not do
    └── SolverError                      a solve that failed
        ├── ConvergenceError             an iterative method that did not converge
        └── InfeasibleError              an optimisation problem without solution
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "NegotiateError",
    "InputError",
    "FormatError",
    "InvalidGameError",
    "GameTooLargeError",
    "UnsupportedGameError",
    "SolverError",
    "ConvergenceError",
    "InfeasibleError",
]


class NegotiateError(Exception):
    """Root of every error raised on purpose by negotiate."""


class InputError(NegotiateError, ValueError):
    """Bad input: a file, an argument or a value that cannot be used."""


class FormatError(InputError):
    """A file (or string) that does not parse as the format it claims.

    Parameters
    ----------
    message
        What is wrong, in words a user understands.
    path
        The file, when there is one.
    line, column
        1-based position of the offending token, when known.
    key
        Dotted key path (for TOML/JSON), when known.
    expected, found
        What the parser expected and what it found instead.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        expected: str | None = None,
        found: str | None = None,
    ) -> None:
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.key = key
        self.expected = expected
        self.found = found
        super().__init__(str(self))

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
            if self.column is not None:
                where[-1] += f", column {self.column}"
        if self.key:
            where.append(f"key '{self.key}'")
        text = self.message
        if self.expected is not None:
            text += f"; expected {self.expected}"
            if self.found is not None:
                text += f", found {self.found}"
        return (": ".join([", ".join(where), text])) if where else text

    def located(self, path: str | None) -> FormatError:
        """Return a copy of this error that names ``path`` (if it named none)."""
        if self.path is not None or path is None:
            return self
        return FormatError(
            self.message,
            path=path,
            line=self.line,
            column=self.column,
            key=self.key,
            expected=self.expected,
            found=self.found,
        )


class InvalidGameError(InputError):
    """A description that is well formed but is not a valid game."""


class GameTooLargeError(InputError):
    """A game refused before allocation because it would not fit.

    Parameters
    ----------
    message
        What was asked for and why it is refused.
    estimate
        What the request would cost: e.g. ``{"profiles": 1e12, "bytes": 8e12}``.
    """

    def __init__(self, message: str, estimate: Mapping[str, Any] | None = None) -> None:
        self.estimate = dict(estimate or {})
        super().__init__(message)


class UnsupportedGameError(NegotiateError):
    """A method asked to solve a kind of game it does not handle."""


class SolverError(NegotiateError):
    """A solve that failed."""


class ConvergenceError(SolverError):
    """An iterative method that did not converge.

    Parameters
    ----------
    message
        What did not converge.
    iterations
        Iterations performed.
    residual
        The last residual (regret, step size, ...), when known.
    """

    def __init__(self, message: str, *, iterations: int | None = None, residual: float | None = None) -> None:
        self.iterations = iterations
        self.residual = residual
        super().__init__(message)


class InfeasibleError(SolverError):
    """An optimisation problem that has no feasible point."""
