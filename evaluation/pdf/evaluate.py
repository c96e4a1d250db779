"""Extract the PDFs of ``make_pdfs.py`` with real extractors and score mixscript's repair.

For every engine x extractor cell, each extracted line is matched back to a
gold line by its letters and digits (a multiset, so order does not matter:
extractors split, merge and reorder lines, so line numbers mean nothing).
Each gold line is then scored four ways:

* ``raw``: the extracted line, stripped of surrounding white space, equals
  the gold line (both in NFC: canonically equivalent text is the same text);
* ``repair_edits``: after ``mixscript.repair_edits`` on the whole extracted
  text (so page and document decisions apply): the decision the ``safe``
  profile's ``visual_order`` step and ``mixscript repair`` make;
* ``repair``: the same through the ``mixscript repair`` command;
* ``safe``: after ``mixscript.normalize(text, "safe")``;
* ``normalize``: after the ``mixscript normalize`` command (its default
  profile).

``worse`` counts lines a tool changed from right to wrong, and ``further``
lines whose edit distance to the gold grew: both must be 0.  A gold line no
extracted line matches counts as wrong in every column.

    python evaluation/pdf/make_pdfs.py --out build/pdf-eval
    python evaluation/pdf/evaluate.py --pdfs build/pdf-eval --table evaluation/pdf/table.md
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_pdfs import gold_lines  # noqa: E402


def _pdftotext(layout: bool) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        cmd = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
        return subprocess.run(cmd, check=True, capture_output=True).stdout.decode("utf-8")

    return run


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def _pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return "\f".join(page.extract_text() or "" for page in pdf.pages)


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\f".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(str(path)) as doc:
        return "\f".join(page.get_text() for page in doc)


def _pypdfium2(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\f".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": _pdftotext(False),
    "pdftotext-layout": _pdftotext(True),
    "pdfminer": _pdfminer,
    "pdfplumber": _pdfplumber,
    "pypdf": _pypdf,
    "pymupdf": _pymupdf,
    "pypdfium2": _pypdfium2,
}


def letters(line: str) -> Counter[str]:
    """The letters and digits of a line, shape and order ignored: the matching key."""
    flat = unicodedata.normalize("NFKC", line)
    return Counter(c for c in flat if unicodedata.category(c)[0] in "LN")


def similarity(a: Counter[str], b: Counter[str]) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def match(gold: list[str], lines: list[str], floor: float = 0.8) -> dict[int, int]:
    """Gold index -> index of the extracted line that matches it best (if any is close)."""
    keys = [letters(g) for g in gold]
    out: dict[int, tuple[float, int]] = {}
    for j, line in enumerate(lines):
        key = letters(line)
        if sum(key.values()) < 2:
            continue
        best, at = 0.0, -1
        for i, gk in enumerate(keys):
            s = 1.0 if gk == key else similarity(gk, key)
            if s > best:
                best, at = s, i
        if at >= 0 and best >= floor and best > out.get(at, (0.0, -1))[0]:
            out[at] = (best, j)
    return {i: j for i, (_, j) in out.items()}


def distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _cli(args: list[str], text: str) -> str:
    env = dict(os.environ)
    proc = subprocess.run(
        [sys.executable, "-m", "mixscript", *args, "-"],
        input=text.encode("utf-8"),
        capture_output=True,
        env=env,
    )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"mixscript {' '.join(args)}: {proc.stderr.decode()[:300]}")
    return proc.stdout.decode("utf-8")


def tools() -> dict[str, Callable[[str], str]]:
    import mixscript

    return {
        "repair": lambda t: _cli(["repair"], t),
        "repair_edits": lambda t: _apply(t, mixscript.repair_edits(t)),
        "safe": lambda t: mixscript.normalize(t, "safe"),
        "normalize": lambda t: _cli(["normalize"], t),
    }


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, at = [], 0
    for start, end, new in edits:
        out.append(text[at:start] + new)
        at = end
    return "".join(out) + text[at:]


COLUMNS: list[str] = ["raw", "repair_edits", "repair", "safe", "normalize"]


def score_cell(gold: list[str], text: str, detail: list[dict[str, object]]) -> dict[str, int]:
    lines = text.splitlines()
    found = match(gold, lines)
    outputs = {"raw": lines}
    for name, tool in tools().items():
        if name not in COLUMNS:
            continue
        out = tool(text).splitlines()
        if len(out) != len(lines):
            # The command failed or wrote nothing: every line counts as wrong.
            print(f"  {name}: {len(out)} lines out for {len(lines)} in", file=sys.stderr)
            out = [""] * len(lines)
        outputs[name] = out
    row = {"gold": len(gold), "matched": len(found)}
    for c in COLUMNS:
        row[c] = 0
        if c != "raw":
            row[c + " worse"] = 0
            row[c + " further"] = 0
    for i, j in found.items():
        # Canonically equivalent text is the same text: compare in NFC.
        want = unicodedata.normalize("NFC", gold[i])
        raw = unicodedata.normalize("NFC", lines[j].strip())
        d_raw = distance(raw, want)
        entry: dict[str, object] = {"gold": gold[i], "raw text": lines[j]}
        for c in COLUMNS:
            got = unicodedata.normalize("NFC", outputs[c][j].strip())
            right = got == want
            row[c] += right
            entry[c] = right
            if c != "raw":
                entry[c + " text"] = outputs[c][j]
                if raw == want and not right:
                    row[c + " worse"] += 1
                if distance(got, want) > d_raw:
                    row[c + " further"] += 1
                    entry[c + " further"] = True
        detail.append(entry)
    return row


_HEADS = {
    "repair_edits": "`repair_edits`",
    "repair": "`mixscript repair`",
    "safe": "`safe`",
    "normalize": "`mixscript normalize`",
}


def markdown(rows: dict[tuple[str, str], dict[str, int]]) -> str:
    tools = COLUMNS[1:]
    head = (
        "| engine | extractor | lines | matched | as extracted | "
        + " | ".join(_HEADS[c] for c in tools)
        + " | made worse ("
        + "/".join(_HEADS[c].strip("`").replace("mixscript ", "") for c in tools)
        + ") |\n|---|---|"
        + "---:|" * (3 + len(tools))
        + "---|\n"
    )
    body = []
    total: Counter[str] = Counter()
    for (engine, extractor), r in [*rows.items(), (("**all**", ""), None)]:
        if r is None:
            r = total
        else:
            total.update(r)
        cells = " | ".join(str(r[c]) for c in tools)
        worse = "/".join(str(r[c + " worse"]) for c in tools)
        body.append(
            f"| {engine} | {extractor} | {r['gold']} | {r['matched']} | {r['raw']} | {cells} | {worse} |"
        )
    further = "/".join(str(total[c + " further"]) for c in tools)
    return (
        head
        + "\n".join(body)
        + "\n\nLines moved further from the gold (edit distance grew; "
        + "/".join(_HEADS[c].strip("`").replace("mixscript ", "") for c in tools)
        + f"): {further}.\n"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdfs", type=Path, default=Path("build/pdf-eval"))
    ap.add_argument("--lines", type=Path, help="gold lines (default: the PDFs' lines.txt or ours)")
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--table", type=Path, help="write the Markdown table here")
    ap.add_argument("--detail", type=Path, help="write every matched line as JSON lines here")
    ap.add_argument(
        "--tools",
        default="repair_edits,repair,safe,normalize",
        help="columns to measure (repair_edits, repair, safe, normalize)",
    )
    args = ap.parse_args(argv)
    COLUMNS[1:] = args.tools.split(",")
    lines_path = args.lines or (
        args.pdfs / "lines.txt" if (args.pdfs / "lines.txt").exists() else HERE / "lines.txt"
    )
    gold = [line for _, line in gold_lines(lines_path)]
    rows: dict[tuple[str, str], dict[str, int]] = {}
    detail: list[dict[str, object]] = []
    for pdf in sorted(args.pdfs.glob("*.pdf")):
        for name in args.extractors.split(","):
            try:
                text = EXTRACTORS[name](pdf)
            except Exception as exc:
                print(f"{pdf.stem} x {name}: skipped ({exc})", file=sys.stderr)
                continue
            cell: list[dict[str, object]] = []
            rows[pdf.stem, name] = score_cell(gold, text, cell)
            for entry in cell:
                entry["cell"] = f"{pdf.stem} x {name}"
            detail.extend(cell)
            print(pdf.stem, name, rows[pdf.stem, name], file=sys.stderr)
    table = markdown(rows)
    print(table)
    if args.table:
        args.table.write_text(table, encoding="utf-8")
    if args.detail:
        with args.detail.open("w", encoding="utf-8") as f:
            for entry in detail:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
