"""Unicode Normalization Form C at the tables' Unicode version.

Why not just :func:`unicodedata.normalize`: it normalises with the running
Python's data.  On Python 3.11 that is Unicode 14.0, which does not know the
combining marks added since (the Quranic marks U+10EFD..U+10EFF have class
220 in Unicode 15.0 and must be reordered after a kasra), so NFC would depend
on the Python version.  The decision: the generated tables win, so NFC agrees
with the script, bidi and category tables and with the conformance file of the
same version.

How, without paying for pure Python on every text: the characters whose
normalisation data differ between :mod:`unicodedata` and the tables (plus the
two halves of any composition that differs) are collected once, on first use.
Text holding none of them is normalised by :mod:`unicodedata` (C speed,
identical result); text holding one goes through the small implementation of
UAX #15 below.  When Python's version equals the tables' the fast path is
always taken.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from mixscript.unicode._ucd_normalization import (
    COMBINING_RANGES,
    COMPOSITION_EXCLUSIONS,
    DECOMPOSITIONS,
)
from mixscript.unicode._ucd_version import UNICODE_VERSION
from mixscript.unicode.properties import COMBINING, GENERAL_CATEGORY
from mixscript.unicode.ranges import char_class

__all__ = ["is_nfc", "nfc"]

# Hangul syllables compose and decompose by arithmetic (Unicode ch. 3.12).
_S_BASE, _L_BASE, _V_BASE, _T_BASE = 0xAC00, 0x1100, 0x1161, 0x11A7
_L_COUNT, _V_COUNT, _T_COUNT = 19, 21, 28
_N_COUNT = _V_COUNT * _T_COUNT
_S_COUNT = _L_COUNT * _N_COUNT


def _version(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


@cache
def _lagging() -> re.Pattern[str] | None:
    """Characters on which :mod:`unicodedata` and the tables disagree for NFC (None: none)."""
    if unicodedata.unidata_version == UNICODE_VERSION:
        return None
    differ: set[int] = set()
    for first, last, ccc in COMBINING_RANGES:
        differ.update(cp for cp in range(first, last + 1) if unicodedata.combining(chr(cp)) != ccc)
    for cp, parts in DECOMPOSITIONS.items():
        if unicodedata.decomposition(chr(cp)) != " ".join(f"{p:04X}" for p in parts):
            differ.add(cp)
            differ.update(parts)
    if _version(unicodedata.unidata_version) > _version(UNICODE_VERSION):
        # A newer Python knows characters that are unassigned in the tables,
        # and NFC leaves unassigned characters alone: route every one of them
        # (planes 0-3 and 14, where characters are assigned) to the slow path.
        for cp in (*range(0x40000), *range(0xE0000, 0xF0000)):
            if GENERAL_CATEGORY.get(cp, "Cn") == "Cn" and unicodedata.category(chr(cp)) != "Cn":
                differ.add(cp)
    if not differ:
        return None
    ordered = sorted(differ)
    spans: list[tuple[int, int]] = []
    for cp in ordered:
        if spans and spans[-1][1] == cp - 1:
            spans[-1] = (spans[-1][0], cp)
        else:
            spans.append((cp, cp))
    return re.compile(f"[{char_class(spans)}]")


def nfc(text: str) -> str:
    """``text`` in Normalization Form C, at :data:`mixscript.unicode.UNICODE_VERSION`.

    >>> nfc("e\\u0301") == "\\u00e9", nfc("\\u0627\\u0654") == "\\u0623"
    (True, True)
    >>> nfc("\\u0628\\U00010efd\\u0650") == "\\u0628\\u0650\\U00010efd"  # class 220 after 32
    True
    """
    lagging = _lagging()
    if lagging is None or lagging.search(text) is None:
        return unicodedata.normalize("NFC", text)
    return _slow_nfc(text)


def is_nfc(text: str) -> bool:
    """Whether :func:`nfc` leaves ``text`` unchanged (fast for the usual case).

    >>> is_nfc("caf\\u00e9"), is_nfc("cafe\\u0301")
    (True, False)
    """
    lagging = _lagging()
    if lagging is None or lagging.search(text) is None:
        return unicodedata.is_normalized("NFC", text)
    return nfc(text) == text


def _slow_nfc(text: str) -> str:
    return _compose(_decompose(text))


# -- UAX #15 in pure Python, for the texts the fast path cannot take ------------------------------


@cache
def _composition_pairs() -> dict[tuple[int, int], int]:
    excluded = {cp for first, last in COMPOSITION_EXCLUSIONS for cp in range(first, last + 1)}
    return {
        (parts[0], parts[1]): cp
        for cp, parts in DECOMPOSITIONS.items()
        if len(parts) == 2 and cp not in excluded
    }


@cache
def _full_decomposition(cp: int) -> tuple[int, ...]:
    parts = DECOMPOSITIONS.get(cp)
    if parts is None:
        return (cp,)
    return tuple(x for p in parts for x in _full_decomposition(p))


def _decompose(text: str) -> list[int]:
    """Canonical decomposition followed by the canonical ordering of combining marks."""
    out: list[int] = []
    for ch in text:
        cp = ord(ch)
        s = cp - _S_BASE
        if 0 <= s < _S_COUNT:
            out.append(_L_BASE + s // _N_COUNT)
            out.append(_V_BASE + (s % _N_COUNT) // _T_COUNT)
            if s % _T_COUNT:
                out.append(_T_BASE + s % _T_COUNT)
        else:
            out.extend(_full_decomposition(cp))
    i, n = 0, len(out)
    while i < n:
        if COMBINING.get(out[i], 0) == 0:
            i += 1
            continue
        j = i
        while j < n and COMBINING.get(out[j], 0) != 0:
            j += 1
        out[i:j] = sorted(out[i:j], key=lambda c: COMBINING.get(c, 0))  # stable
        i = j
    return out


def _pair(first: int, second: int) -> int | None:
    l_index, v_index = first - _L_BASE, second - _V_BASE
    if 0 <= l_index < _L_COUNT and 0 <= v_index < _V_COUNT:
        return _S_BASE + (l_index * _V_COUNT + v_index) * _T_COUNT
    s_index, t_index = first - _S_BASE, second - _T_BASE
    if 0 <= s_index < _S_COUNT and s_index % _T_COUNT == 0 and 0 < t_index < _T_COUNT:
        return first + t_index
    return _composition_pairs().get((first, second))


def _compose(cps: list[int]) -> str:
    """Canonical composition of a decomposed, canonically ordered sequence."""
    if not cps:
        return ""
    result = [cps[0]]
    starter = 0
    # A first character that is not a starter can never take part in a composition.
    last_class = COMBINING.get(cps[0], 0) and 256
    for cp in cps[1:]:
        ccc = COMBINING.get(cp, 0)
        composite = _pair(result[starter], cp)
        if composite is not None and (last_class < ccc or last_class == 0):
            result[starter] = composite
            continue
        if ccc == 0:
            starter = len(result)
        last_class = ccc
        result.append(cp)
    return "".join(map(chr, result))
