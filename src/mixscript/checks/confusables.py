"""Look-alike letters, and UTS #39 spoof checks through ICU when PyICU is installed.

Two layers, so that ``check`` works everywhere and gets better with the
``icu`` extra:

* :data:`LATIN_LOOKALIKES` is a short hand-made table of Cyrillic and Greek
  letters that render like a Latin letter.  It drives the mixed-script word
  check (MS302) and its fix, without any dependency.  Every pair is one that
  ICU's confusable skeleton also maps together (the tests check this).
* :func:`spoof_checker` gives ICU's SpoofChecker (UTS #39): the restriction
  level of a word (MS401) and confusable skeletons for whole-script
  confusables (MS402).  Without PyICU it returns None and :data:`ICU_NOTE`
  is the one line the command line prints.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = [
    "ICU_NOTE",
    "LATIN_LOOKALIKES",
    "icu_note",
    "lookalike_in",
    "restriction_fails",
    "skeleton",
    "spoof_checker",
]

# Cyrillic and Greek letter -> the Latin letter it is drawn like.
LATIN_LOOKALIKES: dict[str, str] = {
    # Cyrillic small
    "\N{CYRILLIC SMALL LETTER A}": "a",
    "\N{CYRILLIC SMALL LETTER IE}": "e",
    "\N{CYRILLIC SMALL LETTER O}": "o",
    "\N{CYRILLIC SMALL LETTER ER}": "p",
    "\N{CYRILLIC SMALL LETTER ES}": "c",
    "\N{CYRILLIC SMALL LETTER U}": "y",
    "\N{CYRILLIC SMALL LETTER HA}": "x",
    "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
    "\N{CYRILLIC SMALL LETTER JE}": "j",
    "\N{CYRILLIC SMALL LETTER DZE}": "s",
    "\N{CYRILLIC SMALL LETTER KOMI DE}": "d",
    "\N{CYRILLIC SMALL LETTER QA}": "q",
    "\N{CYRILLIC SMALL LETTER WE}": "w",
    "\N{CYRILLIC SMALL LETTER SHHA}": "h",
    # Cyrillic capital
    "\N{CYRILLIC CAPITAL LETTER A}": "A",
    "\N{CYRILLIC CAPITAL LETTER VE}": "B",
    "\N{CYRILLIC CAPITAL LETTER IE}": "E",
    "\N{CYRILLIC CAPITAL LETTER KA}": "K",
    "\N{CYRILLIC CAPITAL LETTER EM}": "M",
    "\N{CYRILLIC CAPITAL LETTER EN}": "H",
    "\N{CYRILLIC CAPITAL LETTER O}": "O",
    "\N{CYRILLIC CAPITAL LETTER ER}": "P",
    "\N{CYRILLIC CAPITAL LETTER ES}": "C",
    "\N{CYRILLIC CAPITAL LETTER TE}": "T",
    "\N{CYRILLIC CAPITAL LETTER HA}": "X",
    "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}": "I",
    "\N{CYRILLIC CAPITAL LETTER JE}": "J",
    "\N{CYRILLIC CAPITAL LETTER DZE}": "S",
    "\N{CYRILLIC CAPITAL LETTER STRAIGHT U}": "Y",
    "\N{CYRILLIC CAPITAL LETTER WE}": "W",
    "\N{CYRILLIC LETTER PALOCHKA}": "I",
    # Greek
    "\N{GREEK CAPITAL LETTER ALPHA}": "A",
    "\N{GREEK CAPITAL LETTER BETA}": "B",
    "\N{GREEK CAPITAL LETTER EPSILON}": "E",
    "\N{GREEK CAPITAL LETTER ZETA}": "Z",
    "\N{GREEK CAPITAL LETTER ETA}": "H",
    "\N{GREEK CAPITAL LETTER IOTA}": "I",
    "\N{GREEK CAPITAL LETTER KAPPA}": "K",
    "\N{GREEK CAPITAL LETTER MU}": "M",
    "\N{GREEK CAPITAL LETTER NU}": "N",
    "\N{GREEK CAPITAL LETTER OMICRON}": "O",
    "\N{GREEK CAPITAL LETTER RHO}": "P",
    "\N{GREEK CAPITAL LETTER TAU}": "T",
    "\N{GREEK CAPITAL LETTER UPSILON}": "Y",
    "\N{GREEK CAPITAL LETTER CHI}": "X",
    "\N{GREEK SMALL LETTER ALPHA}": "a",
    "\N{GREEK SMALL LETTER GAMMA}": "y",
    "\N{GREEK SMALL LETTER IOTA}": "i",
    "\N{GREEK SMALL LETTER NU}": "v",
    "\N{GREEK SMALL LETTER OMICRON}": "o",
    "\N{GREEK SMALL LETTER RHO}": "p",
    "\N{GREEK SMALL LETTER UPSILON}": "u",
    "\N{GREEK LUNATE SIGMA SYMBOL}": "c",
    "\N{GREEK LETTER YOT}": "j",
}

# The reverse direction, per script: Latin letter -> its Cyrillic or Greek twin.
_TWIN_IN: dict[str, dict[str, str]] = {"Cyrl": {}, "Grek": {}}
for _other, _latin in LATIN_LOOKALIKES.items():
    _script = "Grek" if "\u0370" <= _other <= "\u03ff" else "Cyrl"
    _TWIN_IN[_script].setdefault(_latin, _other)

ICU_NOTE = (
    "note: PyICU is not installed (pip install 'mixscript[icu]'), so only the"
    " mixed-script word check ran, not the UTS #39 restriction-level and"
    " confusable checks (MS401, MS402)"
)


def lookalike_in(ch: str, script: str) -> str | None:
    """The letter of ``script`` (``Latn``, ``Cyrl``, ``Grek``) drawn like ``ch``, if any.

    >>> lookalike_in("\\N{CYRILLIC SMALL LETTER A}", "Latn"), lookalike_in("o", "Grek")
    ('a', 'ο')
    >>> lookalike_in("\\N{CYRILLIC SMALL LETTER ZHE}", "Latn") is None
    True
    """
    if script == "Latn":
        return LATIN_LOOKALIKES.get(ch)
    latin = LATIN_LOOKALIKES.get(ch, ch)
    return _TWIN_IN.get(script, {}).get(latin)


@lru_cache(maxsize=1)
def spoof_checker() -> Any | None:
    """ICU's SpoofChecker set to the restriction-level check, or None without PyICU."""
    try:
        import icu
    except ImportError:
        return None
    checker = icu.SpoofChecker()
    checker.setChecks(icu.USpoofChecks.RESTRICTION_LEVEL)
    checker.setRestrictionLevel(icu.URestrictionLevel.HIGHLY_RESTRICTIVE)
    return checker


def icu_note() -> str | None:
    """:data:`ICU_NOTE` when PyICU is missing, else None: what the CLI prints once."""
    return None if spoof_checker() is not None else ICU_NOTE


def restriction_fails(word: str) -> bool:
    """Whether ICU says ``word`` is not Highly Restrictive (UTS #39 section 5.2).

    False without PyICU.  A Highly Restrictive word is in one script, or in
    Latin plus Han with Hiragana/Katakana, Bopomofo or Hangul.
    """
    checker = spoof_checker()
    return checker is not None and bool(checker.check(word))


def skeleton(text: str) -> str | None:
    """The UTS #39 confusable skeleton of ``text``, or None without PyICU."""
    checker = spoof_checker()
    return None if checker is None else str(checker.getSkeleton(0, text))
