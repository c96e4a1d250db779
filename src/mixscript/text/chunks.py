"""Bounded chunks of a long text, cut where processing them apart changes nothing.

Why: ``mixscript normalize`` must run over a gigabyte file with flat memory,
and ``--jobs`` must be able to hand parts of one file to several processes.
Both need the text cut into pieces that give the same result processed
separately as together.  Every step of mixscript works within a bidi
paragraph (UAX #9 ends embeddings, visual-order detection and formulas at a
paragraph separator), so a cut is safe right after a paragraph separator
(Bidi_Class B, see :mod:`mixscript.text.breaks`): it is always a grapheme
boundary (except inside CR LF, which we never split).  A line break that is
not a paragraph separator (VT, FF, U+2028) is no place to cut: ``to_visual``
reorders across it.  We prefer a blank line (a prose paragraph, so language
identification sees whole paragraphs) and fall back to any paragraph
separator when paragraphs get long.

A single bidi paragraph longer than the buffer is kept whole: cutting it
would change its order, so memory then grows with the longest paragraph,
never with the file.

``lf_only=True`` cuts only after LF, for output made of LF-ended lines (a
unified diff, whose lines are what ``patch`` counts): a chunk ending with
CR or U+2029 would end with half a line, which a diff of the chunk alone
marks as the end of the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from mixscript.text.breaks import (
    EDITOR_LINE_BREAK,
    PARAGRAPH_SEPARATORS,
    PROSE_PARAGRAPH_MARKS,
)

__all__ = ["CHUNK", "Chunk", "chunks", "safe_cut"]

CHUNK = 1 << 20
"""Target chunk size in code points."""

_SEPARATOR_MARKS = tuple(PARAGRAPH_SEPARATORS)
_SEPARATORS = frozenset(PARAGRAPH_SEPARATORS)


@dataclass(frozen=True, slots=True)
class _Cuts:
    """Where a cut may fall: after ``prose`` marks first, after any of ``separators`` else;
    ``run`` is the separators as a set (a cut goes after all of a run of them)."""

    prose: tuple[str, ...]
    separators: tuple[str, ...]
    run: frozenset[str]


_PARAGRAPHS = _Cuts(PROSE_PARAGRAPH_MARKS, _SEPARATOR_MARKS, _SEPARATORS)
_LF_LINES = _Cuts(
    tuple(m for m in PROSE_PARAGRAPH_MARKS if m.endswith("\n")), ("\n",), frozenset("\n")
)


@dataclass(frozen=True, slots=True)
class Chunk:
    """``text`` starts at code point ``start`` of the whole text.

    ``line``/``col`` (1-based) place that start as editors count lines (LF,
    CR LF or CR end a line, see :mod:`mixscript.text.lines`); ``lf_line`` counts
    LF only, as ``diff`` and ``patch`` do.  ``col`` is 1 unless the previous
    chunk ended with a break editors do not count (U+2029, for instance).
    ``line_break`` is the first LF, CR LF or CR of the whole text before the
    chunk (None when there is none): the text's own line break, for output
    that makes line breaks of its own (``to_visual`` wrapping a paragraph),
    so that a chunk holding only the last line of a CR LF file without a
    final line break breaks it as the whole file would.
    """

    text: str
    start: int
    line: int = 1
    col: int = 1
    lf_line: int = 1
    line_break: str | None = None

    def advance(self, text: str) -> Chunk:
        """The position just after this chunk, holding ``text``."""
        mine = self.text
        breaks = mine.count("\n") + mine.count("\r") - mine.count("\r\n")
        last = max(mine.rfind("\n"), mine.rfind("\r"))
        col = len(mine) - last if last >= 0 else self.col + len(mine)
        return Chunk(
            text,
            self.start + len(mine),
            self.line + breaks,
            col,
            self.lf_line + mine.count("\n"),
            self.line_break or _first_line_break(mine),
        )


def _first_line_break(text: str) -> str | None:
    """The first LF, CR LF or CR of ``text`` (a chunk never ends between CR and LF)."""
    found = EDITOR_LINE_BREAK.search(text)
    return found.group() if found else None


def _after_breaks(buf: str, i: int, run: frozenset[str] = _SEPARATORS) -> int:
    """Move ``i`` forward over paragraph separators, so a run of blank lines is never split."""
    while i < len(buf) and buf[i] in run:
        i += 1
    return i


def safe_cut(buf: str, size: int, lf_only: bool = False) -> int | None:
    """A cut position ``0 < i < len(buf)`` for a buffer of at least ``size``, or None.

    The cut follows the last paragraph break (a blank line) within the first
    ``2 * size`` code points (or the first one after them), or, when the
    buffer has grown to four times ``size`` without one, the last paragraph
    separator within the first ``8 * size`` (or the first one after them).
    It never falls between CR and LF, nor at the very end (the next
    character must be known to be sure a CR is not followed by LF).

    >>> safe_cut("one\\n\\ntwo\\nthree", 4)
    5
    >>> safe_cut("one\\ntwo\\nthree", 4) is None
    True
    >>> safe_cut("one\\ntwo\\nthree", 3)
    8
    >>> safe_cut("one\\u2028two\\u2028three", 3) is None  # U+2028 does not end a paragraph
    True
    >>> safe_cut("one\\rtwo\\rthree", 3), safe_cut("one\\rtwo\\rthree", 3, lf_only=True)
    (8, None)
    """
    cuts = _LF_LINES if lf_only else _PARAGRAPHS
    run = cuts.run
    for marks, needed in ((cuts.prose, size), (cuts.separators, 4 * size)):
        if len(buf) < needed:
            return None
        # Prefer the last break within twice the threshold, so chunks stay near
        # ``size``; after an over-long paragraph or line, take the first break.
        cut = _last_break(buf, marks, min(len(buf), 2 * needed), run)
        if cut is None:
            cut = _next_break(buf, marks, max(0, 2 * needed - 2), run)
        if cut is not None:
            return cut
    return None


def _last_break(buf: str, marks: tuple[str, ...], limit: int, run: frozenset[str]) -> int | None:
    while True:
        at, mark = max((buf.rfind(m, 0, limit), m) for m in marks)
        if at < 0:
            return None
        cut = _after_breaks(buf, at + len(mark), run)
        if cut < len(buf):
            return cut
        limit = at  # the breaks run to the end of the buffer: look further back


def _next_break(buf: str, marks: tuple[str, ...], start: int, run: frozenset[str]) -> int | None:
    found = [(at, m) for m in marks if (at := buf.find(m, start)) >= 0]
    if not found:
        return None
    at, mark = min(found)
    cut = _after_breaks(buf, at + len(mark), run)
    return cut if cut < len(buf) else None


def chunks(pieces: Iterable[str], size: int = CHUNK, lf_only: bool = False) -> Iterator[Chunk]:
    """Re-cut a stream of text pieces into :class:`Chunk` s of about ``size`` code points.

    Joining the chunks' texts gives back the input exactly; ``start``,
    ``line`` and ``col`` place each chunk in the whole text.  ``lf_only``:
    cut only after LF (see the module docstring).

    >>> [c.text for c in chunks(["ab\\n\\ncd", "\\n\\nef"], size=2)]
    ['ab\\n\\n', 'cd\\n\\n', 'ef']
    """
    buf = ""
    # Pieces of a line longer than the buffer, kept apart until a piece
    # brings a line break: appending each piece to ``buf`` and searching all
    # of it again cost time quadratic in the length of the line.
    held: list[str] = []
    prev: Chunk | None = None
    for piece in pieces:
        if held and not _has_break(piece, lf_only):
            held.append(piece)
            continue
        if held:
            held.append(piece)
            buf = "".join(held)
            held = []
        else:
            buf = buf + piece if buf else piece
        while len(buf) >= size:
            cut = safe_cut(buf, size, lf_only)
            if cut is None:
                if len(buf) >= 8 * size and not _has_break(buf, lf_only):
                    held = [buf]
                    buf = ""
                break
            text, buf = buf[:cut], buf[cut:]
            prev = prev.advance(text) if prev is not None else Chunk(text, 0)
            yield prev
    if held:
        buf = "".join(held)
    if buf:
        yield prev.advance(buf) if prev is not None else Chunk(buf, 0)


def _has_break(text: str, lf_only: bool = False) -> bool:
    """Whether ``text`` holds a character a chunk may be cut after."""
    if lf_only:
        return "\n" in text
    return any(mark in text for mark in _SEPARATOR_MARKS)
