"""The Unicode Bidirectional Algorithm (UAX #9): levels and reordering, from the compiled core.

Why our own engine when python-bidi exists: python-bidi returns only the
reordered string of a whole paragraph.  Rendering needs more: the embedding
level of every character (to mirror brackets at odd levels, rule L4, and to
keep combining marks after their base, rule L3), and reordering *per line*
with the direction found once for the paragraph (rules L1-L2 after wrapping).
Its Rust backend also moves newlines to the front of RTL paragraphs.

The rules (P2-P3, X1-X10, W1-W7, N0-N2, I1-I2 and L1-L3 of UAX #9, Unicode
15.0) live in Rust, in ``rust/core/src/bidi``, reached through
:mod:`mixscript._core`; that crate's ``cargo test`` and
``tests/test_bidi_conformance.py`` check them against every line of the
Unicode Consortium's ``BidiCharacterTest.txt``.  This module keeps what is
Python's job: the bidi class table for string scans, mirroring (L4),
paragraph splitting and the engine interface.

With PyICU installed, :class:`IcuEngine` computes the same levels with ICU's
``ubidi``; everything after the levels (L1, L2, L3, L4) is shared code, so
the two engines can only differ in the levels they resolve.

Levels are computed per *paragraph*: split text at paragraph separators
(class B) first; :func:`paragraphs` does that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol

from mixscript import _core
from mixscript.unicode._ucd_bidi import BIDI_CLASS_RANGES, MIRRORS
from mixscript.unicode.char_tables import CharTable
from mixscript.unicode.ranges import RangeTable

__all__ = [
    "CODES",
    "ClassCodes",
    "CoreEngine",
    "IcuEngine",
    "LevelEngine",
    "bidi_class",
    "class_codes",
    "codes_of",
    "first_strong_level",
    "keep_marks_after_base",
    "line_levels",
    "mirror",
    "paragraphs",
    "removed_by_x9",
    "reorder_line",
]

_CLASSES = RangeTable(BIDI_CLASS_RANGES)
_X9_REMOVED = frozenset(("RLE", "LRE", "RLO", "LRO", "PDF", "BN"))


@lru_cache(maxsize=16384)
def bidi_class(ch: str) -> str:
    """Bidi_Class of one character, at :data:`mixscript.unicode.UNICODE_VERSION`.

    From the generated table, not :mod:`unicodedata`: that follows the running
    Python's Unicode version and gives no class to unassigned code points.

    >>> bidi_class("a"), bidi_class("\\N{ARABIC LETTER BEH}"), bidi_class("1")
    ('L', 'AL', 'EN')
    >>> bidi_class("\\u05ff")  # unassigned, but in the Hebrew block
    'R'
    """
    return _CLASSES.get(ord(ch), "L")


def removed_by_x9(cls: str) -> bool:
    """Whether rule X9 removes characters of this class (embeddings, overrides, PDF, BN)."""
    return cls in _X9_REMOVED


# Rule L4 for a whole string at once: ``text.translate(MIRROR_TABLE)``.
MIRROR_TABLE: dict[int, str] = {cp: chr(m) for cp, m in MIRRORS.items()}


def mirror(ch: str) -> str:
    """The Bidi_Mirroring_Glyph of ``ch``, or ``ch`` itself (rule L4).

    >>> mirror("("), mirror("\\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"), mirror("a")
    (')', '»', 'a')
    """
    m = MIRRORS.get(ord(ch))
    return chr(m) if m is not None else ch


def mirror_odd(text: str, levels: Sequence[int]) -> str:
    """``text`` with every character at an odd level replaced by its mirror glyph (rule L4).

    >>> mirror_odd("(a)(", [1, 1, 1, 0])
    ')a(('
    """
    flipped = text.translate(MIRROR_TABLE)
    if flipped == text:  # nothing that mirrors
        return text
    return "".join(f if lv & 1 else c for c, f, lv in zip(text, flipped, levels, strict=True))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``; each includes its closing separator (class B).

    CRLF is one separator, so it is never split between two paragraphs.

    >>> paragraphs("ab\\r\\ncd\\nef")
    [(0, 4), (4, 7), (7, 9)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    codes = class_codes(text)
    i = codes.find(_PARAGRAPH_SEPARATOR)
    while i != -1:
        end = i + 2 if text.startswith("\r\n", i) else i + 1
        spans.append((start, end))
        start = end
        i = codes.find(_PARAGRAPH_SEPARATOR, end)
    if start < n or not spans:
        spans.append((start, n))
    return spans


def first_strong_level(text: str) -> int | None:
    """P2-P3: 1 if the first strong character (outside isolates) is RTL, 0 if LTR, else None.

    >>> first_strong_level("123 سلام abc"), first_strong_level("\\u2067سلام\\u2069 hi")
    (1, 0)
    """
    return _core.first_strong_level(text)


class LevelEngine(Protocol):
    """Something that resolves the embedding levels of one paragraph (rules P2-I2)."""

    name: str

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """(level per character, paragraph level) for ``text``, one paragraph."""
        ...


class CoreEngine:
    """UAX #9 levels from the compiled core (:mod:`mixscript._core`); the default engine."""

    name = "core"

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """Resolve levels through rule I2.  X9-removed characters get their neighbour's level.

        Digits after Hebrew follow it (W7 finds R, not L), and so does the space between:

        >>> CoreEngine().levels("abc \\u05d0\\u05d1 12", None)
        ([0, 0, 0, 0, 1, 1, 1, 2, 2], 0)
        """
        return _core.bidi_levels(text, base_level)


# Bidi_Class -> one-letter code, for scans of a line's classes with ``re``.
CODES = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "ES": "P",
    "ET": "T",
    "AN": "N",
    "CS": "C",
    "NSM": "M",
    "BN": "X",
    "B": "B",
    "S": "S",
    "WS": "W",
    "ON": "O",
    "LRE": "e",
    "RLE": "f",
    "LRO": "o",
    "RLO": "p",
    "PDF": "d",
    "LRI": "i",
    "RLI": "j",
    "FSI": "k",
    "PDI": "q",
}


def codes_of(*classes: str) -> str:
    """The one-letter codes of Bidi_Class values, for patterns over class codes elsewhere.

    >>> codes_of("L", "R", "AL")
    'LRA'
    """
    return "".join(CODES[c] for c in classes)


class ClassCodes(CharTable):
    """A ``str.translate`` table: code point -> one-letter class code, filled on first sight."""

    def __init__(self, classify: Callable[[str], str]) -> None:
        super().__init__(lambda ch: CODES[classify(ch)])


_CLASS_CODES = ClassCodes(bidi_class)
_PARAGRAPH_SEPARATOR = codes_of("B")


def class_codes(text: str) -> str:
    """One letter per character of ``text`` for its bidi class (:data:`CODES`).

    Cached for line-sized text: repairing a visual line scans the same
    text several times.  Longer text is not kept, so the cache stays small
    whatever the input.

    >>> class_codes("a1 ب")
    'LEWA'
    """
    if len(text) > _CACHED_CODES_MAX:
        return text.translate(_CLASS_CODES)
    return _cached_class_codes(text)


_CACHED_CODES_MAX = 4096


@lru_cache(maxsize=64)
def _cached_class_codes(text: str) -> str:
    return text.translate(_CLASS_CODES)


class IcuEngine:
    """UAX #9 levels from ICU's ``ubidi`` through PyICU (the ``mixscript[icu]`` extra)."""

    name = "icu"

    def __init__(self) -> None:
        import icu  # optional dependency: raises ImportError without PyICU

        self._icu = icu

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """Levels per code point (ICU counts UTF-16 units; astral characters are mapped back)."""
        icu = self._icu
        # ubidi keeps a pointer to the text: the UnicodeString must outlive the calls.
        ustr = icu.UnicodeString(text)
        bidi = icu.Bidi()
        bidi.setPara(ustr, 0xFE if base_level is None else base_level)
        unit_levels = bidi.getLevels() if len(ustr) else ()
        para = int(bidi.getParaLevel())
        levels: list[int] = []
        u = 0
        for ch in text:
            levels.append(int(unit_levels[u]) if u < len(unit_levels) else para)
            u += 2 if ord(ch) > 0xFFFF else 1
        # X9-removed characters take their neighbour's level, as in the core engine.
        return _core.fill_removed(text, levels, para), para


def line_levels(text: str, levels: Sequence[int], para: int, start: int, end: int) -> list[int]:
    """Rule L1 for the line ``text[start:end]`` of a paragraph: levels of that line.

    Segment and paragraph separators, and whitespace or isolate controls
    before them or at the end of the line, go back to the paragraph level.

    >>> line_levels("a b \\t", [1, 1, 1, 1, 1], 0, 0, 5)
    [1, 1, 1, 0, 0]
    """
    return _core.line_levels(text[start:end], levels[start:end], para)


def reorder_line(levels: Sequence[int]) -> list[int]:
    """Rule L2: indexes of a line's characters in visual (left-to-right) order.

    From the highest level down to the lowest odd one, every maximal run at
    that level or above is reversed.

    >>> reorder_line([0, 0, 1, 1, 2, 2, 1])
    [0, 1, 6, 4, 5, 3, 2]
    """
    return _core.reorder_line(levels)


def keep_marks_after_base(text: str, order: list[int], levels: Sequence[int]) -> list[int]:
    """Rule L3: in right-to-left runs, put combining marks back after their base character.

    Reversal leaves a letter's harakat in front of it; a renderer that draws
    left to right attaches a mark to the glyph before it, so each base and its
    marks are swapped back.  ``order`` is a visual order of ``text`` and
    ``levels`` the line's levels, both indexed like ``text``.

    >>> keep_marks_after_base("\u05d0\u05b7\u05d1", [2, 1, 0], [1, 1, 1])
    [2, 0, 1]
    """
    return _core.keep_marks_after_base(text, order, levels)
