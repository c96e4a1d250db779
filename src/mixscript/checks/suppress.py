"""Inline suppression: ``mixscript: ignore`` or ``mixscript: ignore[MS208,MS3]`` on a line.

The marker silences findings that start on its own line, all of them or
those whose code starts with one of the listed codes or prefixes.  In a
source file (known by its extension) it only counts inside a comment, so a
string that happens to contain the words does not switch the check off.

A marker that comes after a bidi control on its line is ignored.  Otherwise a
Trojan Source line could carry its own silencer: a reordered line shows the
marker somewhere else than where it is, and nobody would review it.
"""

from __future__ import annotations

import regex

from mixscript.model import Finding
from mixscript.text.lines import LineIndex
from mixscript.text.source_code import Span
from mixscript.unicode.chars import ALM, BIDI_CONTROLS, LRM, RLM

__all__ = ["MARKER", "Suppressions"]

MARKER = "mixscript: ignore"
_MARKER = regex.compile(r"mixscript:\s*ignore(?:\[([A-Za-z0-9_,\s]*)\])?")
_BIDI = BIDI_CONTROLS | {LRM, RLM, ALM}


class Suppressions:
    """The markers found in one text, by line.

    >>> text = "a\\u200bb  # mixscript: ignore[MS2]\\nc"
    >>> s = Suppressions(text, None, LineIndex(text))
    >>> sorted(s.by_line.items())
    [(1, ('MS2',))]
    """

    __slots__ = ("by_line",)

    def __init__(self, text: str, comments: list[Span] | None, lines: LineIndex) -> None:
        # line -> code prefixes, or () for "every code"
        self.by_line: dict[int, tuple[str, ...]] = {}
        if "mixscript" not in text:
            return
        for m in _MARKER.finditer(text):
            if comments is not None and not any(c.start <= m.start() < c.end for c in comments):
                continue
            line = lines.line_col(m.start())[0]
            before = text[lines.line_start(line) : m.start()]
            if any(ch in _BIDI for ch in before):
                continue
            codes = tuple(c.strip().upper() for c in (m.group(1) or "").split(",") if c.strip())
            if m.group(1) is not None and not codes:
                continue  # "ignore[]" names nothing, so silences nothing
            old = self.by_line.get(line)
            if old == () or not codes:
                self.by_line[line] = ()
            else:
                self.by_line[line] = (old or ()) + codes

    def silences(self, finding: Finding, line: int) -> bool:
        """Whether a marker on ``line`` (the finding's first line) covers ``finding.code``."""
        codes = self.by_line.get(line)
        if codes is None:
            return False
        return not codes or finding.code.startswith(codes)
