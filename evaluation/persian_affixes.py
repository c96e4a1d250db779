"""Precision of the ``persian_affixes`` step on Persian sentences, with every change listed.

The step may be on in ``clean`` only if its precision is at least 99.5 %.
Well-edited text already has its ZWNJs, so a plain corpus mostly measures
the step's restraint; to measure what it joins, the script also runs it on
the same sentences with every ZWNJ typed as a space (what a keyboard without
ZWNJ gives) and counts a join as right when it restores the ZWNJ (or the
joined word) that the sentence had.  Changes to the original sentences have
no such answer: they are printed, to be checked by hand, and their count is
the number that must stay near zero.

    python evaluation/persian_affixes.py --data DIR [--show 40]

DIR is the lingua test data folder (one sentence per line): the Persian
sentences are measured, and the Persian word lists and the Arabic and Urdu
sentences are run too, where every change would be a mistake.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import replace
from pathlib import Path

from mixscript import PROFILES, explain

ZWNJ = "\u200c"
PROFILE = replace(PROFILES["clean"], name="clean+affixes", persian_affixes=True)
BASE = replace(PROFILES["clean"], name="clean-no-affixes", persian_affixes=False)


def _changes(text: str) -> list[tuple[int, int, str]]:
    """The ``persian_affixes`` changes to ``text`` (other steps are the same with and without)."""
    return [
        (c.start, c.end, c.replacement)
        for c in explain(text, PROFILE).changes
        if c.rule == "persian_affixes"
    ]


def _context(text: str, start: int, end: int, repl: str) -> str:
    left = text[max(0, start - 25) : start]
    right = text[end : end + 25]
    shown = "<ZWNJ>" if repl == ZWNJ else "<joined>"
    return f"...{left}[{text[start:end]!r}->{shown}]{right}..."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="lingua test data folder")
    parser.add_argument("--show", type=int, default=40, help="changes to print per table")
    # Results of 2026-12 on lingua's sentences-fa.txt, every change checked by
    # hand: 122 changes to the sentences as written, all right (a 123rd,
    # "مشاهدات ترین", a transliterated name, led to the rule that ترین never
    # follows a plural); ZWNJ typed as space: 686 joins, 650 restoring the
    # ZWNJ, 36 replacing a space where the ZWNJ belongs (all right).
    args = parser.parse_args()
    sentences = [
        line.strip()
        for line in (args.data / "sentences-fa.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]

    # 1. The sentences as written: every change is a claim to check by hand.
    original: list[str] = []
    for s in sentences:
        for start, end, repl in _changes(s):
            original.append(_context(s, start, end, repl))

    # 2. ZWNJ typed as a space: a join is right when it gives back the ZWNJ
    # (or, after a non-joining letter, the word written joined).
    right = wrong = missed = 0
    wrong_examples: list[str] = []
    for s in sentences:
        if ZWNJ not in s:
            continue
        spaced = s.replace(ZWNJ, " ")
        # Offsets of the spaces that were ZWNJs.
        truth = {m.start() for m in re.finditer(ZWNJ, s)}
        for start, end, repl in _changes(spaced):
            if start in truth and end == start + 1:
                right += 1
            else:
                wrong += 1
                wrong_examples.append(_context(spaced, start, end, repl))
        fixed = {c[0] for c in _changes(spaced)}
        missed += len(truth - fixed)

    print(f"sentences: {len(sentences)}")
    print(f"changes to the sentences as written (check each by hand): {len(original)}")
    for line in original[: args.show]:
        print("  ", line)
    joins = right + wrong
    precision = right / joins if joins else 1.0
    print(
        f"ZWNJ typed as space: {joins} joins, {right} restore the original ZWNJ,"
        f" {wrong} join where the sentence had a space (check these by hand);"
        f" lower bound on precision {precision:.4f};"
        f" {missed} of {right + missed} ZWNJs not restored (recall {right / max(1, right + missed):.3f})"
    )
    for line in wrong_examples[: args.show]:
        print("  ", line)
    others = ("word-pairs-fa", "single-words-fa", "sentences-ar", "sentences-ur", "word-pairs-ur")
    for path in (args.data / f"{name}.txt" for name in others):
        if not path.exists():
            continue
        lines = [t.strip() for t in path.read_text(encoding="utf-8").splitlines() if t.strip()]
        found = [_context(t, s, e, r) for t in lines for s, e, r in _changes(t)]
        print(f"{path.name}: {len(lines)} lines, {len(found)} changes")
        for line in found[: args.show]:
            print("  ", line)


if __name__ == "__main__":
    main()
