"""``mixscript check``: findings as ``path:line:col: CODE message`` or JSON.

``--fix`` applies the findings' fixes (files rewritten atomically; standard
input fixed onto standard output).  Exit code 1 when anything was found,
fixed or not, so a pre-commit hook fails on the run that fixes files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .cli_engine import ChunkOut, Command, FileState, Input, line_col
from .stream import Chunk

__all__ = ["CheckCommand"]


@dataclass(frozen=True)
class CheckCommand(Command):
    """Options of one ``check`` run."""

    fix: bool = False
    format: str = "text"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    encoding: str | None = None

    @property
    def in_place(self) -> bool:  # type: ignore[override]
        return self.fix

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        import mixscript
        from mixscript.checks import apply_fixes

        text = chunk.text
        findings = sorted(
            mixscript.check(text, path=inp.name, select=self.select, ignore=self.ignore),
            key=lambda f: (f.start, f.end),
        )
        items: list[str] = []
        where = line_col(text, (f.start for f in findings), chunk.line)
        for finding, (line, col) in zip(findings, where, strict=True):
            if self.format == "json":
                record = {
                    "path": inp.name,
                    "line": line,
                    "col": col,
                    "start": chunk.start + finding.start,
                    "end": chunk.start + finding.end,
                    "code": finding.code,
                    "message": finding.message,
                    "fix": finding.fix,
                }
                items.append(json.dumps(record, ensure_ascii=False))
            else:
                fixable = " [fixable]" if finding.fix is not None and not self.fix else ""
                items.append(
                    f"{inp.name}:{line}:{col}: {finding.code} {finding.message}{fixable}\n"
                )
        if self.format == "json":
            items = [",\n".join(items)] if items else []
        new = apply_fixes(text, findings) if self.fix and findings else text
        return ChunkOut(text=new, changed=new != text, items=items, count=len(findings))

    @property
    def item_sep(self) -> str:  # type: ignore[override]
        return ",\n" if self.format == "json" else ""

    def header(self) -> str:
        return "[\n" if self.format == "json" else ""

    def footer(self) -> str:
        return "\n]\n" if self.format == "json" else ""

    def messages(self, inp: Input, state: FileState) -> list[str]:
        if self.fix and state.changed and inp.path is not None:
            return [f"{inp.name}: fixed"]
        return []

    def summary(self, counts: dict[str, int]) -> str:
        n = counts["findings"]
        return f"{n} finding{'s' * (n != 1)}" if n else ""
