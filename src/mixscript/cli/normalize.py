"""``mixscript normalize``: the profile applied to files, with black's modes.

Modes: ``stdout`` (one input: the normalised text on standard output, in the
input's own encoding and BOM), ``in-place`` (files rewritten atomically, only
when they change), ``check`` (report, touch nothing) and ``diff`` (a unified
diff on standard output).  ``--explain`` adds one line per change,
``path:line:col: rule: 'before' -> 'after'``, with line and column of the
change in the input; in ``stdout`` mode it replaces the text.

Only what a reader reads as text changes: the file's kind (its name and
``#!`` line through identify, or ``--stdin-filename``) decides, see
:mod:`mixscript.normalization.regions`.  In source code that is comments;
in Markdown and HTML, prose outside code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mixscript.cli.engine import ChunkOut, Command, FileState, Input, line_col
from mixscript.text.chunks import Chunk

__all__ = ["NormalizeCommand", "diff_hunks", "split_lines"]

Hunk = tuple[int, int, int, int, str]


def split_lines(text: str) -> list[str]:
    """Lines with their LF kept (CR stays with the line, so CRLF lines diff as themselves).

    >>> split_lines("a\\r\\nb\\nc")
    ['a\\r\\n', 'b\\n', 'c']
    """
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _range(start: int, length: int) -> str:
    """Unified-diff range: 1-based start, length omitted when 1, start-1 when empty."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def diff_hunks(before: str, after: str, context: int = 3) -> list[Hunk]:
    """Hunks ``(a_start, a_end, b_start, b_end, body)`` with 0-based line ranges.

    The header is left to the caller, which knows where the chunk sits in
    the file.
    """
    a, b = split_lines(before), split_lines(after)
    hunks: list[Hunk] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        body: list[str] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                body.extend(_mark(" ", line) for line in a[i1:i2])
                continue
            body.extend(_mark("-", line) for line in a[i1:i2])
            body.extend(_mark("+", line) for line in b[j1:j2])
        hunks.append((group[0][1], group[-1][2], group[0][3], group[-1][4], "".join(body)))
    return hunks


def _mark(sign: str, line: str) -> str:
    if line.endswith("\n"):
        return sign + line
    return f"{sign}{line}\n\\ No newline at end of file\n"


@dataclass(frozen=True)
class NormalizeCommand(Command):
    """Options of one ``normalize`` run (picklable: it travels to worker processes)."""

    mode: str = "stdout"
    explain: bool = False
    encoding: str | None = None

    @property
    def in_place(self) -> bool:  # type: ignore[override]
        return self.mode == "in-place"

    @property
    def print_text(self) -> bool:  # type: ignore[override]
        return self.mode == "stdout" and not self.explain

    @property
    def text_output(self) -> bool:  # type: ignore[override]
        return self.mode == "stdout"

    @property
    def streams_output(self) -> bool:  # type: ignore[override]
        return self.mode in ("stdout", "diff") or self.explain

    @property
    def lf_chunks(self) -> bool:  # type: ignore[override]
        # A diff's lines end with LF: a chunk ending with CR or U+2029 would end
        # in half a line, which its diff would mark as the end of the file.
        return self.mode == "diff"

    def whole_for(self, inp: Input) -> bool:
        # Comments, strings and code blocks must not be cut in two.
        return inp.kind != "prose"

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.normalization.regions import explain_kind, normalize_kind

        text = chunk.text
        items: list[str] = []
        if self.explain:
            new, found = explain_kind(text, inp.kind, inp.profile)
            changes = sorted(found, key=lambda c: (c.start, c.end))
            where = line_col(chunk, (c.start for c in changes))
            for change, (line, col) in zip(changes, where, strict=True):
                before = text[change.start : change.end]
                items.append(
                    f"{inp.name}:{line}:{col}: {change.rule}: {before!r} -> {change.replacement!r}\n"
                )
        else:
            new = normalize_kind(text, inp.kind, inp.profile)
        changed = new != text
        hunks = diff_hunks(text, new) if self.mode == "diff" and changed else []
        return ChunkOut(text=new, changed=changed, items=items, data=hunks)

    def render(self, inp: Input, chunk: Chunk, out: ChunkOut, state: FileState) -> str:
        parts = list(out.items)
        hunks = out.data
        assert isinstance(hunks, list)
        if hunks:
            if not state.extra.get("diff_header"):
                state.extra["diff_header"] = 1
                parts.append(f"--- {inp.name}\n+++ {inp.name}\n")
            a0 = chunk.lf_line - 1
            b0 = a0 + state.extra.get("line_delta", 0)
            for i1, i2, j1, j2, body in hunks:
                parts.append(
                    f"@@ -{_range(a0 + i1, i2 - i1)} +{_range(b0 + j1, j2 - j1)} @@\n{body}"
                )
        if out.text is not None and out.changed:
            delta = out.text.count("\n") - chunk.text.count("\n")
            state.extra["line_delta"] = state.extra.get("line_delta", 0) + delta
        return "".join(parts)

    def messages(self, inp: Input, state: FileState) -> list[str]:
        if not state.changed or self.mode == "stdout":
            return []
        verb = "normalized" if self.mode == "in-place" else "would be normalized"
        return [f"{inp.name}: {verb}"]

    def summary(self, counts: dict[str, int]) -> str:
        if self.mode == "stdout":
            return ""
        verb = "normalized" if self.mode == "in-place" else "would be normalized"
        changed = counts["changed"]
        unchanged = counts["inputs"] - changed - counts["errors"] - counts["skipped"]
        line = f"{changed} file{'s' * (changed != 1)} {verb}, {unchanged} unchanged"
        if counts["skipped"]:
            line += f", {counts['skipped']} skipped"
        if counts["errors"]:
            line += f", {counts['errors']} error{'s' * (counts['errors'] != 1)}"
        return line
