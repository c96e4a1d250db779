"""``mixscript check``: findings as text, GitHub annotations, JSON or SARIF.

``--fix`` applies the findings' fixes (files rewritten atomically).  On
standard input ``--fix`` writes the fixed text to standard output and only
counts the findings on standard error, as ``ruff check --fix -`` does.  Exit code 1 when anything was found,
fixed or not, so a pre-commit hook fails on the run that fixes files
(``--exit-zero``: 0 unless an input is in error).  ``--fix --diff`` prints
the fixes as a unified diff and writes nothing.

Unlike ``normalize``, ``check`` reads each file whole: in source files it
lexes comments and strings, and a multi-line string must not be cut in two.
The one-line formatting is :mod:`mixscript.checks.scan`' own
(``format_finding``, ``finding_to_dict``), so library and command report
positions alike.

Output formats (``--output-format``):

- ``concise`` (the default): ``path:line:col: CODE message``, one line each;
- ``text``: the same line, then the source line with every invisible or
  control character written as an escape (``\\u202e``), so a terminal does
  not reorder or hide what is reported, and ``^`` under the finding;
- ``json``: one array of records (:func:`mixscript.checks.scan.finding_to_dict`);
- ``github``: workflow commands (``::error file=...,line=...,col=...::...``)
  that GitHub Actions shows as annotations on the pull request;
- ``sarif``: one SARIF 2.1.0 log, for code-scanning dashboards.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mixscript.cli.engine import ChunkOut, Command, FileState, Input
from mixscript.text.chunks import Chunk

__all__ = ["FORMATS", "CheckCommand", "github_annotation", "sarif_log"]

FORMATS = ("concise", "text", "json", "github", "sarif")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# ANSI colours for the terminal (only when standard output is one and NO_COLOR is unset).
_BOLD, _RED, _CYAN, _DIM, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[36m", "\x1b[2m", "\x1b[0m"


@dataclass(frozen=True, slots=True)
class _Record:
    """What the main process needs of one finding for the summary and statistics."""

    code: str
    fixable: bool


@dataclass(frozen=True)
class CheckCommand(Command):
    """Options of one ``check`` run."""

    fix: bool = False
    format: str = "concise"
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    encoding: str | None = None
    whole: bool = True
    to_stdout: bool = False
    """Standard input with ``--fix``: the fixed text is the output, findings are only counted."""
    diff: bool = False
    """With ``fix``: print the fixes as a unified diff, write nothing."""
    statistics: bool = False
    """Print a count per code instead of each finding."""
    exit_zero: bool = False
    color: bool = False

    @property
    def in_place(self) -> bool:  # type: ignore[override]
        return self.fix and not self.diff

    @property
    def text_output(self) -> bool:  # type: ignore[override]
        return self.to_stdout

    @property
    def item_sep(self) -> str:  # type: ignore[override]
        return ",\n" if self.format in ("json", "sarif") and not self._quiet_items else ""

    @property
    def _quiet_items(self) -> bool:
        """Findings are not printed one by one (counted, or replaced by a diff or the text)."""
        return self.to_stdout or self.statistics or self.diff

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.checks.scan import check, fix, format_finding
        from mixscript.cli.normalize import diff_hunks
        from mixscript.text.lines import LineIndex

        text = chunk.text
        findings = check(text, select=self.select, ignore=self.ignore, kind=inp.kind)
        lines = LineIndex(text)
        items: list[str] = []
        if self.diff:
            pass
        elif self.format in ("json", "sarif"):
            make = _json_record if self.format == "json" else _sarif_result
            records = [make(f, inp.name, lines) for f in findings]
            items = [",\n".join(json.dumps(r, ensure_ascii=False) for r in records)]
        elif self.format == "github":
            items = [github_annotation(f, inp.name, lines) for f in findings]
        else:
            for f in findings:
                line = format_finding(f, inp.name, lines)
                if self.color:
                    line = _colored(line, inp.name, f.code)
                items.append(line + "\n")
                if self.format == "text":
                    items.append(_excerpt(text, lines, f.start, f.end, self.color))
        new = text
        if self.fix and findings:
            new = fix(text, select=self.select, ignore=self.ignore, kind=inp.kind)
        remaining = findings
        if new != text:
            remaining = check(new, select=self.select, ignore=self.ignore, kind=inp.kind)
        fixed = max(0, len(findings) - len(remaining))
        hunks = diff_hunks(text, new) if self.diff and new != text else []
        data = (
            [_Record(f.code, f.fix is not None) for f in findings],
            fixed,
            hunks,
        )
        return ChunkOut(text=new, changed=new != text, items=items, count=len(findings), data=data)

    def header(self) -> str:
        if self._quiet_items:
            return ""
        if self.format == "json":
            return "[\n"
        if self.format == "sarif":
            head = json.dumps(sarif_log([]), ensure_ascii=False, indent=1)
            return head[: head.rindex('"results": [') + len('"results": [')] + "\n"
        return ""

    def footer(self) -> str:
        if self._quiet_items:
            return ""
        if self.format == "json":
            return "\n]\n"
        if self.format == "sarif":
            return "\n   ]\n  }\n ]\n}\n"
        return ""

    def render(self, inp: Input, chunk: Chunk, out: ChunkOut, state: FileState) -> str:
        assert isinstance(out.data, tuple)
        records, fixed, hunks = out.data
        state.extra["fixed"] = state.extra.get("fixed", 0) + fixed
        for r in records:
            key = f"code:{r.code}:{int(r.fixable)}"
            state.extra[key] = state.extra.get(key, 0) + 1
        if self.diff:
            if not hunks:
                return ""
            parts = [f"--- {inp.name}\n+++ {inp.name}\n"]
            parts.extend(
                f"@@ -{_range(i1, i2 - i1)} +{_range(j1, j2 - j1)} @@\n{body}"
                for i1, i2, j1, j2, body in hunks
            )
            return "".join(parts)
        return "" if self._quiet_items else "".join(out.items)

    def messages(self, inp: Input, state: FileState) -> list[str]:
        if self.fix and not self.diff and state.changed and inp.path is not None:
            return [f"{inp.name}: fixed"]
        return []

    def exit_code(self, state: FileState) -> int:
        if self.exit_zero:
            return 0
        return 1 if state.count else 0

    def summary(self, counts: dict[str, int]) -> str:
        n = counts["findings"]
        if not n:
            return ""
        total = f"{n} finding{'s' * (n != 1)}"
        if self.fix and not self.diff:
            fixed = counts["fixed"]
            return f"{total}: {fixed} fixed, {n - fixed} remaining"
        fixable = sum(v for k, v in counts.items() if k.startswith("code:") and k.endswith(":1"))
        if self.diff:
            return f"{total}: {counts['fixed']} would be fixed, {n - counts['fixed']} remaining"
        if fixable:
            return f"{total}, {fixable} fixable with --fix"
        return total

    def closing(self, counts: dict[str, int]) -> str:
        """``--statistics``: count, code, ``[*]`` if fixable, meaning; most frequent first."""
        if not self.statistics:
            return ""
        from mixscript.checks.codes import CODES

        per: Counter[str] = Counter()
        fixable: set[str] = set()
        for key, value in counts.items():
            if key.startswith("code:"):
                _, code, fix = key.split(":")
                per[code] += value
                if fix == "1":
                    fixable.add(code)
        width = max((len(str(v)) for v in per.values()), default=1)
        rows = []
        for code, value in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "[*]" if code in fixable else "   "
            meaning = CODES[code].meaning if code in CODES else ""
            rows.append(f"{value:>{width}}\t{code}\t{mark} {meaning}\n")
        return "".join(rows)


def _range(start: int, length: int) -> str:
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _colored(line: str, path: str, code: str) -> str:
    """The one-line finding with the path bold, the position dim and the code red."""
    rest = line[len(path) :]
    position, _, message = rest.partition(f" {code} ")
    return f"{_BOLD}{path}{_RESET}{_DIM}{position}{_RESET} {_RED}{_BOLD}{code}{_RESET} {message}"


def _visible(ch: str) -> str:
    """A character as it can be shown safely: controls, invisibles and marks of format as escapes."""
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") or ch == "\ufeff":
        return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"
    return ch


_EXCERPT = 60
"""Code points shown on each side of a finding; a long line is cut, so one
minified line with many findings does not print (and cost) the whole line
for each of them."""
_LINE_END = re.compile("[\r\n\u2028\u2029\x85\x0b\x0c]")


def _excerpt(text: str, lines: Any, start: int, end: int, color: bool) -> str:
    """The finding's line with escapes for invisibles, and carets under the finding."""
    line_no, _ = lines.line_col(start)
    begin = lines.line_start(line_no)
    found = _LINE_END.search(text, start, start + max(end - start, 1) + _EXCERPT)
    stop = found.start() if found else min(len(text), start + max(end - start, 1) + _EXCERPT)
    lead = trail = ""
    if start - begin > _EXCERPT:
        begin, lead = start - _EXCERPT, "…"
    if stop < len(text) and not _LINE_END.match(text, stop):
        trail = "…"
    shown_before = lead + "".join(_visible(c) for c in text[begin:start])
    shown_span = "".join(_visible(c) for c in text[start : min(max(end, start + 1), stop)])
    shown_after = "".join(_visible(c) for c in text[min(max(end, start + 1), stop) : stop]) + trail
    pad = " " * len(shown_before)
    carets = "^" * max(1, len(shown_span))
    if color:
        carets = f"{_CYAN}{carets}{_RESET}"
    return f"  | {shown_before}{shown_span}{shown_after}\n  | {pad}{carets}\n"


def _json_record(finding: Any, path: str, lines: Any) -> dict[str, Any]:
    from mixscript.checks.scan import finding_to_dict

    return finding_to_dict(finding, path, lines)


def _escape_data(value: str) -> str:
    """GitHub workflow command data: ``%``, CR and LF percent-encoded."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    """GitHub workflow command property values: also ``:`` and ``,``."""
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(finding: Any, path: str, lines: Any) -> str:
    """One ``::error ...::`` workflow command, which GitHub Actions shows on the diff.

    Columns are 1-based code points, as in every other format.
    """
    line, col = lines.line_col(finding.start)
    end_line, end_col = lines.line_col(finding.end)
    props = {
        "title": f"mixscript ({finding.code})",
        "file": path,
        "line": str(line),
        "col": str(col),
        "endLine": str(end_line),
        "endColumn": str(end_col),
    }
    joined = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items())
    return f"::error {joined}::{_escape_data(f'{finding.code} {finding.message}')}\n"


def _sarif_result(finding: Any, path: str, lines: Any) -> dict[str, Any]:
    line, col = lines.line_col(finding.start)
    end_line, end_col = lines.line_col(finding.end)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": "error",
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(path.replace("\\", "/"))},
                    "region": {
                        "startLine": line,
                        "startColumn": col,
                        "endLine": end_line,
                        "endColumn": end_col,
                        "charOffset": finding.start,
                        "charLength": finding.end - finding.start,
                    },
                }
            }
        ],
    }
    if finding.fix is not None:
        result["properties"] = {"fixable": True}
    return result


def sarif_log(results: list[dict[str, Any]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: mixscript as the tool, every code as a rule.

    Columns count code points (``columnKind``), as the other formats do.
    """
    from importlib.metadata import version

    from mixscript.checks.codes import CODES

    rules = [
        {
            "id": info.code,
            "shortDescription": {"text": info.meaning},
            "fullDescription": {"text": f"{info.meaning}: {info.why}. Fix: {info.fix}."},
            "defaultConfiguration": {"level": "error"},
        }
        for info in CODES.values()
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mixscript",
                        "version": version("mixscript"),
                        "informationUri": "https://pypi.org/project/mixscript/",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
