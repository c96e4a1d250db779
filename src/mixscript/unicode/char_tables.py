"""``str.translate`` tables that fill themselves: one Python call per distinct character.

Work done per character in a Python loop costs a function call for every
character of every line; most of it depends on the character alone.  A
:class:`CharTable` computes the answer for a character the first time
:meth:`str.translate` asks for it and keeps it, so a whole line is then
mapped in C.  A table over all of Unicode would take a million entries to
build up front, while a program meets few distinct characters.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CharTable"]

# Text of many scripts must not grow a table without bound: past this many
# characters it starts again.
_LIMIT = 1 << 16


class CharTable(dict[int, str]):
    """Code point -> ``convert(chr(code point))``, computed on first sight.

    >>> table = CharTable(str.upper)
    >>> "abc".translate(table), len(table)
    ('ABC', 3)
    """

    def __init__(self, convert: Callable[[str], str]) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, cp: int) -> str:
        if len(self) >= _LIMIT:
            self.clear()
        out = self._convert(chr(cp))
        self[cp] = out
        return out
