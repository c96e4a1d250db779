"""One long line against the same bytes in many lines: every command, and the ratio.

Why: a minified file (a JSON export, a bundled script) is one line of
megabytes.  A tool whose cost grows with the square of a line's length
hangs on it, and a pre-commit hook that hangs is a hook people remove.
Each command must cost about the same on one long line as on the same
bytes cut into lines.

The input is a JSON array of news records in Persian with Latin brand names,
plus now and then what the checks look for (mixed digits, a Cyrillic
look-alike word, a zero-width space, bidi controls, brackets, presentation
forms, harakat).  The one-line file joins the records with ``", "``; the
many-line file replaces some of those separators with ``",\\n"``, so both
files have exactly the same number of bytes.  Each command runs in a fresh
process on each file, alternately, ``--runs`` times; the table gives the
fastest run of each and the ratio one line / many lines (the goal: under 2).

    python benchmarks/long_lines.py                     # 5 MB, 5,000 lines
    python benchmarks/long_lines.py --mb 1 --lines 1000 --only check,normalize
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERSIAN = (
    "من امروز به کتابخانه رفتم و چند کتاب درباره تاریخ ایران خواندم دانشجویان در "
    "دانشگاه تهران زبان فارسی را یاد می\u200cگیرند شرکت اعلام کرد که محصول جدید خود "
    "را در بازار عرضه می\u200cکند و قیمت آن ۱۲۵ میلیون تومان است"
).split()
BRANDS = (
    "Apple",
    "Samsung",
    "iPhone 15",
    "Google",
    "Microsoft",
    "Tesla",
    "BMW",
    "Galaxy S24",
    "OpenAI",
    "Instagram",
)
# What the checks and the bidi passes have to look at: brackets, guillemets,
# an RLM, mixed digits, a Cyrillic look-alike word, a ZWSP inside a word, a
# word with a missing space, an escape, presentation forms, harakat, an
# override and an isolate.
NOISE = (
    "(Apple)",
    "«سامسونگ»",
    "\u200fiPhone",
    "۱۲٣",
    "раураl",
    "pay\u200bpal",
    "Errorکا",
    "\\u200b",
    "[۲۰۲۴]",
    "\ufee3\ufee6",
    "\u202eabc\u202c",
    "{x}",
    "٥۵",
    "کَتَبَ",
    "\u2067إ\u2069",
)
COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    "normalize": ["normalize"],
    "segment": ["segment"],
    "display": ["display"],
    "display --width 80": ["display", "--width", "80"],
    "repair": ["repair"],
}


def records(nbytes: int, seed: int = 2) -> list[str]:
    """JSON records of about ``nbytes`` bytes in all, deterministic for a seed."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < nbytes:
        words = []
        for _ in range(rng.randint(20, 40)):
            r = rng.random()
            pool = NOISE if r < 0.03 else BRANDS if r < 0.15 else PERSIAN
            words.append(rng.choice(pool))
        rec = {"id": len(out), "title": " ".join(words[:8]), "body": " ".join(words)}
        text = json.dumps(rec, ensure_ascii=False)
        out.append(text)
        size += len(text.encode("utf-8")) + 2
    return out


def one_and_many(nbytes: int, lines: int) -> tuple[str, str]:
    """The records as one line and as ``lines`` lines, the same number of bytes."""
    recs = records(nbytes)
    one = "[" + ", ".join(recs) + "]\n"
    cuts = {round(k * len(recs) / lines) for k in range(1, lines)}
    parts: list[str] = []
    for k, rec in enumerate(recs):
        parts.append(rec)
        if k < len(recs) - 1:
            parts.append(",\n" if k + 1 in cuts else ", ")
    many = "[" + "".join(parts) + "]\n"
    assert len(one.encode("utf-8")) == len(many.encode("utf-8"))
    return one, many


def run(args: list[str], path: Path) -> float:
    """Seconds one ``mixscript`` process takes on ``path`` (output discarded)."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mixscript", *args, "--quiet", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of each file (10**6 bytes)")
    parser.add_argument("--lines", type=int, default=5000, help="lines of the many-line file")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command on each file")
    parser.add_argument("--only", help="comma-separated commands (default: all)")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(COMMANDS)
    one, many = one_and_many(int(args.mb * 1e6), args.lines)
    with tempfile.TemporaryDirectory() as tmp:
        one_path, many_path = Path(tmp, "one.json"), Path(tmp, "many.json")
        one_path.write_text(one, encoding="utf-8")
        many_path.write_text(many, encoding="utf-8")
        size = os.path.getsize(one_path) / 1e6
        print(f"{size:.1f} MB as 1 line and as {many.count(chr(10))} lines, best of {args.runs}")
        print()
        print("| command | one line (s) | many lines (s) | ratio |")
        print("|---|---:|---:|---:|")
        for name in names:
            t_one: list[float] = []
            t_many: list[float] = []
            for _ in range(args.runs):
                t_many.append(run(COMMANDS[name], many_path))
                t_one.append(run(COMMANDS[name], one_path))
            a, b = min(t_one), min(t_many)
            print(f"| `{name}` | {a:.1f} | {b:.1f} | {a / b:.2f} |", flush=True)


if __name__ == "__main__":
    main()
