"""Code-point index to 1-based (line, column), as editors and linters show them.

Lines end at LF, CR LF or CR: the breaks that editors and compilers count,
so ``path:line:col`` from ``mixscript check`` lands on the same spot as a
ruff or gcc message.  Columns count code points from 1 (not bytes, not UTF-16
units, not grapheme clusters), matching the offsets in a Finding.
"""

from __future__ import annotations

from bisect import bisect_right

from mixscript.text.breaks import EDITOR_LINE_BREAK

__all__ = ["LineIndex", "line_col"]


class LineIndex:
    """The starts of the lines of one text, for many look-ups in O(log n) each.

    >>> LineIndex("ab\\r\\ncd\\nef").line_col(5)
    (2, 2)
    """

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in EDITOR_LINE_BREAK.finditer(text)]

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and 1-based column (in code points) of ``text[index]``."""
        line = bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1

    def line_start(self, line: int) -> int:
        """Index where the 1-based ``line`` starts."""
        return self._starts[line - 1]


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``text[index]``; column counts code points.

    ``index == len(text)`` gives the position just after the last character.

    >>> line_col("a\\nbc", 3)
    (2, 2)
    """
    if not 0 <= index <= len(text):
        raise IndexError(f"index {index} outside text of length {len(text)}")
    return LineIndex(text).line_col(index)
