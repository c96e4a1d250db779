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

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from mixscript import _core
from mixscript.lang import fasttext_lid as lang_fasttext
from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import words as lang_words
from mixscript.lang.formulas import find_formulas
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

# The context step's windows, margins and thresholds: rust/core/src/tagger.rs.

# fastText has a say on Arabic-script runs of this many words or more (the
# weights and groups of its say: rust/core/src/tagger.rs).
_FASTTEXT_MIN_WORDS = 3
# A run is cut between two sentences when each favours its own language over
# the other's by at least this ratio of probabilities.
_SPLIT_RATIO = 8.0
# Word frequencies count half: a unigram model treats words as independent
# and is overconfident.  Half weight is as accurate on two-word phrases cut
# from sentences, with less extreme confidences.  (Arabic-script runs weigh
# them in rust/core/src/tagger.rs, at the same weight.)
_WORDS_WEIGHT = 0.5
# The confidence a language keeps when lingua gives it none, so that word
# frequencies can still weigh it (lingua rules languages out on short text).
_LINGUA_FLOOR = 1e-6
# The end of a sentence: its punctuation, closing brackets and quotes, then
# space before more text.  The sentence ends where the match does.  (A
# look-behind for the punctuation made ``regex`` try every position.)
_PARAGRAPH_BREAK = regex.compile(r"\n[^\S\n]*\n|\r\n[^\S\r\n]*\r\n|\u2029")


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


@dataclass(slots=True)
class _Piece:
    """A piece of the text being tagged; mutable while context is applied."""

    start: int
    end: int
    script: str
    kind: str
    lang: str = "und"
    confidence: float = 0.0
    probs: dict[str, float] | None = None  # probability of each candidate language
    # The same without word frequencies: what the context is weighed against.
    own: dict[str, float] | None = None
    # A run of text's sentences when it holds two or more (the core's
    # tagged_runs), else None: where _tag_run may cut it.
    sentences: list[tuple[int, int]] | None = None


def _short(text: str) -> bool:
    """Whether ``text`` is short: at most three words (the core's ``SHORT_WORDS``).

    A short run may take its paragraph's language, and its words never
    decide it without lingua.  A word is a run of letters, marks and
    zero-width (non-)joiners, counted in the core, which counts no further
    than it must.
    """
    return _core.short_text(text)


# A text names a few scripts many times; each one's direction is worked out once.
_direction = lru_cache(maxsize=None)(direction_of_script)


def _pieces(text: str) -> list[_Piece | Span]:
    """Script runs, with every formula cut out as a piece of its own.

    Runs of text become pieces, to be tagged.  The rest (space, punctuation,
    numbers, the formulas) are final as they are found, so they are made
    the spans :func:`tag_spans` returns at once, at a fraction of a piece's
    cost.

    One core call gives the runs of the parts between formulas and, for
    each run of text, its sentences (where :func:`_tag_run` may cut it):
    no part is copied out of ``text`` and no run is scanned again here.
    ``text`` is checked once, as :func:`~mixscript.text.runs.script_runs`
    checks it.
    """
    validate(text)
    matches = find_formulas(text)
    runs: list[_Piece | Span] = [
        # A piece's fields in order: cheaper than by keyword.
        _Piece(s, e, script, kind, "und", 0.0, None, None, sentences)
        if kind == "text"
        else (s, e, script, "und", _direction(script), kind, 0.0)
        for s, e, script, kind, sentences in _core.tagged_runs(
            text, [(m.start, m.end) for m in matches]
        )
    ]
    if not matches:
        return runs
    pieces: list[_Piece | Span] = []
    k = 0
    for m in matches:
        while k < len(runs) and _start(runs[k]) < m.start:
            pieces.append(runs[k])
            k += 1
        pieces.append((m.start, m.end, m.script, m.lang, _direction(m.script), m.kind, 1.0))
    pieces.extend(runs[k:])
    return pieces


def _start(item: _Piece | Span) -> int:
    return item[0] if isinstance(item, tuple) else item.start


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
_Guesser = Callable[[str, Sequence[str]], _Guess]


def _arabic_guess(text: str, languages: Sequence[str]) -> _Guess:
    """Language of an Arabic-script text: letters, then fastText, lingua and word frequencies
    when unsure.

    Common words settle what the letters cannot: ``است`` is frequent in
    Persian and rare in Arabic, ``الذي`` the reverse.  On single words cut
    from sentences, word frequencies lift ar/fa/ur from 83% (letters and
    lingua) to 87%; on word pairs from 95% to 96%.

    Every Arabic-script guess comes here, so the letters and the weighing of
    the backends' answers run in the core (``arabic_guess`` in
    ``rust/core/src/tagger.rs``, which documents each weight); the backends
    stay here and are called back only when the letters leave languages
    close (:func:`_fasttext_say`, :func:`_family_say`).
    """
    found = _core.arabic_guess(
        text, lang_letters.arabic_candidates(tuple(languages)), _fasttext_say, _family_say
    )
    if found is None:
        return _UND
    return _Guess(*found)


def _fasttext_say(text: str, plain: str, members: tuple[str, ...]) -> dict[str, float]:
    """fastText's log-probabilities of ``members`` (a group that shares an alphabet: Urdu,
    Punjabi, Saraiki; Persian, South Azerbaijani) for ``plain``, ``text`` unshaped.

    Empty below :data:`_FASTTEXT_MIN_WORDS` words: on one or two Urdu words
    fastText says Punjabi often enough to cost Urdu 2 points on word pairs
    and 4 on single words of lingua's test data.
    """
    if _core.word_count(text, _FASTTEXT_MIN_WORDS) < _FASTTEXT_MIN_WORDS:
        return {}
    return lang_fasttext.log_probabilities(plain, members)


def _family_say(plain: str, family: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float]]:
    """lingua's confidences and the word frequencies' log-likelihoods among ``family``
    (some of Arabic, Persian and Urdu) for ``plain``, the text unshaped."""
    return lang_lingua.confidences(plain, family), lang_words.log_likelihoods(plain, family)


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


_SpanGuesser = Callable[[int, int], _Guess]
_SpanLead = Callable[[int, int], str | None]


def _no_lead(start: int, end: int) -> str | None:
    return None


def _span_guesser(
    text: str,
    piece: _Piece,
    sentences: list[tuple[int, int]],
    languages: Sequence[str],
    guess: _Guesser,
) -> tuple[_SpanGuesser, _SpanLead]:
    """``guess`` of ``text[s:e]`` for each of ``sentences`` of ``piece`` and for the piece itself,
    and the language the words alone give the same spans (:func:`_words_lead`; always None
    but for a Latin run with several candidates).

    For a Latin run (``guess`` is :func:`_lingua_guess`) the words are found
    and looked up once for the whole run rather than once per guess: a word
    never spans two sentences (they are cut after punctuation, and only
    whitespace lies between them), so the run's words are its sentences'
    words one after the other, and each guess sums a slice of them.
    """
    others = _latin_candidates(tuple(languages))
    if guess is not _lingua_guess or len(others) == 1:
        return (lambda s, e: guess(text[s:e], languages)), _no_lead
    found = lang_words.stretch_log_likelihoods(
        text, sentences, lang_lingua.lingua_languages(others)
    )
    sums = dict(zip(sentences, found, strict=False))
    sums[(piece.start, piece.end)] = found[-1]

    def span(s: int, e: int) -> _Guess:
        return _lingua_guess(text[s:e], languages, sums[(s, e)])

    def lead(s: int, e: int) -> str | None:
        return _words_lead(text[s:e], sums[(s, e)])

    return span, lead


def _words_lead(text: str, words: dict[str, float]) -> str | None:
    """The language :func:`_words_decide` gives ``text``, or None when it leaves it to lingua.

    Without the probabilities: enough to see that the sentences of a run
    all go one way, and so are not cut (:func:`_tag_run`).  The lead is
    unique (ahead of every rival by the core's ``DECISIVE`` Zipf units), so
    it is also the most probable language of :func:`_words_decide`'s softmax.
    """
    return _core.words_lead(text, words)


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


def _clear_cut(guesses: list[_Guess]) -> bool:
    """Whether sentences with these guesses should become segments of their own.

    Each sentence must favour its own language over its neighbours' by
    :data:`_SPLIT_RATIO`: an Arabic verse followed by its Persian translation
    is cut, a Persian paragraph with one sentence that looks Arabic by a hair
    is not.
    """
    if any(g.lang == "und" for g in guesses) or len({g.lang for g in guesses}) < 2:
        return False
    for i, g in enumerate(guesses):
        for j in (i - 1, i + 1):
            if 0 <= j < len(guesses) and guesses[j].lang != g.lang:
                if g.confidence < _SPLIT_RATIO * g.probs.get(guesses[j].lang, 0.0):
                    return False
    return True


def _one_lead(sentences: list[tuple[int, int]], lead: _SpanLead) -> bool:
    """Whether the words alone give every sentence the same language (:func:`_words_lead`).

    Stops at the first sentence that has no lead or another one.
    """
    first = None
    for s, e in sentences:
        found = lead(s, e)
        if found is None or (first is not None and found != first):
            return False
        first = found
    return True


def _tag_run(text: str, piece: _Piece, languages: Sequence[str], guess: _Guesser) -> list[_Piece]:
    """Tag a piece, cutting it between sentences of clearly different languages."""
    sentences = piece.sentences
    if sentences is None:
        g = guess(text[piece.start : piece.end], languages)
    else:
        span, lead = _span_guesser(text, piece, sentences, languages, guess)
        # Sentences whose words all give one language are not cut
        # (_clear_cut wants two): their guesses need not be made.
        one = _one_lead(sentences, lead)
        guesses = [] if one else [span(s, e) for s, e in sentences]
        if guesses and _clear_cut(guesses):
            out: list[_Piece] = []
            for (s, e), g in zip(sentences, guesses, strict=True):
                if out and out[-1].lang == g.lang:
                    prev = out[-1]
                    prev.end = e
                    prev.confidence = max(prev.confidence, g.confidence)
                    continue
                if out and out[-1].end < s:
                    out.append(_Piece(out[-1].end, s, "Zyyy", "space"))
                out.append(_Piece(s, e, piece.script, "text", g.lang, g.confidence, g.probs, g.own))
            return out
        g = span(piece.start, piece.end)
    piece.lang, piece.confidence = g.lang, g.confidence
    piece.probs, piece.own = g.probs or None, g.own or None
    return [piece]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` (cut after each :data:`_PARAGRAPH_BREAK`).

    A break holds two line feeds or a paragraph separator: a text without
    them (a line, the usual input) is one paragraph, known without a scan.
    """
    if text.count("\n") < 2 and "\u2029" not in text:
        return [(0, len(text))]
    bounds = [0]
    for m in _PARAGRAPH_BREAK.finditer(text):
        bounds.append(m.end())
    bounds.append(len(text))
    return list(itertools.pairwise(bounds))


def _apply_context(text: str, pieces: list[_Piece], languages: Sequence[str]) -> None:
    """Short runs with weak evidence take the language around them (see module doc).

    "Around" is the neighbouring runs of the same script in the same
    paragraph, at most four on each side (the core's ``WINDOW``), so the
    cost stays proportional to the text however long a paragraph is.

    Only a paragraph with two Arabic-script pieces or one Latin piece has
    anything to weigh: a text with neither (a lone Arabic-script run, as the
    ``letters`` step asks about) is not cut into paragraphs at all.
    """
    arabic: list[_Piece] = []
    latin: list[_Piece] = []
    for p in pieces:
        if p.kind == "text":
            if p.script == "Arab":
                arabic.append(p)
            elif p.script == "Latn":
                latin.append(p)
    if len(arabic) < 2 and not latin:
        return
    paragraphs = _paragraphs(text)
    if len(paragraphs) == 1:  # one paragraph (a line): every piece is a member
        _context_arabic(arabic, text, languages)
        _context_latin(latin, text, languages)
        return
    k = 0
    for p_start, p_end in paragraphs:
        members: list[_Piece] = []
        while k < len(pieces) and pieces[k].start < p_end:
            if pieces[k].kind == "text" and pieces[k].start >= p_start:
                members.append(pieces[k])
            k += 1
        _context_arabic([p for p in members if p.script == "Arab"], text, languages)
        _context_latin([p for p in members if p.script == "Latn"], text, languages)


def _context_arabic(members: list[_Piece], text: str, languages: Sequence[str]) -> None:
    """Arabic-script pieces that barely prefer their own language take the context's.

    The margin (log-probability ratio, priors taken out) between a piece's
    own language and the context's says how much the piece disagrees: a
    Pashto sentence cut in two by an English word pair leaves a half such as
    ``که باران`` that looks Persian by a hair, while an Arabic quotation in a
    Persian paragraph disagrees by whole letters and function words.

    The weighing is the core's (``arabic_context`` in
    ``rust/core/src/tagger.rs``, which documents each threshold); the
    context's language is guessed here, as a run's is, when the core asks.
    """
    if len(members) < 2:
        return
    _core.arabic_context(text, members, lambda t: _arabic_guess(t, languages))


def _latin_evidence(text: str, own: dict[str, float] | None) -> bool:
    """Whether a short Latin run shows a language of its own (lingua's confidences ``own``).

    A lone letter never does.  A name is about as frequent in every
    language's text (word frequencies) and lingua's n-grams spread over
    several languages.  The rule is the core's (``latin_evidence``), which
    the context step applies to every short piece; the word frequencies are
    looked up here when it asks.
    """
    return _core.latin_evidence(text, own, lang_words.log_likelihoods)


def _context_latin(members: list[_Piece], text: str, languages: Sequence[str]) -> None:
    """Short or unsure Latin pieces take the context's language unless lingua is sure.

    Only pieces with evidence of their own (:func:`_latin_evidence`) make the
    context: "Microsoft" and "Google" in an Urdu paragraph do not make each
    other German.  A short piece without evidence and without such a
    context is ``und``.

    The weighing is the core's (``latin_context`` in
    ``rust/core/src/tagger.rs``); the context's language and the word
    frequencies are asked for here, as for a run, when the core needs them.
    """
    if not members or len(_latin_candidates(tuple(languages))) == 1:
        return  # nothing to weigh, or the single candidate is already every run's answer
    _core.latin_context(
        text, members, lambda t: _lingua_guess(t, languages), lang_words.log_likelihoods
    )


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
    items: list[_Piece | Span] = []
    texts: list[_Piece] = []  # the pieces of text, which the context weighs
    for piece in _pieces(text):
        if isinstance(piece, tuple):
            items.append(piece)
            continue
        guess = _arabic_guess if piece.script == "Arab" else _lingua_guess
        for p in _tag_run(text, piece, cands, guess):
            items.append(p)
            if p.kind == "text":
                texts.append(p)
    _apply_context(text, texts, cands)
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be between 0 and 1, not {min_confidence!r}")
    out: list[Span] = []
    for q in items:
        if isinstance(q, tuple):
            out.append(q)
        elif q.kind == "text" and q.confidence < min_confidence:
            out.append((q.start, q.end, q.script, "und", _direction(q.script), q.kind, 0.0))
        else:
            out.append(
                (
                    q.start,
                    q.end,
                    q.script,
                    q.lang,
                    _direction(q.script),
                    q.kind,
                    round(q.confidence, 4),
                )
            )
    return out
