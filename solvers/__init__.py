"""Algorithms over :mod:`games` objects: pure functions returning result objects.

Nothing here prints, reads files or knows about trade.
"""
