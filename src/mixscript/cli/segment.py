"""``mixscript segment``: segments as JSON Lines, TSV or an HTML page.

Offsets (``start``/``end``, in code points) and ``line`` are absolute in the
input even though long inputs are processed in chunks.  ``text`` is the
cleaned text of the segment, ``source`` the input slice it came from.

The HTML page wraps every segment in ``<bdi lang=... dir=...>`` so a browser
isolates each run and knows its language (fonts, hyphenation, screen
readers).  Line breaks stay outside the ``bdi`` elements, in a
``white-space: pre-wrap`` container with ``unicode-bidi: plaintext``, so each
line is its own bidi paragraph with a base direction from its first strong
character, as in a plain-text editor.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from mixscript.cli.engine import ChunkOut, Command, FileState, Input, line_col
from mixscript.model import Segment
from mixscript.text.breaks import LINE_BREAK
from mixscript.text.chunks import Chunk

__all__ = ["FIELDS", "SegmentCommand"]

FIELDS = (
    "path",
    "start",
    "end",
    "line",
    "text",
    "source",
    "script",
    "lang",
    "tag",
    "direction",
    "kind",
    "confidence",
)
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})

_HTML_HEAD = """<!DOCTYPE html>
<html lang="und">
<head>
<meta charset="utf-8">
<title>mixscript segments</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; }
.text { white-space: pre-wrap; unicode-bidi: plaintext; }
h2 { font-size: 1em; font-family: monospace; }
</style>
</head>
<body>
"""


def _html_text(text: str) -> str:
    """Escaped text; CR as a character reference (the parser would turn a raw CR into LF)."""
    return html.escape(text, quote=True).replace("\r", "&#13;").replace("\0", "\ufffd")


@dataclass(frozen=True)
class SegmentCommand(Command):
    """Options of one ``segment`` run."""

    format: str = "jsonl"
    languages: tuple[str, ...] | None = None
    min_confidence: float | None = None
    encoding: str | None = None

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.lang.tagger import DEFAULT_MIN_CONFIDENCE
        from mixscript.segments import segment

        segments = segment(
            chunk.text,
            profile=inp.profile,
            languages=self.languages,
            min_confidence=(
                DEFAULT_MIN_CONFIDENCE if self.min_confidence is None else self.min_confidence
            ),
        )
        render = {"jsonl": self._jsonl, "tsv": self._tsv, "html": self._html}[self.format]
        lines = line_col(chunk, (seg.start for seg in segments))
        items = [
            render(inp, chunk, seg, line) for seg, (line, _) in zip(segments, lines, strict=True)
        ]
        return ChunkOut(items=items, count=len(segments))

    def _record(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> dict[str, object]:
        return {
            "path": inp.name,
            "start": chunk.start + seg.start,
            "end": chunk.start + seg.end,
            "line": line,
            "text": seg.text,
            "source": chunk.text[seg.start : seg.end],
            "script": seg.script,
            "lang": seg.lang,
            "tag": seg.tag,
            "direction": seg.direction,
            "kind": seg.kind,
            "confidence": round(seg.confidence, 4),
        }

    def _jsonl(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> str:
        return json_line(self._record(inp, chunk, seg, line))

    def _tsv(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> str:
        record = self._record(inp, chunk, seg, line)
        return "\t".join(str(record[f]).translate(_TSV_ESCAPES) for f in FIELDS) + "\n"

    def _html(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> str:
        start = chunk.start + seg.start
        attrs = (
            f'lang="{html.escape(seg.tag)}" dir="{_html_dir(seg)}" '
            f'data-start="{start}" data-end="{chunk.start + seg.end}" '
            f'data-kind="{html.escape(seg.kind)}"'
        )
        parts = []
        for piece in LINE_BREAK.split(seg.text):
            if not piece:
                continue
            if LINE_BREAK.fullmatch(piece):
                parts.append(_html_text(piece))
            else:
                parts.append(f"<bdi {attrs}>{_html_text(piece)}</bdi>")
        return "".join(parts)

    def header(self) -> str:
        if self.format == "tsv":
            return "\t".join(FIELDS) + "\n"
        return _HTML_HEAD if self.format == "html" else ""

    def footer(self) -> str:
        return "</body>\n</html>\n" if self.format == "html" else ""

    def file_start(self, inp: Input) -> str:
        if self.format != "html":
            return ""
        name = html.escape(inp.name)
        return f'<section data-path="{name}">\n<h2 dir="ltr">{name}</h2>\n<div class="text">'

    def file_end(self, inp: Input, state: FileState) -> str:
        return "</div>\n</section>\n" if self.format == "html" else ""

    def exit_code(self, state: FileState) -> int:
        return 0


_JSON_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: dict[str, object]) -> str:
    """One JSON Lines record, UTF-8 readable but with no character a line splitter breaks at.

    ``json.dumps`` escapes C0 controls but leaves U+0085, U+2028 and U+2029
    raw; ``str.splitlines`` and some JSON Lines readers would split there.

    >>> json_line({"t": "a\u2029b"})
    '{"t": "a\\\\u2029b"}\\n'
    """
    return json.dumps(record, ensure_ascii=False).translate(_JSON_BREAKS) + "\n"


def _html_dir(seg: Segment) -> str:
    """``rtl``/``ltr`` for strong segments; neutral ones take their content's direction."""
    return seg.direction if seg.direction in ("rtl", "ltr") else "auto"
