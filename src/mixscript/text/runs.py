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
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from mixscript.text.breaks import LINE_BREAKS
from mixscript.text.valid import validate
from mixscript.unicode.properties import general_category
from mixscript.unicode.scripts import NEUTRAL_SCRIPTS, extensions_of, script_of

__all__ = ["Run", "script_runs"]

# A cluster: any character, then the marks and joiners that lean on it; runs
# of Arabic or Latin clusters are matched whole (the group names the script).
# ``\p{...}`` follows the ``regex`` module's Unicode version, not the tables';
# the two agree on every character the tables assign (tests/test_unicode_tables.py
# checks it), and a class built from the tables instead makes the scan about
# five times slower.  Characters assigned since only differ in where a cluster
# boundary falls; their script is still Zzzz.
_CLUSTER = r"[\p{M}\u200c\u200d]*"
# ASCII spaces, digits and punctuation between two words of one script
# always join that script's run (rule 4) and have no Script_Extensions, so
# such a stretch is taken into the unit: a plain sentence is one unit, not
# one per word and space.
_GLUE = r"[\x20-\x40\x5b-\x60\x7b-\x7e]+"
_ARAB_WORD = rf"(?:\p{{sc=Arab}}{_CLUSTER})+"
_LATN_WORD = rf"(?:\p{{sc=Latn}}{_CLUSTER})+"
_UNIT = regex.compile(
    rf"(?P<Arab>{_ARAB_WORD}(?:{_GLUE}{_ARAB_WORD})*)"
    rf"|(?P<Latn>{_LATN_WORD}(?:{_GLUE}{_LATN_WORD})*)"
    rf"|(?s:.){_CLUSTER}"
)
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Run:
    """A script run before language tagging: ``text[start:end]``, ISO 15924 script, kind."""

    start: int
    end: int
    script: str
    kind: str


@lru_cache(maxsize=4096)
def _classify(ch: str) -> tuple[str | None, frozenset[str]]:
    """(strong script or None, candidate scripts for a constrained neutral)."""
    sc = script_of(ch)
    if sc not in NEUTRAL_SCRIPTS:
        return sc, frozenset()
    ext = extensions_of(ch)
    if ext & NEUTRAL_SCRIPTS:
        return None, frozenset()
    return None, ext


def _neutral_kind(ch: str) -> str:
    if ch.isspace() or ch in "\u200b\u200c\u200d\u2060\ufeff":
        return "space"
    cat = general_category(ch)
    if cat == "Nd":
        return "number"
    return "punct"


def _is_opening(ch: str) -> bool:
    return general_category(ch) in ("Ps", "Pi")


def _resolve_constrained(
    scripts: list[str | None], candidates: list[frozenset[str]]
) -> list[str | None]:
    """Rule 3: give constrained neutrals the script of a compatible neighbour."""
    n = len(scripts)
    out = list(scripts)
    left: list[str | None] = [None] * n
    last: str | None = None
    for i in range(n):
        left[i] = last
        if scripts[i] is not None:
            last = scripts[i]
    nxt: str | None = None
    for i in range(n - 1, -1, -1):
        cand = candidates[i]
        if cand:
            if left[i] in cand:
                out[i] = left[i]
            elif nxt in cand:
                out[i] = nxt
            elif "Arab" in cand:
                out[i] = "Arab"
            else:
                out[i] = min(cand)
        if scripts[i] is not None:
            nxt = scripts[i]
    return out


def _neutral_runs(text: str, clusters: list[tuple[int, int]], lo: int, hi: int) -> list[Run]:
    """Cut neutral clusters ``lo..hi`` (exclusive) into space/number/punct runs."""
    runs: list[Run] = []
    for k in range(lo, hi):
        s, e = clusters[k]
        kind = _neutral_kind(text[s])
        if kind == "punct" and runs and runs[-1].kind == "number" and k + 1 < hi:
            # 1,5 or 12.000: a separator between digits stays in the number.
            if _neutral_kind(text[clusters[k + 1][0]]) == "number" and text[s] in ".,'٫٬":
                kind = "number"
        if runs and runs[-1].kind == kind and runs[-1].end == s:
            runs[-1] = Run(runs[-1].start, e, "Zyyy", kind)
        else:
            runs.append(Run(s, e, "Zyyy", kind))
    return runs


def script_runs(text: str) -> list[Run]:
    """Cut ``text`` into runs of one script, covering it exactly.

    >>> text = "Hi (سلام)!"
    >>> [(text[r.start:r.end], r.script, r.kind) for r in script_runs(text)]
    [('Hi', 'Latn', 'text'), (' ', 'Zyyy', 'space'), ('(سلام)!', 'Arab', 'text')]
    """
    validate(text)
    if not text:
        return []
    # Units: a whole Arabic or Latin word (letters with their marks and
    # joiners) at once, every other cluster on its own.  A word of one
    # script is strong throughout, so nothing below needs its characters.
    clusters: list[tuple[int, int]] = []
    unit_scripts: list[str | None] = []
    candidates: list[frozenset[str]] = []
    for m in _UNIT.finditer(text):
        clusters.append(m.span())
        word = m.lastgroup
        if word is not None:
            unit_scripts.append(word)
            candidates.append(_NONE)
        else:
            sc, cand = _classify(text[m.start()])
            unit_scripts.append(sc)
            candidates.append(cand)
    scripts = _resolve_constrained(unit_scripts, candidates)

    # Gather strong clusters into provisional runs, neutrals in between.
    runs: list[Run] = []
    n = len(clusters)
    k = 0
    prev_script: str | None = None
    while k < n:
        strong = scripts[k]
        if strong is not None:
            script = strong
            s = clusters[k][0]
            while k < n and scripts[k] == script:
                k += 1
            e = clusters[k - 1][1]
            if runs and runs[-1].script == script and runs[-1].end == s:
                runs[-1] = Run(runs[-1].start, e, script, "text")
            else:
                runs.append(Run(s, e, script, "text"))
            prev_script = script
            continue
        j = k
        while j < n and scripts[j] is None:
            j += 1
        next_script: str | None = scripts[j] if j < n else None
        if (
            prev_script is not None
            and prev_script == next_script
            and not any(text[clusters[i][0]] in LINE_BREAKS for i in range(k, j))
        ):
            last = runs[-1]
            runs[-1] = Run(last.start, clusters[j - 1][1], last.script, "text")
            k = j
            continue
        breaks = [i for i in range(k, j) if text[clusters[i][0]] in LINE_BREAKS]
        # The text's own edges are line edges too: a single-line call must cut
        # "ساعت 18" as the same line followed by a break would be cut.
        if breaks or k == 0 or j == n:
            # Across a line break, what stands on a run's own line (but the
            # spaces at the line's edges) joins that run: "see annex 2)."
            trail = breaks[0] if breaks else j
            if prev_script is not None:
                while trail > k and _neutral_kind(text[clusters[trail - 1][0]]) == "space":
                    trail -= 1
            else:
                trail = k
            first_open = breaks[-1] + 1 if breaks else k
            if next_script is not None:
                while first_open < j and _neutral_kind(text[clusters[first_open][0]]) == "space":
                    first_open += 1
            else:
                first_open = j
        else:
            # Opening brackets/quotes right before the next run lean forward.
            first_open = j
            if next_script is not None:
                while first_open > k and _is_opening(text[clusters[first_open - 1][0]]):
                    first_open -= 1
            # Punctuation right after the previous run (up to a space) leans back.
            trail = k
            if prev_script is not None:
                while (
                    trail < first_open
                    and _neutral_kind(text[clusters[trail][0]]) != "space"
                    and not _is_opening(text[clusters[trail][0]])
                ):
                    trail += 1
        if trail > k:
            last = runs[-1]
            runs[-1] = Run(last.start, clusters[trail - 1][1], last.script, "text")
        runs.extend(_neutral_runs(text, clusters, trail, first_open))
        if first_open < j:
            assert next_script is not None
            runs.append(Run(clusters[first_open][0], clusters[j - 1][1], next_script, "text"))
            prev_script = next_script
            # The strong clusters that follow extend this run.
            s0 = clusters[first_open][0]
            k = j
            while k < n and scripts[k] == next_script:
                k += 1
            runs[-1] = Run(s0, clusters[k - 1][1], next_script, "text")
            continue
        k = j
    return runs
