"""The tagger's orchestration, made in the compiled core, against its Python definition.

``tag_spans`` used to cut a text into pieces, guess each run (cutting it
between sentences of clearly different languages), weigh the context and make
the output spans in Python; the core does all of that in one call now.  The
oracle below is that Python, kept here.  Every backend (fastText, lingua, the
word frequencies, the Latin guess) is replaced by a stub that answers from a
checksum of what it is asked and records each call: the core must ask the same
questions, in the same order, and give the same spans.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mixscript import _core
from mixscript.lang import fasttext_lid as lang_fasttext
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger
from mixscript.lang import words as lang_words
from mixscript.lang.formulas import find_formulas
from mixscript.unicode.scripts import direction_of_script
from tests.test_tagger_core import Piece, arabic_guess

# -- the oracle: the Python the core replaced ---------------------------------------------------

_SPLIT_RATIO = 8.0
_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n|\r\n[^\S\r\n]*\r\n|\u2029")

Span = tuple[int, int, str, str, str, str, float]
Guesser = Callable[[str, Sequence[str]], tagger._Guess]


def _latin_guess(text: str, languages: Sequence[str], words: Any = None) -> tagger._Guess:
    if words is None:
        return tagger._lingua_guess(text, languages)
    return tagger._lingua_guess(text, languages, words)


def oracle_pieces(text: str) -> list[Piece | Span]:
    matches = find_formulas(text)
    runs: list[Piece | Span] = [
        Piece(s, e, script, kind, sentences=sentences)
        if kind == "text"
        else (s, e, script, "und", direction_of_script(script), kind, 0.0)
        for s, e, script, kind, sentences in _core.tagged_runs(
            text, [(m.start, m.end) for m in matches]
        )
    ]
    pieces: list[Piece | Span] = []
    k = 0
    for m in matches:
        while k < len(runs) and _start(runs[k]) < m.start:
            pieces.append(runs[k])
            k += 1
        pieces.append(
            (m.start, m.end, m.script, m.lang, direction_of_script(m.script), m.kind, 1.0)
        )
    pieces.extend(runs[k:])
    return pieces


def _start(item: Piece | Span) -> int:
    return item[0] if isinstance(item, tuple) else item.start


def oracle_span_guesser(
    text: str,
    piece: Piece,
    sentences: list[tuple[int, int]],
    languages: Sequence[str],
    arabic: bool,
) -> tuple[Callable[[int, int], tagger._Guess], Callable[[int, int], str | None]]:
    others = tagger._latin_candidates(tuple(languages))
    if arabic:
        return (lambda s, e: arabic_guess(text[s:e], languages)), (lambda s, e: None)
    if len(others) == 1:
        return (lambda s, e: _latin_guess(text[s:e], languages)), (lambda s, e: None)
    found = lang_words.stretch_log_likelihoods(
        text, sentences, lang_lingua.lingua_languages(others)
    )
    sums = dict(zip(sentences, found, strict=False))
    sums[(piece.start, piece.end)] = found[-1]
    return (
        (lambda s, e: _latin_guess(text[s:e], languages, sums[(s, e)])),
        (lambda s, e: _core.words_lead(text[s:e], sums[(s, e)])),
    )


def oracle_clear_cut(guesses: list[tagger._Guess]) -> bool:
    if any(g.lang == "und" for g in guesses) or len({g.lang for g in guesses}) < 2:
        return False
    for i, g in enumerate(guesses):
        for j in (i - 1, i + 1):
            if 0 <= j < len(guesses) and guesses[j].lang != g.lang:
                if g.confidence < _SPLIT_RATIO * g.probs.get(guesses[j].lang, 0.0):
                    return False
    return True


def oracle_one_lead(
    sentences: list[tuple[int, int]], lead: Callable[[int, int], str | None]
) -> bool:
    first = None
    for s, e in sentences:
        found = lead(s, e)
        if found is None or (first is not None and found != first):
            return False
        first = found
    return True


def oracle_tag_run(text: str, piece: Piece, languages: Sequence[str]) -> list[Piece]:
    arabic = piece.script == "Arab"
    sentences = piece.sentences
    if sentences is None:
        guess = arabic_guess if arabic else _latin_guess
        g = guess(text[piece.start : piece.end], languages)
    else:
        span, lead = oracle_span_guesser(text, piece, sentences, languages, arabic)
        one = oracle_one_lead(sentences, lead)
        guesses = [] if one else [span(s, e) for s, e in sentences]
        if guesses and oracle_clear_cut(guesses):
            out: list[Piece] = []
            for (s, e), g in zip(sentences, guesses, strict=True):
                if out and out[-1].lang == g.lang:
                    out[-1].end = e
                    out[-1].confidence = max(out[-1].confidence, g.confidence)
                    continue
                if out and out[-1].end < s:
                    out.append(Piece(out[-1].end, s, "Zyyy", "space"))
                out.append(Piece(s, e, piece.script, "text", g.lang, g.confidence, g.probs, g.own))
            return out
        g = span(piece.start, piece.end)
    piece.lang, piece.confidence = g.lang, g.confidence
    piece.probs, piece.own = g.probs or None, g.own or None
    return [piece]


def oracle_paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(text)), len(text)]
    return list(itertools.pairwise(bounds))


def oracle_context(text: str, pieces: list[Piece], languages: Sequence[str]) -> None:
    arabic = [p for p in pieces if p.kind == "text" and p.script == "Arab"]
    latin = [p for p in pieces if p.kind == "text" and p.script == "Latn"]
    if len(arabic) < 2 and not latin:
        return
    several = len(tagger._latin_candidates(tuple(languages))) != 1
    k = 0
    for p_start, p_end in oracle_paragraphs(text):
        members: list[Piece] = []
        while k < len(pieces) and pieces[k].start < p_end:
            if pieces[k].kind == "text" and pieces[k].start >= p_start:
                members.append(pieces[k])
            k += 1
        here = [p for p in members if p.script == "Arab"]
        if len(here) >= 2:
            _core.arabic_context(text, here, lambda t: arabic_guess(t, languages))
        here = [p for p in members if p.script == "Latn"]
        if here and several:
            _core.latin_context(
                text, here, lambda t: _latin_guess(t, languages), lang_words.log_likelihoods
            )


def oracle_tag_spans(text: str, languages: Sequence[str], min_confidence: float) -> list[Span]:
    cands = tagger._normalise_candidates(languages)
    items: list[Piece | Span] = []
    texts: list[Piece] = []
    for piece in oracle_pieces(text):
        if isinstance(piece, tuple):
            items.append(piece)
            continue
        for p in oracle_tag_run(text, piece, cands):
            items.append(p)
            if p.kind == "text":
                texts.append(p)
    oracle_context(text, texts, cands)
    out: list[Span] = []
    for q in items:
        if isinstance(q, tuple):
            out.append(q)
        elif q.kind == "text" and q.confidence < min_confidence:
            out.append(
                (q.start, q.end, q.script, "und", direction_of_script(q.script), q.kind, 0.0)
            )
        else:
            direction = direction_of_script(q.script)
            out.append(
                (q.start, q.end, q.script, q.lang, direction, q.kind, round(q.confidence, 4))
            )
    return out


# -- the stubs ----------------------------------------------------------------------------------

_LATIN = ("en", "fr", "de")


def _crc(*parts: object) -> int:
    return zlib.crc32(repr(parts).encode("utf-8"))


class Stubs:
    """Backends that answer from a checksum of their question and record it."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.calls: list[tuple[object, ...]] = []

    def _value(self, *parts: object) -> float:
        return (_crc(self.seed, *parts) % 10_000) / 10_000

    def fasttext(self, plain: str, members: tuple[str, ...]) -> dict[str, float]:
        self.calls.append(("fasttext", plain, members))
        if _crc(self.seed, plain) % 4 == 0:
            return {}
        return {c: math.log(max(self._value(plain, c), 1e-4)) for c in members}

    def lingua(self, plain: str, family: Sequence[str]) -> dict[str, float]:
        self.calls.append(("lingua", plain, tuple(family)))
        if _crc(self.seed, "l", plain) % 4 == 0:
            return {}
        raw = {c: self._value("l", plain, c) for c in family}
        total = sum(raw.values()) or 1.0
        return {c: v / total for c, v in raw.items()}

    def words(self, text: str, codes: Sequence[str]) -> dict[str, float]:
        self.calls.append(("words", text, tuple(codes)))
        if _crc(self.seed, "w", text) % 5 == 0:
            return {}
        return {c: -80.0 * self._value("w", text, c) for c in codes}

    def stretch(
        self, text: str, stretches: Sequence[tuple[int, int]], codes: Sequence[str]
    ) -> list[dict[str, float]]:
        self.calls.append(("stretch", text, tuple(stretches), tuple(codes)))
        # Large sums a long way apart, so that the words alone decide some
        # runs: French with "la", German with "das", else English.
        out = []
        for s, e in [*stretches, (stretches[0][0], stretches[-1][1])]:
            words = text[s:e].split()
            lead = "fr" if "la" in words else "de" if "das" in words else "en"
            spread = 40.0 * (_crc(self.seed, "s", text[s:e]) % 3)
            out.append({c: (0.0 if c == lead else -spread) for c in _LATIN})
        return out

    def latin_guess(
        self, text: str, languages: Sequence[str], words: dict[str, float] | None = None
    ) -> tagger._Guess:
        self.calls.append(("guess", text, tuple(languages), words))
        pick = _crc(self.seed, "g", text)
        if pick % 7 == 0:
            return tagger._UND
        probs = {c: self._value("g", text, c) for c in _LATIN[: 1 + pick % 3]}
        total = sum(probs.values()) or 1.0
        probs = {c: p / total for c, p in probs.items()}
        best = max(probs, key=probs.__getitem__)
        return tagger._Guess(best, probs[best], probs, probs if pick % 2 else {})


# -- the test -----------------------------------------------------------------------------------

_ARABIC_WORDS = ["کتاب", "این", "را", "الذي", "في", "ہے", "اور", "نوں", "ب", "قال", "می‌خواهم"]
_LATIN_WORDS = ["the", "annex", "Microsoft", "und", "das", "la", "maison", "a", "Vienna"]
_GLUE = [
    " ",
    " ",
    ". ",
    "! ",
    "؟ ",
    "۔ ",
    ", ",
    "\n",
    "\n\n",
    " \n \n",
    "\r\n\r\n",
    "\u2029",
    " 12 ",
]
_FORMULAS = ["\ufdfd", "بسم الله الرحمن الرحيم", "Bismillah ir-Rahman ir-Rahim"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        kind = draw(st.integers(0, 9))
        if kind < 5:
            parts.append(draw(st.sampled_from(_ARABIC_WORDS)))
        elif kind < 8:
            parts.append(draw(st.sampled_from(_LATIN_WORDS)))
        elif kind < 9:
            parts.append(draw(st.sampled_from(_FORMULAS)))
        else:
            parts.append("Привет")
        parts.append(draw(st.sampled_from(_GLUE)))
    return "".join(parts)


candidates = st.sampled_from(
    [
        None,
        ("fa", "en"),
        ("fa", "ar", "ur", "en", "fr", "de"),
        ("ar", "fa", "ur", "pnb", "azb"),
        ("en", "fr"),
        ("fa",),
    ]
)


def _run(
    tag: Callable[[str, Sequence[str] | None, float], list[Span]],
    stubs: Stubs,
    text: str,
    languages: Sequence[str] | None,
    min_confidence: float,
) -> tuple[list[Span], list[tuple[object, ...]]]:
    stubs.calls = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(lang_fasttext, "log_probabilities", stubs.fasttext)
        mp.setattr(lang_lingua, "confidences", stubs.lingua)
        mp.setattr(lang_words, "log_likelihoods", stubs.words)
        mp.setattr(lang_words, "stretch_log_likelihoods", stubs.stretch)
        mp.setattr(tagger, "_lingua_guess", stubs.latin_guess)
        return tag(text, languages, min_confidence), stubs.calls


def _core_tag(text: str, languages: Sequence[str] | None, min_confidence: float) -> list[Span]:
    return tagger.tag_spans(text, languages=languages, min_confidence=min_confidence)


@settings(max_examples=600, deadline=None)
@given(
    text=texts(),
    languages=candidates,
    seed=st.integers(0, 2**16),
    min_confidence=st.sampled_from([0.0, 0.4, 0.9]),
)
@example(
    text="the annex a Vienna. la maison la maison. das und das und. the annex the a",
    languages=None,
    seed=0,
    min_confidence=0.4,
)
@example(
    text="قال الله. این کتاب را می‌خواهم. the house is big. la maison",
    languages=None,
    seed=0,
    min_confidence=0.4,
)
def test_the_core_tags_as_the_python_did(
    text: str, languages: tuple[str, ...] | None, seed: int, min_confidence: float
) -> None:
    stubs = Stubs(seed)
    expected, expected_calls = _run(oracle_tag_spans, stubs, text, languages, min_confidence)
    found, calls = _run(_core_tag, stubs, text, languages, min_confidence)
    assert found == expected
    assert calls == expected_calls


@pytest.mark.parametrize(
    "text",
    [
        "a\n\nb",
        "a\n \t\nb",
        "a\r\n\r\nb",
        "a\n\r\nb",
        "a\r\n \r\nb",
        "a\u2029b",
        "a\n\n\nb",
        "a\nb",
    ],
)
def test_paragraphs_are_cut_where_the_regex_cut_them(text: str) -> None:
    """Latin context is weighed per paragraph: two short unsure runs split by a break
    or not give different answers, so a wrong cut shows in the spans."""
    stubs = Stubs(1)
    for seed in range(20):
        stubs.seed = seed
        expected, expected_calls = _run(oracle_tag_spans, stubs, text, ("en", "fr"), 0.4)
        found, calls = _run(_core_tag, stubs, text, ("en", "fr"), 0.4)
        assert (found, calls) == (expected, expected_calls)


@pytest.mark.parametrize("bad", ["\ud800", "abc\udfffdef", "\u0633\u0644\u0627\u0645\udc80 ok"])
def test_tag_spans_rejects_a_lone_surrogate_with_its_position(bad: str) -> None:
    """The core refuses the text before any backend runs; the error says where."""
    from mixscript.lang.tagger import tag_spans
    from mixscript.model import InputError

    with pytest.raises(InputError) as info:
        tag_spans(bad, languages=("fa", "en"))
    assert info.value.position == next(i for i, ch in enumerate(bad) if 0xD800 <= ord(ch) <= 0xDFFF)


def test_tag_spans_names_a_non_str_input() -> None:
    from mixscript.lang.tagger import tag_spans

    with pytest.raises(TypeError, match="text must be str, not bytes"):
        tag_spans(b"abc")  # type: ignore[arg-type]
