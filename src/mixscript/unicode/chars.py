"""Character classes shared by the normalisation steps and the checks.

One place decides which invisible characters carry meaning, so that
``normalize`` never removes what ``check`` accepts and ``check`` never accepts
what ``normalize`` would remove.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def _is_emoji_part(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x1F3FB <= cp <= 0x1F3FF
        or cp in (0xFE0F, 0x2640, 0x2642, 0x2695, 0x2696, 0x2708, 0x2764)
    )


# Format characters that are not transparent to joining (Joining_Type U): the
# prepended concatenation marks.  Every other Cf character is Joining_Type T.
_JOINING_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u0890\u0891\u08e2")


def joining_neighbour(text: str, i: int, step: int) -> str:
    """The character that ``text[i]`` would join with on side ``step`` (-1 or 1), or "".

    Marks, ZWNJ/ZWJ and the format characters transparent to joining are
    skipped, as :func:`joiner_has_effect` skips them; ``check`` uses the same
    neighbours to tell a joiner at a word's edge from one inside a word.

    Format characters such as RLM, ALM or a soft hyphen are skipped too: they
    are transparent to joining (Joining_Type T in DerivedJoiningType.txt), so
    the ZWNJ in ``می`` + RLM + ZWNJ + ``شود`` (found in real Persian text)
    still keeps the letters apart.  Categories are those of the tables'
    Unicode version (a Quranic mark new in 15.0, U+10EFD, is a mark).

    >>> joining_neighbour("a\\u200f\\u200cb", 2, -1)
    'a'
    """
    j = i + step
    while 0 <= j < len(text):
        ch = text[j]
        cat = general_category(ch)
        if cat not in ("Mn", "Me", "Cf") or ch in _JOINING_FORMAT:
            return ch
        j += step
    return ""


def _beside(text: str, i: int, step: int) -> str:
    """Like :func:`joining_neighbour`, but stopping at another ZWNJ/ZWJ, which blocks the joining."""
    j = i + step
    while 0 <= j < len(text):
        ch = text[j]
        cat = general_category(ch)
        if ch in (ZWNJ, ZWJ) or cat not in ("Mn", "Me", "Cf") or ch in _JOINING_FORMAT:
            return ch
        j += step
    return ""


def joiner_has_effect(text: str, i: int) -> bool:
    """Whether the ZWNJ or ZWJ at ``text[i]`` does anything.

    It does between two Arabic-script letters (Persian ``می‌خواهم``, Urdu
    ``بے‌رو``; harakat in between are skipped) and, for ZWJ, inside an emoji
    sequence.  Next to a space, at a word's edge or inside a Latin word it is
    only noise.

    >>> joiner_has_effect("می\\N{ZERO WIDTH NON-JOINER}خواهم", 2)
    True
    >>> joiner_has_effect("word\\N{ZERO WIDTH NON-JOINER} ", 4)
    False

    A ZWJ right after an Arabic letter still works when nothing follows: it
    gives the letter its joining form, as in the Persian abbreviation of the
    hijri year (heh, ZWJ, full stop, qaf).  A ZWNJ in between blocks it.

    >>> joiner_has_effect("\\N{ARABIC LETTER HEH}\\N{ZERO WIDTH JOINER}.", 1)
    True
    """
    if text[i] == ZWJ and is_arabic_letter_or_mark(_beside(text, i, -1)):
        return True
    before, after = joining_neighbour(text, i, -1), joining_neighbour(text, i, 1)
    if not before or not after:
        return False
    if is_arabic_letter_or_mark(before) and is_arabic_letter_or_mark(after):
        return True
    return text[i] == ZWJ and _is_emoji_part(before) and _is_emoji_part(after)


def repeats_zwnj(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a ZWNJ right after another one (marks and format characters between).

    A second ZWNJ separates nothing the first does not already separate: a
    doubled key press (``کاروان`` + ZWNJ + ZWNJ + ``سرا``) that breaks search
    and string comparison.  Only the later ones of such a run are meant; the
    first is judged by :func:`joiner_has_effect`.

    >>> repeats_zwnj("\u06a9\u200c\u200c\u0633", 2), repeats_zwnj("\u06a9\u200c\u200c\u0633", 1)
    (True, False)
    """
    return text[i] == ZWNJ and _beside(text, i, -1) == ZWNJ
