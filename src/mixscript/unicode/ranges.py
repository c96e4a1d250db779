"""Lookup in the generated range tables: ``(first, last, value)`` rows sorted by ``first``.

Every generated range table (scripts, Script_Extensions, Bidi_Class, joining
types, general categories, combining classes) has this shape, so one
bisection serves them all.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar

V = TypeVar("V")


class RangeTable(Generic[V]):
    """A sorted, non-overlapping table of code-point ranges and their values.

    >>> RangeTable(((0x41, 0x5A, "upper"),)).get(ord("Q"), "other")
    'upper'
    >>> RangeTable(((0x41, 0x5A, "upper"),)).get(ord("q"), "other")
    'other'
    """

    __slots__ = ("_rows", "_starts")

    def __init__(self, rows: Sequence[tuple[int, int, V]]) -> None:
        self._rows = rows
        self._starts = [row[0] for row in rows]

    def get(self, cp: int, default: V) -> V:
        """The value of the range holding ``cp``, or ``default`` outside every range."""
        i = bisect_right(self._starts, cp) - 1
        if i >= 0 and self._rows[i][1] >= cp:
            return self._rows[i][2]
        return default

    def spans(self, value: V) -> Iterator[tuple[int, int]]:
        """The ``(first, last)`` ranges whose value is ``value``, in order.

        >>> list(RangeTable(((0x30, 0x39, "d"), (0x41, 0x5A, "u"))).spans("u"))
        [(65, 90)]
        """
        return ((a, b) for a, b, v in self._rows if v == value)


def char_class(spans: Sequence[tuple[int, int]] | Iterator[tuple[int, int]]) -> str:
    """The body of a regular-expression character class matching the ranges given.

    Why: a pattern built from the generated tables matches at the tables'
    Unicode version, where ``\\p{...}`` would follow the ``regex`` module's own.

    >>> char_class([(0x41, 0x5A), (0x5F, 0x5F)])
    '\\\\x41-\\\\x5a\\\\x5f'
    """
    out = []
    for a, b in spans:
        lo = f"\\x{a:02x}" if a < 0x100 else f"\\u{a:04x}" if a < 0x10000 else f"\\U{a:08x}"
        if a == b:
            out.append(lo)
        else:
            hi = f"\\x{b:02x}" if b < 0x100 else f"\\u{b:04x}" if b < 0x10000 else f"\\U{b:08x}"
            out.append(f"{lo}-{hi}")
    return "".join(out)
