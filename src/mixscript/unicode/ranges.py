"""Lookup in the generated range tables: ``(first, last, value)`` rows sorted by ``first``.

Every generated table (scripts, Script_Extensions, joining types, bidi class
overrides) has this shape, so one bisection serves them all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence


class RangeTable:
    """A sorted, non-overlapping table of code-point ranges and their values.

    >>> RangeTable(((0x41, 0x5A, "upper"),)).get(ord("Q"), "other")
    'upper'
    >>> RangeTable(((0x41, 0x5A, "upper"),)).get(ord("q"), "other")
    'other'
    """

    __slots__ = ("_rows", "_starts")

    def __init__(self, rows: Sequence[tuple[int, int, str]]) -> None:
        self._rows = rows
        self._starts = [row[0] for row in rows]

    def get(self, cp: int, default: str) -> str:
        """The value of the range holding ``cp``, or ``default`` outside every range."""
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self._rows[i][1] >= cp:
            return self._rows[i][2]
        return default
