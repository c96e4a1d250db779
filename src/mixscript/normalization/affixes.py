"""Persian affixes typed with a space: ``می خواهم`` -> ``می‌خواهم``, ``کتاب ها`` -> ``کتاب‌ها``.

Persian writes the verbal prefixes ``می``/``نمی``, the plural ``ها`` (and
its forms with ``ی`` and the pronoun endings) and the superlative ``ترین``
as part of the word, separated by a ZERO WIDTH NON-JOINER so the letters do
not join.  Keyboards without an easy ZWNJ give a space instead, which splits
one word into two for every tokenizer and search index.

The rules are deliberately narrow, because a wrong join is worse than a
missed one (the ``persian_affixes`` step is in ``clean`` only because its
measured precision is above 99.5 %; see ``evaluation/persian_affixes.py``):
only a space between two Arabic-script words is ever replaced; ``می``/``نمی``
join only a word that ends like a Persian verb form, and never after
``ماه`` or a number (the month of May); the suffixes join only content
words; after a letter that does not join to the left the space is simply
removed (``درها``).  The rules and the step's per-line work are compiled
(``rust/core/src/affixes.rs``, which states each rule and why); which runs
are Persian is the language tagger's call, which the core asks for through
:func:`mixscript.lang.conventions.run_spans`.  Latin text is never looked at.
"""

from __future__ import annotations

from collections.abc import Sequence

from mixscript import _core
from mixscript.text.edits import Edit

__all__ = ["affix_candidate", "affix_edits"]


def affix_edits(text: str, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    """Edits joining the spaced affixes inside the Persian ``spans`` of ``text``, sorted.

    Of two overlapping edits the first is kept.

    >>> affix_edits("کتاب ها و می روم", [(0, 16)])
    [(4, 5, '\\u200c'), (12, 13, '\\u200c')]
    """
    return _core.affix_edits(text, list(spans))


def affix_candidate(text: str) -> bool:
    """Whether ``text`` may hold work for the rules: a prefix or suffix beside a space.

    Every suffix begins with ``ها`` or is ``ترین``, so a suffix after a space
    is a plain substring, found without a pattern; a prefix needs ``می``,
    spaces and a letter after them.

    >>> affix_candidate("کتاب ها"), affix_candidate("می خواهم"), affix_candidate("می 5")
    (True, True, False)
    """
    return _core.affix_candidate(text)
