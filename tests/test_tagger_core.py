"""The tagger's Arabic-script guess, made in the compiled core, against its Python definition.

The weighing of fastText, lingua and the word frequencies against the
letters used to be Python (``_arabic_guess`` and its helpers in
``mixscript.lang.tagger``); the oracle below is that Python, kept here, so
the core must give the same languages and the same bits.  The backends are
replaced by tables drawn by Hypothesis, so that every branch is reached
whether or not lingua, fastText or wordfreq is installed.
"""

from __future__ import annotations

import bisect
import copy
import json
import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.bidi.display import shape
from mixscript.lang import fasttext_lid as lang_fasttext
from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger
from mixscript.lang import words as lang_words

LANGS = lang_letters.ARABIC_SCRIPT_LANGUAGES
SAMPLES = json.loads((Path(__file__).parent / "data" / "lang_samples.json").read_text("utf-8"))

# -- the oracle: the Python the core replaced ---------------------------------------------------


def arabic_guess(text: str, languages: Sequence[str]) -> tagger._Guess:
    """The core's guess with the installed (or replaced) backends, as the tagger asks it."""
    found = _core.arabic_guess(
        text,
        list(lang_letters.arabic_candidates(tuple(languages))),
        lang_fasttext.log_probabilities,
        lang_lingua.confidences,
        lang_words.log_likelihoods,
    )
    return tagger._UND if found is None else tagger._Guess(*found)


@dataclass(slots=True)
class Piece:
    """A piece of text as the tagger's context step weighed it."""

    start: int
    end: int
    script: str
    kind: str
    lang: str = "und"
    confidence: float = 0.0
    probs: dict[str, float] | None = None
    own: dict[str, float] | None = None
    sentences: list[tuple[int, int]] | None = None


_FASTTEXT_WEIGHT = 0.5
_FASTTEXT_GROUPS = (("ur", "pnb", "skr"), ("fa", "azb"))
_FASTTEXT_MIN_WORDS = 3
_GROUP_MIN = 0.05
_LINGUA_WEIGHT = 1.0
_LETTERS_SURE = 0.995
_WORDS_WEIGHT = 0.5
_LINGUA_FAMILY = frozenset(("ar", "fa", "ur"))
_URDU_RELATIVES = ("pnb", "skr", "ks")

_WORD = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+")

Guess = tuple[str, float, dict[str, float], dict[str, float]]


def oracle_guess(text: str, languages: Sequence[str]) -> Guess:
    guess = lang_letters.guess(text, lang_letters.arabic_candidates(tuple(languages)))
    if guess.lang == "und":
        return ("und", 0.0, {}, {})
    plain = guess.plain
    probs = dict(guess.probs)
    if guess.confidence < _LETTERS_SURE:
        probs = oracle_fasttext_reweigh(text, plain, guess.scores, probs)
    own_probs = probs
    groups = {c: [c] for c in probs if c in _LINGUA_FAMILY}
    if "ur" in groups:
        groups["ur"] += [c for c in _URDU_RELATIVES if c in probs]
    mass = {g: sum(probs[c] for c in members) for g, members in groups.items()}
    total = sum(mass.values())
    top = max(mass, key=mass.__getitem__) if mass else ""
    best = max(probs, key=probs.__getitem__)
    in_groups = any(best in members for members in groups.values())
    if in_groups and len(groups) >= 2 and mass[top] < _LETTERS_SURE * total:
        family = list(groups)
        lingua = lang_lingua.confidences(plain, family)
        words = lang_words.log_likelihoods(plain, family)
        if lingua or words:
            base = {g: math.log(max(mass[g], 1e-300)) for g in family}
            own = {
                g: base[g]
                + (_LINGUA_WEIGHT * math.log(max(lingua.get(g, 0.0), 1e-4)) if lingua else 0.0)
                for g in family
            }
            with_words = {g: own[g] + _WORDS_WEIGHT * words.get(g, 0.0) for g in family}
            own_probs = oracle_reweigh_groups(probs, own, groups)
            probs = oracle_reweigh_groups(probs, with_words, groups)
    best = max(probs, key=probs.__getitem__)
    return (best, probs[best], probs, own_probs)


def oracle_fasttext_reweigh(
    text: str, plain: str, scores: Mapping[str, float], probs: dict[str, float]
) -> dict[str, float]:
    if len(_WORD.findall(text)) < _FASTTEXT_MIN_WORDS:
        return probs
    for group in _FASTTEXT_GROUPS:
        members = [c for c in group if c in scores]
        if len(members) < 2 or max(probs[c] for c in members) < _GROUP_MIN:
            continue
        found = lang_fasttext.log_probabilities(plain, tuple(members))
        if found:
            probs = oracle_reweigh(
                probs, {c: scores[c] + _FASTTEXT_WEIGHT * found[c] for c in members}
            )
    return probs


def oracle_reweigh_groups(
    probs: dict[str, float], scores: dict[str, float], groups: dict[str, list[str]]
) -> dict[str, float]:
    out = dict(probs)
    mass = sum(probs[c] for members in groups.values() for c in members)
    for g, q in lang_letters.softmax(scores).items():
        members = groups[g]
        inside = sum(probs[c] for c in members)
        for c in members:
            out[c] = mass * q * (probs[c] / inside if inside > 0 else 1.0 / len(members))
    return out


def oracle_reweigh(probs: dict[str, float], scores: dict[str, float]) -> dict[str, float]:
    out = dict(probs)
    mass = sum(probs[c] for c in scores)
    for c, p in lang_letters.softmax(scores).items():
        out[c] = p * mass
    return out


# -- the backends, as tables -------------------------------------------------------------------

Table = dict[str, float] | None  # None: the backend says nothing


def from_table(table: Table, calls: list[str], name: str) -> Callable[..., dict[str, float]]:
    """A backend that answers ``{c: table[c]}`` for the languages asked that ``table`` holds."""

    def answer(text: str, languages: Sequence[str]) -> dict[str, float]:
        calls.append(name)
        if table is None:
            return {}
        return {c: table[c] for c in languages if c in table}

    return answer


def tables(low: float, high: float, complete: bool) -> st.SearchStrategy[Table]:
    """A table over the Arabic-script languages: all of them (``complete``) or some."""
    values = st.floats(low, high, allow_nan=False)
    whole = st.fixed_dictionaries({c: values for c in LANGS})
    some = st.dictionaries(st.sampled_from(LANGS), values, min_size=1)
    return st.none() | (whole if complete else whole | some)


# Words of several languages (their samples' first words), loose letters, and
# the same in presentation forms, so that unshaped text reaches the backends.
_WORDS = sorted(
    {w for code in ("ar", "fa", "ur", "ps") for w in SAMPLES[code][0].split()[:12]}
    | {"کتاب", "كتاب", "اور", "نوں", "دا", "ایله", "بیر", "ہک", "کوں", "ب", "ی", "ي", "ك", "۔"}
)
_PIECES = _WORDS + [shape(w) for w in _WORDS[:10]]
texts = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map(" ".join)
candidates = st.lists(st.sampled_from((*LANGS, "en")), max_size=6, unique=True).map(tuple)


@settings(max_examples=400, deadline=None)
@given(
    text=texts,
    languages=candidates,
    fasttext=tables(-9.3, 0.0, complete=True),
    lingua=tables(0.0, 1.0, complete=False),
    words=tables(-80.0, 0.0, complete=True),
)
def test_the_core_weighs_the_backends_as_the_python_did(
    text: str,
    languages: tuple[str, ...],
    fasttext: Table,
    lingua: Table,
    words: Table,
) -> None:
    calls: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lang_fasttext, "log_probabilities", from_table(fasttext, calls, "fasttext"))
        mp.setattr(lang_lingua, "confidences", from_table(lingua, calls, "lingua"))
        mp.setattr(lang_words, "log_likelihoods", from_table(words, calls, "words"))
        expected = oracle_guess(text, languages)
        expected_calls = list(calls)
        calls.clear()
        found = arabic_guess(text, languages)
    assert (found.lang, found.confidence, found.probs, found.own) == expected
    assert list(found.probs) == list(expected[2])  # the same order of languages
    assert list(found.own) == list(expected[3])
    assert calls == expected_calls  # each backend asked as often, in the same order


@pytest.mark.parametrize(
    ("text", "languages", "asked"),
    [
        ("كتاب", ("ar", "fa"), ["lingua", "words"]),
        ("کتاب اور قلم", ("ur", "pnb"), ["fasttext"]),
        ("کتاب اور قلم", ("fa", "ur", "pnb", "azb"), ["fasttext", "fasttext", "lingua", "words"]),
        ("یہ ایک بہت اچھی کتاب ہے اور میں نے اسے پڑھا ہے", (), []),
    ],
)
def test_backends_are_asked_only_when_the_letters_are_unsure(
    text: str, languages: tuple[str, ...], asked: list[str]
) -> None:
    """The branches the differential test compares are reached, and the backends' answers count."""
    calls: list[str] = []
    table = {c: 0.5 for c in LANGS}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lang_fasttext, "log_probabilities", from_table(table, calls, "fasttext"))
        mp.setattr(lang_lingua, "confidences", from_table(table, calls, "lingua"))
        mp.setattr(lang_words, "log_likelihoods", from_table(table, calls, "words"))
        arabic_guess(text, languages)
    assert calls == asked


def oracle_margin(
    probs: dict[str, float], lang: str, other: str | None, prior: dict[str, float]
) -> float:
    """The margin as the context step computed it in Python."""

    def evidence(k: str) -> float:
        return math.log(max(probs.get(k, 0.0), 1e-12)) - prior.get(k, 0.0)

    rivals = [evidence(k) for k in probs if k != lang and (other is None or k == other)]
    return evidence(lang) - max(rivals) if rivals else math.inf


@settings(max_examples=300, deadline=None)
@given(
    text=texts,
    own=st.dictionaries(
        st.sampled_from(LANGS),
        st.floats(0.0, 1.0) | st.sampled_from([0.0, 1e-13, 1e-12, 1.0]),
        min_size=1,
    ),
    lang=st.sampled_from(LANGS),
    other=st.none() | st.sampled_from(LANGS),
)
def test_the_core_margin_is_the_python_margin(
    text: str, own: dict[str, float], lang: str, other: str | None
) -> None:
    expected = oracle_margin(own, lang, other, lang_letters.priors(text))
    assert _core.arabic_margin(text, own, lang, other) == expected


def test_a_margin_of_a_language_that_is_no_arabic_script_one_is_refused() -> None:
    with pytest.raises(KeyError):
        _core.arabic_margin("کتاب", {"fa": 0.5, "en": 0.5}, "fa")
    with pytest.raises(KeyError):
        _core.arabic_margin("کتاب", {"fa": 0.5}, "fa", "und")


@pytest.mark.parametrize(
    ("languages", "error", "message"),
    [
        (("fa", 1), TypeError, "not int"),
        (("fa", ["en"]), TypeError, "not list"),
        (("xx",), ValueError, "unsupported language code 'xx'"),
        ((), ValueError, "languages is empty"),
    ],
)
def test_candidates_kept_once_checked_still_refuse_every_time(
    languages: tuple[object, ...], error: type[Exception], message: str
) -> None:
    for _ in range(2):  # a refusal is not remembered as an answer
        with pytest.raises(error, match=message):
            tagger.tag_spans("کتاب", languages=languages)  # type: ignore[arg-type]


def test_candidates_as_a_tuple_or_a_list_are_the_same() -> None:
    text = "این کتاب را می‌خواهم. This is English."
    for languages in (["fa-IR", "EN"], ("fa-IR", "EN"), ("fa-IR", "EN"), None, None):
        expected = tagger.tag_spans(text, languages=list(languages) if languages else None)
        assert tagger.tag_spans(text, languages=languages) == expected
    assert tagger._normalise_candidates(("fa-IR", "EN")) == ("fa", "en")


# The end of a sentence as the tagger's Python found it, before the core did:
# its punctuation, closing brackets and quotes, then space before more text.
_SENTENCE_END = regex.compile(r"[.!?؟۔।][\p{Pe}\p{Pf}\"']*(?=\s+\S)")


def oracle_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans as the tagger found them with one scan of ``regex``."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, max(start - 1, 0), end):
        spans.append((pos, m.end()))
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        pos = nxt
    spans.append((pos, end))
    return spans


_SENTENCE_PIECES = [
    ". ",
    ".",
    "!",
    "?",
    "؟ ",
    "۔",
    "।",
    " ",
    "  ",
    "\n",
    "\u00a0",
    "a",
    "ب",
    "»",
    ")",
    "\u3009",
    '"',
    "'",
]

# Any character a str may hold as text (the core refuses lone surrogates).
_CHARACTERS = st.characters(exclude_categories=["Cs"])


@settings(max_examples=1000, deadline=None)
@given(
    text=st.lists(st.sampled_from(_SENTENCE_PIECES) | _CHARACTERS, max_size=14).map("".join),
    cut=st.tuples(st.integers(0, 20), st.integers(0, 20)),
)
@example(text="a. b", cut=(2, 4))  # a stop just before the start ends a sentence there
def test_sentences_are_cut_where_one_scan_cut_them(text: str, cut: tuple[int, int]) -> None:
    start, end = sorted(min(c, len(text)) for c in cut)
    assert _core.sentences(text, start, end) == oracle_sentences(text, start, end)


def oracle_tagged_runs(
    text: str, cuts: list[tuple[int, int]]
) -> list[tuple[int, int, str, str, list[tuple[int, int]] | None]]:
    """The runs of the parts between ``cuts`` as the tagger's Python found them: each
    part's script runs shifted into ``text``, a text run's sentences when two or more."""
    out: list[tuple[int, int, str, str, list[tuple[int, int]] | None]] = []
    pos = 0
    for cut_start, cut_end in [*cuts, (len(text), len(text))]:
        for s, e, script, kind in _core.script_runs(text[pos:cut_start]):
            found = oracle_sentences(text, s + pos, e + pos) if kind == "text" else []
            out.append((s + pos, e + pos, script, kind, found if len(found) > 1 else None))
        pos = cut_end
    return out


@settings(max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*_SENTENCE_PIECES, "\ufdfd", "abc", "کتاب", "\u0651"]) | _CHARACTERS,
        max_size=16,
    ).map("".join),
    marks=st.lists(st.integers(0, 20), max_size=6),
)
def test_runs_between_cuts_are_the_parts_runs_with_their_sentences(
    text: str, marks: list[int]
) -> None:
    bounds = sorted(min(m, len(text)) for m in marks)
    cuts = list(zip(bounds[::2], bounds[1::2], strict=False))
    assert _core.tagged_runs(text, cuts) == oracle_tagged_runs(text, cuts)


# -- a Latin run's words: what the tagger asked of them in Python -------------------------------

_SHORT_WORDS = 3
_DECISIVE = 12.5
_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")
_MORE_THAN_SHORT = regex.compile(
    r"[^\p{L}\p{M}\u200c\u200d]*+(?:[\p{L}\p{M}\u200c\u200d]++[^\p{L}\p{M}\u200c\u200d]*+)"
    f"{{{_SHORT_WORDS + 1}}}"
)


def oracle_short(text: str) -> bool:
    return _MORE_THAN_SHORT.match(text) is None


def oracle_words_lead(text: str, words: dict[str, float]) -> str | None:
    if len(words) < 2 or not _LATIN_LETTER.search(text):
        return None
    ranked = sorted(words.values(), reverse=True)
    if ranked[0] - ranked[1] < _DECISIVE * math.log(10.0):
        return None
    if oracle_short(text):
        return None
    return max(words, key=words.__getitem__)


def oracle_words_decide(text: str, words: dict[str, float]) -> Guess | None:
    if oracle_words_lead(text, words) is None:
        return None
    probs = lang_letters.softmax({c: _WORDS_WEIGHT * w for c, w in words.items()})
    best = max(probs, key=probs.__getitem__)
    return (best, probs[best], probs, probs)


# Letters of the Latin script and others, marks, joiners, digits, spaces and
# punctuation: every kind of character the word count and the Latin test tell
# apart (all assigned long before Unicode 15, so that the regex module and the
# core read them alike).
_LATIN_RUN_TEXT = st.lists(
    st.sampled_from(list("abzAZéßıİ\u0301\u200c\u200d'’ -.,1\tкдکتابαβ日\u064e"))
    | st.sampled_from(["the ", "de ", "und ", "la "]),
    max_size=30,
).map("".join)
_SUMS = st.dictionaries(
    st.sampled_from(["en", "fr", "de", "es", "it", "tr"]),
    st.floats(-200.0, 200.0)
    | st.sampled_from([0.0, _DECISIVE * math.log(10.0), 28.78231366242558]),
    max_size=6,
)


@settings(max_examples=1000, deadline=None)
@given(_LATIN_RUN_TEXT, st.integers(0, 6))
def test_words_are_counted_and_runs_called_short_as_the_regexes_did(text: str, limit: int) -> None:
    assert tagger._short(text) is oracle_short(text)
    assert _core.word_count(text, limit) == min(limit, len(_WORD.findall(text)))
    assert _core.has_latin(text) is bool(_LATIN_LETTER.search(text))


@settings(max_examples=1000, deadline=None)
@given(_LATIN_RUN_TEXT, _SUMS, st.floats(0.0, 60.0))
@example(text="one two three four", words={"en": 28.782313662425574, "fr": 0.0}, lead=0.0)
@example(text="one two three four", words={"en": 28.78231366242558, "fr": 0.0}, lead=0.0)
@example(text="one two three four", words={"en": 40.0, "fr": 40.0}, lead=0.0)
def test_the_core_words_decide_as_the_python_did(
    text: str, words: dict[str, float], lead: float
) -> None:
    if words:  # a lead of about the decisive margin, often enough to matter
        first = next(iter(words))
        words = {c: (v + lead if c == first else v) for c, v in words.items()}
    assert _core.words_lead(text, words) == oracle_words_lead(text, words)
    decided = tagger._words_decide(text, words)
    expected = oracle_words_decide(text, words)
    assert (None if decided is None else tuple(decided)) == expected
    if decided is not None:
        assert list(decided.probs) == list(words)


# -- the context step: what the tagger did in Python ---------------------------------------------

_WINDOW = 4
_CONTEXT_SURE = 0.6
_KEEP_MARGIN = 3.0
_UNSURE = 0.6
_STRONG = 0.95
_WORD_MARGIN = 1.0
_LINGUA_EVIDENCE = 0.8
_LETTER = regex.compile(r"\p{L}")

_Said = Callable[[str], tuple[str, float]]
_Words = Callable[[str, tuple[str, ...]], dict[str, float]]


def oracle_context_arabic(members: list[Piece], text: str, guess: _Said) -> None:
    if len(members) < 2:
        return
    cache: dict[tuple[int, int], tuple[str, float]] = {}
    for i, p in enumerate(members):
        lone = p.probs is None
        piece = text[p.start : p.end]
        if lone and not lang_letters.letter_count(piece):
            continue
        if p.own is not None and _core.arabic_margin(piece, p.own, p.lang) >= _KEEP_MARGIN:
            continue
        lo, hi = max(0, i - _WINDOW), min(len(members), i + _WINDOW + 1)
        if (lo, hi) not in cache:
            cache[(lo, hi)] = guess(" ".join(text[q.start : q.end] for q in members[lo:hi]))
        ctx_lang, ctx_conf = cache[(lo, hi)]
        if ctx_lang == p.lang and ctx_conf >= _CONTEXT_SURE:
            p.confidence = max(p.confidence, min(ctx_conf, 0.75))
            continue
        if ctx_lang in (p.lang, "und") or ctx_conf < _CONTEXT_SURE:
            continue
        if lone:
            p.lang, p.confidence = ctx_lang, min(ctx_conf, 0.5)
        elif (
            p.own is not None and _core.arabic_margin(piece, p.own, p.lang, ctx_lang) < _KEEP_MARGIN
        ):
            p.lang, p.confidence = ctx_lang, min(ctx_conf, 0.75)


def oracle_latin_evidence(text: str, own: dict[str, float] | None, words: _Words) -> bool:
    if len(_LETTER.findall(text)) < 2 or not own or len(own) < 2:
        return False
    if max(own.values()) >= _LINGUA_EVIDENCE:
        return True
    found = words(text, tuple(own))
    if not found:
        return False
    ranked = sorted(found.values(), reverse=True)
    return (ranked[0] - ranked[1]) / math.log(10.0) >= _WORD_MARGIN


def oracle_context_latin(members: list[Piece], text: str, guess: _Said, words: _Words) -> None:
    shorts = [oracle_short(text[p.start : p.end]) for p in members]
    evidence = {
        id(p): not short or oracle_latin_evidence(text[p.start : p.end], p.own, words)
        for p, short in zip(members, shorts, strict=True)
    }
    evidenced = [p for p in members if evidence[id(p)]]
    starts = [p.start for p in evidenced]
    cache: dict[tuple[int, int, int], tuple[str, float]] = {}
    for p, short in zip(members, shorts, strict=True):
        if not short and p.confidence >= _UNSURE:
            continue
        i = bisect.bisect_left(starts, p.start)
        skip = i if i < len(evidenced) and evidenced[i] is p else -1
        lo = max(0, i - _WINDOW)
        hi = min(len(evidenced), i + _WINDOW + (1 if skip >= 0 else 0))
        if (lo, hi, skip) not in cache:
            joined = " ".join(
                text[q.start : q.end] for k, q in enumerate(evidenced[lo:hi], lo) if k != skip
            )
            cache[(lo, hi, skip)] = guess(joined) if joined else ("und", 0.0)
        ctx_lang, ctx_conf = cache[(lo, hi, skip)]
        if not evidence[id(p)] and (ctx_lang == "und" or ctx_conf < _CONTEXT_SURE):
            p.lang, p.confidence = "und", 0.0
            continue
        if ctx_lang == p.lang and ctx_conf >= _CONTEXT_SURE:
            p.confidence = max(p.confidence, min(ctx_conf, 0.75))
            continue
        if ctx_lang in (p.lang, "und") or ctx_conf < _CONTEXT_SURE:
            continue
        own = p.own or {}
        if evidence[id(p)] and own.get(p.lang, 0.0) >= _STRONG and own.get(ctx_lang, 0.0) < 0.01:
            continue
        p.lang, p.confidence = ctx_lang, min(ctx_conf, 0.75)


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


class _Asked:
    """Backends for the context step that answer from drawn values, by a checksum of the
    text, and record what they were asked."""

    def __init__(self, answers: list[tuple[str, float]], zipf: list[float]) -> None:
        self.answers, self.zipf = answers, zipf
        self.asked: list[str] = []

    def guess(self, text: str) -> tuple[str, float, dict[str, float], dict[str, float]]:
        self.asked.append(text)
        lang, confidence = self.answers[_crc(text) % len(self.answers)]
        return (lang, confidence, {}, {})

    def said(self, text: str) -> tuple[str, float]:
        return self.guess(text)[:2]

    def words(self, text: str, codes: tuple[str, ...]) -> dict[str, float]:
        self.asked.append(f"words {codes}: {text}")
        if _crc(text) % 5 == 0:
            return {}
        return {c: self.zipf[_crc(text + c) % len(self.zipf)] * math.log(10.0) for c in codes}


_PROBABILITIES = st.floats(0.0, 1.0) | st.sampled_from(
    [0.0, 0.009, 0.01, 0.015, 0.59, 0.6, 0.75, 0.79, 0.8, 0.94, 0.95, 1.0]
)


def _pieces(
    draw: st.DrawFn, words: list[str], langs: list[str], arabic: bool
) -> tuple[str, list[Piece]]:
    text = ""
    pieces = []
    for _ in range(draw(st.integers(0, 12))):
        text += draw(st.sampled_from(["", " ", ", ", " (", "... "])) if text else ""
        start = len(text)
        text += " ".join(draw(st.lists(st.sampled_from(words), min_size=1, max_size=6)))
        lang = draw(st.sampled_from(langs))
        own = None
        if lang != "und" or not arabic:
            codes = draw(st.lists(st.sampled_from(langs[:-1]), unique=True, max_size=3))
            if lang != "und" and lang not in codes:
                codes.append(lang)
            own = {c: draw(_PROBABILITIES) for c in codes} or None
        if arabic and lang != "und" and own is None:
            own = {lang: 1.0}
        confidence = draw(_PROBABILITIES) if lang != "und" else 0.0
        pieces.append(
            Piece(
                start, len(text), "Arab" if arabic else "Latn", "text", lang, confidence, own, own
            )
        )
    return text, pieces


@st.composite
def _context_cases(draw: st.DrawFn, arabic: bool) -> tuple[str, list[Piece], _Asked]:
    if arabic:
        words = ["کتاب", "این", "را", "الذي", "في", "ہے", "ب", "که باران", "١٢"]
        langs = ["ar", "fa", "ur", "und"]
    else:
        words = ["the", "annex", "Microsoft", "und", "das", "la", "maison", "a", "B", "Vienna"]
        langs = ["en", "fr", "de", "und"]
    text, pieces = _pieces(draw, words, langs, arabic)
    answers = draw(st.lists(st.tuples(st.sampled_from(langs), _PROBABILITIES), min_size=1))
    zipf = draw(st.lists(st.floats(0.0, 8.0), min_size=1, max_size=8))
    return text, pieces, _Asked(answers, zipf)


def _copies(pieces: list[Piece]) -> list[Piece]:
    return [copy.copy(p) for p in pieces]


@settings(max_examples=500, deadline=None)
@given(_context_cases(arabic=True))
def test_the_core_weighs_arabic_context_as_the_python_did(
    case: tuple[str, list[Piece], _Asked],
) -> None:
    text, pieces, asked = case
    expected = _copies(pieces)
    oracle_context_arabic(expected, text, asked.said)
    oracle_asked, asked.asked = asked.asked, []
    _core.arabic_context(text, pieces, asked.guess)
    assert asked.asked == oracle_asked
    assert [(p.lang, p.confidence) for p in pieces] == [(p.lang, p.confidence) for p in expected]


def _annex_case(ruled_out: float) -> tuple[str, list[Piece], _Asked]:
    """German around "the annex", which lingua gives English 0.97 and German ``ruled_out``."""
    text = "Das ist ein langer Satz hier. the annex"
    own = {"en": 0.97, "de": ruled_out}
    pieces = [
        Piece(0, 29, "Latn", "text", "de", 0.9, {"de": 0.9}, {"de": 0.9}),
        Piece(30, 39, "Latn", "text", "en", 0.97, own, own),
    ]
    return text, pieces, _Asked([("de", 0.9)], [1.0])


@settings(max_examples=500, deadline=None)
@given(_context_cases(arabic=False))
@example(_annex_case(0.0099))
@example(_annex_case(0.01))
def test_the_core_weighs_latin_context_as_the_python_did(
    case: tuple[str, list[Piece], _Asked],
) -> None:
    text, pieces, asked = case
    expected = _copies(pieces)
    oracle_context_latin(expected, text, asked.said, asked.words)
    oracle_asked, asked.asked = asked.asked, []
    _core.latin_context(text, pieces, asked.guess, asked.words)
    assert asked.asked == oracle_asked
    assert [(p.lang, p.confidence) for p in pieces] == [(p.lang, p.confidence) for p in expected]
    for p in pieces:
        own = p.own
        evidence = _core.latin_evidence(text[p.start : p.end], own, asked.words)
        assert evidence is oracle_latin_evidence(text[p.start : p.end], own, asked.words)
