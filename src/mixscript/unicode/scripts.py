"""Script and Script_Extensions of every character, and the direction of a script.

The text cut into script runs (UAX #24 in spirit) is :mod:`mixscript.text.runs`.
"""

from __future__ import annotations

from functools import lru_cache

from mixscript.unicode._ucd_scripts import EXTENSION_RANGES, RTL_SCRIPTS, SCRIPT_RANGES
from mixscript.unicode._ucd_version import UNICODE_VERSION
from mixscript.unicode.ranges import RangeTable

__all__ = [
    "NEUTRAL_SCRIPTS",
    "UNICODE_VERSION",
    "direction_of_script",
    "extensions_of",
    "script_of",
]

_SCRIPTS = RangeTable(SCRIPT_RANGES)
_EXTENSIONS = RangeTable(EXTENSION_RANGES)
_COMMON = {"Zyyy", "Zinh", "Zzzz"}
# Derived from the data by the generator: scripts most of whose letters are R or AL.
_RTL_SCRIPTS = RTL_SCRIPTS


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """ISO 15924 Script property of one character (``Zzzz`` when unassigned).

    >>> script_of("ب"), script_of("a"), script_of("،"), script_of("\\N{ZERO WIDTH NON-JOINER}")
    ('Arab', 'Latn', 'Zyyy', 'Zinh')
    """
    return _SCRIPTS.get(ord(ch), "Zzzz")


@lru_cache(maxsize=4096)
def extensions_of(ch: str) -> frozenset[str]:
    """Script_Extensions of one character, as a set of ISO 15924 codes.

    >>> sorted(extensions_of("\\N{ARABIC COMMA}"))
    ['Arab', 'Nkoo', 'Rohg', 'Syrc', 'Thaa', 'Yezi']
    """
    codes = _EXTENSIONS.get(ord(ch), "")
    return frozenset(codes.split()) if codes else frozenset((script_of(ch),))


def direction_of_script(script: str) -> str:
    """``rtl`` for right-to-left scripts, ``neutral`` for Zyyy/Zinh/Zzzz, else ``ltr``."""
    if script in _COMMON:
        return "neutral"
    return "rtl" if script in _RTL_SCRIPTS else "ltr"


#: The script codes of characters shared by scripts or of none (Common, Inherited, Unknown).
NEUTRAL_SCRIPTS = frozenset(_COMMON)
