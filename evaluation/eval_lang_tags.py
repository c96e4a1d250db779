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
THRESHOLDS = (0.0, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)
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


_FLUENT_VALUE = regex.compile(r"^(?:[\w.-]+\s*=|\s+(?:\.[\w-]+\s*=)?)\s*(.*)$")
_FLUENT_NOISE = regex.compile(r"\{[^{}]*\}|<[^<>]*>")


def fluent_messages(path: Path) -> list[str]:
    """The translated text of a Fluent (``.ftl``) file or folder, one message line each.

    Placeables (``{ $name }``, ``{ -brand-name }``) and markup are dropped;
    lines without an Arabic-script letter (keys, access keys) are skipped.
    """
    files = sorted(path.rglob("*.ftl")) if path.is_dir() else [path]
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                continue
            m = _FLUENT_VALUE.match(line)
            if m:
                text = " ".join(_FLUENT_NOISE.sub(" ", m.group(1)).split())
                if regex.search(r"\p{Script=Arabic}", text):
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
    missed: list[str] = []
    for code, name in UDHR.items():
        path = folder / name
        if not path.exists():
            continue
        paras = udhr_paragraphs(path)
        if not paras:
            continue
        counts = letter_shares(paras)
        verdict = _verdict(code, code, counts, missed)
        print(f"| {code} | {len(paras)} | {_shares(counts)} | {verdict} |")
    print("\n1b. The same texts cut into pieces of four words, each segmented alone")
    print("| text | pieces | letters per tag |")
    print("|---|---|---|")
    for code, name in UDHR.items():
        path = folder / name
        paras = udhr_paragraphs(path) if path.exists() else []
        if not paras:
            continue
        pieces = [
            " ".join(words[i : i + 4])
            for words in (p.split() for p in paras)
            for i in range(0, len(words), 4)
        ]
        print(f"| {code} | {len(pieces)} | {_shares(letter_shares(pieces))} |")
    return missed


def _verdict(code: str, label: str, counts: Counter[str], missed: list[str]) -> str:
    """The target column for ``code``: the share of accepted tags; a miss is added to ``missed``."""
    if code not in ACCEPTED:
        return ""
    ok = 100 * sum(counts[k] for k in ACCEPTED[code]) / (sum(counts.values()) or 1)
    if ok < TARGETS[code]:
        missed.append(f"{label}: {ok:.1f}% < {TARGETS[code]}%")
    return f"{'/'.join(ACCEPTED[code])} {ok:.1f}% (>= {TARGETS[code]})"


def fluent(sources: Sequence[str]) -> list[str]:
    """Table 1c: software messages (``CODE=PATH`` of Fluent files), each segmented alone."""
    missed: list[str] = []
    print("\n1c. Translated software messages (Fluent files), each segmented alone")
    print("| text | messages | letters per tag | target |")
    print("|---|---|---|---|")
    for source in sources:
        code, _, where = source.partition("=")
        messages = fluent_messages(Path(where))
        counts = letter_shares(messages)
        verdict = _verdict(code, f"{code} (messages)", counts, missed)
        print(f"| {code} | {len(messages)} | {_shares(counts)} | {verdict} |")
    return missed


def default_candidates(corpus: dict[tuple[str, str], list[str]], n: int) -> None:
    print("\n2. lingua test sentences, default candidates (all Arabic-script languages)")
    print("| lang | letters per tag |")
    print("|---|---|")
    for code in ("ar", "fa", "ur"):
        counts = letter_shares(corpus[("sentences", code)][:n])
        print(f"| {code} | {_shares(counts)} |")


CANDIDATES: tuple[str, ...] = ()


def _outcomes(text: str, gold: list[str]) -> list[tuple[float, bool]]:
    """(confidence, right) of every letter, tagged with no minimum confidence."""
    pred = [""] * len(text)
    conf = [0.0] * len(text)
    for seg in mixscript.segment(text, min_confidence=0.0, languages=CANDIDATES):
        pred[seg.start : seg.end] = [seg.lang] * (seg.end - seg.start)
        conf[seg.start : seg.end] = [seg.confidence] * (seg.end - seg.start)
    return [
        (c, p == g) if p != "und" else (-1.0, False)
        for g, p, c in zip(gold, pred, conf, strict=False)
        if g
    ]


def sweep(el: ModuleType, corpus: dict[tuple[str, str], list[str]], n: int, seed: int) -> None:
    """Tag once with no minimum, then count each threshold's right / und / wrong letters."""
    docs = el.build(corpus, n, seed)
    rng = random.Random(seed)
    frame = "این را دیروز دیدم: {} و بعد رفتم."
    words = []
    for code in ("en", "fr", "de", "es", "tr"):
        for kind in ("single-words", "word-pairs"):
            for w in rng.sample(corpus[(kind, code)], n):
                text = frame.format(w)
                at = text.index(w)
                gold = [""] * len(text)
                gold[at : at + len(w)] = [code if ch.isalpha() else "" for ch in w]
                words.append((text, gold))
    groups = {
        "mixed documents": [d for group in docs.values() for d in group],
        "Latin words in a Persian sentence": words,
    }
    outcomes = {
        name: [o for text, gold in items for o in _outcomes(text, gold)]
        for name, items in groups.items()
    }
    print("\n3. min_confidence: % of letters right / und / wrong")
    print("| threshold | " + " | ".join(groups) + " |")
    print("|---|" + "---|" * len(groups))
    for threshold in THRESHOLDS:
        cells = []
        for letters in outcomes.values():
            total = len(letters) or 1
            right = sum(1 for c, ok in letters if ok and c >= threshold)
            wrong = sum(1 for c, ok in letters if not ok and c >= threshold)
            und = total - right - wrong
            cells.append(" / ".join(f"{100 * x / total:.2f}" for x in (right, und, wrong)))
        print(f"| {threshold:.2f} | " + " | ".join(cells) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    global CANDIDATES
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="lingua's language-testdata")
    parser.add_argument("--udhr", type=Path, help="folder of UDHR XML files")
    parser.add_argument(
        "--fluent",
        action="append",
        default=[],
        metavar="CODE=PATH",
        help="Fluent (.ftl) file or folder of translated messages in language CODE",
    )
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-sweep", action="store_true")
    args = parser.parse_args(argv)
    el = _eval_lang()
    CANDIDATES = tuple(el.CANDIDATES)
    corpus = el.load(args.data)
    missed = heldout(args.udhr) if args.udhr else []
    if args.fluent:
        missed += fluent(args.fluent)
    default_candidates(corpus, args.n)
    if not args.skip_sweep:
        sweep(el, corpus, args.n, args.seed)
    print("\nmissed targets:" if missed else "\nall held-out targets met")
    for m in missed:
        print("  " + m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
