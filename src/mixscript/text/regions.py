"""The parts of a file that ``normalize`` may edit: what a reader reads as text.

Why: normalising a string literal changes what a program does (NFC turns
``"cafe\\u0301"`` written raw into a string one character shorter; unshaping
presentation forms makes a program print other code points), and code in
Markdown or HTML is code too.  So the file's kind (:mod:`mixscript.text.kinds`)
decides which spans are *editable*, and everything outside them is left
byte for byte:

- prose: all of it;
- source code: the text of comments, without their delimiters (string
  literals, identifiers and everything else the compiler reads are left
  alone; controls inside literals are reported by ``check``, whose fix is an
  escape that keeps the value);
- Markdown: prose outside fenced code blocks, indented code blocks and
  inline code spans;
- HTML: text between tags, comments, and the values of attributes meant
  for readers (``alt``, ``title``, ``placeholder``, ``aria-label`` ...);
  the rest of every tag (``href``, ``onclick``, ``style``, ``value`` ...) and
  the contents of ``<pre>``, ``<code>``, ``<script>``, ``<style>`` and
  ``<textarea>`` are left alone;
- JSON, notebooks and languages the lexer does not know: nothing.

The spans are found with the rules the formats themselves use (CommonMark
for fences and code spans), approximated where a full parser would be
needed: an indented block after a blank line counts as code even inside a
list, which leaves such text alone rather than risk editing code.
"""

from __future__ import annotations

import re

from mixscript.text.kinds import FileKind
from mixscript.text.source_code import GENERIC, lex

__all__ = ["editable_spans"]

Spans = list[tuple[int, int]]

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"(?: {4}|\t| {1,3}\t)")
_BACKTICKS = re.compile(r"`+")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_BLANK = re.compile(r"[ \t]*\r?\n?")


def editable_spans(text: str, kind: FileKind) -> Spans:
    """``(start, end)`` spans of ``text`` that ``normalize`` may change, in order.

    >>> from mixscript.text.kinds import file_kind
    >>> editable_spans('x = "a"  # note', file_kind("f.py"))
    [(10, 15)]
    >>> s = "Prose `code` prose"
    >>> [s[a:b] for a, b in editable_spans(s, file_kind("a.md"))]
    ['Prose ', ' prose']
    """
    if kind.name == "prose":
        return [(0, len(text))] if text else []
    if kind.name == "markdown":
        return _markdown(text)
    syntax = kind.syntax
    if syntax is None or syntax is GENERIC:
        return []
    if syntax.name == "html":
        return _html(text)
    return [
        body
        for span in lex(text, syntax)
        if span.kind == "comment"
        for body in [span.body]
        if body[0] < body[1]
    ]


# ---------------------------------------------------------------- Markdown


def _markdown(text: str) -> Spans:
    """Prose outside code blocks, then without its inline code spans."""
    prose: Spans = []  # paragraphs: runs of prose lines without blank lines
    fence: tuple[str, int] | None = None
    previous_blank = True
    in_indented = False
    para_start: int | None = None

    def close(at: int) -> None:
        nonlocal para_start
        if para_start is not None and para_start < at:
            prose.append((para_start, at))
        para_start = None

    for m in _LINE.finditer(text):
        line = m.group()
        start = m.start()
        blank = _BLANK.fullmatch(line) is not None
        if fence is not None:
            closing = _FENCE.match(line)
            if (
                closing
                and closing.group(1)[0] == fence[0]
                and len(closing.group(1)) >= fence[1]
                and not line[closing.end() :].strip()
            ):
                fence = None
            previous_blank = False
            continue
        opening = _FENCE.match(line)
        if opening and not (opening.group(1)[0] == "`" and "`" in line[opening.end() :]):
            close(start)
            fence = (opening.group(1)[0], len(opening.group(1)))
            in_indented = False
            previous_blank = False
            continue
        if not blank and _INDENTED.match(line) and (previous_blank or in_indented):
            close(start)
            in_indented = True
            previous_blank = False
            continue
        if blank:
            close(start)
            previous_blank = True
            # A blank line inside an indented code block keeps the block open.
            continue
        in_indented = False
        previous_blank = False
        if para_start is None:
            para_start = start
    close(len(text))
    out: Spans = []
    for a, b in prose:
        out.extend(_without_code_spans(text, a, b))
    return out


def _without_code_spans(text: str, start: int, end: int) -> Spans:
    """``text[start:end]`` minus CommonMark code spans (backtick strings of equal length)."""
    out: Spans = []
    pos = start
    runs = [m for m in _BACKTICKS.finditer(text, start, end) if not _escaped(text, m.start())]
    i = 0
    while i < len(runs):
        opener = runs[i]
        width = len(opener.group())
        closer = next((k for k in range(i + 1, len(runs)) if len(runs[k].group()) == width), None)
        if closer is None:
            i += 1
            continue
        if pos < opener.start():
            out.append((pos, opener.start()))
        pos = runs[closer].end()
        i = closer + 1
    if pos < end:
        out.append((pos, end))
    return out


def _escaped(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] == "\\":
        j -= 1
    return (i - j) % 2 == 1


# ---------------------------------------------------------------- HTML

_RAW = ("script", "style", "pre", "code", "textarea")
_HTML_TOKEN = re.compile(
    r"<!--(?P<comment>.*?)(?:-->|\Z)"
    r"|<(?P<raw>" + "|".join(_RAW) + r")\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|<[A-Za-z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE | re.DOTALL,
)


# Attributes whose value is text for a reader; every other attribute value
# (href, src, on*, style, data-*, value, ...) may be code and is left alone.
_PROSE_ATTRIBUTES = frozenset(
    (
        "alt",
        "title",
        "placeholder",
        "label",
        "aria-label",
        "aria-description",
        "aria-placeholder",
        "aria-roledescription",
        "aria-valuetext",
    )
)
_ATTRIBUTE = re.compile(
    r"""\s([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.DOTALL
)


def _prose_attributes(text: str, start: int, end: int) -> Spans:
    out: Spans = []
    for m in _ATTRIBUTE.finditer(text, start, end):
        if m.group(1).lower() in _PROSE_ATTRIBUTES:
            group = 2 if m.group(2) is not None else 3
            a, b = m.span(group)
            if a < b:
                out.append((a, b))
    return out


def _html(text: str) -> Spans:
    """Text between tags, comments and prose attributes; raw and code elements left whole."""
    out: Spans = []
    pos = 0
    while True:
        m = _HTML_TOKEN.search(text, pos)
        if m is None:
            break
        if pos < m.start():
            out.append((pos, m.start()))
        end = m.end()
        if m.group("comment") is not None:
            a, b = m.span("comment")
            if a < b:
                out.append((a, b))
        else:
            out.extend(_prose_attributes(text, m.start(), m.end()))
            if m.group("raw") is not None:
                close = re.compile(rf"</{m.group('raw')}\s*>", re.IGNORECASE).search(text, end)
                end = len(text) if close is None else close.end()
        pos = end
    if pos < len(text):
        out.append((pos, len(text)))
    return out
