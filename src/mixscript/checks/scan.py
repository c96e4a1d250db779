"""``check``: Trojan Source bidi controls, invisible characters, mixed-script words.

The checks are tuned to be left on in a multilingual repository: they report
what a reader cannot see or would misread, and stay silent on what Persian,
Urdu and Arabic need (ZWNJ/ZWJ between Arabic-script letters, RLM/LRM marks,
Arabic punctuation and digits, one-letter Arabic proclitics on Latin words).

The rules live in one module per group (:mod:`.bidi_checks`,
:mod:`.invisibles`, :mod:`.mixed_words`, :mod:`.encoding_checks`) and the
codes in :mod:`.check_codes`; this module runs them in order, applies
``select``/``ignore`` and suppression markers, and applies fixes.

Everything the command line needs is here: :func:`check`,
:func:`apply_fixes`, :func:`line_col` / :class:`LineIndex`,
:func:`parse_codes`, :func:`format_finding`, :func:`finding_to_dict` and
:func:`icu_note`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from mixscript import _core
from mixscript.checks.bidi import bidi_source_findings, bidi_text_findings, span_at
from mixscript.checks.codes import CODES, CodeInfo, parse_codes
from mixscript.checks.confusables import ICU_NOTE, icu_note, spoof_checker
from mixscript.checks.encoding import control_findings, mojibake_findings
from mixscript.checks.invisibles import invisible_findings
from mixscript.checks.suppress import MARKER, Suppressions
from mixscript.checks.words import word_findings
from mixscript.model import Finding
from mixscript.text.edits import Edit, EditedText, apply_edits, first_fit
from mixscript.text.kinds import PROSE, FileKind, file_kind, kind_for_tag
from mixscript.text.lines import LineIndex, line_col
from mixscript.text.source_code import (
    GENERIC,
    Span,
    Syntax,
    escape_keeps_value,
    lex,
    tokens_stay_apart,
    visible_around,
)
from mixscript.text.valid import validate

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


def _source_fixes(
    findings: list[Finding], spans: list[Span], starts: list[int], text: str
) -> list[Finding]:
    """In source files, fixes that keep the program: escapes in strings, no token gluing.

    Deleting a character from a string changes what the program does; the
    escape keeps the value and makes the character visible.  An escape right
    after a backslash is not offered (see also :func:`_keep_tokens_apart`).
    """
    out = []
    for f in findings:
        if f.fix == "" and f.end == f.start + 1:
            span = span_at(spans, starts, f.start)
            if span is not None and span.kind == "string" and span.escape is not None:
                f = replace(f, fix=span.escape.format(cp=ord(text[f.start])))
        if f.fix and f.fix.startswith("\\") and not escape_keeps_value(text, f.start):
            f = replace(f, fix=None)
        out.append(f)
    return out


def _keep_tokens_apart(text: str, findings: list[Finding]) -> list[Finding]:
    """Drop the fix of a deletion that would glue two tokens of the fixed source file.

    Judged on the text as all fixes leave it: ``/`` + ZWSP + ``/`` must not
    become a comment, nor ``r`` + ZWSP + a quote a raw string.
    """
    fixed = _View(text, first_fit(_fix_edits(findings)))
    out = []
    for f in findings:
        if f.fix == "":
            before, after = visible_around(fixed.text, fixed.position(f.start))
            if not tokens_stay_apart(before, after):
                f = replace(f, fix=None)
        out.append(f)
    return out


_ID_JOINERS = frozenset(("\u200c", "\u200d"))


def _identifier_char(ch: str) -> bool:
    return bool(ch) and (ch == "_" or ch == "$" or unicodedata.category(ch)[0] in "LMN")


def _keep_program(
    text: str, findings: list[Finding], spans: list[Span], starts: list[int], syntax: Syntax
) -> list[Finding]:
    """Drop every fix that could change what the program does (``check --fix`` never renames).

    A fix is kept when it lies inside one comment; inside a string literal
    only when it is the escape of the one character it replaces (the
    literal's value stays); in code only when it deletes one character that
    is not part of an identifier: not ZWNJ/ZWJ next to a letter (identifier
    characters in JavaScript and in Unicode's ``ID_Continue``), and not
    between two identifier characters, which would join them into one name.
    In a language the lexer does not know (:data:`GENERIC`) nothing is fixed.
    """
    out = []
    for f in findings:
        if f.fix is not None and not _fix_keeps_program(text, f, spans, starts, syntax):
            f = replace(f, fix=None)
        out.append(f)
    return out


def _fix_keeps_program(
    text: str, f: Finding, spans: list[Span], starts: list[int], syntax: Syntax
) -> bool:
    if syntax is GENERIC:
        return False
    span = span_at(spans, starts, f.start)
    if span is not None and f.end > span.end:
        return False
    if span is not None and span.kind == "comment":
        return True
    if span is not None:  # a string literal
        if f.end != f.start + 1 or span.escape is None:
            return False
        return f.fix == span.escape.format(cp=ord(text[f.start])) and f.fix.startswith("\\")
    if f.fix != "" or f.end != f.start + 1:
        return False
    before, after = visible_around(text, f.start)
    if text[f.start] in _ID_JOINERS and (_identifier_char(before) or _identifier_char(after)):
        return False
    return not (_identifier_char(before) and _identifier_char(after))


class _View(EditedText):
    """``text`` with some one-character fixes applied, and where each character came from.

    The word checks and the joiner check look at this view rather than at
    the input: they must judge the text as it will read after the fixes of
    the other checks (a deleted ZWSP no longer splits a word), or a second
    ``--fix`` run would find something new.  The fixes are chosen as
    :func:`apply_fixes` chooses them.
    """

    __slots__ = ()

    def __init__(self, text: str, edits: list[Edit]) -> None:
        """``edits``: the fixes as :func:`first_fit` chooses them."""
        super().__init__(text, edits)

    def to_input(self, finding: Finding) -> Finding:
        """``finding`` (offsets into the view) with offsets into the input."""
        # Built directly: dataclasses.replace costs more than the check of a short line.
        return Finding(
            self.origin(finding.start),
            self.origin(finding.end - 1, end=True),
            finding.code,
            finding.message,
            finding.fix,
        )


def _fixed_view(text: str, findings: list[Finding]) -> _View | None:
    """The :class:`_View` of ``text`` with the fixes of ``findings``; None when none has a fix.

    Without a fix the view would be ``text`` itself, every offset mapping to
    itself, so ``check`` judges ``text`` directly and keeps the findings as
    they are (most lines of mixed text: a ZWNJ finding and no fix before it).
    """
    if all(f.fix is None for f in findings):
        return None
    return _View(text, first_fit(_fix_edits(findings)))


def _to_input(view: _View | None, findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` on ``view`` (see :func:`_fixed_view`) with offsets into the input."""
    if view is None:
        return list(findings)
    return [view.to_input(f) for f in findings]


def _word_stage(text: str, fixes: list[Finding]) -> list[Finding]:
    """The word findings (MS3xx, MS4xx) of ``text`` as ``fixes`` leave it, with offsets into ``text``.

    Most lines of mixed text have a fix (a ZWNJ that does nothing, deleted)
    and nothing the word rules look at.  The core says so from the text and
    the edits (:func:`mixscript._core.edited_words_to_look_at`, the same
    scan :func:`word_findings` starts from, on the same edited text), and
    the view is not built.  :func:`word_findings` blanks escape sequences
    before that scan, which the core does not: a backslash in the text or in
    a fix takes the long way.
    """
    edits = first_fit(_fix_edits(fixes))
    if not edits:
        return list(word_findings(text))
    if (
        "\\" not in text
        and not any("\\" in replacement for _, _, replacement in edits)
        and not _core.edited_words_to_look_at(text, edits, spoof_checker() is not None)
    ):
        return []
    view = _View(text, edits)
    return [view.to_input(f) for f in word_findings(view.text)]


def _fix_edits(findings: Iterable[Finding]) -> Iterator[Edit]:
    """The fixes of ``findings`` as edits, in the findings' order."""
    return ((f.start, f.end, f.fix) for f in findings if f.fix is not None)


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
        if not (self.selected or self.ignored or self.sup is not None):
            return list(findings)  # the usual case: nothing to filter
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


def _first_line(text: str) -> str:
    end = text.find("\n", 0, 4096)
    return text[: end if end >= 0 else 4096]


def text_kind(text: str, path: str | None = None, kind: str | None = None) -> FileKind:
    """The kind ``check`` gives ``text``: ``kind`` (an identify tag) if given, else by name and ``#!``."""
    if kind is not None:
        return kind_for_tag(kind)
    if path is None and not text.startswith("#!"):
        # No name and no ``#!`` line: prose, as file_kind finds (most calls:
        # a line at a time), without copying the first line to look at it.
        return PROSE
    return file_kind(path, _first_line(text))


def check(
    text: str,
    *,
    path: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    kind: str | None = None,
) -> list[Finding]:
    """Findings for ``text``, sorted by position; offsets are code-point indexes.

    ``path`` only chooses the mode, through :func:`mixscript.text.kinds.file_kind`
    (the file name as pre-commit's ``identify`` reads it, then a ``#!`` first
    line); ``kind`` (an identify tag such as ``"php"``, or ``"prose"``) overrides
    it.  Source code of any language turns on the Trojan Source rules (every
    bidi control in a comment, string or code is reported, MS103..MS105),
    makes suppression markers count only in comments, and keeps only fixes
    that leave the program as it was: an escape for a character in a string
    literal, a deletion in a comment or between tokens, never a change to an
    identifier or to a literal's value (those findings have ``fix=None``).
    ``select``/``ignore`` take codes or prefixes (``"MS1,MS208"``).

    Four stages, each judging the text as the fixes of the stages before
    it will leave it: single characters (bidi, invisible, controls), then
    UTF-8 read as Windows-1252, then ZWNJ/ZWJ, then words and numbers.

    >>> [(f.start, f.code, f.fix) for f in check("pa\\N{ZERO WIDTH SPACE}y می\\u200cخواهم")]
    [(2, 'MS201', '')]
    """
    if not isinstance(text, str):
        validate(text)  # the TypeError; a lone surrogate is a finding here, not an error
    if path is not None and not isinstance(path, str):
        raise TypeError(f"path must be str or None, not {type(path).__name__}")
    file_kind_ = text_kind(text, path, kind)
    if file_kind_.tag == "jupyter":
        from mixscript.checks.notebook import notebook_findings

        cells = notebook_findings(
            text, lambda source, tag: check(source, select=select, ignore=ignore, kind=tag)
        )
        if cells is not None:
            return cells
    scan = _core.check_scan(text, spoof_checker() is not None)
    if scan is None:
        # Most lines hold nothing any rule looks at (no bidi control, mark,
        # invisible or control character, no line in two scripts, no number
        # in two digit systems): one pass of the compiled core says so, and
        # none of the stages below would find anything.  Bad codes still raise.
        parse_codes(select), parse_codes(ignore)
        return []
    # Otherwise the same call has listed what the character rules start from.
    unbalanced, candidates, controls, mojibake_possible = scan
    syntax: Syntax | None = file_kind_.syntax
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
            found = _source_fixes(found, spans, starts, text)
        return keep(found)

    chars = finish(
        [
            *(
                bidi_source_findings(text, spans, starts)
                if syntax is not None
                else bidi_text_findings(text, unbalanced)
            ),
            # In source files every ALM is already a bidi finding (MS103..MS105).
            *(
                f
                for f in invisible_findings(text, candidates=candidates)
                if syntax is None or f.code != "MS209"
            ),
            *control_findings(text, controls),
        ]
    )
    view = _fixed_view(text, chars)
    # Without fixes the view is the text, whose scan is known.
    mojibake = (
        finish(_to_input(view, mojibake_findings(text if view is None else view.text)))
        if view is not None or mojibake_possible
        else []
    )
    if mojibake:
        # A C1 control inside a repaired run is part of it, not a problem of its own.
        chars = [f for f in chars if f.code != "MS502" or not _inside(f, mojibake)]
        chars += mojibake
        view = _fixed_view(text, chars)
    # A joiner's neighbours may be other joiners; when one is replaced by an
    # escape (in a string literal) the next may lose its letter, so repeat.
    joiners: list[Finding] = []
    while True:
        seen = {f.start for f in joiners}
        viewed = text if view is None else view.text
        found = [
            f
            for f in finish(
                _to_input(
                    view,
                    invisible_findings(
                        viewed, joiners=True, candidates=None if viewed != text else candidates
                    ),
                )
            )
            if f.start not in seen
        ]
        joiners += found
        if not found or syntax is None:
            break
        view = _fixed_view(text, chars + joiners)
    words = keep(_word_stage(text, chars + joiners))
    findings = chars + joiners + words
    if syntax is not None:
        findings = _keep_tokens_apart(text, findings)
        findings = _keep_program(text, findings, spans, starts, syntax)
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    return findings


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with the fix of every finding applied; findings without a fix are skipped.

    Fixes are applied from the start; one that overlaps a fix already applied
    is skipped (run :func:`fix` to repeat until nothing changes).

    >>> apply_fixes("ab\\u200bc", check("ab\\u200bc"))
    'abc'
    """
    return apply_edits(text, first_fit(_fix_edits(findings)))


def fix(
    text: str,
    *,
    path: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    rounds: int = 4,
    kind: str | None = None,
) -> str:
    """Check and apply fixes until nothing changes (at most ``rounds`` times): ``--fix``.

    One round is enough for almost all text; a second catches a fix that
    exposes another finding (removing an invisible character that split a
    spoofed word, for instance).
    """
    for _ in range(rounds):
        found = check(text, path=path, select=select, ignore=ignore, kind=kind)
        fixed = apply_fixes(text, found)
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
