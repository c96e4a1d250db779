"""``segment()``: the input cut into runs of one script and one language; ``detect()``.

The text is first normalised with the profile (so presentation forms,
visual-order lines and ligatures are already letters in logical order), then
tagged, then every segment is mapped back to the input through the
normalisation's alignment.  The segments cover the input exactly: where a
step rewrote a stretch as a whole (a repaired visual-order line), the
segments inside it merge, because no offset inside that stretch means
anything in the input.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from mixscript.lang import tagger as lang
from mixscript.model import Detected, Segment
from mixscript.normalization.profiles import Profile, aligned, get_profile
from mixscript.text.edits import Alignment
from mixscript.text.valid import validate

_LETTER = regex.compile(r"\p{L}")


def segment(
    text: str,
    *,
    profile: str | Profile = "clean",
    languages: Sequence[str] | None = None,
    min_confidence: float = lang.DEFAULT_MIN_CONFIDENCE,
) -> list[Segment]:
    """Cut ``text`` into segments that cover it exactly, in order.

    ``start``/``end`` index ``text``; ``Segment.text`` is that slice cleaned
    by ``profile``.  ``languages`` are the candidate languages (a sequence
    of BCP 47 codes; :func:`mixscript.lang.tagger.check_languages` says
    which are refused and why); a run tagged with a confidence below
    ``min_confidence`` is ``und``.

    >>> [(s.start, s.end, s.text, s.script) for s in segment("Hi \\ufdfd")]
    [(0, 2, 'Hi', 'Latn'), (2, 3, ' ', 'Zyyy'), (3, 4, 'بسم الله الرحمن الرحيم', 'Arab')]
    """
    validate(text)
    codes = lang.check_languages(languages)
    out, alignment = aligned(text, get_profile(profile), codes)
    tagged = lang.tag_spans(out, languages=codes, min_confidence=min_confidence)
    return map_back(text, out, alignment, tagged)


def detect(
    text: str,
    *,
    profile: str | Profile = "clean",
    languages: Sequence[str] | None = None,
    min_confidence: float = lang.DEFAULT_MIN_CONFIDENCE,
) -> list[Detected]:
    """The languages of a whole text, most of it first, each with its share of the letters.

    The text is segmented (:func:`segment`, same options) and each language
    gets the letters of its segments, weighted by their confidence, over
    all the letters of the text: a Persian paragraph with one English name
    is ``fa`` near 1 and ``en`` small; letters tagged ``und`` count for
    no language, so the confidences add up to 1 only when every letter is
    tagged with certainty.  Formulas (the basmala, honorifics) are left out:
    a Persian letter that opens with the basmala is Persian.  A text
    without letters gives an empty list.

    >>> [d.lang for d in detect("این کتاب را دیروز خریدم و امروز خواندم.")]
    ['fa']
    """
    weights: dict[str, float] = {}
    letters = 0
    for seg in segment(text, profile=profile, languages=languages, min_confidence=min_confidence):
        if seg.kind in ("basmala", "formula"):
            continue
        n = len(_LETTER.findall(text, seg.start, seg.end))
        letters += n
        if seg.lang != "und" and n:
            weights[seg.lang] = weights.get(seg.lang, 0.0) + n * seg.confidence
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Detected(code, round(w / letters, 4)) for code, w in ranked if w > 0]


def map_back(source: str, out: str, alignment: Alignment, tagged: list[lang.Span]) -> list[Segment]:
    """Re-anchor segments of ``out``, the normalised ``source`` whose ``alignment`` maps it
    back (:func:`~mixscript.lang.tagger.tag_spans`), onto ``source``, covering it exactly.

    Each segment starts where its first character comes from; segments left
    without input of their own (inside a stretch a step rewrote as a whole)
    merge, taking the script, language and kind of the weightiest of them
    (a formula over text over a number over punctuation over space, then the
    longest).  The core does it all, ``Segment`` objects included
    (``mixscript_core::segments``): it is the last step of every
    :func:`segment`, once per segment.
    """
    if not source:
        return []
    if not tagged:  # everything was removed: one neutral segment for the input
        return [Segment(0, len(source), "", "Zyyy", "und", "neutral", "space", 0.0)]
    return alignment.core.anchored_segments(len(source), out, tagged, Segment)
