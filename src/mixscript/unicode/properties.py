"""General_Category at the tables' Unicode version.

Why not :mod:`unicodedata`: it follows the running Python (Unicode 14.0 on
Python 3.11, 15.1 on 3.13), so a character added since is ``Cn`` there while
the script and bidi tables already know it.  These accessors answer from the
generated tables, at :data:`mixscript.unicode.UNICODE_VERSION`, like every
other character property in the library.
"""

from __future__ import annotations

from functools import lru_cache

from mixscript.unicode._ucd_category import CATEGORY_RANGES
from mixscript.unicode.ranges import RangeTable

__all__ = ["GENERAL_CATEGORY", "general_category"]

GENERAL_CATEGORY: RangeTable[str] = RangeTable(CATEGORY_RANGES)


@lru_cache(maxsize=4096)
def general_category(ch: str) -> str:
    """Two-letter General_Category of one character (``Cn`` when unassigned).

    >>> general_category("ب"), general_category("\\N{ARABIC KASRA}"), general_category("٣")
    ('Lo', 'Mn', 'Nd')
    >>> general_category("\\U00010efd")  # ARABIC SMALL LOW WORD SAKTA, new in Unicode 15.0
    'Mn'
    """
    return GENERAL_CATEGORY.get(ord(ch), "Cn")
