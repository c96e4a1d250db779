"""``segment()``: the input cut into runs of one script and one language.

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

from mixscript.lang import tagger as lang
from mixscript.model import Segment
from mixscript.normalization.profiles import Normalized, Profile, explain, get_profile
from mixscript.text.valid import validate

_KIND_WEIGHT = {"basmala": 4, "formula": 4, "text": 3, "number": 2, "punct": 1, "space": 0}


def segment(
    text: str,
    *,
    profile: str | Profile = "clean",
    languages: Sequence[str] | None = None,
) -> list[Segment]:
    """Cut ``text`` into segments that cover it exactly, in order.

    ``start``/``end`` index ``text``; ``Segment.text`` is that slice cleaned
    by ``profile``.

    >>> [(s.start, s.end, s.text, s.script) for s in segment("Hi \\ufdfd")]
    [(0, 2, 'Hi', 'Latn'), (2, 3, ' ', 'Zyyy'), (3, 4, 'بسم الله الرحمن الرحيم', 'Arab')]
    """
    validate(text)
    normalized = explain(text, get_profile(profile), languages=languages)
    return map_back(text, normalized, lang.tag(normalized.text, languages=languages))


def map_back(source: str, normalized: Normalized, tagged: list[Segment]) -> list[Segment]:
    """Re-anchor segments of ``normalized.text`` onto ``source``, covering it exactly."""
    if not source:
        return []
    if not tagged:  # everything was removed: one neutral segment for the input
        return [Segment(0, len(source), "", "Zyyy", "und", "neutral", "space", 0.0)]
    bounds = [0]
    for s in tagged[1:]:
        bounds.append(max(normalized.source_span(s.start, s.start)[0], bounds[-1]))
    bounds.append(len(source))
    groups: list[list[int]] = []
    for k in range(len(tagged)):
        if groups and bounds[groups[-1][0]] == bounds[k]:
            groups[-1].append(k)  # the previous group has no source yet: merge forward
        else:
            groups.append([k])
    if len(groups) > 1 and bounds[groups[-1][0]] == len(source):
        groups[-2].extend(groups.pop())
    out: list[Segment] = []
    for g in groups:
        best = max(
            (tagged[k] for k in g), key=lambda s: (_KIND_WEIGHT.get(s.kind, 0), s.end - s.start)
        )
        start, end = bounds[g[0]], bounds[g[-1] + 1]
        cleaned = normalized.text[tagged[g[0]].start : tagged[g[-1]].end]
        out.append(
            Segment(
                start,
                end,
                cleaned,
                best.script,
                best.lang,
                best.direction,
                best.kind,
                best.confidence,
            )
        )
    return out
