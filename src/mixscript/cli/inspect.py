"""``mixscript inspect TEXT``: one row per character, for seeing what is really there.

Columns: index, code point, name, script, script extensions, bidi class,
joining type.  Names come from :mod:`unicodedata` (Python's Unicode
version) with PyICU as a fallback for characters newer than that.  Script,
bidi class and joining type come from the tables that ``scripts/gen_unicode.py``
generates from one Unicode release (no runtime library exposes Joining_Type
without ICU), so they agree with what the rest of the library does.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator

from mixscript.bidi.engine import bidi_class
from mixscript.unicode._ucd_joining import JOINING_RANGES
from mixscript.unicode.ranges import RangeTable
from mixscript.unicode.scripts import extensions_of, script_of

__all__ = ["COLUMNS", "joining_type", "rows"]

COLUMNS = ("index", "codepoint", "name", "script", "extensions", "bidi", "joining")
_JOINING = RangeTable(JOINING_RANGES)


def joining_type(ch: str) -> str:
    """Joining_Type of one character: ``U`` (non-joining, the default), ``D``, ``R``, ``L``, ``C``, ``T``.

    >>> joining_type("ب"), joining_type("ا"), joining_type("\\N{ZERO WIDTH JOINER}"), joining_type("a")
    ('D', 'R', 'C', 'U')
    """
    return _JOINING.get(ord(ch), "U")


def _icu_char() -> object | None:
    try:
        from icu import Char  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return Char  # type: ignore[no-any-return]


def _name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if name:
        return name
    char = _icu_char()
    if char is not None:
        icu_name: str = char.charName(ch)  # type: ignore[attr-defined]
        if icu_name:
            return icu_name
    if unicodedata.category(ch) == "Cc":
        return "<control>"
    return "<unassigned>" if unicodedata.category(ch) == "Cn" else "<unnamed>"


def _bidi(ch: str) -> str:
    return bidi_class(ch)


def rows(text: str) -> Iterator[dict[str, str | int]]:
    """One record per code point of ``text``."""
    for i, ch in enumerate(text):
        yield {
            "index": i,
            "codepoint": f"U+{ord(ch):04X}",
            "name": _name(ch),
            "script": script_of(ch),
            "extensions": " ".join(sorted(extensions_of(ch))),
            "bidi": _bidi(ch),
            "joining": joining_type(ch),
        }


def render(text: str, fmt: str = "text") -> str:
    """The table as aligned text, TSV or JSON Lines."""
    records = list(rows(text))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    table = [list(COLUMNS)] + [[str(r[c]) for c in COLUMNS] for r in records]
    if fmt == "tsv":
        return "".join("\t".join(row) + "\n" for row in table)
    widths = [max(len(row[k]) for row in table) for k in range(len(COLUMNS))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n"
        for row in table
    )
