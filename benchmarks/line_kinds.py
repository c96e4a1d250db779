"""``normalize`` against NFC by kind of line, in one process, caches warm.

``run.py`` times each function in a fresh child process, which is what a
pipeline sees, but NFC's own speed on ASCII-heavy English lines moves by a
third from one child to the next, and with it the ratio.  This script
times both on the same lines in the same process, interleaved, with the
caches filled by a first pass, and splits the corpus into three kinds of
line, so that a change in the ratio can be told apart from a change in
NFC's luck: ASCII lines, lines holding Arabic script, and the other lines
(Latin text with a soft hyphen, a ZWSP or an accent).

    python benchmarks/line_kinds.py --corpus corpus.txt --profile clean --rounds 5
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from mixscript import normalize

#: Arabic, its supplements and the presentation forms: a line with any of
#: them is an Arabic-holding line here.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def kinds(lines: Sequence[str]) -> dict[str, list[str]]:
    """The lines by kind: ``ascii``, ``arabic`` (holding Arabic script), ``other``."""
    out: dict[str, list[str]] = {"ascii": [], "other": [], "arabic": []}
    for line in lines:
        if line.isascii():
            out["ascii"].append(line)
        elif _ARABIC.search(line):
            out["arabic"].append(line)
        else:
            out["other"].append(line)
    return out


def _cpu(func: Callable[[str], str], lines: Sequence[str]) -> float:
    start = time.thread_time()
    for line in lines:
        func(line)
    return time.thread_time() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="one paragraph per line")
    ap.add_argument("--profile", default="clean")
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds; medians shown")
    args = ap.parse_args()
    lines = args.corpus.read_text(encoding="utf-8").split("\n")
    by_kind = kinds(lines)
    profile = args.profile

    def ours(text: str) -> str:
        return normalize(text, profile)

    def nfc(text: str) -> str:
        return unicodedata.normalize("NFC", text)

    for line in lines:  # fills the caches and loads the models
        ours(line)
    spent: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.rounds):
        for kind, some in by_kind.items():
            for name, func in (("ours", ours), ("nfc", nfc)):
                spent.setdefault((kind, name), []).append(_cpu(func, some))
    print(f"| lines | count | MB | `{profile}` µs/line | NFC µs/line | vs NFC |")
    print("|---|---:|---:|---:|---:|---:|")
    total = {"ours": 0.0, "nfc": 0.0}
    for kind, some in by_kind.items():
        if not some:
            continue
        mine = statistics.median(spent[(kind, "ours")])
        theirs = statistics.median(spent[(kind, "nfc")])
        total["ours"] += mine
        total["nfc"] += theirs
        mb = sum(len(line.encode("utf-8")) for line in some) / 1e6
        print(
            f"| {kind} | {len(some)} | {mb:.2f} | {mine / len(some) * 1e6:.2f} "
            f"| {theirs / len(some) * 1e6:.2f} | {theirs / mine:.3f} |"
        )
    print(f"| all | {len(lines)} | | | | {total['nfc'] / total['ours']:.3f} |")


if __name__ == "__main__":
    main()
