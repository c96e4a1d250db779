"""The ``letters`` step on Arabic, Persian and Urdu text: as written, and typed on the other keyboard.

The step writes each language's yeh and kaf: ی and ک in Persian and Urdu,
ي/ى and ك in Arabic.  Text as its writers published it is mostly in its own
convention already, so running the step on it measures restraint: every
change is listed, to be read by hand (a Persian sentence that holds an
Arabic yeh is a fix; an Arabic one given a Persian yeh is damage).  To
measure what it restores, each item is also typed on the other keyboard
(Persian and Urdu with Arabic yeh and kaf; Arabic with Persian yeh and
keheh) and the step's output is compared with the original letters:

* ``restored``: every yeh and kaf as the original has them;
* ``left``: the step changed nothing (too unsure to act);
* ``partly``: some restored, some not;
* ``wrong``: some letter the step wrote is not the original's.

Arabic written on a Persian keyboard has lost the difference between ي and
ى (the Persian yeh stands for both), and Arabic writers differ on the yeh
that ends a word (في, فى): for Arabic the two count as one letter here.

Items are sentences, word pairs and single words of lingua's test data;
only those holding a yeh or kaf count.  With ``--udhr DIR`` (the Unicode
UDHR project's XML texts, as ``eval_lang_tags.py`` reads them) the step
also runs on the declaration's paragraphs and on pieces of four and two
words cut from them, as written, in every language present: Pashto,
Kurdish and Uyghur have no convention here, so every change to them is
damage; in the others a change is listed to be read.

    python evaluation/conventions.py --data DIR [--n 2000] [--show 10] [--udhr DIR]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from mixscript import PROFILES, explain

PROFILE = PROFILES["clean"]
ARABIC_YEH, ALEF_MAKSURA, ARABIC_KAF = "\u064a", "\u0649", "\u0643"
PERSIAN_YEH, KEHEH = "\u06cc", "\u06a9"
LETTERS = frozenset((ARABIC_YEH, ALEF_MAKSURA, ARABIC_KAF, PERSIAN_YEH, KEHEH))
# What the other keyboard types for each language's letters.
TO_ARABIC_KEYBOARD = str.maketrans({PERSIAN_YEH: ARABIC_YEH, KEHEH: ARABIC_KAF})
TO_PERSIAN_KEYBOARD = str.maketrans(
    {ARABIC_YEH: PERSIAN_YEH, ALEF_MAKSURA: PERSIAN_YEH, ARABIC_KAF: KEHEH}
)
# ي and ى counted as one (see the module text); only Arabic text holds ى.
_ONE_YEH = str.maketrans({ALEF_MAKSURA: ARABIC_YEH})
FILES = ("sentences", "word-pairs", "single-words")


def letters_step(text: str) -> str:
    """``text`` with only the ``letters`` step's changes of the ``clean`` profile applied."""
    out = list(text)
    for change in explain(text, PROFILE).changes:
        if change.rule == "letters":
            for k, ch in zip(range(change.start, change.end), change.replacement, strict=True):
                out[k] = ch
    return "".join(out)


def outcome(original: str, typed: str, result: str) -> str:
    """How the step did on ``typed`` (``original`` on the other keyboard): see the module text."""
    original, result = original.translate(_ONE_YEH), result.translate(_ONE_YEH)
    positions = [k for k, ch in enumerate(original) if ch in LETTERS]
    if result == typed:
        return "left"
    if any(result[k] != typed[k] and result[k] != original[k] for k in positions):
        return "wrong"
    if all(result[k] == original[k] for k in positions):
        return "restored"
    return "partly"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="lingua test data folder")
    parser.add_argument("--n", type=int, default=2000, help="items per language and file")
    parser.add_argument("--show", type=int, default=10, help="examples to print per table")
    parser.add_argument("--udhr", type=Path, help="folder of UDHR XML files")
    args = parser.parse_args()
    print("| language | items | as written: changed | typed: restored | left | partly | wrong |")
    print("|---|---|---:|---:|---:|---:|---:|")
    shown: list[str] = []
    for lang in ("ar", "fa", "ur"):
        swap = TO_PERSIAN_KEYBOARD if lang == "ar" else TO_ARABIC_KEYBOARD
        for name in FILES:
            path = args.data / f"{name}-{lang}.txt"
            items = [
                line.strip()
                for line in path.read_text(encoding="utf-8").splitlines()
                if LETTERS.intersection(line)
            ][: args.n]
            changed = 0
            counts: Counter[str] = Counter()
            for item in items:
                if letters_step(item) != item:
                    changed += 1
                    if len(shown) < args.show * 6:
                        shown.append(
                            f"{lang} {name} as written: {item!r} -> {letters_step(item)!r}"
                        )
                typed = item.translate(swap)
                if typed == item:
                    continue
                result = letters_step(typed)
                verdict = outcome(item, typed, result)
                counts[verdict] += 1
                if verdict == "wrong" and len(shown) < args.show * 6:
                    shown.append(f"{lang} {name} typed: {typed!r} -> {result!r}")
            print(
                f"| {lang} {name} | {len(items)} | {changed} | {counts['restored']} "
                f"| {counts['left']} | {counts['partly']} | {counts['wrong']} |"
            )
    print()
    for line in shown:
        print(line)
    if args.udhr is not None:
        udhr(args.udhr, args.show)


def udhr(folder: Path, show: int) -> None:
    """The step on the UDHR's paragraphs and on pieces of them, as written (see the module text)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from eval_lang_tags import UDHR, udhr_paragraphs

    print()
    print("| UDHR | paragraphs changed | 4-word pieces changed | 2-word pieces changed |")
    print("|---|---:|---:|---:|")
    shown: list[str] = []
    for lang, name in UDHR.items():
        if not (folder / name).exists():
            continue
        paragraphs = udhr_paragraphs(folder / name)
        cells = []
        for size in (0, 4, 2):
            items = paragraphs if not size else list(_pieces(paragraphs, size))
            items = [item for item in items if LETTERS.intersection(item)]
            changed = [(item, letters_step(item)) for item in items]
            changed = [(a, b) for a, b in changed if a != b]
            cells.append(f"{len(changed)} of {len(items)}")
            shown.extend(f"{lang} {size or 'all'}: {a!r} -> {b!r}" for a, b in changed[:show])
        print(f"| {lang} | " + " | ".join(cells) + " |")
    print()
    for line in shown:
        print(line)


def _pieces(paragraphs: list[str], size: int) -> Iterator[str]:
    """Consecutive pieces of ``size`` words of each paragraph."""
    for paragraph in paragraphs:
        words = paragraph.split()
        for k in range(0, len(words) - size + 1, size):
            yield " ".join(words[k : k + size])


if __name__ == "__main__":
    main()
