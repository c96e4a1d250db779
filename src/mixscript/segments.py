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
from itertools import pairwise

import regex

from mixscript.lang import tagger as lang
from mixscript.model import Detected, Segment
from mixscript.normalization.profiles import Profile, aligned, get_profile
from mixscript.text.edits import Alignment
from mixscript.text.valid import validate

_LETTER = regex.compile(r"\p{L}")
_KIND_WEIGHT = {"basmala": 4, "formula": 4, "text": 3, "number": 2, "punct": 1, "space": 0}


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
    back (:func:`~mixscript.lang.tagger.tag_spans`), onto ``source``, covering it exactly."""
    if not source:
        return []
    if not tagged:  # everything was removed: one neutral segment for the input
        return [Segment(0, len(source), "", "Zyyy", "und", "neutral", "space", 0.0)]
    bounds = [0]
    for start in alignment.source_starts([s[0] for s in tagged[1:]]):
        bounds.append(max(start, bounds[-1]))
    bounds.append(len(source))
    if all(a < b for a, b in pairwise(bounds)):
        # Every segment has input of its own (most texts): nothing to merge.
        return [
            Segment(bounds[k], bounds[k + 1], out[s[0] : s[1]], *s[2:])
            for k, s in enumerate(tagged)
        ]
    groups: list[list[int]] = []
    for k in range(len(tagged)):
        if groups and bounds[groups[-1][0]] == bounds[k]:
            groups[-1].append(k)  # the previous group has no source yet: merge forward
        else:
            groups.append([k])
    if len(groups) > 1 and bounds[groups[-1][0]] == len(source):
        groups[-2].extend(groups.pop())
    segments: list[Segment] = []
    for g in groups:
        if len(g) == 1:
            best = tagged[g[0]]
        else:
            best = max(
                (tagged[k] for k in g), key=lambda s: (_KIND_WEIGHT.get(s[5], 0), s[1] - s[0])
            )
        _, _, script, code, direction, kind, confidence = best
        cleaned = out[tagged[g[0]][0] : tagged[g[-1]][1]]
        segments.append(
            Segment(
                bounds[g[0]], bounds[g[-1] + 1], cleaned, script, code, direction, kind, confidence
            )
        )
    return segments
