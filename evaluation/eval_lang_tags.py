"""How far language tags can be trusted: held-out Arabic-script text, and the minimum confidence.

Usage::

    python evaluation/eval_lang_tags.py --data PATH/TO/language-testdata \\
        [--udhr PATH/TO/udhr-xml-folder] [--n 200] [--seed 7]

``--udhr`` is a folder of the Unicode UDHR project's XML texts
(``udhr_pnb.xml``, ``udhr_skr.xml``, ``udhr_mly_arab.xml``, ``udhr_urd.xml``,
``udhr_pes_1.xml``, ``udhr_arb.xml``, ``udhr_pbu.xml``, ``udhr_ckb.xml``,
``udhr_uig_arab.xml``: any present are used).  None of that text was used to
write the letters backend's alphabets or word lists, so it is held out.
Three tables:

1. UDHR paragraphs through :func:`mixscript.segment` with the default
   candidates: the share of letters per tag.  Targets: Punjabi (Shahmukhi)
   at least 85% ``pnb``; Saraiki at least 85% ``skr``, ``pnb`` or ``und``;
   Malay in Jawi at least 90% ``ms`` or ``und``.
2. The lingua test sentences of ar, fa and ur with the default candidates (all
   twelve Arabic-script languages): how many letters the new languages take.
3. ``min_confidence``: the mixed documents of ``eval_lang.py`` tagged at
   several thresholds; letters right, ``und`` and wrong (a wrong tag is
   worse than ``und``: it is an answer that misleads), and the same for
   Latin single words and word pairs of the lingua test data, in a
   Persian sentence.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import regex

import mixscript
from mixscript.lang import tagger as lang

ROOT = Path(__file__).resolve().parents[1]
UDHR = {
    "pnb": "udhr_pnb.xml",
    "skr": "udhr_skr.xml",
    "ms": "udhr_mly_arab.xml",
    "ur": "udhr_urd.xml",
    "fa": "udhr_pes_1.xml",
    "ar": "udhr_arb.xml",
    "ps": "udhr_pbu.xml",
    "ckb": "udhr_ckb.xml",
    "ug": "udhr_uig_arab.xml",
}
ACCEPTED = {"pnb": ("pnb",), "skr": ("skr", "pnb", "und"), "ms": ("ms", "und")}
TARGETS = {"pnb": 85.0, "skr": 85.0, "ms": 90.0}
THRESHOLDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
LETTER = regex.compile(r"\p{L}")


def _eval_lang() -> ModuleType:
    """The mixed-document builder of eval_lang.py, wherever it lives."""
    for where in (ROOT / "evaluation" / "eval_lang.py", ROOT / "benchmarks" / "eval_lang.py"):
        if where.exists():
            spec = importlib.util.spec_from_file_location("eval_lang", where)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules["eval_lang"] = module
            spec.loader.exec_module(module)
            return module
    raise SystemExit("eval_lang.py not found")


def udhr_paragraphs(path: Path) -> list[str]:
    """The text of every title, paragraph and list item of a UDHR XML file."""
    out: list[str] = []
    root = ET.parse(path).getroot()
    if root.get("iso15924", "Arab") != "Arab":
        return out
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] in ("title", "para"):
            text = " ".join("".join(el.itertext()).split())
            if text:
                out.append(text)
    return out


def letter_shares(paragraphs: Sequence[str], **kwargs: object) -> Counter[str]:
    """Letters per tag over ``paragraphs``, each segmented on its own."""
    counts: Counter[str] = Counter()
    for para in paragraphs:
        for seg in mixscript.segment(para, **kwargs):  # type: ignore[arg-type]
            counts[seg.lang] += len(LETTER.findall(para[seg.start : seg.end]))
    return counts


def _shares(counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    return ", ".join(f"{k} {100 * v / total:.1f}" for k, v in counts.most_common(5))


def heldout(folder: Path) -> list[str]:
    print("1. UDHR paragraphs, default candidates: % of letters per tag")
    print("| text | paragraphs | letters per tag | target |")
    print("|---|---|---|---|")
    missed = []
    for code, name in UDHR.items():
        path = folder / name
        if not path.exists():
            continue
        paras = udhr_paragraphs(path)
        if not paras:
            continue
        counts = letter_shares(paras)
        total = sum(counts.values()) or 1
        verdict = ""
        if code in ACCEPTED:
            ok = 100 * sum(counts[k] for k in ACCEPTED[code]) / total
            verdict = f"{'/'.join(ACCEPTED[code])} {ok:.1f}% (>= {TARGETS[code]})"
            if ok < TARGETS[code]:
                missed.append(f"{code}: {ok:.1f}% < {TARGETS[code]}%")
        print(f"| {code} | {len(paras)} | {_shares(counts)} | {verdict} |")
    return missed


def default_candidates(corpus: dict[tuple[str, str], list[str]], n: int) -> None:
    print("\n2. lingua test sentences, default candidates (all Arabic-script languages)")
    print("| lang | letters per tag |")
    print("|---|---|")
    for code in ("ar", "fa", "ur"):
        counts = letter_shares(corpus[("sentences", code)][:n])
        print(f"| {code} | {_shares(counts)} |")


def _tally(text: str, gold: list[str], threshold: float, counts: Counter[str]) -> None:
    pred = [""] * len(text)
    for seg in mixscript.segment(text, min_confidence=threshold, languages=CANDIDATES):
        pred[seg.start : seg.end] = [seg.lang] * (seg.end - seg.start)
    for g, p in zip(gold, pred, strict=True):
        if g:
            counts["right" if p == g else "und" if p == "und" else "wrong"] += 1


CANDIDATES: tuple[str, ...] = ()


def sweep(el: ModuleType, corpus: dict[tuple[str, str], list[str]], n: int, seed: int) -> None:
    docs = el.build(corpus, n, seed)
    print("\n3. min_confidence: % of letters right / und / wrong")
    print("| threshold | mixed documents | Latin words in a Persian sentence |")
    print("|---|---|---|")
    rng = random.Random(seed)
    frame = "این را دیروز دیدم: {} و بعد رفتم."
    words = []
    for code in ("en", "fr", "de", "es", "tr"):
        for kind in ("single-words", "word-pairs"):
            for w in rng.sample(corpus[(kind, code)], n // 4):
                text = frame.format(w)
                at = text.index(w)
                gold = [""] * len(text)
                gold[at : at + len(w)] = [code if ch.isalpha() else "" for ch in w]
                words.append((text, gold))
    all_docs = [d for group in docs.values() for d in group]
    for threshold in THRESHOLDS:
        cells = []
        for items in (all_docs, words):
            counts: Counter[str] = Counter()
            for text, gold in items:
                _tally(text, gold, threshold, counts)
            total = sum(counts.values()) or 1
            cells.append(
                " / ".join(f"{100 * counts[k] / total:.2f}" for k in ("right", "und", "wrong"))
            )
        print(f"| {threshold:.1f} | {cells[0]} | {cells[1]} |")


def main(argv: Sequence[str] | None = None) -> int:
    global CANDIDATES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="lingua's language-testdata")
    parser.add_argument("--udhr", type=Path, help="folder of UDHR XML files")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-sweep", action="store_true")
    args = parser.parse_args(argv)
    el = _eval_lang()
    CANDIDATES = tuple(el.CANDIDATES)
    corpus = el.load(args.data)
    missed = heldout(args.udhr) if args.udhr else []
    default_candidates(corpus, args.n)
    if not args.skip_sweep:
        sweep(el, corpus, args.n // 4, args.seed)
    print("\nmissed targets:" if missed else "\nall held-out targets met")
    for m in missed:
        print("  " + m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
