"""Script of every character, and the text cut into script runs (UAX #24 in spirit).

Why our own runs rather than a regex split on ``\\p{Arabic}``: the characters
that matter most in mixed text are the ones that belong to no single script.
Harakat, ZWNJ and ZWJ are *Inherited* and must stay with the letter before
them; the Arabic comma, tatweel and Arabic-Indic digits are *Common* but their
Script_Extensions say they are Arabic in practice; spaces and brackets belong
to whichever side they sit on.  The rules, in order:

1. A character plus the combining marks, ZWNJ and ZWJ after it form a cluster;
   a cluster is never split.
2. A cluster whose base has a real script (``Latn``, ``Arab``...) is *strong*.
3. A Common or Inherited base whose Script_Extensions name specific scripts is
   resolved to the nearest strong neighbour (left first, then right) whose
   script is among them, else to Arabic if Arabic is among them.
4. The remaining neutral clusters between two strong runs of the same script
   join that run, unless they hold a line break: no run crosses a line.
   Across a line break, the neutrals on a run's own line (but the spaces at
   the line's edges) join it: ``see annex 2).`` ends an English run.  The
   start and end of the text count as line breaks, so one line alone is cut
   as it is inside a file.
   Between different scripts (or at the text's edges), opening brackets and
   quotes just before a run attach to it, other punctuation just after a run
   (up to the first space) attaches to that run, and what is left becomes
   neutral runs of kind ``space``, ``number`` or ``punct``.

So a bracket falls with what it encloses: ``(فارسی)`` inside English is one
Arabic run, and ``(Vienna، ۱۴۰۰)`` gives ``(Vienna`` and ``، ۱۴۰۰)``.

The rules run in the compiled core (``rust/core/src/runs.rs``, with its
tests): every line of every text passes through them, and in Rust the pass
costs a fraction of the regular-expression scans and per-cluster loops it
replaced.  Script, Script_Extensions and General_Category come from tables
generated from the same UCD files as :mod:`mixscript.unicode`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from mixscript import _core
from mixscript.text.valid import validate

__all__ = ["Run", "script_runs"]


@dataclass(frozen=True, slots=True)
class Run:
    """A script run before language tagging: ``text[start:end]``, ISO 15924 script, kind."""

    start: int
    end: int
    script: str
    kind: str


def script_runs(text: str) -> list[Run]:
    """Cut ``text`` into runs of one script, covering it exactly.

    >>> text = "Hi (سلام)!"
    >>> [(text[r.start:r.end], r.script, r.kind) for r in script_runs(text)]
    [('Hi', 'Latn', 'text'), (' ', 'Zyyy', 'space'), ('(سلام)!', 'Arab', 'text')]
    """
    validate(text)
    return [Run(*run) for run in _core.script_runs(text)]
