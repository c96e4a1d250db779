"""Encoding problems (MS5xx): lost bytes, stray controls, and UTF-8 read as Windows-1252.

The commonest damage to Arabic-script text on its way through old tools is
UTF-8 decoded as Windows-1252 or Latin-1: ``سلام`` arrives as ``Ø³Ù„Ø§Ù…``.
Each Arabic letter becomes a lead character (``Ø``, ``Ù``, ``Ú``, ``Û``)
followed by a continuation character, so the damage is recognisable, and
reversible: encoding the run back to bytes and decoding it as UTF-8 gives
the original (MS505).  A run is only reported when the repaired text is in
a script people write next to Latin (Latin, Arabic, Cyrillic, Greek, Hebrew
or punctuation), so a German ``ß“`` (which happens to be valid UTF-8 for an
N'Ko letter) is left alone; a run of one character must repair to Latin-1
or Latin Extended-A (``Ã¤`` to ``ä``, ``ÅŸ`` to ``ş``).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from mixscript import _core
from mixscript.checks.invisibles import describe, selects_nothing
from mixscript.model import Finding
from mixscript.unicode.scripts import script_of

__all__ = ["control_findings", "mojibake_findings"]


def _cp1252_byte_map() -> dict[str, int]:
    """Character -> byte for 0x80..0xFF, as Windows-1252 (or Latin-1 where it has a hole)."""
    out: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            out[bytes((b,)).decode("cp1252")] = b
        except UnicodeDecodeError:
            out[chr(b)] = b
        out.setdefault(chr(b), b)  # Latin-1 reading of the same byte
    return out


_TO_BYTE = _cp1252_byte_map()
_CONTINUATION = "".join(sorted(ch for ch, b in _TO_BYTE.items() if 0x80 <= b <= 0xBF))
# One or more UTF-8 sequences as Windows-1252/Latin-1 characters, spaces allowed
# between.  A ZWNJ/ZWJ inside such a run joins nothing (there are no Arabic
# letters in it yet) and goes with the repair.
_J = "[\u200c\u200d]*"
_CONT = rf"{_J}[{regex.escape(_CONTINUATION)}]"
# The lead byte says how many continuation bytes follow (C2..DF one, E0..EF
# two, F0..F4 three), so a run never swallows a stray continuation character
# that would make the whole run fail to decode and hide a good sequence.
_SEQUENCE = rf"(?:[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}})"
# A variation selector right after a run was chosen for the broken character;
# after the repair it would sit on another base, so such a run is left alone.
_MOJIBAKE = regex.compile(
    rf"{_SEQUENCE}(?:{_J}[ ]?{_J}{_SEQUENCE})*(?![\ufe00-\ufe0f\U000e0100-\U000e01ef])"
)
# A repair that would bring in an invisible or control character is not made:
# it would swap one problem for another.  ZWNJ and ZWJ are judged after it,
# variation selectors by their new base (the VS16 of a broken ``❤️`` is fine).
_HIDDEN = regex.compile(
    r"[\p{Cc}\p{Cf}\p{Co}\p{Cn}\ufffd\u115f\u1160\u3164\uffa0\u180e\u17b4\u17b5--[\u200c\u200d]]",
    regex.V1,
)
_PLAUSIBLE = frozenset(("Latn", "Arab", "Cyrl", "Grek", "Hebr", "Zyyy", "Zinh"))


def _repair(run: str) -> str | None:
    """The UTF-8 text that ``run`` is the Windows-1252 reading of, if it is plausible."""
    try:
        data = bytes(_TO_BYTE.get(ch, ord(ch)) for ch in run if ch not in "\u200c\u200d")
        fixed = data.decode("utf-8")
    except (UnicodeDecodeError, ValueError):
        return None
    if fixed.isascii() or _HIDDEN.search(fixed):
        return None
    if any(selects_nothing(fixed, i) for i, ch in enumerate(fixed) if "\ufe00" <= ch <= "\ufe0f"):
        return None
    if not all(script_of(ch) in _PLAUSIBLE for ch in fixed):
        return None
    if len(fixed) == 1 and not "\u00a0" <= fixed <= "\u017f":
        # One sequence alone is weak evidence: a Turkish YARILGAÇ’ın (C7 92)
        # reads as U+01D2.  Only the letters of Latin-1 and Latin Extended-A,
        # which most of this damage is made of, are repaired alone.
        return None
    return fixed


def _c1_fix(ch: str) -> str | None:
    """The Windows-1252 character for a C1 control; None for the five bytes it leaves out.

    Those five (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept: they are often the
    second byte of a UTF-8 sequence read as Latin-1 (``ف`` is D9 81), which
    MS505 repairs as a whole.
    """
    try:
        return bytes((ord(ch),)).decode("cp1252")
    except UnicodeDecodeError:
        return None


def mojibake_findings(text: str) -> Iterator[Finding]:
    """MS505: runs of UTF-8 read as Windows-1252 or Latin-1, with their repair.

    ``check`` runs this on the text as the character fixes leave it (a C1
    control already turned into its Windows-1252 character, an invisible
    character between two halves of a sequence already gone).
    """
    if not _core.may_hold_mojibake(text):
        # Every run starts with a lead character and a continuation character.
        return
    for m in _MOJIBAKE.finditer(text):
        fixed = _repair(m.group())
        if fixed is None:
            continue
        message = f"{m.group()!r} is UTF-8 read as Windows-1252; it says {fixed!r}"
        if _joins_neighbours(text, m.start(), m.end(), fixed):
            # Repaired, the run would form a new sequence with the characters
            # beside it (text damaged twice, or a stray byte): which reading is
            # meant is not clear, so it is reported without a fix.
            yield Finding(m.start(), m.end(), "MS505", message + " (or more: repair by hand)", None)
        else:
            yield Finding(m.start(), m.end(), "MS505", message, fixed)


def _joins_neighbours(text: str, start: int, end: int, fixed: str) -> bool:
    """Whether ``fixed``, put in place of ``text[start:end]``, makes a repairable run across an edge."""
    before = text[max(0, start - 4) : start]
    window = before + fixed + text[end : end + 4]
    edges = (len(before), len(before) + len(fixed))
    return any(
        any(m.start() < edge < m.end() for edge in edges) and _repair(m.group()) is not None
        for m in _MOJIBAKE.finditer(window)
    )


def control_findings(text: str, positions: list[int] | None = None) -> Iterator[Finding]:
    """MS501..MS504, by position (``positions``: :func:`mixscript._core.control_chars`, if known)."""
    for i in _core.control_chars(text) if positions is None else positions:
        ch = text[i]
        cp = ord(ch)
        if ch == "\ufffd":
            yield Finding(i, i + 1, "MS501", f"{describe(ch)}: bytes were lost in decoding", None)
        elif 0xD800 <= cp <= 0xDFFF:
            yield Finding(i, i + 1, "MS504", f"lone surrogate U+{cp:04X}", None)
        elif cp >= 0x80:
            fixed = _c1_fix(ch)
            hint = f" (Windows-1252 {fixed!r})" if fixed else ""
            yield Finding(
                i, i + 1, "MS502", f"C1 control U+{cp:04X}{hint}: text decoded as Latin-1?", fixed
            )
        else:
            yield Finding(i, i + 1, "MS503", f"C0 control U+{cp:04X}", "")
