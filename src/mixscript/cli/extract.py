"""``mixscript extract FILE.pdf ...``: the text of PDFs in logical order (the ``pdf`` extra).

Text output is each PDF's pages separated by form feeds, as ``pdftotext``
writes them; ``--format jsonl`` gives one JSON object per segment with its
``page`` (from 1), offsets into that page's text, and the fields of
``mixscript segment``.  A PDF without extractable text (encrypted,
image-only, damaged) is an input error: a message on standard error, exit
code 2, and the other files are still extracted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

__all__ = ["run"]


def _jsonl(path: str, number: int, text: str, languages: Sequence[str] | None) -> str:
    from mixscript.cli.segment import segment_fields
    from mixscript.segments import segment

    lines = []
    line = 1
    pos = 0
    for seg in segment(text, profile="safe", languages=languages):
        line += text.count("\n", pos, seg.start)
        pos = seg.start
        record = {
            "path": path,
            "page": number,
            "start": seg.start,
            "end": seg.end,
            "line": line,
            "text": seg.text,
            **segment_fields(seg),
        }
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def run(
    paths: Sequence[str],
    *,
    format: str = "text",
    profile: str = "safe",
    languages: Sequence[str] | None = None,
) -> int:
    """Extract every PDF in ``paths`` to standard output; the exit code (0, or 2 on any error)."""
    from mixscript.pdf import PdfError, extract_pages

    code = 0
    for path in paths:
        try:
            pages = extract_pages(path, profile=profile)
        except PdfError as exc:
            sys.stderr.write(f"mixscript extract: {exc}\n")
            code = 2
            continue
        if format == "jsonl":
            out = "".join(_jsonl(path, p.number, p.text, languages) for p in pages)
        else:
            out = "\f".join(p.text for p in pages)
            if out and not out.endswith("\n"):
                out += "\n"
        sys.stdout.flush()
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.buffer.flush()
    return code
