"""Line and paragraph breaks: every definition of where a line or a paragraph ends.

Why one module: "a line" means three different things in mixscript, and
each used to be typed out where it was needed.  They are:

* **Paragraph separators** (:data:`PARAGRAPH_SEPARATORS`): the characters of
  Bidi_Class B in the UCD (LF, CR, FS, GS, RS, NEL and U+2029 PARAGRAPH
  SEPARATOR), CR LF counting as one.  UAX #9 ends every embedding, isolate
  and run at one, so anything that reorders or judges direction works
  within them, and a long text may be cut after one without changing a
  result.  ``tests/test_breaks.py`` checks the set against the UCD.
* **Line breaks** (:data:`LINE_BREAKS`): the paragraph separators plus VT,
  FF and U+2028 LINE SEPARATOR, the boundaries of ``str.splitlines``.  They
  end a line of text (no script run or bidi-control balance crosses one),
  but VT and FF are Bidi_Class S and U+2028 is WS: they do *not* end a bidi
  paragraph.
* **Editor lines** (:data:`EDITOR_LINE_ENDS`): LF, CR LF or CR, the lines
  that editors, compilers and ``path:line:col`` messages count.

The compiled patterns below are built from these sets, never typed again:
``re`` scans a character class in C, much faster than a Python loop.
"""

from __future__ import annotations

import re

__all__ = [
    "EDITOR_LINE",
    "EDITOR_LINE_BREAK",
    "EDITOR_LINE_ENDINGS",
    "EDITOR_LINE_ENDS",
    "LINE",
    "LINE_BREAK",
    "LINE_BREAKS",
    "LINE_WITH_END",
    "PARAGRAPH_SEPARATORS",
    "PROSE_PARAGRAPH_MARKS",
    "line_break_class",
]

#: Bidi_Class B: the characters that end a bidi paragraph (UAX #9, BD7 and P1).
PARAGRAPH_SEPARATORS = "\n\r\x1c\x1d\x1e\x85\u2029"

#: What ends a line of text: the paragraph separators, VT, FF and U+2028 (``str.splitlines``).
LINE_BREAKS = frozenset(PARAGRAPH_SEPARATORS + "\x0b\x0c\u2028")

#: The two characters of the line ends editors count: LF, CR LF and CR.
EDITOR_LINE_ENDS = "\r\n"
#: Those line ends as strings, CR LF first.
EDITOR_LINE_ENDINGS = ("\r\n", "\n", "\r")

#: Marks of a prose paragraph (a blank line, or U+2029): where a cut keeps paragraphs whole.
PROSE_PARAGRAPH_MARKS = ("\n\n", "\n\r\n", "\r\r", "\u2029")


def line_break_class(chars: str | frozenset[str]) -> str:
    """The inside of a ``re`` character class holding exactly ``chars``.

    >>> line_break_class("\\r\\n")
    '\\\\\\n\\\\\\r'
    """
    return "".join(re.escape(c) for c in sorted(chars))


_LB = line_break_class(LINE_BREAKS)

#: One line break, CR LF as one (a capturing group, so ``split`` keeps the breaks).
LINE_BREAK = re.compile(rf"(\r\n|[{_LB}])")
#: A line's text without its break (non-empty).
LINE = re.compile(rf"[^{_LB}]+")
#: A line with its break (CR LF as one); the last match is empty.
LINE_WITH_END = re.compile(rf"[^{_LB}]*(?:\r\n|[{_LB}])?")
#: One editor line end: CR LF, CR or LF.
EDITOR_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: An editor line's text without its end (non-empty).
EDITOR_LINE = re.compile(rf"[^{line_break_class(EDITOR_LINE_ENDS)}]+")
