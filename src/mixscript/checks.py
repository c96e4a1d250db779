"""``check``: Trojan Source bidi controls, invisible characters, mixed-script words.

The checks are tuned to be left on in a multilingual repository: they report
what a reader cannot see or would misread, and stay silent on what Persian,
Urdu and Arabic need (ZWNJ/ZWJ between Arabic-script letters, RLM/LRM marks,
Arabic punctuation and digits, one-letter Arabic proclitics on Latin words).

Codes are stable and grouped by their first digit, so ``--select MS1``
takes every bidi code: MS1xx bidi controls, MS2xx invisible and
default-ignorable characters, MS3xx mixed-script words, MS4xx confusables,
MS5xx encoding problems.  :data:`CODES` documents each one; the README table
is checked against it.

Everything the command line needs is here: :func:`check`,
:func:`apply_fixes`, :func:`line_col` / :class:`LineIndex`,
:func:`parse_codes`, :func:`format_finding`, :func:`finding_to_dict` and
:func:`icu_note`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import regex

from .chars import ALM, BIDI_CONTROLS, LRM, OVERRIDES, RLM, unbalanced_bidi_controls
from .confusables import ICU_NOTE, icu_note
from .encoding_checks import control_findings, mojibake_findings
from .invisibles import describe, invisible_findings
from .mixed_words import word_findings
from .model import Finding
from .source_code import Span, Syntax, lex, syntax_for_path
from .suppress import MARKER, Suppressions
from .textpos import LineIndex, line_col

__all__ = [
    "CODES",
    "ICU_NOTE",
    "MARKER",
    "CodeInfo",
    "LineIndex",
    "apply_fixes",
    "check",
    "finding_to_dict",
    "fix",
    "format_finding",
    "icu_note",
    "line_col",
    "parse_codes",
]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One finding code as the README documents it."""

    code: str
    meaning: str
    why: str
    fix: str


CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in (
        CodeInfo(
            "MS101",
            "LRO/RLO override (or the PDF that closes one) in text",
            "reverses the characters after it, so text shows in another order than it is",
            "removes it",
        ),
        CodeInfo(
            "MS102",
            "embedding or isolate left open at the end of a line, or a PDF/PDI closing nothing",
            "the direction leaks into the rest of the line or was cut from its pair",
            "removes it",
        ),
        CodeInfo(
            "MS103",
            "bidi control or mark in a comment of a source file",
            "CVE-2021-42574: a comment that hides code or shows code that is not there",
            "removes it",
        ),
        CodeInfo(
            "MS104",
            "bidi control or mark in a string literal of a source file",
            "CVE-2021-42574: a string that looks shorter or different than the compiler sees it",
            "replaces it by the language's escape (`\\u202e`); none for raw strings",
        ),
        CodeInfo(
            "MS105",
            "bidi control or mark in code, outside comments and strings",
            "reorders the tokens a reviewer sees",
            "removes it",
        ),
        CodeInfo(
            "MS201",
            "ZERO WIDTH SPACE (not between words of Thai, Khmer, Chinese ...)",
            "splits a word or identifier invisibly: search and comparison fail",
            "removes it",
        ),
        CodeInfo("MS202", "WORD JOINER", "invisible; glues or splits words unseen", "removes it"),
        CodeInfo(
            "MS203",
            "byte order mark after the start of the text",
            "a leftover from concatenated files; breaks the first token of the part",
            "removes it",
        ),
        CodeInfo(
            "MS204",
            "invisible operator (U+2061..U+2064)",
            "only meaningful in math markup; elsewhere hides inside words",
            "removes it",
        ),
        CodeInfo(
            "MS205",
            "Hangul filler outside a conjoining jamo syllable",
            "renders blank; used to fake empty or duplicate names",
            "removes it",
        ),
        CodeInfo(
            "MS206",
            "tag character outside an emoji flag sequence",
            "invisible text that software still reads (hidden prompts)",
            "removes it",
        ),
        CodeInfo(
            "MS207",
            "variation selector after a base with no such variant",
            "selects nothing; invisible payload or noise inside words",
            "removes it",
        ),
        CodeInfo(
            "MS208",
            "ZWNJ/ZWJ at a word edge or in a Latin, Cyrillic or Greek word",
            "does nothing there but breaks search; never reported between Arabic-script"
            " letters or in emoji",
            "removes it",
        ),
        CodeInfo(
            "MS209",
            "ARABIC LETTER MARK with no Arabic letter or digit next to it on its line",
            "an invisible bidi mark with nothing to act on",
            "removes it",
        ),
        CodeInfo(
            "MS210",
            "other invisible character: Mongolian vowel separator, Khmer inherent vowels,"
            " unassigned default-ignorable code points",
            "renders as nothing in most fonts",
            "removes it",
        ),
        CodeInfo(
            "MS301",
            "word with Arabic-script letters and Latin (or Cyrillic, Greek) letters (`Errorکا`)",
            "usually a lost space; breaks tokenising and display order",
            "none: the space or the script to keep needs a person",
        ),
        CodeInfo(
            "MS302",
            "word with Latin and Cyrillic or Greek letters (`pаypal`)",
            "the classic homograph spoof; also breaks search",
            "replaces the other letters by Latin look-alikes when all have one, else"
            " by look-alikes in the word's other script",
        ),
        CodeInfo(
            "MS401",
            "word in a script mix UTS #39 rejects (not Highly Restrictive); needs `mixscript[icu]`",
            "mixes like Latin with Cherokee are spoofs, not words",
            "none",
        ),
        CodeInfo(
            "MS402",
            "Cyrillic or Greek word that reads as Latin, in a Latin line; needs `mixscript[icu]`",
            "a whole-script homograph (`рау`) looks like the Latin word",
            "replaces its letters by the Latin look-alikes, when all have one",
        ),
        CodeInfo(
            "MS403",
            "number written with digits of two systems (`١٢۳`)",
            "Arabic-Indic and Persian digits look alike but compare unequal",
            "rewrites an Arabic-Indic/Persian mix in the majority system; else none",
        ),
        CodeInfo(
            "MS501",
            "U+FFFD REPLACEMENT CHARACTER",
            "a decoder lost the original bytes here",
            "none: the original is gone",
        ),
        CodeInfo(
            "MS502",
            "C1 control character (U+0080..U+009F)",
            "Windows-1252 text decoded as Latin-1 (`\\x92` for `’`)",
            "replaces it by its Windows-1252 character; none for the five bytes Windows-1252 leaves undefined",
        ),
        CodeInfo(
            "MS503",
            "C0 control character other than tab, line feed, carriage return, form feed",
            "invisible, and NUL/ESC/BS confuse terminals and tools",
            "removes it",
        ),
        CodeInfo(
            "MS504",
            "lone surrogate",
            "not a character: the text came from a lossy decode and cannot be encoded",
            "none",
        ),
        CodeInfo(
            "MS505",
            "UTF-8 read as Windows-1252 or Latin-1 (`Ø³Ù„Ø§Ù…` for `سلام`, `cafÃ©`)",
            "the text is unreadable, but nothing is lost yet",
            "replaces the run by its UTF-8 reading",
        ),
    )
}

_MARKS = frozenset((LRM, RLM, ALM))
_SOURCE_BIDI = BIDI_CONTROLS | _MARKS
_ANY_BIDI = regex.compile("[" + "".join(sorted(_SOURCE_BIDI)) + "]")


def _bidi_text(text: str) -> Iterator[Finding]:
    """MS101/MS102 outside source files, from the balance rules in :mod:`mixscript.chars`."""
    bad = unbalanced_bidi_controls(text)
    lines = LineIndex(text)
    override_lines = {lines.line_col(i)[0] for i in bad if text[i] in OVERRIDES}
    for i in bad:
        ch = text[i]
        if ch in OVERRIDES or (ch == "\u202c" and lines.line_col(i)[0] in override_lines):
            yield Finding(i, i + 1, "MS101", f"{describe(ch)} reorders the text after it", "")
        else:
            yield Finding(i, i + 1, "MS102", f"unbalanced {describe(ch)}", "")


def _span_at(spans: list[Span], starts: list[int], i: int) -> Span | None:
    k = bisect_right(starts, i) - 1
    if k >= 0 and spans[k].start <= i < spans[k].end:
        return spans[k]
    return None


def _bidi_source(text: str, spans: list[Span], starts: list[int]) -> Iterator[Finding]:
    """MS103..MS105: every bidi control or mark in a source file (CVE-2021-42574)."""
    for m in _ANY_BIDI.finditer(text):
        i, ch = m.start(), m.group()
        span = _span_at(spans, starts, i)
        if span is None:
            yield Finding(i, i + 1, "MS105", f"{describe(ch)} in code", "")
        elif span.kind == "comment":
            yield Finding(i, i + 1, "MS103", f"{describe(ch)} in a comment", "")
        else:
            esc = None if span.escape is None else span.escape.format(cp=ord(ch))
            hint = f"; write {esc} instead" if esc else ""
            yield Finding(i, i + 1, "MS104", f"{describe(ch)} in a string literal{hint}", esc)


def parse_codes(spec: str | Iterable[str] | None) -> tuple[str, ...]:
    """Code prefixes from ``"MS1,MS208"`` (or a list of such strings), checked against CODES.

    >>> parse_codes("ms1, MS208")
    ('MS1', 'MS208')
    >>> parse_codes("XY")
    Traceback (most recent call last):
    ...
    ValueError: unknown code or prefix 'XY' (codes are MS101..MS504)
    """
    if spec is None:
        return ()
    items = [spec] if isinstance(spec, str) else list(spec)
    out: list[str] = []
    for item in items:
        for part in regex.split(r"[,\s]+", item):
            code = part.strip().upper()
            if not code:
                continue
            if not any(c.startswith(code) for c in CODES):
                first, last = min(CODES), max(CODES)
                raise ValueError(f"unknown code or prefix {part!r} (codes are {first}..{last})")
            out.append(code)
    return tuple(dict.fromkeys(out))


def _escape_in_strings(
    findings: list[Finding], spans: list[Span], starts: list[int], text: str
) -> list[Finding]:
    """In source files, turn 'delete it' fixes inside string literals into escapes.

    Deleting a character from a string changes what the program does; the
    escape keeps the value and makes the character visible.
    """
    out = []
    for f in findings:
        if f.fix == "" and f.end == f.start + 1:
            span = _span_at(spans, starts, f.start)
            if span is not None and span.kind == "string" and span.escape is not None:
                f = replace(f, fix=span.escape.format(cp=ord(text[f.start])))
        out.append(f)
    return out


class _View:
    """``text`` with some one-character fixes applied, and where each character came from.

    The word checks and the joiner check look at this view rather than at
    the input: they must judge the text as it will read after the fixes of
    the other checks (a deleted ZWSP no longer splits a word), or a second
    ``--fix`` run would find something new.  The view is kept as pieces
    (a copied run, or the replacement of one finding's span), so mapping
    back costs a binary search and building it costs one slice per fix.
    """

    __slots__ = ("_copied", "_in_ends", "_in_starts", "_view_starts", "text")

    def __init__(self, text: str, fixes: Iterable[Finding]) -> None:
        parts: list[str] = []
        self._view_starts: list[int] = []
        self._in_starts: list[int] = []
        self._in_ends: list[int] = []
        self._copied: list[bool] = []
        pos = view = 0
        # The same choice as apply_fixes: from the start, skipping overlaps.
        for f in sorted(fixes, key=lambda f: (f.start, f.end)):
            if f.fix is None or f.start < pos:
                continue
            for piece, copied, start, end in (
                (text[pos : f.start], True, pos, f.start),
                (f.fix, False, f.start, f.end),
            ):
                if piece:
                    parts.append(piece)
                    self._view_starts.append(view)
                    self._in_starts.append(start)
                    self._in_ends.append(end)
                    self._copied.append(copied)
                    view += len(piece)
            pos = f.end
        parts.append(text[pos:])
        self._view_starts.append(view)
        self._in_starts.append(pos)
        self._in_ends.append(len(text))
        self._copied.append(True)
        self.text = "".join(parts)

    def _origin(self, v: int, *, end: bool = False) -> int:
        """Input index of view index ``v``; with ``end``, the input index just after it."""
        k = bisect_right(self._view_starts, v) - 1
        if self._copied[k]:
            return self._in_starts[k] + v - self._view_starts[k] + end
        return self._in_ends[k] if end else self._in_starts[k]

    def to_input(self, finding: Finding) -> Finding:
        """``finding`` (offsets into the view) with offsets into the input."""
        return replace(
            finding,
            start=self._origin(finding.start),
            end=self._origin(finding.end - 1, end=True),
        )


class _Filter:
    """select/ignore and suppression markers, applied to each stage before the next."""

    def __init__(
        self,
        text: str,
        select: str | Iterable[str] | None,
        ignore: str | Iterable[str] | None,
        comments: list[Span] | None,
    ) -> None:
        self.selected, self.ignored = parse_codes(select), parse_codes(ignore)
        self.lines: LineIndex | None = None
        self.sup: Suppressions | None = None
        if "mixscript" in text:
            self.lines = LineIndex(text)
            self.sup = Suppressions(text, comments, self.lines)

    def __call__(self, findings: Iterable[Finding]) -> list[Finding]:
        out = []
        for f in findings:
            if self.selected and not f.code.startswith(self.selected):
                continue
            if self.ignored and f.code.startswith(self.ignored):
                continue
            if self.sup is not None and self.lines is not None:
                if self.sup.silences(f, self.lines.line_col(f.start)[0]):
                    continue
            out.append(f)
        return out


def _inside(finding: Finding, spans: list[Finding]) -> bool:
    return any(s.start <= finding.start and finding.end <= s.end for s in spans)


def check(
    text: str,
    *,
    path: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> list[Finding]:
    """Findings for ``text``, sorted by position; offsets are code-point indexes.

    ``path`` only chooses the mode: a source file extension (``.py``, ``.js``,
    ``.c`` ...) turns on the Trojan Source rules (every bidi control in a
    comment, string or code is reported, MS103..MS105) and makes suppression
    markers count only in comments.  ``select``/``ignore`` take codes or
    prefixes (``"MS1,MS208"``).

    Four stages, each judging the text as the fixes of the stages before
    it will leave it: single characters (bidi, invisible, controls), then
    UTF-8 read as Windows-1252, then ZWNJ/ZWJ, then words and numbers.

    >>> [(f.start, f.code, f.fix) for f in check("pa\\N{ZERO WIDTH SPACE}y می\\u200cخواهم")]
    [(2, 'MS201', '')]
    """
    syntax: Syntax | None = syntax_for_path(path)
    spans: list[Span] = []
    starts: list[int] = []
    if syntax is not None:
        spans = lex(text, syntax)
        starts = [s.start for s in spans]
    comments = [s for s in spans if s.kind == "comment"] if syntax is not None else None
    keep = _Filter(text, select, ignore, comments)

    def finish(found: Iterable[Finding]) -> list[Finding]:
        found = list(found)
        if syntax is not None:
            found = _escape_in_strings(found, spans, starts, text)
        return keep(found)

    chars = finish(
        [
            *(_bidi_source(text, spans, starts) if syntax is not None else _bidi_text(text)),
            *invisible_findings(text),
            *control_findings(text),
        ]
    )
    view = _View(text, chars)
    mojibake = finish(view.to_input(f) for f in mojibake_findings(view.text))
    if mojibake:
        # A C1 control inside a repaired run is part of it, not a problem of its own.
        chars = [f for f in chars if f.code != "MS502" or not _inside(f, mojibake)]
        chars += mojibake
        view = _View(text, chars)
    # A joiner's neighbours may be other joiners; when one is replaced by an
    # escape (in a string literal) the next may lose its letter, so repeat.
    joiners: list[Finding] = []
    while True:
        found = finish(view.to_input(f) for f in invisible_findings(view.text, joiners=True))
        joiners += found
        view = _View(text, chars + joiners)
        if not found or syntax is None:
            break
    words = keep(view.to_input(f) for f in word_findings(view.text))
    findings = chars + joiners + words
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with the fix of every finding applied; findings without a fix are skipped.

    Fixes are applied from the start; one that overlaps a fix already applied
    is skipped (run :func:`fix` to repeat until nothing changes).

    >>> apply_fixes("ab\\u200bc", check("ab\\u200bc"))
    'abc'
    """
    out: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.fix is None or f.start < pos:
            continue
        out.append(text[pos : f.start])
        out.append(f.fix)
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def fix(
    text: str,
    *,
    path: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    rounds: int = 4,
) -> str:
    """Check and apply fixes until nothing changes (at most ``rounds`` times): ``--fix``.

    One round is enough for almost all text; a second catches a fix that
    exposes another finding (removing an invisible character that split a
    spoofed word, for instance).
    """
    for _ in range(rounds):
        fixed = apply_fixes(text, check(text, path=path, select=select, ignore=ignore))
        if fixed == text:
            break
        text = fixed
    return text


def format_finding(finding: Finding, path: str, lines: LineIndex) -> str:
    """``path:line:col: CODE message`` (1-based line and column, column in code points)."""
    line, col = lines.line_col(finding.start)
    return f"{path}:{line}:{col}: {finding.code} {finding.message}"


def finding_to_dict(finding: Finding, path: str, lines: LineIndex) -> dict[str, Any]:
    """A JSON-ready record of one finding, with both offsets and line/column positions."""
    line, col = lines.line_col(finding.start)
    end_line, end_col = lines.line_col(finding.end)
    return {
        "path": path,
        "line": line,
        "column": col,
        "end_line": end_line,
        "end_column": end_col,
        "start": finding.start,
        "end": finding.end,
        "code": finding.code,
        "message": finding.message,
        "fix": finding.fix,
    }
