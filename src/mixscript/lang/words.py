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

The values are wordfreq's own, to the last bit, but read at the compiled
core's speed (``rust/core/src/words.rs``): a word of plain letters (Latin-1
and ı, with apostrophes between them unless wordfreq cuts the word there,
as it does French elisions; or plain Arabic-script letters) is looked up
there by its case-folded form (Turkish: a capital I as ı) in a table made
once per language from wordfreq's list, as are Arabic-script words with
harakat or tatweel, which wordfreq deletes in those languages, and French
elisions (``l'homme``), which it cuts in two and whose tokens' frequencies
it combines (the core combines and rounds them as it does); only other
words (a combining accent, another script) go through wordfreq's
tokeniser, once each, and the core remembers their values.  On English text quoting Arabic, contractions
and possessives were most of the words wordfreq was asked for.

When wordfreq is not installed, or a candidate has no list, :func:`log_likelihoods`
returns an empty mapping and lingua decides alone: comparing a language that
has a list with one that has none would favour the first for no reason.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from mixscript import _core

__all__ = [
    "arabic_script_zipf",
    "available",
    "find_words",
    "log_likelihoods",
    "stretch_log_likelihoods",
    "zipf_rows",
]

_WORDLIST = "small"
# A long run is judged by its first words: the sum settles long before, and
# the cost stays bounded (the core's limit, named here for the docstrings).
_MAX_WORDS: int = _core.MAX_WORDS


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether wordfreq can be imported (checked once, without importing it)."""
    return importlib.util.find_spec("wordfreq") is not None


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """Languages that have a wordfreq list of the size used here."""
    import wordfreq

    return frozenset(wordfreq.available_languages(wordlist=_WORDLIST))


# The values wordfreq gave for words that are not plain are remembered per
# language in the core, and forgotten when they would grow past this many
# words: the frequent words come straight back.
_CACHE_WORDS = 20_000
# Each language's plain table (given once, the first time the language is
# asked for) and learnt values; and the languages given so far.
_TABLES = _core.WordTables(_CACHE_WORDS)
_given: set[str] = set()


@lru_cache(maxsize=64)
def _plain_language(code: str) -> bool:
    """Whether wordfreq does nothing to a plain word in ``code`` but case-fold it.

    Not so for languages with transliteration (Azerbaijani, Serbian) or their
    own tokeniser (Chinese, Japanese).  Turkish qualifies: its comma and
    cedilla rewriting touches no plain letter, and its dotted and dotless i
    only a word with a capital I, which the core reads as ı (and, beside an
    apostrophe, sends back to wordfreq: :func:`_dotless_i`).
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


@lru_cache(maxsize=64)
def _removes_marks(code: str) -> bool:
    """Whether wordfreq deletes the marks and tatweel of a word in ``code`` (Arabic-script languages)."""
    from wordfreq.language_info import get_language_info

    return bool(get_language_info(code)["remove_marks"])


def _plain_table(code: str) -> dict[str, float]:
    """The Zipf value of every plain word in ``code``'s list, computed as wordfreq does.

    Plain words (``_core.plain_word``: Latin-1 letters and ı, with
    apostrophes but not an elision wordfreq cuts; or plain Arabic-script
    letters only) are one token to wordfreq, NFC and NFKC already, and their
    token is the word case-folded (apostrophes uncurled).
    ``zipf_frequency`` of a one-token word takes the token's frequency,
    raises it to the floor (frequency 10⁻⁹, Zipf 0: the ``minimum`` that
    Zipf 0 stands for), rounds it to three significant digits, and rounds
    its Zipf value to two decimals; the same steps here, once per list
    (a few tens of milliseconds), instead of its tokeniser once per word.
    Made once per language, handed to the core and not kept.
    """
    import wordfreq

    floor = wordfreq.zipf_to_freq(0.0)
    table = {}
    for token, freq in wordfreq.get_frequency_dict(code, _WORDLIST).items():
        if _core.plain_word(token):
            value = max(1.0 / (1.0 / freq), floor)
            value = round(value, math.floor(-math.log(value, 10)) + 3)
            table[token] = round(wordfreq.freq_to_zipf(value), 2)
    return table


# Candidate tuples whose tables the core has, each with its codes once each:
# the tagger asks for the same few candidates on every run.
_READY: dict[tuple[str, ...], tuple[str, ...]] = {}
_READY_MAX = 256


def _codes(languages: Sequence[str]) -> tuple[str, ...] | None:
    """``languages`` once each, their tables given to the core; None if one has no list."""
    if not languages or not available():
        return None
    if type(languages) is tuple:
        ready = _READY.get(languages)
        if ready is not None:
            return ready
    codes = tuple(dict.fromkeys(languages))
    if not _listed().issuperset(codes):
        return None
    if not _given.issuperset(codes):
        for code in codes:
            if code in _given:
                continue
            if _plain_language(code):
                table = _plain_table(code)
                _TABLES.add_language(
                    code,
                    _dotless_i(code),
                    list(table),
                    list(table.values()),
                    remove_marks=_removes_marks(code),
                )
            else:
                _TABLES.add_language(code, _dotless_i(code))
            _given.add(code)
    if type(languages) is tuple and len(_READY) < _READY_MAX:
        _READY[languages] = codes
    return codes


_Found = TypeVar("_Found")


def _looked_up(
    lookup: Callable[[], tuple[_Found, list[tuple[int, str]]]], codes: tuple[str, ...]
) -> _Found:
    """``lookup()``'s values, after wordfreq has given the core the words it misses.

    The core reports each (language, word) it has no value for once; wordfreq
    looks each up (tokeniser, normalisation and all), the core learns the
    values, and the second lookup finds every word.
    """
    found, missing = lookup()
    if not missing:
        return found
    import wordfreq

    learned: dict[int, dict[str, float]] = {}
    for k, word in missing:
        value = float(wordfreq.zipf_frequency(word, codes[k], wordlist=_WORDLIST))
        learned.setdefault(k, {})[word] = value
    for k, values in learned.items():
        _TABLES.learn(codes[k], list(values), list(values.values()))
    found, missing = lookup()
    assert not missing, missing
    return found


def _zipf(word: str, code: str) -> float:
    """wordfreq's Zipf value of ``word`` in ``code`` (log10 of frequency per billion words; 0 when unlisted)."""
    return zipf_rows((word,), (code,))[code][0]


def log_likelihoods(text: str, languages: Sequence[str]) -> dict[str, float]:
    """Natural-log likelihood of ``text``'s words under each language's word frequencies.

    Only differences between languages mean anything (a Zipf value is a log
    frequency shifted by a constant).  Empty when wordfreq is missing, when
    any candidate has no list, or when the text has no words.  The first
    :data:`_MAX_WORDS` words count.
    """
    codes = _codes(languages)
    if codes is None:
        return {}
    found, missing = _TABLES.log_likelihoods(text, codes)
    if missing:  # words the core has no value for yet: wordfreq's, then again
        found = _looked_up(lambda: _TABLES.log_likelihoods(text, codes), codes)
    if not found:  # no words
        return {}
    return dict(zip(codes, found, strict=True))


def stretch_log_likelihoods(
    text: str, stretches: Sequence[tuple[int, int]], languages: Sequence[str]
) -> list[dict[str, float]]:
    """:func:`log_likelihoods` of each ``text[start:end]`` of ``stretches`` and, last, of
    all their words one after the other (the first :data:`_MAX_WORDS` of them).

    For a run and its sentences (the stretches): every word is found and
    looked up once, in one core call, and each sum is over its own words.
    Each entry is empty as :func:`log_likelihoods` is (no words, or a
    language without a list).
    """
    codes = _codes(languages)
    if codes is None:
        return [{} for _ in range(len(stretches) + 1)]
    texts = [text[s:e] for s, e in stretches]
    found = _looked_up(lambda: _TABLES.stretch_log_likelihoods(texts, codes), codes)
    return [dict(zip(codes, sums, strict=True)) if sums else {} for sums in found]


def find_words(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]``, all of them, as :func:`log_likelihoods` finds them.

    :func:`stretch_log_likelihoods` weighs several stretches of one text
    with the words found this way, in the core.
    A word is a letter followed by letters and marks, with apostrophes and
    zero-width (non-)joiners inside it: looked up whole, as wordfreq stores it.
    """
    return _core.find_words(text[start:end])


def zipf_rows(words: Sequence[str], languages: Sequence[str]) -> dict[str, list[float]]:
    """Each language's Zipf value of each word, in order; empty as :func:`log_likelihoods` is.

    The rows follow the order of ``languages`` (lingua's confidences come most
    likely first).  wordfreq folds case itself, per language: Python's
    casefold turns Turkish "İstanbul" into "i̇stanbul" (with a combining
    dot), a word no list has, so such words are wordfreq's to look up.
    """
    if not words:
        return {}
    codes = _codes(languages)
    if codes is None:
        return {}
    rows = _looked_up(lambda: _TABLES.rows(words, codes), codes)
    return dict(zip(codes, rows, strict=True))


#: The Arabic-script languages wordfreq has lists for.
_ARABIC_SCRIPT = ("ar", "fa", "ur")


def arabic_script_zipf(words: list[str]) -> list[float]:
    """Each word's highest Zipf value in the Arabic, Persian and Urdu lists (0 when none lists it).

    What the repair of PDF lines asks (``words`` of
    :func:`mixscript.bidi.repair.plan_repairs`): whether a word, or the word
    read backwards, is a word of the language at all, whichever of the
    three it is.  Empty when wordfreq is missing, so the lists say nothing.
    """
    rows = zipf_rows(words, _ARABIC_SCRIPT)
    if not rows:
        return []
    return [max(values) for values in zip(*rows.values(), strict=True)]
