"""Character classes shared by the normalisation steps and the checks.

One place decides which invisible characters carry meaning, so that
``normalize`` never removes what ``check`` accepts and ``check`` never accepts
what ``normalize`` would remove.
"""

from __future__ import annotations

from collections.abc import Iterable

from mixscript import _core
from mixscript.unicode.properties import general_category

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
ZWJ = "\N{ZERO WIDTH JOINER}"
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"
OVERRIDES = frozenset((LRO, RLO))
EMBEDDINGS = frozenset((LRE, RLE))
ISOLATES = frozenset((LRI, RLI, FSI))
BIDI_CONTROLS = frozenset((LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI))


#: Arabic Presentation Forms-A and -B (the forms of shaped text and the ligatures).
FORMS_A = (0xFB50, 0xFDFF)
FORMS_B = (0xFE70, 0xFEFF)
#: The Arabic blocks, first and last code point of each: Arabic, Arabic
#: Supplement, Arabic Extended-B and -A, and the two presentation-form blocks.
#: (Arabic Extended-C and the Indic Siyaq and mathematical blocks are outside
#: the Basic Multilingual Plane and not used by Arabic-script prose.)
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), FORMS_A, FORMS_B)


def ranges_class(ranges: Iterable[tuple[int, int]]) -> str:
    """The inside of a ``re`` character class holding the code-point ranges.

    >>> ranges_class([FORMS_A, FORMS_B]) == "\ufb50-\ufdff\ufe70-\ufeff"
    True
    """
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


def in_ranges(cp: int, ranges: Iterable[tuple[int, int]]) -> bool:
    """Whether code point ``cp`` lies in one of ``ranges`` (inclusive).

    >>> in_ranges(0xFEFB, [FORMS_A, FORMS_B]), in_ranges(0x0628, [FORMS_A, FORMS_B])
    (True, False)
    """
    return any(lo <= cp <= hi for lo, hi in ranges)


ARABIC_LETTERS_AND_MARKS = frozenset(
    chr(cp)
    for lo, hi in ARABIC_BLOCKS
    for cp in range(lo, hi + 1)
    if general_category(chr(cp))[0] in "LM"
)


def is_arabic_letter_or_mark(ch: str) -> bool:
    """True for letters and combining marks of the Arabic blocks, which ZWNJ/ZWJ may sit between.

    Marks count: a joiner between a haraka and a letter still joins them.

    >>> is_arabic_letter_or_mark("ی"), is_arabic_letter_or_mark("\u064e")
    (True, True)
    >>> is_arabic_letter_or_mark("a"), is_arabic_letter_or_mark("،")
    (False, False)
    """
    return ch in ARABIC_LETTERS_AND_MARKS


def joiner_has_effect(text: str, i: int) -> bool:
    """Whether the ZWNJ or ZWJ at ``text[i]`` does anything.

    It does between two Arabic-script letters (Persian ``می‌خواهم``, Urdu
    ``بے‌رو``; harakat and format characters such as RLM in between are looked
    through, as joining looks through them) and, for ZWJ, inside an emoji
    sequence; a ZWJ right after an Arabic letter also gives the letter its
    joining form when nothing follows (the hijri year's abbreviation: heh,
    ZWJ, full stop, qaf).  Next to a space, at a word's edge or inside a
    Latin word it is only noise.  The judgement is the core's
    (``joiner_has_effect`` in ``rust/core/src/steps/zero_width.rs``), the
    one the ``zero_width`` step and ``check``'s MS208 make.

    >>> joiner_has_effect("می\N{ZERO WIDTH NON-JOINER}خواهم", 2)
    True
    >>> joiner_has_effect("word\N{ZERO WIDTH NON-JOINER} ", 4)
    False
    >>> joiner_has_effect("\N{ARABIC LETTER HEH}\N{ZERO WIDTH JOINER}.", 1)
    True
    """
    return _core.joiner_has_effect(text, i)
