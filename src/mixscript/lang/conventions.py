"""Per-language spelling conventions of the ``letters`` step, and where they apply.

The policy (which yeh and kaf each language writes) and the decision of
where a language is clear enough to apply it live together here, below the
normalisation steps that use them and the public ``segment()``, so that
neither has to import the other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from mixscript import _core
from mixscript.lang import tagger as lang
from mixscript.lang.letters import arabic_candidates
from mixscript.model import Segment
from mixscript.text.edits import Edit
from mixscript.text.valid import validate
from mixscript.unicode.chars import is_arabic_letter_or_mark

# Per-language spelling conventions for yeh and kaf.  Urdu keeps its own
# letters (heh goal, heh doachashmee, yeh barree are never touched); Sindhi,
# Pashto, Kurdish and Uyghur are left alone: their kaf and yeh letters carry
# distinctions of their own.
CONVENTIONS: dict[str, dict[str, str]] = {
    "fa": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "ur": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "ar": {"\u06a9": "\u0643"},  # Persian yeh handled by position below
    # Shahmukhi and Saraiki are typed on Urdu keyboards, South Azerbaijani on
    # Persian ones: the same yeh and kaf.
    "pnb": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "skr": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
    "azb": {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"},
}
CONVENTION_CHARS = "\u064a\u0649\u0643\u06cc\u06a9"
_LETTERS = re.compile(f"[{CONVENTION_CHARS}]")


def convert_letters(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Edits that apply ``lang``'s yeh/kaf conventions to ``text[start:end]``.

    In Arabic, Persian yeh becomes alef maksura at the end of a word (where
    both are dotless) and Arabic yeh elsewhere.

    >>> convert_letters("كتاب علي", "fa")
    [(0, 1, 'ک'), (7, 8, 'ی')]
    >>> convert_letters("فی کتاب علی", "ar")
    [(1, 2, 'ى'), (3, 4, 'ك'), (10, 11, 'ى')]
    """
    table = CONVENTIONS.get(lang)
    if table is None:
        return []
    edits: list[Edit] = []
    stop = len(text) if end is None else end
    for m in _LETTERS.finditer(text, start, stop):
        ch = m.group()
        new = table.get(ch, ch)
        if lang == "ar" and ch == "\u06cc":
            nxt = m.end()
            while nxt < len(text) and unicodedata.combining(text[nxt]):
                nxt += 1
            at_end = nxt >= len(text) or not is_arabic_letter_or_mark(text[nxt])
            new = "\u0649" if at_end else "\u064a"
        if new != ch:
            edits.append((m.start(), m.end(), new))
    return edits


# Spelling conventions are applied only where the language is this clear: a
# wrong guess on thin evidence would rewrite letters, and could flip back on
# the next run (the profile must be idempotent).
CONVENTION_CONFIDENCE = 0.9


def language_spans(text: str, languages: Sequence[str] | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` of Arabic-script text segments whose language has conventions.

    Only the Arabic-script runs where some convention could change a letter
    are tagged, which keeps ``clean`` fast on plain Arabic, Persian and Urdu.
    The compiled core finds them (``rust/core/src/conventions.rs``), one
    line at a time: Arabic yeh/kaf with no sign of Persian or Urdu (letters
    Arabic does not write, or Persian function words typed on an Arabic
    keyboard) is Arabic, nothing to do; Persian yeh/kaf with no sign of
    Arabic (teh marbuta, hamza on alef, the article) is Persian or Urdu,
    which share the convention, nothing to do; everything else is tagged.
    A wrong "nothing to do" only leaves a letter as it was typed; it never
    writes a wrong one.
    Formulas (the basmala, honorifics) are left out so they keep their spelling.
    """
    validate(text)
    # Only Arabic-script languages matter here: Latin runs need no tagging.
    arabic = arabic_candidates(tuple(languages) if languages else None)
    spans: list[tuple[int, int, str]] = []
    for base, end in _core.convention_pieces(text):
        for s in run_segments(text[base:end], arabic):
            if (
                s.script == "Arab"
                and s.kind == "text"
                and s.lang in CONVENTIONS
                and s.confidence >= CONVENTION_CONFIDENCE
            ):
                spans.append((base + s.start, base + s.end, s.lang))
    return spans


def run_segments(run: str, candidates: tuple[str, ...]) -> tuple[Segment, ...]:
    """The tagger's segments of one Arabic-script run, among ``candidates``.

    The ``letters`` step tags a run, then tags it again after its changes to
    see that it settled; ``persian_affixes`` then asks about the same run,
    which ``letters`` most often left as it found it.  Tagging is by far the
    dearest part of both steps, and its answer depends on the run's text and
    the candidates alone, so each is computed once.  Only runs of ordinary
    length are kept, so that the cache stays small whatever the input.
    """
    if len(run) > _KEPT_RUN:
        return tuple(lang.tag(run, languages=candidates))
    return _kept_segments(run, candidates)


# Runs longer than this (a whole document without a line break) are tagged
# again rather than kept.
_KEPT_RUN = 4096


@lru_cache(maxsize=128)
def _kept_segments(run: str, candidates: tuple[str, ...]) -> tuple[Segment, ...]:
    return tuple(lang.tag(run, languages=candidates))
