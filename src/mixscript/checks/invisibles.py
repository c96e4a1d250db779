"""Invisible and default-ignorable characters that carry no meaning where they stand (MS2xx).

The line this module draws: a character is reported when it is invisible
*and* does nothing at its position.  ZWNJ and ZWJ between Arabic-script
letters (Persian ``می`` + ZWNJ + ``خواهم``, Urdu ``بے`` + ZWNJ + ``رو``) and ZWJ inside an emoji
sequence do something, as :func:`mixscript.unicode.chars.joiner_has_effect` decides
for ``normalize`` too, and are never reported; the compiled core judges the
joiners and ZWSP (``invisible_rule`` in ``rust/core/src/checks/chars.rs``),
one call for all of a text's.  A variation selector after a
base that has a variation sequence, tag characters inside an emoji flag, a
Hangul filler inside a conjoining jamo syllable and a ZWSP between words of a
script written without spaces are kept for the same reason.  Everything
reported here can be deleted without changing what a reader sees, so every
fix is the empty string.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import regex

from mixscript import _core
from mixscript.model import Finding
from mixscript.text.breaks import EDITOR_LINE_ENDS
from mixscript.unicode._ucd_variants import STANDARDIZED_BASES
from mixscript.unicode.chars import ALM, ZWJ, ZWNJ
from mixscript.unicode.scripts import extensions_of, script_of

__all__ = ["describe", "invisible_findings", "selects_nothing"]

ZWSP, WJ, BOM = "\u200b", "\u2060", "\ufeff"
_EMOJI_FLAG = regex.compile(r"\U0001F3F4[\U000E0020-\U000E007E]+\U000E007F")
_EMOJI = regex.compile(r"\p{Emoji}")
_IDEOGRAPH = regex.compile(r"\p{Ideographic}")
_UNASSIGNED_IGNORABLE = regex.compile(r"[\p{Default_Ignorable_Code_Point}&&\p{Cn}]", regex.V1)
_JAMO_VOWELS = ((0x1160, 0x11A7), (0xD7B0, 0xD7C6))
_JAMO_LEADING = ((0x1100, 0x115F), (0xA960, 0xA97C))


@lru_cache(maxsize=1024)
def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: how findings name a character.

    >>> describe("\\N{ARABIC LETTER MARK}")
    'U+061C ARABIC LETTER MARK'
    """
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}".rstrip()


def _in(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _alm_outside_arabic(text: str, i: int) -> bool:
    """Whether the nearest letter or digit on each side of an ALM (same line) is not Arabic."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(text) and text[j] not in EDITOR_LINE_ENDS:
            ch = text[j]
            if unicodedata.category(ch)[0] in "LN":
                if script_of(ch) == "Arab" or "Arab" in extensions_of(ch):
                    return False
                break
            j += step
    return True


def selects_nothing(text: str, i: int) -> bool:
    """Whether the variation selector at ``i`` follows a base it has no sequence with."""
    if i == 0:
        return True
    base, cp = text[i - 1], ord(text[i])
    if cp in (0xFE0E, 0xFE0F) and _EMOJI.match(base):
        return False
    if cp >= 0xE0100:
        return not _IDEOGRAPH.match(base)
    return ord(base) not in STANDARDIZED_BASES.get(cp, frozenset())


_RULE_MESSAGES = {
    "MS201": "{}: invisible space that only hides where words end",
    "MS208": "{} outside Arabic-script letters and emoji, where it does nothing",
    "MS211": "{} repeated: the ZWNJ before it already separates the letters",
}


@lru_cache(maxsize=64)
def _rule_message(code: str, ch: str) -> str:
    """The message of a rule the core judges, made once each (few codes, three
    characters, while a line of Persian may hold dozens of ZWNJs)."""
    return _RULE_MESSAGES[code].format(describe(ch))


#: The candidates the core judges (:func:`mixscript._core.invisible_rules`).
_JUDGED_IN_CORE = frozenset((ZWSP, ZWNJ, ZWJ))


def _classify(text: str, i: int, flag_spans: list[tuple[int, int]]) -> tuple[str, str] | None:
    """(code, message) for a candidate at ``i`` the core does not judge, or None when it does something."""
    ch = text[i]
    cp = ord(ch)
    name = describe(ch)
    if ch == WJ:
        return "MS202", f"{name}: invisible, prevents a line break and nothing else"
    if ch == BOM:
        if i == 0:
            return None
        return "MS203", f"{name} inside the text: a byte order mark belongs only at the start"
    if 0x2061 <= cp <= 0x2064:
        return "MS204", f"{name}: invisible operator outside mathematical markup"
    if cp in (0x115F, 0x1160, 0x3164, 0xFFA0):
        nxt = ord(text[i + 1]) if i + 1 < len(text) else 0
        prev = ord(text[i - 1]) if i > 0 else 0
        if (cp == 0x115F and _in(nxt, _JAMO_VOWELS)) or (cp == 0x1160 and _in(prev, _JAMO_LEADING)):
            return None
        return "MS205", f"{name}: blank Hangul filler, often used to fake an empty name"
    if 0xE0000 <= cp <= 0xE007F:
        if any(s <= i < e for s, e in flag_spans):
            return None
        return "MS206", f"{name}: invisible tag character outside an emoji flag"
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        if not selects_nothing(text, i):
            return None
        base = describe(text[i - 1]) if i else "the start of the text"
        return "MS207", f"{name} after {base}, which has no such variant"
    if ch == ALM:
        if not _alm_outside_arabic(text, i):
            return None
        return "MS209", f"{name} outside Arabic text"
    if cp in (0x180E, 0x17B4, 0x17B5) or _UNASSIGNED_IGNORABLE.match(ch):
        return "MS210", f"{name}: invisible character with no use here"
    return None


def invisible_findings(
    text: str, *, joiners: bool = False, candidates: list[int] | None = None
) -> Iterator[Finding]:
    """The MS2xx findings of ``text``, each fixed by deleting the character.

    ZWNJ and ZWJ are judged apart (``joiners=True`` gives only them, the
    default everything else): whether a joiner is noise depends on its
    neighbours, so ``check`` judges joiners on the text as it will be once
    the other invisible characters are gone.  ``candidates`` are the
    positions of :func:`mixscript._core.invisible_candidates` when the caller
    has them already.
    """
    flag_spans: list[tuple[int, int]] | None = None
    # The candidates (every character this module judges) come from the
    # compiled core's scan, ``rust/core/src/checks/chars.rs``.
    chosen = [
        i
        for i in (_core.invisible_candidates(text) if candidates is None else candidates)
        if (text[i] in (ZWNJ, ZWJ)) == joiners
    ]
    in_core = [i for i in chosen if text[i] in _JUDGED_IN_CORE]
    rules = dict(zip(in_core, _core.invisible_rules(text, in_core), strict=True)) if in_core else {}
    for i in chosen:
        if i in rules:
            code = rules[i]
            if code is not None:
                yield Finding(i, i + 1, code, _rule_message(code, text[i]), "")
            continue
        if flag_spans is None:
            flag_spans = (
                [f.span() for f in _EMOJI_FLAG.finditer(text)] if "\U0001f3f4" in text else []
            )
        found = _classify(text, i, flag_spans)
        if found is not None:
            yield Finding(i, i + 1, found[0], found[1], "")
