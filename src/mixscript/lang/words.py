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

The values are wordfreq's own, to the last bit, but read at dictionary
speed: a word of plain Latin letters is looked up by its case-folded form in
a table made once per language from wordfreq's list, and every value is
remembered per language; only other words (an apostrophe, a mark, another
script) go through wordfreq's tokeniser, once each.

When wordfreq is not installed, or a candidate has no list, :func:`log_likelihoods`
returns an empty mapping and lingua decides alone: comparing a language that
has a list with one that has none would favour the first for no reason.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import operator
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

import regex

__all__ = ["available", "find_words", "log_likelihoods", "sums", "zipf_rows"]

_WORDLIST = "small"
# A long run is judged by its first words: the sum settles long before, and
# the cost stays bounded.
_MAX_WORDS = 40
# Below this length findall (one C loop) is faster than stopping after
# _MAX_WORDS words; above it the words past the first forty cost more.
_FINDALL_CHARS = 400
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


# Each language's Zipf value of the words looked up lately, by the word as
# written.  A dictionary rather than ``lru_cache``: a hit is one ``dict.get``,
# which matters at forty words and several languages per sentence.  Emptied
# when it grows past this many words (about 4 MB per language when full):
# the frequent words come straight back, and a plain word costs little to
# look up again (:func:`_plain_table`).
_CACHE_WORDS = 20_000
_seen: dict[str, tuple[dict[str, float], dict[str, float] | None]] = {}

# Words of these letters only (ASCII and Latin-1 letters, or Arabic-script
# letters: no marks, no tatweel, no joiners, no apostrophes, no digits) are
# one token to wordfreq, and the token is the word case-folded: they are NFC
# and NFKC already (U+0675..U+0678, which NFKC splits, are left out), and no
# word break falls between two letters of one script.  Such a word's value is read from :func:`_plain_table`, which
# spares wordfreq's tokeniser on every new word; anything else (an
# apostrophe, a combining mark, another script) goes through wordfreq whole.
# tests/test_lang_words.py checks both against wordfreq's zipf_frequency.
_PLAIN = re.compile(
    r"[A-Za-zÀ-ÖØ-öø-ÿ]+"
    r"|[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u0674\u0679-\u06d3\u06d5"
    r"\u06ee\u06ef\u06fa-\u06fc\u06ff]+"
)


@lru_cache(maxsize=64)
def _plain_language(code: str) -> bool:
    """Whether wordfreq does nothing to a plain word in ``code`` but case-fold it.

    Not so for languages with transliteration (Azerbaijani, Serbian) or their
    own tokeniser (Chinese, Japanese).  Turkish qualifies: its comma and
    cedilla rewriting touches no plain letter, and its dotted and dotless i
    only a word with a capital I, which :func:`_lookup` sends to wordfreq
    (:func:`_dotless_i`).
    """
    from wordfreq.language_info import get_language_info

    info = get_language_info(code)
    return bool(
        info["tokenizer"] == "regex"
        and info["normal_form"] in ("NFC", "NFKC")
        and info["transliteration"] is None
        and info["lookup_transliteration"] is None
    )


@lru_cache(maxsize=64)
def _dotless_i(code: str) -> bool:
    """Whether wordfreq folds a capital I to dotless ı in ``code`` (Turkish), not to i."""
    from wordfreq.language_info import get_language_info

    return bool(get_language_info(code)["dotless_i"])


@lru_cache(maxsize=16)
def _plain_table(code: str) -> dict[str, float]:
    """The Zipf value of every plain word in ``code``'s list, computed as wordfreq does.

    ``zipf_frequency`` of a one-token word takes the token's frequency,
    raises it to the floor (frequency 10⁻⁹, Zipf 0: the ``minimum`` that
    Zipf 0 stands for), rounds it to three significant digits, and rounds
    its Zipf value to two decimals; the same steps here, once per list
    (a few tens of milliseconds), instead of its tokeniser once per word.
    """
    import wordfreq

    floor = wordfreq.zipf_to_freq(0.0)
    table = {}
    for token, freq in wordfreq.get_frequency_dict(code, _WORDLIST).items():
        if _PLAIN.fullmatch(token):
            value = max(1.0 / (1.0 / freq), floor)
            value = round(value, math.floor(-math.log(value, 10)) + 3)
            table[token] = round(wordfreq.freq_to_zipf(value), 2)
    return table


# A word no list holds: wordfreq's floor, Zipf 0.
_ABSENT = 0.0


def _tables(code: str) -> tuple[dict[str, float], dict[str, float] | None]:
    """``code``'s cache of values by word as written, and its plain table (None if it has none)."""
    found = _seen.get(code)
    if found is None:
        found = _seen[code] = ({}, _plain_table(code) if _plain_language(code) else None)
    return found


# The same values by word for a tuple of languages at once: each word's
# values in all of them, one dictionary lookup for the lot (a sentence's words
# looked up in seven dictionaries of thousands of entries cost several times
# more, mostly in memory traffic).  Emptied as the per-language caches are.
_seen_rows: dict[tuple[str, ...], dict[str, tuple[float, ...]]] = {}
# At most this many language tuples are remembered (callers use a handful).
_ROW_TABLES = 16


def _row_table(codes: tuple[str, ...]) -> dict[str, tuple[float, ...]]:
    """The cache of :func:`zipf_rows` for the languages ``codes`` (sorted), in that order."""
    found = _seen_rows.get(codes)
    if found is None:
        if len(_seen_rows) >= _ROW_TABLES:
            _seen_rows.clear()
        found = _seen_rows[codes] = {}
    return found


def _zipf(word: str, code: str) -> float:
    """wordfreq's Zipf value of ``word`` in ``code`` (log10 of frequency per billion words; 0 when unlisted)."""
    return _zipf_row((word,), code)[0]


def _zipf_row(words: Sequence[str], code: str) -> list[float]:
    """:func:`_zipf` of each of ``words``: the cached value, else the plain table's
    or wordfreq's, remembered (the tables fetched once for all the words)."""
    seen, plain = _tables(code)
    row = []
    for word in words:
        value = seen.get(word)
        if value is None:
            value = _lookup(word, code, plain)
            if len(seen) >= _CACHE_WORDS:
                seen.clear()
            seen[word] = value
        row.append(value)
    return row


def _lookup(word: str, code: str, plain: dict[str, float] | None) -> float:
    if plain is not None and _PLAIN.fullmatch(word) and ("I" not in word or not _dotless_i(code)):
        return plain.get(word.casefold(), _ABSENT)
    import wordfreq

    return float(wordfreq.zipf_frequency(word, code, wordlist=_WORDLIST))


def log_likelihoods(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Natural-log likelihood of ``text``'s words under each language's word frequencies.

    Only differences between languages mean anything (a Zipf value is a log
    frequency shifted by a constant).  Empty when wordfreq is missing, when
    any candidate has no list, or when the text has no words.
    """
    if len(text) < _FINDALL_CHARS:
        words = _WORD.findall(text)[:_MAX_WORDS]
    else:  # stop at the last word needed
        words = [m.group() for m in itertools.islice(_WORD.finditer(text), _MAX_WORDS)]
    return sums(zipf_rows(words, languages), 0, len(words))


def find_words(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]``, all of them, as :func:`log_likelihoods` finds them.

    For a caller that weighs several stretches of one text (the sentences of
    a run, then the run): the words are found once, looked up once
    (:func:`zipf_rows`), and each stretch is a slice (:func:`sums`).
    """
    return cast("list[str]", _WORD.findall(text, start, end))


def zipf_rows(words: Sequence[str], languages: Sequence[str]) -> dict[str, list[float]]:
    """Each language's Zipf value of each word, in order; empty as :func:`log_likelihoods` is."""
    if not languages or not available() or not words:
        return {}
    codes = tuple(dict.fromkeys(languages))
    if not _listed().issuperset(codes):
        return {}
    # wordfreq folds case itself, per language: Python's casefold turns
    # Turkish "İstanbul" into "i̇stanbul" (with a combining dot), a word no
    # list has.
    # One C call when every word was seen lately with these languages
    # (itemgetter over the word's values in all of them); the words not seen
    # are looked up per language (:func:`_zipf_row`) and remembered.
    # The languages come in any order (lingua's confidences, most likely
    # first); the cache holds them sorted, and the rows follow ``languages``.
    key = tuple(sorted(codes))
    table = _row_table(key)
    get = operator.itemgetter(*words)
    try:
        found = get(table)
    except KeyError:
        if len(table) >= _CACHE_WORDS:
            table.clear()
        missing = [w for w in dict.fromkeys(words) if w not in table]
        columns = [_zipf_row(missing, c) for c in key]
        for i, word in enumerate(missing):
            table[word] = tuple(column[i] for column in columns)
        found = get(table)
    if len(words) == 1:
        found = (found,)
    by_code = dict(zip(key, zip(*found, strict=True), strict=True))
    return {c: list(by_code[c]) for c in codes}


def sums(rows: dict[str, list[float]], start: int, stop: int) -> dict[str, float]:
    """:func:`log_likelihoods` of words ``start`` to ``stop`` of ``rows`` (at most the first
    :data:`_MAX_WORDS` of them count); empty when ``rows`` is or the stretch has no words."""
    stop = min(stop, start + _MAX_WORDS)
    if not rows or stop <= start:
        return {}
    return {c: _LN10 * sum(values[start:stop]) for c, values in rows.items()}
