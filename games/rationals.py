"""Exact rational numbers: parsing, arrays of :class:`fractions.Fraction`, and printing.

Gambit's files and ours keep every number as an exact rational (``0.1`` is
``1/10``). A game keeps its exact payoffs as an object array of
:class:`~fractions.Fraction` beside the float64 working array; exact solvers
work in integers after :func:`to_integer_array`.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "NUMBER_PATTERN",
    "parse_rational",
    "is_exact_value",
    "to_fraction",
    "exact_array",
    "format_rational",
    "to_integer_array",
]

#: A number as Gambit writes it: optional sign, integer, decimal (``.5``, ``1.``,
#: ``1.5e-3``) or rational ``a/b``.
NUMBER_PATTERN = re.compile(
    r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", re.ASCII
)


def parse_rational(text: str) -> Fraction:
    """Parse a decimal, integer or ``a/b`` string into an exact :class:`Fraction`.

    Raises
    ------
    ValueError
        If ``text`` is not such a number or is ``a/0``.
    """
    text = text.strip()
    if not NUMBER_PATTERN.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    if "/" in text:
        num, den = text.split("/")
        if int(den) == 0:
            raise ValueError(f"zero denominator: {text!r}")
    return Fraction(text)


def is_exact_value(value: Any) -> bool:
    """Whether ``value`` is an exact number (int or Fraction, not bool or float)."""
    return isinstance(value, (int, Fraction, np.integer)) and not isinstance(value, (bool, np.bool_))


def to_fraction(value: Any) -> Fraction:
    """Convert an int, Fraction, numeric string or finite float to a Fraction.

    Floats convert to the shortest decimal that round-trips (``0.1`` → ``1/10``),
    which is what a user who typed the float meant.
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("a boolean is not a number")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, str):
        return parse_rational(value)
    f = float(value)
    if not math.isfinite(f):
        raise ValueError(f"not a finite number: {value!r}")
    return Fraction(repr(f))


def exact_array(values: ArrayLike) -> NDArray[np.object_]:
    """An object array of Fractions from nested sequences of exact or float values."""
    arr = np.asarray(values, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    flat_in = arr.reshape(-1)
    flat_out = out.reshape(-1)
    for i, v in enumerate(flat_in):
        flat_out[i] = to_fraction(v)
    return out


def format_rational(value: Fraction | int | float) -> str:
    """Print a number the way Gambit reads it: ``3``, ``-1/18``, or a float's repr."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    f = float(value)
    if f.is_integer() and abs(f) < 2**53:
        return str(int(f))
    return repr(f)


def to_integer_array(values: NDArray[Any]) -> tuple[NDArray[Any], int]:
    """Scale an array of exact numbers (ints, Fractions) to integers by their common denominator.

    Floats, if any, are first converted with :func:`to_fraction`. The work is
    vectorised: one pass reads numerators and denominators, the least common
    multiple is taken over the distinct denominators only, and the scaling is
    a numpy product guarded against int64 overflow.

    Returns
    -------
    (ints, scale)
        ``ints / scale == values`` exactly. ``ints`` is int64 when every entry
        fits, else an object array of Python ints.
    """
    arr = np.asarray(values)
    if arr.dtype.kind in "iu":
        return np.array(arr, dtype=np.int64), 1
    flat = arr.reshape(-1)
    try:
        nums = np.fromiter((v.numerator for v in flat), dtype=object, count=flat.size)
        dens = np.fromiter((v.denominator for v in flat), dtype=object, count=flat.size)
    except AttributeError:  # floats among the values
        return to_integer_array(exact_array(arr))
    scale = 1
    for d in set(dens.tolist()):
        scale = scale * int(d) // math.gcd(scale, int(d))
    factors = scale // dens
    biggest = max((abs(int(x)) for x in nums), default=0) * max((int(f) for f in factors), default=1)
    if biggest < 2**62:
        ints: NDArray[Any] = nums.astype(np.int64) * factors.astype(np.int64)
    else:
        ints = np.array([int(n) * int(f) for n, f in zip(nums, factors)], dtype=object)
    return ints.reshape(arr.shape), scale
