"""Character classes for Python's ``re``, read off ``regex``'s Unicode properties (BMP only).

Why: ``regex`` knows scripts and general categories but tests a property
class character by character, while ``re`` tests a class of BMP characters
with a bitmap, several times faster.  Hot patterns that only need a property
class (Arabic letters, marks, letters that case folding changes) are built
for ``re`` from the characters ``regex`` says are in it, once per process,
and used for any text without astral characters (:data:`ASTRAL`); text with
astral characters takes the ``regex`` pattern, so both always agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache

import regex

__all__ = ["ASTRAL", "Twin", "bmp_chars", "class_body"]

#: Any character outside the BMP.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@lru_cache(maxsize=1)
def _bmp() -> str:
    """Every BMP character but the surrogates, in order."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def bmp_chars(pattern: str, flags: int = 0) -> str:
    """The BMP characters that the ``regex`` pattern (one character long) matches.

    >>> bmp_chars(r"[\\p{Lu}&&\\p{ASCII}]", regex.V1) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    True
    """
    return "".join(regex.findall(pattern, _bmp(), flags=flags))


def class_body(chars: Iterable[str]) -> str:
    """The inside of a ``re`` character class holding exactly ``chars`` (BMP), as ranges.

    >>> class_body("abcx")
    '\\\\u0061-\\\\u0063\\\\u0078-\\\\u0078'
    """
    cps = sorted({ord(c) for c in chars})
    out: list[str] = []
    start = prev = cps[0]
    for cp in [*cps[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        out.append(f"\\u{start:04x}-\\u{prev:04x}")
        start = prev = cp
    return "".join(out)


class Twin:
    """One pattern written once over named property classes, compiled for both engines.

    ``template`` names each class as ``<NAME>``; ``classes`` gives each one
    as a ``regex`` class (version 1 syntax, one character long).  :attr:`full`
    is the ``regex`` pattern for any text; :attr:`bmp`, built on first use,
    is the same pattern for ``re`` with every class spelled out as the BMP
    characters ``regex`` puts in it.  :meth:`for_text` picks the one to use.

    >>> words = Twin("<A>+", A=r"[\\p{Script=Arabic}&&\\p{L}]")
    >>> words.for_text("abc كتاب").findall("abc كتاب")
    ['كتاب']
    >>> words.for_text("\\U0001d400") is words.full, words.for_text("abc") is words.bmp
    (True, True)
    """

    __slots__ = ("__dict__", "_classes", "_template", "full")

    def __init__(self, template: str, **classes: str) -> None:
        self._template = template
        self._classes = classes
        self.full = regex.compile(self._fill(classes), regex.V1)

    def _fill(self, classes: dict[str, str]) -> str:
        out = self._template
        for name, body in classes.items():
            out = out.replace(f"<{name}>", body)
        return out

    @cached_property
    def bmp(self) -> re.Pattern[str]:
        """The pattern for ``re``, valid for text without astral characters."""
        spelled = {
            name: f"[{class_body(bmp_chars(body, regex.V1))}]"
            for name, body in self._classes.items()
        }
        return re.compile(self._fill(spelled))

    def for_text(self, text: str) -> re.Pattern[str] | regex.Pattern[str]:
        """:attr:`bmp` when ``text`` has no astral character, else :attr:`full`."""
        return self.full if ASTRAL.search(text) else self.bmp
