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

from mixscript.lang import tagger as lang
from mixscript.lang.letters import arabic_candidates
from mixscript.text.breaks import LINE_WITH_END
from mixscript.text.edits import Edit
from mixscript.text.runs import script_runs
from mixscript.unicode.bmp_classes import Twin
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


# Evidence that a line with Arabic yeh/kaf may not be Arabic: letters Arabic
# does not write, or Persian/Urdu function words typed on an Arabic keyboard.
# Lines without it are Arabic for the ``letters`` step, with no tagging needed.
# (The word boundary before a word w is checked after it, as a lookbehind over
# a letter and w, so every branch starts with a literal and ``re`` can skip
# ahead fast.)
_LETTER = r"[^\W\d_]"
_NOT_ONLY_ARABIC = re.compile(
    "[\u067e\u0686\u0698\u06af\u0679\u0688\u0691\u06ba\u06d2\u06c1\u06be\u06c0\u06d5]|"
    + "|".join(
        f"{w}(?<!{_LETTER}{w})(?!{_LETTER})"
        for w in "است را اين این مي می كه که هاي های براي برای".split()
    )
)
# Signs of Arabic in a run typed with Persian yeh/kaf: teh marbuta, hamza on
# alef, and the article.
_ARABIC_SIGNS = re.compile(f"[\u0629\u0623\u0625]|ال(?<!{_LETTER}ال)(?={_LETTER}{{2}})")
# An Arabic-script stretch of a line: from an Arabic character to the next
# letter of another script.  It holds the same letters as the script run
# that ``script_runs`` would give, and costs one scan to find.
_ARABIC_STRETCH = Twin(
    "<ARABIC><NOT_OTHER_LETTER>*",
    ARABIC=r"\p{sc=Arab}",
    NOT_OTHER_LETTER=r"[^\p{L}--\p{sc=Arab}]",
)

# Spelling conventions are applied only where the language is this clear: a
# wrong guess on thin evidence would rewrite letters, and could flip back on
# the next run (the profile must be idempotent).
CONVENTION_CONFIDENCE = 0.9


def _yeh_kaf(text: str) -> tuple[bool, bool]:
    """Whether ``text`` holds Persian yeh/kaf (ی ک), and whether Arabic ones (ي ى ك).

    Five substring tests: much cheaper than one pattern scan.
    """
    persian = "\u06cc" in text or "\u06a9" in text
    arabic = "\u064a" in text or "\u0643" in text or "\u0649" in text
    return persian, arabic


def _may_need_conventions(piece: str) -> bool:
    """Whether some language's yeh/kaf convention could change an Arabic-script run.

    Arabic yeh/kaf with no sign of Persian or Urdu: Arabic, nothing to do.
    Persian yeh/kaf and no Arabic yeh/kaf: Persian or Urdu (which share the
    convention) unless the run shows signs of Arabic and none of Persian or
    Urdu, so nothing to do.  Everything else is tagged.  A wrong "nothing to
    do" only leaves a letter as it was typed; it never writes a wrong one.
    """
    persian, arabic = _yeh_kaf(piece)
    if not (persian or arabic):
        return False
    if persian and arabic:
        return True
    evidence = _NOT_ONLY_ARABIC.search(piece) is not None
    if arabic:
        return evidence
    return not evidence and _ARABIC_SIGNS.search(piece) is not None


def _line_may_need_conventions(line: str) -> bool:
    """:func:`_may_need_conventions` for any Arabic-script run of ``line``.

    Two whole-line answers come first, each one scan: only Arabic yeh/kaf and
    no sign of Persian or Urdu anywhere, or only Persian yeh/kaf and no sign
    of Arabic anywhere.  Only lines that mix them are looked at run by run.
    """
    persian, arabic = _yeh_kaf(line)
    if not (persian or arabic):
        return False
    if arabic and not persian and _NOT_ONLY_ARABIC.search(line) is None:
        return False
    if persian and not arabic and _ARABIC_SIGNS.search(line) is None:
        return False
    stretch = _ARABIC_STRETCH.for_text(line)
    return any(_may_need_conventions(c.group()) for c in stretch.finditer(line))


def language_spans(text: str, languages: Sequence[str] | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, lang)`` of Arabic-script text segments whose language has conventions.

    Only lines where some convention could change a letter are tagged (see
    :func:`_may_need_conventions`), which keeps ``clean`` fast on plain Arabic,
    Persian and Urdu.
    Formulas (the basmala, honorifics) are left out so they keep their spelling.
    """
    # Only Arabic-script languages matter here: Latin runs need no tagging.
    arabic = arabic_candidates(tuple(languages) if languages else None)
    spans: list[tuple[int, int, str]] = []
    for m in LINE_WITH_END.finditer(text):
        line = m.group()
        if not line or not _line_may_need_conventions(line):
            continue
        # Each Arabic-script run is tagged on its own: Latin runs need nothing.
        for run in script_runs(line):
            piece = line[run.start : run.end]
            if run.script != "Arab" or not _may_need_conventions(piece):
                continue
            base = m.start() + run.start
            for s in lang.tag(piece, languages=arabic):
                if (
                    s.script == "Arab"
                    and s.kind == "text"
                    and s.lang in CONVENTIONS
                    and s.confidence >= CONVENTION_CONFIDENCE
                ):
                    spans.append((base + s.start, base + s.end, s.lang))
    return spans
