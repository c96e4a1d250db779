"""False-alarm count of ``mixscript.check`` on real Arabic, Persian and Urdu prose.

Prose in these languages needs ZWNJ/ZWJ between letters, RLM/LRM marks,
Arabic punctuation and Arabic-Indic digits; a checker that people leave on
must stay silent on all of that.  This script runs ``check`` over the
sentence files of the lingua test data (language-testdata from
pemistahl/lingua-py), one file at a time as a whole text, and prints:

1. a table per language: lines, lines holding ZWNJ/ZWJ/Arabic punctuation,
   findings, findings per code;
2. every finding with its line, column, code, message and the text around it,
   so each one can be judged (a real defect in the data, or a false alarm);
3. with ``--repeat N``, the median time of ``check`` per file over N runs, next
   to a baseline measured in the same run: one regular-expression scan for the
   nine bidi controls, which is what a grep-style pre-commit hook does.

Usage::

    python evaluation/check_negatives.py --data PATH/TO/lingua-testdata [--langs ar,fa,ur]
        [--repeat 5] [--quiet]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from mixscript.checks.scan import LineIndex, check, icu_note

_FEATURES = {
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "Arabic comma": "\u060c",
    "Arabic semicolon": "\u061b",
    "Arabic question mark": "\u061f",
    "Urdu full stop": "\u06d4",
}


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _side(ch: str) -> str:
    if not ch or ch in "\r\n":
        return "line edge"
    if ch.isspace():
        return "space"
    if unicodedata.category(ch)[0] in "LM":
        return "letter" if unicodedata.category(ch)[0] == "L" else "mark"
    return "punctuation" if unicodedata.category(ch)[0] == "P" else unicodedata.category(ch)


def _sides(text: str, i: int) -> str:
    """What stands on each side of a reported joiner: the evidence that it joins nothing."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return f"{_side(before)} | {_side(after)}"


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="lingua test data folder")
    parser.add_argument("--langs", default="ar,fa,ur", help="comma-separated language codes")
    parser.add_argument("--quiet", action="store_true", help="only the tables")
    parser.add_argument("--repeat", type=int, default=0, help="time each file N times")
    args = parser.parse_args(argv)
    note = icu_note()
    if note:
        print(note)
    total_lines = total_findings = 0
    rows = []
    timings = []
    details = []
    by_code: Counter[str] = Counter()
    joiner_sides: Counter[str] = Counter()
    feature_lines: Counter[str] = Counter()
    for lang in args.langs.split(","):
        path = args.data / f"sentences-{lang}.txt"
        if not path.exists():
            print(f"missing: {path.name}", file=sys.stderr)
            return 2
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for line in lines:
            for name, ch in _FEATURES.items():
                if ch in line:
                    feature_lines[f"{lang} {name}"] += 1
            if any(ch in line for ch in _FEATURES.values()):
                feature_lines["all: any of them"] += 1
        findings = check(text)
        if args.repeat:
            ours = _median_seconds(lambda t=text: check(t), args.repeat)
            grep = _median_seconds(lambda t=text: _BIDI.findall(t), args.repeat)
            timings.append((lang, len(text), ours, grep))
        index = LineIndex(text)
        codes = Counter(f.code for f in findings)
        by_code.update(codes)
        rows.append(
            (
                lang,
                len(lines),
                len(findings),
                ", ".join(f"{c}={n}" for c, n in sorted(codes.items())),
            )
        )
        total_lines += len(lines)
        total_findings += len(findings)
        for f in findings:
            if f.code == "MS208":
                joiner_sides[_sides(text, f.start)] += 1
            line, col = index.line_col(f.start)
            context = text[max(0, f.start - 12) : f.end + 12].replace("\n", " ")
            details.append(f"{path.name}:{line}:{col}: {f.code} {f.message} | {context!r}")
    print(f"\n{'lang':<6}{'lines':>7}{'findings':>10}  by code")
    for lang, n, k, codes_text in rows:
        print(f"{lang:<6}{n:>7}{k:>10}  {codes_text}")
    print(
        f"{'all':<6}{total_lines:>7}{total_findings:>10}  "
        + ", ".join(f"{c}={n}" for c, n in sorted(by_code.items()))
    )
    if timings:
        print(f"\nmedian of {args.repeat} runs per file")
        print(
            f"{'lang':<6}{'chars':>9}{'check ms':>10}{'Mchar/s':>8}{'bidi regex ms':>15}{'ratio':>8}"
        )
        for lang, n, ours, grep in timings:
            print(
                f"{lang:<6}{n:>9}{ours * 1e3:>10.1f}{n / ours / 1e6:>8.2f}"
                f"{grep * 1e3:>15.2f}{ours / grep:>8.0f}"
            )
    if joiner_sides:
        print("\nMS208 joiners by what stands before | after them:")
        for key, n in joiner_sides.most_common():
            print(f"  {key:<28}{n:>6}")
    print("\nlines holding each feature:")
    for key, n in sorted(feature_lines.items()):
        print(f"  {key:<28}{n:>6}")
    if details and not args.quiet:
        print("\nfindings:")
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
