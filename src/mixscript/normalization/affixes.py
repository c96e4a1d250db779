"""Persian affixes typed with a space: ``می خواهم`` -> ``می‌خواهم``, ``کتاب ها`` -> ``کتاب‌ها``.

Persian writes the verbal prefixes ``می``/``نمی``, the plural ``ها`` (and
its forms with ``ی`` and the pronoun endings) and the superlative ``ترین``
as part of the word, separated by a ZERO WIDTH NON-JOINER so the letters do
not join.  Keyboards without an easy ZWNJ give a space instead, which splits
one word into two for every tokenizer and search index.

The rules are deliberately narrow, because a wrong join is worse than a
missed one (the ``persian_affixes`` step is in ``clean`` only because its
measured precision is above 99.5 %; see ``evaluation/persian_affixes.py``):

* only a space between two Arabic-script words is ever replaced, so words
  that merely begin with the letters (``میز``, ``میوه``, ``میخ``) and every
  word already joined are never touched;
* ``می``/``نمی`` join the next word only when it ends the way Persian verb
  forms end (personal ending ``م``, ``ی``, ``د``, ``یم``, ``ید``, ``ند``, or
  a past stem in ``د``/``ت``) or is ``توان``; and never after ``ماه`` or a
  number, where ``می`` is the month of May;
* ``ها``, ``های``, ``هایی``, ``ترین`` and the plural with a pronoun
  (``هایم`` ... ``هایشان``) join the word before when it is a content word
  of two letters or more, not a preposition or conjunction, and ``ترین``
  never a plural (``مشاهدات ترین`` is a transliterated name).  ``تر`` alone
  is left alone: it is also the adjective "wet";
* after a letter that does not join to the left (``ا د ذ ر ز ژ و``) the
  space is simply removed (``درها``): a ZWNJ there would separate nothing.

Which runs are Persian is the language tagger's call, per Arabic-script run
of the line; Latin text is never looked at.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mixscript import _core
from mixscript.lang.conventions import run_segments
from mixscript.lang.letters import arabic_candidates
from mixscript.text.edits import Edit
from mixscript.text.valid import validate
from mixscript.unicode._ucd_joining import JOINING_RANGES
from mixscript.unicode.bmp_classes import class_body
from mixscript.unicode.chars import ARABIC_LETTERS_AND_MARKS, ZWNJ
from mixscript.unicode.ranges import RangeTable

__all__ = ["affix_candidate", "affix_edits", "persian_spans"]

_L = f"[{class_body(ARABIC_LETTERS_AND_MARKS)}]"
# Not inside a word: no Arabic-script letter, mark or joiner on that side.
_EDGE_BEFORE = f"(?<!{_L[:-1]}\u200c\u200d])"
_EDGE_AFTER = f"(?!{_L[:-1]}\u200c\u200d])"
_PREFIX = re.compile(f"{_EDGE_BEFORE}(ن?می)( +)(?=({_L}+){_EDGE_AFTER})")
_SUFFIXES = "هایشان|هایتان|هایمان|هایش|هایت|هایم|هایی|های|ها|ترین"
# The word before a suffix may itself hold a ZWNJ (``کتاب‌خانه ها``).
_SUFFIX = re.compile(f"{_EDGE_BEFORE}({_L}+(?:\u200c{_L}+)*)( +)({_SUFFIXES}){_EDGE_AFTER}")
# A prefix, its spaces and the first letter of the next word.
_SPACED_PREFIX = re.compile(f"می +{_L}")
# The tagger must name Persian with at least this confidence.  Short runs
# (``بزرگ ترین`` alone is 0.73) are less sure than sentences; Urdu, Arabic
# and Pashto runs come out as themselves well above it.
PERSIAN_CONFIDENCE = 0.6

_MARKS = re.compile("[\u064b-\u065f\u0670]")
# The last letters of Persian verb forms: personal endings and past stems.
_VERB_END = re.compile("(?:[مدتی])$")
_NOT_BEFORE_PREFIX = frozenset(("ماه",))
# Words that never take a plural or superlative suffix: prepositions,
# conjunctions, pronouns and particles.
_FUNCTION_WORDS = frozenset(
    "و از به با در بر که را تا یا اگر این آن هم نه چه چون برای بی پس پیش زیر روی"
    " من تو او ما شما ایشان آنان اینان وی خود همه هر هیچ چند نیز اما ولی باید"
    " است بود شد کرد می نمی ای یک دو سه".split()
)
_JOINING = RangeTable(JOINING_RANGES)


_YEH_KAF = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def _bare(word: str) -> str:
    """The word without harakat and with Persian yeh and kaf, as the word lists spell it."""
    return _MARKS.sub("", word).translate(_YEH_KAF)


def _joins_left(word: str) -> bool:
    """Whether the last letter of ``word`` joins the letter after it (Joining_Type D)."""
    for ch in reversed(word):
        kind = _JOINING.get(ord(ch), "U")
        if kind != "T":
            return kind == "D"
    return False


def _prefix_edits(text: str, start: int, end: int) -> list[Edit]:
    edits: list[Edit] = []
    for m in _PREFIX.finditer(text, start, end):
        verb = _bare(m.group(3))
        if m.end(3) > end or len(verb) < 2 or verb in ("می", "نمی"):
            continue
        if not (_VERB_END.search(verb) or verb == "توان"):
            continue
        before = text[max(0, m.start() - 12) : m.start()].split()
        if before and (_bare(before[-1]) in _NOT_BEFORE_PREFIX or before[-1][-1].isdigit()):
            continue
        edits.append((m.start(2), m.end(2), ZWNJ))
    return edits


def _suffix_edits(text: str, start: int, end: int) -> list[Edit]:
    edits: list[Edit] = []
    for m in _SUFFIX.finditer(text, start, end):
        word = _bare(m.group(1))
        if len(word) < 2 or word in _FUNCTION_WORDS:
            continue
        if m.group(3) == "ترین" and word.endswith(("ها", "ات")):
            continue  # a superlative follows an adjective, never a plural noun
        edits.append((m.start(2), m.end(2), ZWNJ if _joins_left(m.group(1)) else ""))
    return edits


def affix_edits(text: str, spans: Sequence[tuple[int, int]]) -> list[Edit]:
    """Edits joining the spaced affixes inside the Persian ``spans`` of ``text``, sorted."""
    edits: list[Edit] = []
    for start, end in spans:
        edits.extend(_prefix_edits(text, start, end))
        edits.extend(_suffix_edits(text, start, end))
    edits.sort()
    # A word between a prefix and a suffix (``می ... ها`` cannot happen, but
    # two matches must never overlap): keep the first of overlapping edits.
    out: list[Edit] = []
    for e in edits:
        if not out or e[0] >= out[-1][1]:
            out.append(e)
    return out


def affix_candidate(text: str) -> bool:
    """Whether ``text`` may hold work for the rules: a prefix or suffix beside a space.

    Every suffix begins with ``ها`` or is ``ترین``, so a suffix after a space
    is a plain substring, found without a pattern; only a text that holds
    ``می`` and a space is searched for a prefix followed by a word.

    >>> affix_candidate("کتاب ها"), affix_candidate("می خواهم"), affix_candidate("می 5")
    (True, True, False)
    """
    if " ها" in text or " ترین" in text:
        return True
    return "می " in text and _SPACED_PREFIX.search(text) is not None


def persian_spans(line: str, languages: Sequence[str] | None) -> list[tuple[int, int]]:
    """Spans of ``line`` that the tagger names Persian, among the runs the rules would change.

    Tagging is the expensive part, so runs with nothing to join are not tagged.
    """
    candidates = arabic_candidates(tuple(languages) if languages else None)
    if "fa" not in candidates:
        return []
    spans: list[tuple[int, int]] = []
    # The core's runs as tuples: most are not looked at, so no Run is built.
    validate(line)
    for start, end, script, _kind in _core.script_runs(line):
        if script != "Arab" or not affix_candidate(line[start:end]):
            continue
        if not affix_edits(line, [(start, end)]):
            continue  # nothing to join whatever the language: no need to ask the tagger
        for seg in run_segments(line[start:end], candidates):
            if seg.lang == "fa" and seg.kind == "text" and seg.confidence >= PERSIAN_CONFIDENCE:
                spans.append((start + seg.start, start + seg.end))
    return spans
