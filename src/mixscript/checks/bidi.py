"""Bidi controls (MS1xx): the balance rules in prose, every control in source files.

In prose the rules are those of ``normalize`` (:func:`mixscript.bidi.controls.unbalanced_bidi_controls`):
overrides always, embeddings and isolates left open at a line end or closing
nothing.  In a source file (CVE-2021-42574) every bidi control and mark is
reported, by where it sits: comment, string literal or code.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import regex

from mixscript.bidi.controls import unbalanced_bidi_controls
from mixscript.checks.invisibles import describe
from mixscript.model import Finding
from mixscript.text.lines import LineIndex
from mixscript.text.source_code import Span
from mixscript.unicode.chars import (
    ALM,
    BIDI_CONTROLS,
    LRM,
    OVERRIDES,
    RLM,
)

__all__ = ["bidi_source_findings", "bidi_text_findings", "span_at"]

_MARKS = frozenset((LRM, RLM, ALM))
_SOURCE_BIDI = BIDI_CONTROLS | _MARKS
_ANY_BIDI = regex.compile("[" + "".join(sorted(_SOURCE_BIDI)) + "]")


def bidi_text_findings(text: str, bad: list[int] | None = None) -> Iterator[Finding]:
    """MS101/MS102 outside source files, from the balance rules of :mod:`mixscript.bidi.controls`.

    ``bad`` is :func:`~mixscript.bidi.controls.unbalanced_bidi_controls` of
    ``text`` when the caller has it already.
    """
    if bad is None:
        bad = unbalanced_bidi_controls(text)
    if not bad:
        return
    lines = LineIndex(text)
    override_lines = {lines.line_col(i)[0] for i in bad if text[i] in OVERRIDES}
    for i in bad:
        ch = text[i]
        if ch in OVERRIDES:
            yield Finding(i, i + 1, "MS101", f"{describe(ch)} reorders the text after it", "")
        elif ch == "\u202c" and lines.line_col(i)[0] in override_lines:
            # A PDF reorders nothing: it ends the override before it.
            yield Finding(
                i, i + 1, "MS101", f"{describe(ch)} closes an override that reorders text", ""
            )
        else:
            yield Finding(i, i + 1, "MS102", f"unbalanced {describe(ch)}", "")


def span_at(spans: list[Span], starts: list[int], i: int) -> Span | None:
    k = bisect_right(starts, i) - 1
    if k >= 0 and spans[k].start <= i < spans[k].end:
        return spans[k]
    return None


def bidi_source_findings(text: str, spans: list[Span], starts: list[int]) -> Iterator[Finding]:
    """MS103..MS105: every bidi control or mark in a source file (CVE-2021-42574)."""
    for m in _ANY_BIDI.finditer(text):
        i, ch = m.start(), m.group()
        span = span_at(spans, starts, i)
        if span is None:
            yield Finding(i, i + 1, "MS105", f"{describe(ch)} in code", "")
        elif span.kind == "comment":
            yield Finding(i, i + 1, "MS103", f"{describe(ch)} in a comment", "")
        else:
            esc = None if span.escape is None else span.escape.format(cp=ord(ch))
            hint = f"; write {esc} instead" if esc else ""
            yield Finding(i, i + 1, "MS104", f"{describe(ch)} in a string literal{hint}", esc)
