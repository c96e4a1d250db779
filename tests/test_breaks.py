"""The break sets of ``mixscript.text.breaks`` against the UCD and Python's own definitions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mixscript.text.breaks import (
    EDITOR_LINE,
    EDITOR_LINE_BREAK,
    LINE,
    LINE_BREAK,
    LINE_BREAKS,
    LINE_WITH_END,
    PARAGRAPH_SEPARATORS,
)


def test_paragraph_separators_are_bidi_class_b(ucd_file: Callable[[str], Path]) -> None:
    """Bidi_Class B, read from the UCD's DerivedBidiClass.txt: BD7 ends a paragraph there."""
    found: set[str] = set()
    for line in ucd_file("extracted/DerivedBidiClass.txt").read_text("utf-8").splitlines():
        fields = line.split("#")[0].split(";")
        if len(fields) == 2 and fields[1].strip() == "B":
            lo, _, hi = fields[0].strip().partition("..")
            found.update(chr(cp) for cp in range(int(lo, 16), int(hi or lo, 16) + 1))
    assert set(PARAGRAPH_SEPARATORS) == found


def test_line_breaks_are_those_of_splitlines() -> None:
    every = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000]
    assert {ch for ch in every if len(f"a{ch}b".splitlines()) == 2} == LINE_BREAKS
    # VT, FF and U+2028 end a line of text but are Bidi_Class S / WS, not B.
    assert LINE_BREAKS - set(PARAGRAPH_SEPARATORS) == {"\x0b", "\x0c", "\u2028"}


_TEXT = st.text(st.sampled_from("ab\u0628 \n\r\x0b\x0c\x1c\x85\u2028\u2029"), max_size=30)


@given(_TEXT)
def test_line_patterns_agree_with_splitlines(text: str) -> None:
    """LINE, LINE_WITH_END and LINE_BREAK cut where ``str.splitlines`` does, CR LF as one."""
    with_ends = [m.group() for m in LINE_WITH_END.finditer(text) if m.group()]
    assert with_ends == text.splitlines(keepends=True)
    assert [m.group() for m in LINE.finditer(text)] == [s for s in text.splitlines() if s]
    pieces = LINE_BREAK.split(text)
    assert "".join(pieces) == text
    assert (
        pieces[1::2]
        == [ln[len(ln.rstrip("".join(LINE_BREAKS))) :] for ln in with_ends][: len(pieces) // 2]
    )


@given(_TEXT)
def test_editor_lines_end_at_lf_crlf_cr(text: str) -> None:
    """Editors count LF, CR LF and CR, nothing else (as ``path:line:col`` messages do)."""
    ends = [m.span() for m in EDITOR_LINE_BREAK.finditer(text)]
    assert ends == [m.span() for m in re.finditer("\r\n|\r|\n", text)]
    assert [m.group() for m in EDITOR_LINE.finditer(text)] == [
        s for s in re.split("\r\n|\r|\n", text) if s
    ]
