"""Type stubs of the compiled core, ``rust/py`` (PyO3) over ``rust/core``.

Text is indexed by code point, as everywhere in the library; levels are
UAX #9 embedding levels (0..126).
"""

from collections.abc import Sequence

UNICODE_VERSION: str

def bidi_class(ch: str, /) -> str:
    """Bidi_Class of one character, at :data:`UNICODE_VERSION`."""

def bidi_levels(text: str, base_level: int | None = None) -> tuple[list[int], int]:
    """(level per character, paragraph level) of one paragraph (UAX #9 rules P2-I2)."""

def first_strong_level(text: str) -> int | None:
    """P2-P3: 1 if the first strong character is RTL, 0 if LTR, None if there is none."""

def fill_removed(text: str, levels: Sequence[int], para: int) -> list[int]:
    """``levels`` with X9-removed characters given the level before them."""

def line_levels(line: str, levels: Sequence[int], para: int) -> list[int]:
    """Rule L1: the levels of one line from its paragraph levels."""

def reorder_line(levels: Sequence[int]) -> list[int]:
    """Rule L2: indexes of the line's characters in visual order."""

def keep_marks_after_base(line: str, order: Sequence[int], levels: Sequence[int]) -> list[int]:
    """Rule L3: ``order`` with combining marks put back after their base."""

# ---- visual-order evidence (rust/core/src/visual)

def visual_score(line: str) -> tuple[int, int]:
    """(forward score, backward score) of one line: evidence for logical vs visual order."""

def visual_evidence(line: str) -> tuple[int, int, int, int]:
    """(forward, backward, words reading better forwards, words reading better backwards)."""

def visual_word_scores(word: str) -> tuple[int, int]:
    """(forward, backward) scores of one word as stored (marks, tatweel and ZWJ dropped)."""

def arabic_words(line: str) -> list[tuple[int, int]]:
    """(start, end) of each Arabic-script word of ``line`` as stored, marks included."""

def visual_confidence(forward: int, backward: int) -> float:
    """``(backward - forward) / (backward + forward + 1)``, or 0 when ``backward <= forward``."""

def function_words() -> list[str]:
    """The function words that tell a direction (in NFC), sorted."""
