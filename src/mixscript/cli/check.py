"""``mixscript check``: findings as ``path:line:col: CODE message`` or JSON.

``--fix`` applies the findings' fixes (files rewritten atomically).  On
standard input ``--fix`` writes the fixed text to standard output and only
counts the findings on standard error, as ``ruff check --fix -`` does.  Exit code 1 when anything was found,
fixed or not, so a pre-commit hook fails on the run that fixes files.

Unlike ``normalize``, ``check`` reads each file whole: in source files it
lexes comments and strings, and a multi-line string must not be cut in two.
The formatting is :mod:`mixscript.checks.scan`' own (``format_finding``,
``finding_to_dict``), so library and command report positions alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mixscript.cli.engine import ChunkOut, Command, FileState, Input
from mixscript.text.chunks import Chunk

__all__ = ["CheckCommand"]


@dataclass(frozen=True)
class CheckCommand(Command):
    """Options of one ``check`` run."""

    fix: bool = False
    format: str = "text"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    encoding: str | None = None
    whole: bool = True
    to_stdout: bool = False
    """Standard input with ``--fix``: the fixed text is the output, findings are only counted."""

    @property
    def in_place(self) -> bool:  # type: ignore[override]
        return self.fix

    @property
    def item_sep(self) -> str:  # type: ignore[override]
        return ",\n" if self.format == "json" else ""

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.checks.scan import check, finding_to_dict, fix, format_finding
        from mixscript.text.lines import LineIndex

        text = chunk.text
        path = inp.name if inp.path is not None else None
        findings = check(text, path=path, select=self.select, ignore=self.ignore)
        lines = LineIndex(text)
        if self.format == "json":
            records = [finding_to_dict(f, inp.name, lines) for f in findings]
            items = [",\n".join(json.dumps(r, ensure_ascii=False) for r in records)]
        else:
            items = [format_finding(f, inp.name, lines) + "\n" for f in findings]
        new = text
        if self.fix and findings:
            new = fix(text, path=path, select=self.select, ignore=self.ignore)
        return ChunkOut(text=new, changed=new != text, items=items, count=len(findings))

    def header(self) -> str:
        return "[\n" if self.format == "json" and not self.to_stdout else ""

    def footer(self) -> str:
        return "\n]\n" if self.format == "json" and not self.to_stdout else ""

    def render(self, inp: Input, chunk: Chunk, out: ChunkOut, state: FileState) -> str:
        return "" if self.to_stdout else "".join(out.items)

    def messages(self, inp: Input, state: FileState) -> list[str]:
        if self.fix and state.changed and inp.path is not None:
            return [f"{inp.name}: fixed"]
        return []

    def summary(self, counts: dict[str, int]) -> str:
        n = counts["findings"]
        return f"{n} finding{'s' * (n != 1)}" if n else ""
