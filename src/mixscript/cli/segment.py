"""``mixscript segment``: segments as JSON Lines, TSV or an HTML page.

Offsets (``start``/``end``, in code points) and ``line`` are absolute in the
input even though long inputs are processed in chunks.  ``text`` is the
cleaned text of the segment, ``source`` the input slice it came from.

The HTML page must draw the text exactly as a plain-text viewer draws it,
with the segments made visible.  So:

* every bidi paragraph (text up to a paragraph separator, UAX #9 class B) is
  a block of its own whose ``dir`` is that of its first strong character
  (rules P2/P3, isolates skipped), ``auto`` when it has none;
* every segment is a plain ``<span>``: no ``dir``, no ``<bdi>``, nothing that
  isolates or embeds.  An isolate would make each segment a neutral for the
  paragraph around it (``سلام Hello دنیا`` would lose its right-to-left
  order, and a bracket would leave the words it encloses); a span only
  paints.  ``lang`` is kept for fonts and screen readers, and colours are
  backgrounds, which take no room;
* a colour per language (assigned in order of appearance, per file), a
  legend after each file, and a tooltip with tag, kind, confidence and
  offsets.

Line breaks that do not end a bidi paragraph (U+2028, VT, FF) become
``<br>``.  Everything taken from the input is escaped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from mixscript.bidi.engine import first_strong_level
from mixscript.cli.engine import ChunkOut, Command, FileState, Input, line_col
from mixscript.model import Segment
from mixscript.text.breaks import LINE_BREAK, PARAGRAPH_SEPARATORS, line_break_class
from mixscript.text.chunks import Chunk

__all__ = ["FIELDS", "SegmentCommand", "segment_fields"]

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


def segment_fields(seg: Segment) -> dict[str, object]:
    """What a segment record says about its text, the same in every command that writes records."""
    return {
        "script": seg.script,
        "lang": seg.lang,
        "tag": seg.tag,
        "direction": seg.direction,
        "kind": seg.kind,
        "confidence": round(seg.confidence, 4),
    }


# ColorBrewer "Set3" without its grey (grey would read as "no language").
PALETTE = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
)
_COLOUR_CSS = "\n".join(f".c{i} {{ background-color: {c}; }}" for i, c in enumerate(PALETTE))
_HTML_HEAD = f"""<!DOCTYPE html>
<html lang="und">
<head>
<meta charset="utf-8">
<title>mixscript segments</title>
<style>
body {{ font-family: "DejaVu Sans", sans-serif; }}
.p {{ white-space: pre-wrap; margin: 0; }}
h2 {{ font-size: 1em; font-family: monospace; }}
.legend {{ font-size: 0.9em; }}
{_COLOUR_CSS}
</style>
</head>
<body>
"""
# Line breaks that end a bidi paragraph (UAX #9 class B); the others only break the line.
_PARAGRAPH_BREAK = re.compile(rf"\r\n|[{line_break_class(PARAGRAPH_SEPARATORS)}]")
_COLOUR_KEY = "colour "
_COUNT_KEY = "segments "


def _html_text(text: str) -> str:
    """Escaped text; NUL (which HTML parsers drop) as U+FFFD."""
    return html.escape(text, quote=True).replace("\0", "\ufffd")


def _paragraph(parts: list[str], shown: list[str]) -> str:
    """One bidi paragraph as a block, its direction from its first strong character (P2/P3)."""
    level = first_strong_level("".join(shown))
    direction = "auto" if level is None else ("rtl" if level else "ltr")
    return f'<div class="p" dir="{direction}">{"".join(parts) or "<br>"}</div>\n'


def _colour(lang: str, state: FileState) -> str:
    """The colour class of ``lang`` in this file: the next palette entry at its first segment."""
    if lang == "und":
        return ""
    key = _COLOUR_KEY + lang
    if key not in state.extra:
        state.extra[key] = sum(k.startswith(_COLOUR_KEY) for k in state.extra)
    return f" c{state.extra[key] % len(PALETTE)}"


@dataclass(frozen=True)
class SegmentCommand(Command):
    """Options of one ``segment`` run."""

    format: str = "jsonl"
    languages: tuple[str, ...] | None = None
    min_confidence: float | None = None
    encoding: str | None = None
    text_output: bool = True

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
        if self.format == "html":
            # Rendered in :meth:`render`, in order, where each file's colours are assigned.
            return ChunkOut(count=len(segments), data=segments)
        render = {"jsonl": self._jsonl, "tsv": self._tsv}[self.format]
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
            **segment_fields(seg),
        }

    def _jsonl(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> str:
        return json_line(self._record(inp, chunk, seg, line))

    def _tsv(self, inp: Input, chunk: Chunk, seg: Segment, line: int) -> str:
        record = self._record(inp, chunk, seg, line)
        return "\t".join(str(record[f]).translate(_TSV_ESCAPES) for f in FIELDS) + "\n"

    def render(self, inp: Input, chunk: Chunk, out: ChunkOut, state: FileState) -> str:
        if self.format != "html":
            return "".join(out.items)
        segments = out.data
        assert isinstance(segments, list)
        html_out: list[str] = []
        parts: list[str] = []
        shown: list[str] = []
        for seg in segments:
            start, end = chunk.start + seg.start, chunk.start + seg.end
            colour = _colour(seg.lang, state)
            key = _COUNT_KEY + seg.lang
            state.extra[key] = state.extra.get(key, 0) + 1
            tip = (
                f"{seg.tag}, {seg.kind}, confidence {seg.confidence:.2f}, code points {start}-{end}"
            )
            attrs = (
                f'class="s{colour}" lang="{html.escape(seg.tag)}" title="{html.escape(tip)}" '
                f'data-start="{start}" data-end="{end}" data-kind="{html.escape(seg.kind)}" '
                f'data-direction="{html.escape(seg.direction)}"'
            )
            pos = 0
            for m in LINE_BREAK.finditer(seg.text):
                if m.start() > pos:
                    piece = seg.text[pos : m.start()]
                    parts.append(f"<span {attrs}>{_html_text(piece)}</span>")
                    shown.append(piece)
                pos = m.end()
                if _PARAGRAPH_BREAK.fullmatch(m.group()):
                    html_out.append(_paragraph(parts, shown))
                    parts, shown = [], []
                else:
                    parts.append("<br>")
                    shown.append(m.group())
            if pos < len(seg.text):
                piece = seg.text[pos:]
                parts.append(f"<span {attrs}>{_html_text(piece)}</span>")
                shown.append(piece)
        if parts:  # chunks end after a paragraph separator: only the last paragraph gets here
            html_out.append(_paragraph(parts, shown))
        return "".join(html_out)

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
        return f'<section data-path="{name}">\n<h2 dir="ltr">{name}</h2>\n<div class="text">\n'

    def file_end(self, inp: Input, state: FileState) -> str:
        if self.format != "html":
            return ""
        rows = []
        for key, index in state.extra.items():
            if key.startswith(_COLOUR_KEY):
                lang = html.escape(key[len(_COLOUR_KEY) :])
                count = state.extra.get(_COUNT_KEY + key[len(_COLOUR_KEY) :], 0)
                colour = index % len(PALETTE)
                rows.append(f'<li><span class="c{colour}" lang="{lang}">{lang}</span> {count}</li>')
        neutral = state.extra.get(_COUNT_KEY + "und", 0)
        rows.append(f"<li>und (no colour): {neutral}</li>")
        legend = "\n".join(rows)
        return (
            '</div>\n<ul class="legend" dir="ltr" aria-label="segments per language">\n'
            f"{legend}\n</ul>\n</section>\n"
        )

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
