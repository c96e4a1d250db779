"""The fast path of ``PythonEngine.levels`` against the rule-by-rule general path.

The fast path (``mixscript.bidi.fast``) handles paragraphs without explicit
embedding, override or isolate controls; it must give exactly the general
path's levels and paragraph level.  Hand-worked cases pin the rules it
rewrites as string scans; a property test compares the two paths on random
mixed Arabic/Latin text, the kind that PDF extractors produce.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixscript.bidi import fast as bidi_fast
from mixscript.bidi.engine import _CLASS_CODES, PythonEngine, _general_levels
from tests.chars import EXPLICIT_CONTROLS, ZWJ, ZWNJ

ARABIC_LETTERS_AND_MARKS = "ابتثجحدذرسشصعغفقكلمنهويءةىپچژگکی"
HARAKAT = "".join(chr(cp) for cp in range(0x064B, 0x0653))
LATIN = "abcxyzAZ"
DIGITS = "0123456789" + "٠١٢٣٤٥٦٧٨٩" + "۰۱۲۳۴۵۶۷۸۹"
PUNCTUATION = "+-%#$,.:/()[]{}«»"
SPACES = " \t\u00a0"
JOINERS = ZWNJ + ZWJ  # class BN, removed by X9
SEPARATORS = "\n\r\u2029"
# Multi-character pieces make the runs that single characters rarely line up:
# numbers with separators, bracketed words, harakat after brackets, and the
# angle brackets that BD16 pairs by canonical equivalence (U+2329 ~ U+3008).
PIECES = [
    "12.5",
    "3,000",
    "1/2",
    "50%",
    "#7",
    "$10",
    "(abc)",
    "[بت]",
    "{x}",
    "(\u064e",
    ")\u0651",
    "\u2329a\u3009",
    "\u3008\u0628\u232a",
]
ALPHABET = list(
    ARABIC_LETTERS_AND_MARKS
    + HARAKAT
    + LATIN
    + DIGITS
    + PUNCTUATION
    + SPACES
    + JOINERS
    + SEPARATORS
)


def _fast(text: str, base: int | None) -> tuple[list[int], int] | None:
    return bidi_fast.fast_levels(text, text.translate(_CLASS_CODES), base)


# Each expected list was worked out by hand from UAX #9 rules.
HAND_WORKED = [
    # W2: European digits after an Arabic letter are Arabic numbers (level 2 in LTR).
    ("\u0628 12", 0, [1, 1, 2, 2], 0),
    # Persian digits are EN too, so W2 applies to them as well.
    ("\u0628 \u06f1\u06f2", 0, [1, 1, 2, 2], 0),
    # X9: ZWNJ is dropped and then takes the level of the letter before it.
    ("\u0628\u200c\u062a", 0, [1, 1, 1], 0),
    # ... or the paragraph's level when nothing comes before it.
    ("\u200c\u0628", 0, [0, 1], 0),
    # P2 finds the Arabic letter after a leading BN: an RTL paragraph.
    ("\u200c\u0628 a", None, [1, 1, 1, 2], 1),
    # P2 stops at a paragraph separator: no strong character, so LTR.
    ("\u2029\u0628", None, [0, 1], 0),
    # N0: brackets around LTR text in RTL take the context before them (R).
    ("\u0628 (a) \u062a", 1, [1, 1, 1, 2, 1, 1, 1], 1),
    # N0: brackets holding the embedding direction (R) take it.
    ("a (\u0628)", 1, [2, 1, 1, 1, 1], 1),
    # W5 + W7: the percent sign joins the number, which follows the Latin word.
    ("a 10%", 1, [2, 2, 2, 2, 2], 1),
    # W5 only extends EN: after W2 made AN of the digits, % stays neutral.
    ("\u0628 10%", 1, [1, 1, 2, 2, 1], 1),
    # W4: one comma between digits joins them; comma then space does not.
    ("1,2", 1, [2, 2, 2], 1),
    ("1, 2", 1, [2, 1, 1, 2], 1),
]


@pytest.mark.parametrize(("text", "base", "levels", "para"), HAND_WORKED)
def test_hand_worked_cases(text: str, base: int | None, levels: list[int], para: int) -> None:
    assert _fast(text, base) == (levels, para)
    assert _general_levels(text, base) == (levels, para)
    assert PythonEngine().levels(text, base) == (levels, para)


@pytest.mark.parametrize("control", EXPLICIT_CONTROLS)
def test_explicit_controls_are_left_to_the_general_path(control: str) -> None:
    text = f"abc {control}\u0628\u062a 12"
    assert _fast(text, None) is None
    assert PythonEngine().levels(text, None) == _general_levels(text, None)


mixed_text = st.lists(st.sampled_from(ALPHABET) | st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=mixed_text, base=st.sampled_from([None, 0, 1]))
@example(text="(\u0628\u200c)\u064ea", base=0)  # a bracket pair around a BN, NSM after it
@example(text="\u200c\u200c", base=None)  # nothing but removed characters
@example(text="1+2 \u0628 %3 \u0660,\u0661", base=0)  # W4 for EN and AN, W5 before EN
def test_fast_path_matches_general_path(text: str, base: int | None) -> None:
    fast = _fast(text, base)
    assert fast is not None, "no explicit controls: the fast path must apply"
    assert fast == _general_levels(text, base)
