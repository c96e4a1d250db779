"""Telling Arabic-script languages apart by their letters and function words, without a model.

Arabic, Persian, Urdu, Pashto, Central Kurdish, Sindhi and Uyghur share one
script but not one alphabet, and so do Punjabi in Shahmukhi, Saraiki, Malay
in Jawi, South Azerbaijani and Kashmiri.  Each adds letters the others lack
(Urdu ے ں ٹ, Pashto ښ ځ څ, Sindhi ٻ ڄ ڪ, Kurdish ڕ ڵ ێ, Uyghur ۇ ۈ ۋ,
Saraiki ݙ ڄ ڳ ٻ, Jawi ڠ ڽ ڤ ݢ ڬ, Kashmiri ٲ ۄ ؠ) and drops letters the
others use (Uyghur and Sorani write no ث ذ ص ض ط ظ; Arabic has no پ چ ژ
گ; Jawi writes ڤ and ڬ where Persian writes پ and گ).  So every letter is scored against every language's alphabet: 0 when the
language uses it, a small penalty when it appears there only through keyboard
habits or loanwords, a large one when the language does not write it at all.

Two things the alphabets cannot see are handled separately:

* Yeh and kaf.  Persian is often typed on an Arabic keyboard (ي ك instead of
  ی ک), and Arabic sometimes with Persian yeh.  The choice of yeh/kaf is a
  property of the keyboard, not of each word, so it is scored once per text
  and never outweighs the words: Persian function words (است، را، می‌...)
  make a text Persian whatever yeh it uses.
* Short, frequent words.  Function words are matched after unifying yeh and
  kaf, and each one is evidence for the languages that use it.

Scores are log-odds-like sums; :func:`guess` turns them into a best language
and a confidence (the share of the best language after a softmax), so a text
with thin evidence gets its most likely language with a low confidence, and a
text with no letters at all gets ``und``.

The scans over every letter and word (the alphabets, the keyboard's yeh and
kaf, the function words and word shapes, the tables behind them) and the
guess made of them run in the compiled core, ``rust/core/src/letters.rs``,
which documents each weight: every Arabic-script run the tagger sees passes
through :func:`guess`, so it is one call into the core.  Presentation forms
(raw PDF text) are scored as the letters they show: every function here
reads its text unshaped (:func:`mixscript.unicode.shaping.unshape`), the
core unshaping it before each scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from mixscript import _core

__all__ = [
    "ARABIC_SCRIPT_LANGUAGES",
    "PRIOR",
    "LetterGuess",
    "arabic_candidates",
    "foreign_letters",
    "guess",
    "priors",
    "scores",
]

ARABIC_SCRIPT_LANGUAGES: tuple[str, ...] = tuple(_core.LETTER_LANGUAGES)
"""Every language this module can name: ``ar fa ur ps ckb sd ug pnb skr ms azb ks``.
Malay (``ms``) here means Malay in Jawi: Latin-script Malay is lingua's,
through the tagger."""


@lru_cache(maxsize=64)
def arabic_candidates(languages: tuple[str, ...] | None) -> tuple[str, ...]:
    """The Arabic-script languages among ``languages``; all of them when none is listed.

    >>> arabic_candidates(("en", "fa", "ur")), len(arabic_candidates(("en",)))
    (('fa', 'ur'), 12)
    """
    picked = tuple(c for c in (languages or ()) if c in ARABIC_SCRIPT_LANGUAGES)
    return picked or ARABIC_SCRIPT_LANGUAGES


PRIOR: dict[str, float] = dict(zip(ARABIC_SCRIPT_LANGUAGES, _core.LETTER_PRIOR, strict=True))
"""What each language starts from: Arabic, Persian and Urdu are by far the most
written, and the other small languages almost never write a sentence without
one of their own letters (Pashto's share of that depends on the length of the
text and is added by :func:`priors`)."""


@dataclass(frozen=True, slots=True)
class LetterGuess:
    """The best language for a text, its confidence (0..1), the raw scores and their softmax.

    ``probs`` is :func:`softmax` of ``scores`` (the candidates'), kept so that
    callers weighing the guess against other evidence need not compute it
    again; ``plain`` is the text as its letters were read, presentation forms
    unshaped (:func:`mixscript.unicode.shaping.unshape`), so that they need
    not unshape it again.
    """

    lang: str
    confidence: float
    scores: Mapping[str, float]
    probs: Mapping[str, float]
    plain: str


def scores(text: str) -> dict[str, float]:
    """Log-odds-like evidence for each Arabic-script language (higher is more likely).

    >>> s = scores("یہ کتاب ہے")
    >>> max(s, key=s.__getitem__)
    'ur'
    """
    return dict(zip(ARABIC_SCRIPT_LANGUAGES, _core.letter_scores(text), strict=True))


def priors(text: str) -> dict[str, float]:
    """What each language starts from before the letters of ``text`` are read.

    :data:`PRIOR`, plus for Pashto the cost of every word that shows none of
    its own letters (about a quarter of a nat each, from how often Pashto
    words hold one): the longer a text without them, the less likely it is
    Pashto.  Callers that weigh a text's
    own evidence against its context take all of this out, as they take out
    the priors of the other languages.

    >>> round(priors("کور")["ps"] - priors("کور ته")["ps"], 2)
    0.26
    """
    return dict(zip(ARABIC_SCRIPT_LANGUAGES, _core.letter_priors(text), strict=True))


def letter_count(text: str) -> int:
    """How many Arabic-script letters ``text`` holds (the amount of evidence)."""
    return _core.letter_count(text)


def softmax(scores_: Mapping[str, float]) -> dict[str, float]:
    """Scores to probabilities that sum to 1, in the order of ``scores_``.

    In the core, as :func:`guess`'s own, so that the tagger's re-weighings
    do the same arithmetic as the guess: ``exp`` of each score minus the
    largest, summed left to right, each divided by the sum.  A call costs a
    fifth of the same arithmetic in Python on two to twelve languages.

    >>> softmax({"fa": 1.0, "ur": 1.0})
    {'fa': 0.5, 'ur': 0.5}
    """
    return _core.letter_softmax(scores_ if isinstance(scores_, dict) else dict(scores_))


def guess(text: str, candidates: Iterable[str] | None = None) -> LetterGuess:
    """The most likely Arabic-script language of ``text`` among ``candidates``.

    ``und`` with confidence 0 when the text holds fewer than two letters:
    a lone letter says nothing about its language, unless it is a whole word
    that some language writes as a function word (Pashto د "of", Sindhi ۾
    "in"): that is thin evidence, and it gets a guess with a low confidence.
    ``und`` too, scores kept, when a tenth of the text's letters (two at
    least) are letters its best candidate never writes: Urdu's ہ and ے when
    Persian is the only candidate, Jawi's ڠ and ڤ when Malay is not one, or a
    letter none of these languages writes (Shina's ݜ); one borrowed name
    (پاکستان in Arabic) does not count.  Candidates that are not Arabic-script
    languages are left out, and none at all means every one.

    >>> g = guess("اين كتاب را مي‌خواهم")  # Persian typed with Arabic yeh and kaf
    >>> g.lang, g.confidence > 0.9
    ('fa', True)
    >>> guess("ب").lang
    'und'
    >>> g = guess("د")
    >>> g.lang, g.confidence < 0.9
    ('ps', True)
    """
    cands = candidates if isinstance(candidates, tuple | list) else tuple(candidates or ())
    lang, confidence, scores_, probs, plain = _core.letter_guess(text, cands)
    return LetterGuess(lang, confidence, scores_, probs, text if plain is None else plain)


def foreign_letters(text: str, lang: str) -> int:
    """How many letters of ``text`` ``lang`` does not write, not even as a loan.

    Yeh and kaf are a keyboard's choice, never foreign.

    >>> foreign_letters("یہ کتاب ہے", "fa"), foreign_letters("یہ کتاب ہے", "ur")
    (3, 0)
    """
    return _core.foreign_letters(text, lang)
