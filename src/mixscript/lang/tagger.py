"""Language tagging of script runs: which language each run of text is written in.

The text is first cut into script runs (:func:`mixscript.text.runs.script_runs`)
because script is the one signal that is never wrong: a Latin word inside a
Persian sentence is not Persian, whatever a statistical model says about the
whole line.  Then:

1. Fixed formulas (:mod:`mixscript.lang.formulas`) become segments of their own,
   kind ``basmala`` or ``formula``, language ``ar``: the basmala that opens a
   Persian letter is Arabic, and its letters must not vote on the language of
   the Persian around it.
2. Arabic-script runs are told apart by their letters
   (:mod:`mixscript.lang.letters`, always available).  When the letters leave
   Arabic, Persian and Urdu close, lingua's opinion is added to theirs.  A run
   that holds sentences in two languages (an Arabic quotation followed by its
   Persian translation on one line) is cut at the sentence boundary when both
   sides are clear.
3. Latin-script runs (and runs of any other script) go to lingua
   (:mod:`mixscript.lang.lingua`) when it is installed; otherwise they are
   ``und`` with confidence 0.  Word frequencies (:mod:`mixscript.lang.words`)
   refine lingua's answer, which is thin on two or three words; they also
   weigh in on Arabic, Persian and Urdu when the letters leave them close.
   Runs are cut between sentences the same way.
4. Context: within a paragraph (text between blank lines), a short run whose
   own evidence is weak takes the language of the neighbouring runs of its
   script.  Two English words in a French paragraph are French unless lingua
   is sure they are not; one ambiguous Arabic-script word in an Urdu
   paragraph is Urdu.

5. Tags that mean something.  A Latin run of one to three words that shows
   no language of its own (a name such as "Microsoft", which every language
   writes, or a lone letter) takes the Latin language of its paragraph when
   the paragraph has one, and is ``und`` otherwise: a name is not German
   because lingua leans that way.  A run whose confidence stays below
   ``min_confidence`` is ``und``.  With a single Latin candidate (``["fa",
   "en"]``) that candidate is the answer for every Latin run, unless the run
   is clearly another language.

Neutral runs (spaces, punctuation, numbers) keep ``und``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import regex

from mixscript import _core
from mixscript.lang import fasttext_lid as lang_fasttext
from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import words as lang_words
from mixscript.lang.formulas import find_formulas, formula_screen
from mixscript.lang.letters import ARABIC_SCRIPT_LANGUAGES
from mixscript.lang.lingua import DEFAULT_LANGUAGES, LINGUA_NOTE
from mixscript.model import Segment
from mixscript.text.valid import validate
from mixscript.unicode.scripts import direction_of_script

__all__ = [
    "DEFAULT_LANGUAGES",
    "DEFAULT_MIN_CONFIDENCE",
    "LINGUA_NOTE",
    "SUPPORTED",
    "Span",
    "backend_note",
    "check_languages",
    "tag",
    "tag_spans",
]

DEFAULT_MIN_CONFIDENCE = 0.4
"""Below this confidence a run is ``und``: see docs/languages.md for how it was chosen."""

SUPPORTED: frozenset[str] = frozenset(ARABIC_SCRIPT_LANGUAGES) | lang_lingua.KNOWN
"""Primary language subtags ``languages=`` accepts: the letters backend's and lingua's."""

# Languages written in both scripts: Malay is Jawi to the letters backend and
# Latin-script Malay to lingua.
_BOTH_SCRIPTS = frozenset(("ms",))
# The confidence of a single Latin candidate on a short run with no evidence
# either way: the caller's word, as sure as a language lent by the context.
_ASSUMED = 0.75

# The orchestration of a text's tagging (its runs, their sentences, the
# Arabic-script guess, the cut between sentences, the context step and its
# thresholds): rust/core/src/tagger.rs (``tag``).
# Word frequencies count half: a unigram model treats words as independent
# and is overconfident.  Half weight is as accurate on two-word phrases cut
# from sentences, with less extreme confidences.  (Arabic-script runs weigh
# them in rust/core/src/tagger.rs, at the same weight.)
_WORDS_WEIGHT = 0.5
# The confidence a language keeps when lingua gives it none, so that word
# frequencies can still weigh it (lingua rules languages out on short text).
_LINGUA_FLOOR = 1e-6


def backend_note(languages: Sequence[str] | None = None) -> str | None:
    """The one line to show when Latin runs cannot be identified, or None when they can.

    None as well when ``languages`` holds only Arabic-script languages, which
    the letters backend names without lingua.

    >>> backend_note(["fa", "ur"]) is None
    True
    """
    if lang_lingua.available():
        return None
    if languages is not None and all(c in ARABIC_SCRIPT_LANGUAGES for c in languages):
        return None
    return LINGUA_NOTE


def _short(text: str) -> bool:
    """Whether ``text`` is short: at most three words (the core's ``SHORT_WORDS``).

    A short run may take its paragraph's language, and its words never
    decide it without lingua.  A word is a run of letters, marks and
    zero-width (non-)joiners, counted in the core, which counts no further
    than it must.
    """
    return _core.short_text(text)


class _Guess(NamedTuple):
    """A language guess: best language, its probability, and every candidate's probability.

    ``own`` is the probability of each candidate without word frequencies,
    which say how common the words are in each language and so act as a
    prior: when a short run sits among runs of one language, the context is
    better evidence than that prior (``بعد`` is more frequent in Arabic, but
    in a Persian sentence it is Persian).  Context decisions use ``own``.

    A named tuple: one is made per guess, at a third of a frozen
    dataclass's cost, and none is ever changed.
    """

    lang: str
    confidence: float
    probs: dict[str, float]
    own: dict[str, float]


_UND = _Guess("und", 0.0, {}, {})


def _lingua_guess(
    text: str, languages: Sequence[str], words: dict[str, float] | None = None
) -> _Guess:
    """Latin (or any other non-Arabic) script: lingua with word frequencies, or ``und``.

    lingua's log-confidence and the words' log-likelihood under each
    language's word frequencies (:mod:`mixscript.lang.words`) are added, as
    a unigram model with lingua as its prior.  On two-word Latin phrases cut
    from sentences this is right 96-97% of the time where lingua alone is
    right 90%; on whole sentences both are above 99%.  When the words alone
    settle the answer (:func:`_words_decide`), lingua is not asked.
    ``words`` is :func:`mixscript.lang.words.log_likelihoods` of ``text``
    when the caller has it already.
    """
    others = _latin_candidates(tuple(languages))
    if len(others) == 1:
        return _single_latin(text, others[0])
    codes = lang_lingua.lingua_languages(others)
    if not codes:
        return _UND
    if words is None:
        words = lang_words.log_likelihoods(text, codes)
    decided = _words_decide(text, words)
    if decided is not None:
        return decided
    values = lang_lingua.confidences(text, codes)
    if not values:
        return _UND
    return _latin_probs(values, words)


def _words_decide(text: str, words: dict[str, float]) -> _Guess | None:
    """The guess of a Latin run whose words alone settle its language, or None.

    lingua's say in :func:`_latin_probs` is its log-confidence, floored at
    :data:`_LINGUA_FLOOR`, so it can move a language by at most
    ``-ln(_LINGUA_FLOOR)`` (13.8 nats) against another; the words move it by
    ``_WORDS_WEIGHT`` times their log-likelihood.  When the words favour one
    language over every other by the core's ``DECISIVE`` Zipf units (12.5:
    14.4 nats at half weight), no answer of lingua's could change the
    result, nor bring a rival within a factor 1.78 of it: lingua is not
    asked, and the probabilities are the words' alone.  A short run
    (:func:`_short`) always goes to lingua, whose n-grams are what a short
    run has (and whose confidences the context step weighs).  Most
    sentences have the lead: on the benchmark corpus four in five lingua
    calls go.  The rule and its softmax are the core's (``words_decide`` in
    ``rust/core/src/tagger.rs``): every Latin guess asks it.
    """
    found = _core.words_decide(text, words)
    if found is None:
        return None
    best, confidence, probs = found
    return _Guess(best, confidence, probs, probs)


@lru_cache(maxsize=64)
def _latin_candidates(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The candidates a Latin-script run can be in."""
    return tuple(c for c in languages if c not in ARABIC_SCRIPT_LANGUAGES or c in _BOTH_SCRIPTS)


def _single_latin(text: str, code: str) -> _Guess:
    """One Latin candidate: it is the answer unless the run is clearly another language.

    A short run without evidence of its own (a name, "Vienna") is the
    candidate with confidence 0.75.  Otherwise the run is weighed against
    the candidate and the default Latin languages; the confidence is one
    minus how far the strongest rival is ahead of the candidate, so an
    English phrase keeps the candidate with a high confidence, and a French
    sentence when only English was named drops near 0 (``und`` below
    ``min_confidence``).
    Without lingua nothing can contradict the caller: the candidate, with
    confidence 1.
    """
    if not _core.has_latin(text):
        return _UND  # another script (Devanagari, Cyrillic): not the Latin candidate's
    if not lang_lingua.available():
        return _Guess(code, 1.0, {code: 1.0}, {code: 1.0})
    wide = tuple(dict.fromkeys((code, *_latin_candidates(DEFAULT_LANGUAGES))))
    values = lang_lingua.confidences(text, wide)
    if code not in values:
        return _UND
    if _short(text) and not _latin_evidence(text, values):
        # Nothing in the run says it is another language ("Vienna" is as
        # much English as Italian): the caller's candidate stands.
        return _Guess(code, _ASSUMED, {code: _ASSUMED}, {code: _ASSUMED})
    probs = _latin_probs(values, lang_words.log_likelihoods(text, tuple(values))).probs
    rival = max((p for c, p in probs.items() if c != code), default=0.0)
    confidence = min(1.0, max(0.0, 1.0 - rival + probs[code]))
    return _Guess(code, confidence, {code: confidence}, {code: confidence})


def _latin_probs(values: dict[str, float], words: dict[str, float]) -> _Guess:
    """lingua's confidences ``values`` combined with the words' log-likelihoods ``words``
    (:func:`mixscript.lang.words.log_likelihoods` over the same languages; see
    :func:`_lingua_guess`)."""
    probs = values
    if words:
        probs = lang_letters.softmax(
            {
                c: math.log(max(p, _LINGUA_FLOOR)) + _WORDS_WEIGHT * words[c]
                for c, p in values.items()
            }
        )
    best = max(probs, key=probs.__getitem__)
    return _Guess(best, probs[best], probs, values)


def _latin_evidence(text: str, own: dict[str, float] | None) -> bool:
    """Whether a short Latin run shows a language of its own (lingua's confidences ``own``).

    A lone letter never does.  A name is about as frequent in every
    language's text (word frequencies) and lingua's n-grams spread over
    several languages.  The rule is the core's (``latin_evidence``), which
    the context step applies to every short piece; the word frequencies are
    looked up here when it asks.
    """
    return _core.latin_evidence(text, own, lang_words.log_likelihoods)


def check_languages(languages: Sequence[str] | None) -> tuple[str, ...] | None:
    """``languages`` as primary subtags, lower-cased, in order, without repeats; None stays None.

    Only the primary subtag counts (``fa-IR`` and ``FA`` are ``fa``).  A
    string is refused with :class:`TypeError` (``"en,fr"`` would otherwise be
    read letter by letter), and a code no backend identifies with
    :class:`ValueError` naming it and the supported ones.

    >>> check_languages(["fa-IR", "EN", "en_GB", "ar"])
    ('fa', 'en', 'ar')
    >>> check_languages(["xx"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unsupported language code 'xx'; supported: af, ar, az, azb, ...
    """
    if languages is None:
        return None
    if isinstance(languages, str):
        raise TypeError(
            f"languages must be a sequence of codes such as ['fa', 'en'], not the string {languages!r}"
        )
    for code in languages:
        if not isinstance(code, str):
            raise TypeError(f"languages must hold str codes, not {type(code).__name__}")
    codes = _primary_subtags(tuple(languages))
    for code in codes:
        if code not in SUPPORTED:
            raise ValueError(f"unsupported language code {code!r}; supported: {_supported_list()}")
    if not codes:
        raise ValueError("languages is empty; pass None for the default candidates")
    return codes


def _supported_list() -> str:
    return ", ".join(sorted(SUPPORTED))


def _normalise_candidates(languages: Sequence[str] | None) -> tuple[str, ...]:
    """The candidates to use: ``languages`` checked, or the default set.

    A tuple (what a caller tagging many texts passes again and again) is
    checked once; a failed check raises again on every call.
    """
    if type(languages) is tuple:
        try:
            return _checked_candidates(languages)
        except TypeError:
            pass  # a code that is no str: check_languages says which
    checked = check_languages(languages)
    return checked if checked else _default_candidates()


@lru_cache(maxsize=64)
def _checked_candidates(languages: tuple[str, ...]) -> tuple[str, ...]:
    return check_languages(languages) or _default_candidates()


@lru_cache(maxsize=1)
def _default_candidates() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*ARABIC_SCRIPT_LANGUAGES, *DEFAULT_LANGUAGES)))


@lru_cache(maxsize=256)
def _primary_subtags(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Cached body of :func:`check_languages`: it runs once per call."""
    out = []
    for c in languages:
        if not isinstance(c, str):
            raise TypeError(f"language codes must be strings, not {type(c).__name__}")
        out.append(regex.split(r"[-_]", c.strip(), maxsplit=1)[0].lower())
    return tuple(dict.fromkeys(c for c in out if c))


def tag(
    text: str,
    *,
    languages: Sequence[str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Segment]:
    """Cut ``text`` into segments of one script and one language, covering it exactly.

    ``languages`` restricts the candidates (BCP 47 tags; only the primary
    subtag counts, so ``fa-IR`` is ``fa``); by default
    all seven Arabic-script languages and :data:`DEFAULT_LANGUAGES` for lingua.
    A list without any Arabic-script language leaves all seven to Arabic-script
    runs (they are never forced into a Latin language); a list without any
    other language leaves Latin runs ``und``.  Codes are checked
    (:func:`check_languages`).  A text run whose confidence is below
    ``min_confidence`` is tagged ``und`` with confidence 0.

    >>> [(s.text, s.tag, s.kind) for s in tag("\\ufdfd این کتاب را می\\u200cخواهم")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('\\ufdfd', 'ar-Arab', 'basmala'), (' ', 'und-Zyyy', 'space'),
     ('این کتاب را می\\u200cخواهم', 'fa-Arab', 'text')]
    """
    return [
        Segment(start, end, text[start:end], script, lang, direction, kind, confidence)
        for start, end, script, lang, direction, kind, confidence in tag_spans(
            text, languages=languages, min_confidence=min_confidence
        )
    ]


#: One segment of :func:`tag_spans`: start, end, script, lang, direction, kind, confidence.
Span = tuple[int, int, str, str, str, str, float]


def tag_spans(
    text: str,
    *,
    languages: Sequence[str] | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> list[Span]:
    """:func:`tag`'s segments as plain tuples, for a caller that builds its own.

    ``segment()`` anchors each one on the input and makes its
    :class:`~mixscript.model.Segment` there: building one here as well would
    cost about a microsecond a segment for nothing.
    """
    cands = _normalise_candidates(languages)
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence!r}")
    return _spans(text, cands, _plan(cands), min_confidence)


def convention_spans(text: str, languages: Sequence[str] | None = None) -> list[Span]:
    """:func:`tag_spans` asked which spelling convention each Arabic-script run follows.

    This is the ``letters`` step's question.  Persian, Urdu, Punjabi, Saraiki
    and South Azerbaijani all write ی and ک, so a run that is surely one of
    them follows that convention even when the letters cannot say which:
    their joint confidence goes to the likeliest of them, and the run is
    tagged with it.  The optional backends are asked only about what the
    letters leave unsure of the convention (fastText, which only tells
    languages of one convention apart, never is): see ``convention_guess``
    in ``rust/core/src/tagger.rs``.  Latin runs are tagged as
    :func:`tag_spans` tags them.
    """
    cands = _normalise_candidates(languages)
    return _spans(text, cands, _plan(cands, convention=True), DEFAULT_MIN_CONFIDENCE)


def _spans(
    text: str,
    cands: tuple[str, ...],
    plan: tuple[_core.ArabicCandidates, bool],
    min_confidence: float,
) -> list[Span]:
    """The core's segments of ``text`` among ``cands`` as ``plan`` reads them (see :func:`_plan`)."""
    # Everything between the backends runs in the core, in one call; each
    # backend is looked up here, on every call, so that a replaced one counts.
    backends = (
        lang_fasttext.log_probabilities,
        lang_lingua.confidences,
        lang_words.log_likelihoods,
        _lingua_guess,
        _stretch,
        _direction,
    )
    # The core asks the formula search's screen first, and finds the Arabic
    # forms itself: most texts need no Latin search, and for them no Python
    # frame of the search runs.  For the others the search finds the
    # formulas and the core is asked again with them.
    try:
        found = _core.tag_spans(text, formula_screen(), cands, plan, backends, min_confidence)
    except (TypeError, ValueError):
        # The core refuses a non-str or a lone surrogate before any backend
        # runs; the library's own error says where.  (Asked only then: the
        # letters step tags runs the core cut from text it already read.)
        validate(text)
        raise
    if found is None:
        formulas = [(m.start, m.end, m.script, m.lang, m.kind) for m in find_formulas(text)]
        found = _core.tag_spans(text, formulas, cands, plan, backends, min_confidence)
        assert found is not None  # a list of formulas is always taken
    return found


@lru_cache(maxsize=64)
def _plan(
    languages: tuple[str, ...], convention: bool = False
) -> tuple[_core.ArabicCandidates, bool]:
    """The Arabic-script candidates among ``languages``, and whether Latin runs have other
    than one candidate (with one, it is every Latin run's answer).

    The candidates are handed to the core as it reads them, made once per
    list: a caller passes the same list for every text it tags.  With
    ``convention`` their guesses answer :func:`convention_spans`'s question.
    """
    arabic = _core.ArabicCandidates(lang_letters.arabic_candidates(languages), convention)
    return arabic, len(_latin_candidates(languages)) != 1


def _stretch(
    text: str, sentences: list[tuple[int, int]], languages: tuple[str, ...]
) -> list[dict[str, float]]:
    """The words' log-likelihoods of each of a Latin run's ``sentences`` and of the whole run,
    among the Latin candidates lingua knows (:func:`_lingua_guess` is handed them back).

    The words are found and looked up once for the whole run rather than
    once per guess: a word never spans two sentences (they are cut after
    punctuation, and only whitespace lies between them), so the run's words
    are its sentences' words one after the other, and each guess sums a
    slice of them.
    """
    codes = lang_lingua.lingua_languages(_latin_candidates(languages))
    return lang_words.stretch_log_likelihoods(text, sentences, codes)


# A text names a few scripts many times; each one's direction is worked out once.
_direction = lru_cache(maxsize=None)(direction_of_script)
