"""Round trip logical -> visual -> logical, and visual-order detection accuracy.

Every logical line is turned into visual order by three producers:

* ``get_display``: python-bidi's ``get_display`` (paragraph direction from
  the text, no mirroring: what most scripts do);
* ``reshape+get_display``: arabic-reshaper (harakat kept) then ``get_display``,
  the usual recipe for Pillow and matplotlib, leaving presentation forms;
* ``to_visual``: mixscript's own, shaped and mirrored
  (it drops bidi controls, so they are dropped from the expected text too).

Each line is used as it is and, where it has room between Arabic words,
with a Latin phrase about a third of the way in and a number two thirds in.
``mixscript.to_logical`` must give back the NFC of the original.

Detection is measured on the same lines: the logical lines are the
negatives, the ``get_display`` and ``reshape+get_display`` outputs the
positives (a visual line equal to its logical source, e.g. a lone digit, is
left out).  Precision and recall are given per line length, at the
detection threshold and at the (higher) repair threshold, and
``changed`` counts logical lines that ``repair_edits`` would modify: it
must be 0.

Usage::

    python evaluation/roundtrip.py --data path/to/lingua-testdata

(the lingua test data: language-testdata from pemistahl/lingua-py; the
script reads ``sentences-``, ``word-pairs-`` and ``single-words-`` files for
ar, fa and ur).  Without ``--data`` only the built-in sentences are used.
"""

from __future__ import annotations

import argparse
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import arabic_reshaper
from bidi import get_display

from mixscript import detect_visual, repair_edits, to_logical, to_visual
from mixscript.bidi.repair import REPAIR_THRESHOLD

OWN_SENTENCES = [
    "السلام (عليكم) ورحمة الله",
    "سنة 2021 م كانت صعبة",
    "بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ",
    "وُلِدَ في القاهرة عام ١٩٥٢ وعاش فيها",
    "سال ۱۴۰۰ برای ما سال خوبی بود",
    "من می\u200cخواهم به Vienna بروم",
    "قیمت این کتاب ۲۵۰ هزار تومان است",
    "یہ کتاب (اردو میں) 1998 میں چھپی تھی",
    "ہم کل لاہور جائیں گے",
    "قال المدير: «الاجتماع غداً في الساعة 10»",
    "الطلاب في الجامعة يدرسون الفيزياء والكيمياء",
    "ما هي عاصمة فرنسا؟",
    "دا زما کتاب دی",
    "ئەم کتێبە زۆر باشە",
    "تم تحديث Windows 10 على الجهاز [الجديد]",
]

_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LATIN_PHRASE = "New York"
NUMBER = "2024"

Producer = Callable[[str], str]


def _reshaped_display(line: str) -> str:
    # Harakat kept, and no ALLAH ligature: its one glyph cannot carry the
    # word's shadda and kasra, so no reader could give them back.
    config = {"delete_harakat": False, "ARABIC LIGATURE ALLAH": False}
    reshaper = arabic_reshaper.ArabicReshaper(configuration=config)
    return str(get_display(reshaper.reshape(line)))


PRODUCERS: dict[str, Producer] = {
    "get_display": lambda line: str(get_display(line)),
    "reshape+get_display": _reshaped_display,
    "to_visual": to_visual,
}


def _bucket(line: str) -> str:
    words = len(line.split())
    if words <= 3:
        return "1-3 words"
    if words <= 8:
        return "4-8 words"
    return "9+ words"


def _arabic_word(word: str) -> bool:
    return all(unicodedata.bidirectional(c) in ("AL", "R", "NSM", "BN") for c in word)


def _with_inserts(line: str) -> str | None:
    """The line with a Latin phrase about a third of the way in and a number two thirds in.

    Each goes between two words made only of Arabic-script letters: a Latin
    word drawn next to a number (``Windows 10``, ``06:41 PM``) reads the
    same whichever of the two came first, so that order cannot be recovered
    from visual text, and that is not what this variant measures.  Lines
    with no two such places are left out.
    """
    words = line.split()
    gaps = [
        k for k in range(1, len(words)) if _arabic_word(words[k - 1]) and _arabic_word(words[k])
    ]
    if len(gaps) < 2:
        return None
    first = gaps[len(gaps) // 3]
    second = next((k for k in gaps[len(gaps) * 2 // 3 :] if k > first), None)
    if second is None:
        return None
    return " ".join([*words[:first], LATIN_PHRASE, *words[first:second], NUMBER, *words[second:]])


def load(data: Path | None) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {"own": OWN_SENTENCES}
    if data is not None:
        for lang in ("ar", "fa", "ur"):
            lines: list[str] = []
            for kind in ("sentences", "word-pairs", "single-words"):
                path = data / f"{kind}-{lang}.txt"
                if path.exists():
                    lines += [s.strip() for s in path.read_text("utf-8").splitlines() if s.strip()]
            sets[lang] = lines
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="lingua test data folder")
    parser.add_argument(
        "--limit", type=int, default=0, help="use only the first N lines of each set (0: all)"
    )
    args = parser.parse_args()
    sets = load(args.data)
    if args.limit:
        sets = {name: lines[: args.limit] for name, lines in sets.items()}

    trips: Counter[tuple[str, str, str]] = Counter()
    trip_ok: Counter[tuple[str, str, str]] = Counter()
    failures: list[tuple[str, str, str]] = []
    # detection counts per bucket: [negatives, fp@detect, fp@repair, changed,
    #                               positives, tp@detect, tp@repair]
    det: dict[str, list[int]] = {}
    for name, lines in sets.items():
        for original in lines:
            variants = [("whole", original)]
            inserted = _with_inserts(original)
            if inserted is not None:
                variants.append(("latin+number", inserted))
            for variant, logical in variants:
                nfc = unicodedata.normalize("NFC", logical)
                row = det.setdefault(_bucket(logical), [0] * 7)
                row[0] += 1
                found = detect_visual(logical)
                row[1] += bool(found)
                row[2] += any(v.confidence >= REPAIR_THRESHOLD for v in found)
                row[3] += bool(repair_edits(logical))
                for producer, make in PRODUCERS.items():
                    visual = make(logical)
                    expected = nfc
                    back = unicodedata.normalize("NFC", to_logical(visual))
                    if producer == "to_visual":  # it drops bidi controls by design
                        expected = "".join(c for c in expected if c not in _CONTROLS)
                    key = (name, producer, variant)
                    trips[key] += 1
                    if back == expected:
                        trip_ok[key] += 1
                    elif len(failures) < 8:
                        failures.append((producer, logical, back))
                    if producer != "to_visual" and visual != logical:
                        row[4] += 1
                        seen = detect_visual(visual)
                        row[5] += bool(seen)
                        row[6] += any(v.confidence >= REPAIR_THRESHOLD for v in seen)

    print("## Round trip: to_logical(producer(line)) == NFC(line)\n")
    print("| set | producer | variant | lines | exact | rate |")
    print("|---|---|---|---:|---:|---:|")
    for key in sorted(trips):
        n, ok = trips[key], trip_ok[key]
        print(f"| {key[0]} | {key[1]} | {key[2]} | {n} | {ok} | {ok / n:.1%} |")
    print("\n## Detection (logical lines are negatives, python-bidi outputs positives)\n")
    print(
        "| words | logical lines | FP detect | FP repair | logical lines changed |"
        " visual lines | precision detect | recall detect | precision repair | recall repair |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for bucket in ("1-3 words", "4-8 words", "9+ words"):
        neg, fp_d, fp_r, changed, pos, tp_d, tp_r = det.get(bucket, [0] * 7)
        prec_d = tp_d / (tp_d + fp_d) if tp_d + fp_d else 1.0
        prec_r = tp_r / (tp_r + fp_r) if tp_r + fp_r else 1.0
        rec_d = tp_d / pos if pos else 0.0
        rec_r = tp_r / pos if pos else 0.0
        print(
            f"| {bucket} | {neg} | {fp_d} | {fp_r} | {changed} | {pos} | {prec_d:.3f} |"
            f" {rec_d:.3f} | {prec_r:.3f} | {rec_r:.3f} |"
        )
    if failures:
        print("\nFirst round-trip failures (producer, original, got):")
        for producer, logical, back in failures:
            print(f"- {producer}: {logical!r} -> {back!r}")


if __name__ == "__main__":
    main()
