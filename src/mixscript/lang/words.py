"""Word-frequency evidence for language tagging (``mixscript[lang]``, via wordfreq).

lingua judges a run by its character n-grams, which is weak on two or three
words: "occasion permit" or "aston martin" give it a few dozen n-grams that
several languages share.  How often each word is actually written in each
language is the missing signal, and wordfreq has it for every Latin-script
language mixscript proposes by default, and for Arabic, Persian and Urdu.
The sum over the run's words of each word's log frequency is a unigram
language model; :mod:`mixscript.lang.tagger` adds it to lingua's log-confidence (and,
for ar/fa/ur, to the letter scores) and renormalises.  A word is looked up
whole, joiners included, as wordfreq stores it: ``می‌شود`` is one Persian
word, not ``می`` and ``شود``.

wordfreq's "small" lists are used: the roughly 30,000 most frequent words per
language, about 4 MB resident each once loaded (the "large" lists take seven
times as much for a few tenths of a percent on word pairs).  A word missing
from a list counts as frequency 10⁻⁹, the same for every language, so words
no list knows (most names, typos) carry no vote.

When wordfreq is not installed, or a candidate has no list, :func:`log_likelihoods`
returns an empty mapping and lingua decides alone: comparing a language that
has a list with one that has none would favour the first for no reason.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Sequence
from functools import lru_cache

import regex

__all__ = ["available", "log_likelihoods"]

_WORDLIST = "small"
# A long run is judged by its first words: the sum settles long before, and
# the cost stays bounded.
_MAX_WORDS = 40
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\u200c\u200d]\p{L}[\p{L}\p{M}]*)*")
_LN10 = math.log(10.0)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether wordfreq can be imported (checked once, without importing it)."""
    return importlib.util.find_spec("wordfreq") is not None


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """Languages that have a wordfreq list of the size used here."""
    import wordfreq

    return frozenset(wordfreq.available_languages(wordlist=_WORDLIST))


@lru_cache(maxsize=65536)
def _zipf(word: str, code: str) -> float:
    """wordfreq's Zipf value (log10 of frequency per billion words; 0 when unlisted)."""
    import wordfreq

    return float(wordfreq.zipf_frequency(word, code, wordlist=_WORDLIST))


def log_likelihoods(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Natural-log likelihood of ``text``'s words under each language's word frequencies.

    Only differences between languages mean anything (a Zipf value is a log
    frequency shifted by a constant).  Empty when wordfreq is missing, when
    any candidate has no list, or when the text has no words.
    """
    if not languages or not available():
        return {}
    codes = tuple(dict.fromkeys(languages))
    if not _listed().issuperset(codes):
        return {}
    # wordfreq folds case itself, per language: Python's casefold turns
    # Turkish "İstanbul" into "i̇stanbul" (with a combining dot), a word no
    # list has.
    words = _WORD.findall(text)[:_MAX_WORDS]
    if not words:
        return {}
    return {c: _LN10 * sum(_zipf(w, c) for w in words) for c in codes}
