"""A registry of solver methods, imported only when a method is used.

``solvers.nash.METHODS`` maps each method's name to its function. Importing a
method's module can be costly (scipy's optimisers, for the LP methods), and the
command line must start fast, so the registry stores ``"module:function"``
paths and imports a function the first time it is looked up. It behaves as a
``dict[str, Callable]`` whose values are imported on first look-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from games.errors import InputError

__all__ = ["MethodRegistry"]


class MethodRegistry(Mapping[str, Callable[..., Any]]):
    """Mapping from method names to functions, resolved lazily; new methods may be registered.

    Parameters
    ----------
    paths
        ``{name: "package.module:function"}``.
    family
        What the methods compute, for error messages (``"equilibrium"``).

    Examples
    --------
    >>> registry = MethodRegistry({"pure": "solvers.nash.pure:pure"}, family="equilibrium")
    >>> registry["pure"].__name__
    'pure'
    >>> registry.get_method("magic")
    Traceback (most recent call last):
    ...
    games.errors.InputError: unknown equilibrium method 'magic'; choose one of: pure
    """

    def __init__(self, paths: Mapping[str, str], *, family: str) -> None:
        self._paths = dict(paths)
        self._loaded: dict[str, Callable[..., Any]] = {}
        self.family = family

    def __getitem__(self, name: str) -> Callable[..., Any]:
        fn = self._loaded.get(name)
        if fn is None:
            module, _, attribute = self._paths[name].partition(":")
            fn = getattr(importlib.import_module(module), attribute)
            self._loaded[name] = fn
        return fn

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __setitem__(self, name: str, fn: Callable[..., Any] | str) -> None:
        """Register a method: a function, or a ``"module:function"`` path."""
        self._loaded.pop(name, None)
        if isinstance(fn, str):
            self._paths[name] = fn
        else:
            self._paths[name] = f"{fn.__module__}:{fn.__qualname__}"
            self._loaded[name] = fn

    def __delitem__(self, name: str) -> None:
        del self._paths[name]
        self._loaded.pop(name, None)

    def get_method(self, name: str) -> Callable[..., Any]:
        """The function for ``name``; an unknown name raises :class:`InputError` listing the valid ones."""
        if name not in self._paths:
            raise InputError(f"unknown {self.family} method {name!r}; choose one of: {', '.join(sorted(self))}")
        return self[name]
