"""``segment()``: the input cut into runs of one script and one language.

Script runs come from :mod:`mixscript.scripts`; every segment keeps exact
offsets into the caller's input, so ``text[s.start:s.end]`` is always the
source of ``s``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Segment
from .scripts import direction_of_script, script_runs


def segment(
    text: str, *, profile: object = "clean", languages: Iterable[str] | None = None
) -> list[Segment]:
    """Cut ``text`` into segments that cover it exactly, in order.

    >>> [(s.text, s.tag, s.kind) for s in segment("Hi سلام")]
    [('Hi', 'und-Latn', 'text'), (' ', 'und-Zyyy', 'space'), ('سلام', 'und-Arab', 'text')]
    """
    del profile, languages  # wired in by the normalisation and language layers
    return [
        Segment(
            start=r.start,
            end=r.end,
            text=text[r.start : r.end],
            script=r.script,
            lang="und",
            direction=direction_of_script(r.script),
            kind=r.kind,
            confidence=0.0,
        )
        for r in script_runs(text)
    ]
