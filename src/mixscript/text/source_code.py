"""Comments and string literals in source files, for the Trojan Source check.

Why a lexer at all: CVE-2021-42574 hides bidi controls inside comments and
string literals, where compilers accept them, so ``mixscript check`` must tell
a control in a comment (delete it) from one in a string (replace it with an
escape, so the program keeps the same string but a reviewer sees it).  A full
parser per language is not needed for that: comment and string boundaries
follow a few rules shared by whole families of languages, which
:class:`Syntax` records.  The lexer never fails; on input that is not valid
code it still returns spans, and an unterminated string ends at the line end
(or the end of the text, for quotes that may span lines).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from mixscript.text.breaks import EDITOR_LINE_ENDS

__all__ = [
    "GENERIC",
    "SYNTAXES",
    "Span",
    "Syntax",
    "escape_keeps_value",
    "lex",
    "tokens_stay_apart",
    "visible_around",
]


@dataclass(frozen=True, slots=True)
class Syntax:
    """How one family of languages writes comments, strings and a code point escape.

    ``escape`` is a :meth:`str.format` template taking ``cp`` (the code point as
    an int) that is valid inside the quotes in ``escaping_quotes``; strings in
    other quotes, or with a prefix in ``raw_prefixes``, get no escape fix.
    """

    name: str
    line_comments: tuple[str, ...]
    block_comments: tuple[tuple[str, str], ...]
    quotes: tuple[str, ...]
    multiline_quotes: tuple[str, ...] = ()
    triple_quotes: bool = False
    escape: str | None = None
    escaping_quotes: tuple[str, ...] = ()
    raw_prefixes: str = ""
    no_escape_prefixes: str = ""
    regex_literals: bool = False
    """JavaScript's ``/.../`` regular expressions: quotes and ``//`` inside are not tokens."""
    delimited_raw: bool = False
    """C++ raw strings, ``R"delim(...)delim"``: quotes and ``//`` inside are text."""
    comment_after_space: bool = False
    """A line comment starts only at a line start or after white space.

    Shell (``${#list[@]}``, ``$#``) and YAML (``http://host/#top``) use ``#``
    inside words without starting a comment."""


@dataclass(frozen=True, slots=True)
class Span:
    """A comment or string literal: ``text[start:end]``, delimiters included.

    ``escape`` is the code point escape template usable inside this literal,
    or None (comments, raw strings, quotes without escapes).
    """

    start: int
    end: int
    kind: str  # "comment" | "string"
    escape: str | None
    opener: int = 0
    """Length of the opening delimiter (``#``, ``/*``, ``"``); for comments only."""
    closer: int = 0
    """Length of the closing delimiter (``*/``; 0 for line comments and unclosed ones)."""

    @property
    def body(self) -> tuple[int, int]:
        """``(start, end)`` of a comment's text without its delimiters."""
        return self.start + self.opener, self.end - self.closer


_PY = Syntax(
    "python",
    ("#",),
    (),
    ('"', "'"),
    triple_quotes=True,
    escape="\\u{cp:04x}",
    escaping_quotes=('"', "'"),
    raw_prefixes="rR",
    no_escape_prefixes="bB",
)
_C = Syntax(
    "c",
    ("//",),
    (("/*", "*/"),),
    ('"', "'"),
    escape="\\u{cp:04X}",
    escaping_quotes=('"', "'"),
    delimited_raw=True,
)
_JS = Syntax(
    "javascript",
    ("//",),
    (("/*", "*/"),),
    ('"', "'", "`"),
    multiline_quotes=("`",),
    escape="\\u{cp:04X}",
    escaping_quotes=('"', "'", "`"),
    regex_literals=True,
)
_GO = Syntax(
    "go",
    ("//",),
    (("/*", "*/"),),
    ('"', "'", "`"),
    multiline_quotes=("`",),
    escape="\\u{cp:04X}",
    escaping_quotes=('"', "'"),
)
# Rust: no single quotes (lifetimes would open a "string" up to the line end).
_RUST = Syntax(
    "rust", ("//",), (("/*", "*/"),), ('"',), escape="\\u{{{cp:X}}}", escaping_quotes=('"',)
)
_SWIFT = Syntax(
    "swift", ("//",), (("/*", "*/"),), ('"',), escape="\\u{{{cp:X}}}", escaping_quotes=('"',)
)
_HASH = Syntax("shell", ("#",), (), ('"', "'"), comment_after_space=True)
_RUBY = Syntax("ruby", ("#",), (), ('"', "'"), escape="\\u{cp:04X}", escaping_quotes=('"',))
_DATA = Syntax(
    "yaml/toml",
    ("#",),
    (),
    ('"', "'"),
    escape="\\u{cp:04X}",
    escaping_quotes=('"',),
    comment_after_space=True,
)

_PHP = Syntax(
    "php",
    ("//", "#"),
    (("/*", "*/"),),
    ('"', "'", "`"),
    multiline_quotes=('"', "'", "`"),
    escape="\\u{{{cp:X}}}",
    escaping_quotes=('"',),
)
_PERL = Syntax("perl", ("#",), (), ('"', "'"), escape="\\x{{{cp:X}}}", escaping_quotes=('"',))
_LUA = Syntax(
    "lua",
    ("--",),
    (("--[[", "]]"),),
    ('"', "'"),
    escape="\\u{{{cp:X}}}",
    escaping_quotes=('"', "'"),
)
# JSON has no comments; a notebook is JSON too (its cells are strings of it).
_JSON = Syntax("json", (), (), ('"',), escape="\\u{cp:04x}", escaping_quotes=('"',))
# SQL doubles a quote to escape it and has no code point escape in standard strings.
_SQL = Syntax("sql", ("--",), (("/*", "*/"),), ("'", '"'), multiline_quotes=("'", '"'))
_ASM = Syntax("assembly", (";", "#", "//"), (("/*", "*/"),), ('"', "'"))
_CSS = Syntax("css", (), (("/*", "*/"),), ('"', "'"))
# HTML and XML: comments only.  Text between tags is prose, and quotes in it
# are apostrophes, so attribute values are not lexed as strings.
_HTML = Syntax("html", (), (("<!--", "-->"),), ())
# Vue and Svelte components: JavaScript with HTML comments in the template.
_COMPONENT = Syntax(
    "component",
    ("//",),
    (("<!--", "-->"), ("/*", "*/")),
    ('"', "'", "`"),
    multiline_quotes=("`",),
    escape="\\u{cp:04X}",
    escaping_quotes=('"', "'", "`"),
    regex_literals=True,
)
_PO = Syntax("po", ("#",), (), ('"',), comment_after_space=True)
#: A language :mod:`identify` names but this lexer does not know: no comments
#: or strings are found, every bidi control counts as code, and no fix is
#: applied automatically (a deletion might be inside a string literal).
GENERIC = Syntax("generic", (), (), ())

SYNTAXES: dict[str, Syntax] = {
    s.name: s
    for s in (
        _PY,
        _C,
        _JS,
        _GO,
        _RUST,
        _SWIFT,
        _HASH,
        _RUBY,
        _DATA,
        _PHP,
        _PERL,
        _LUA,
        _JSON,
        _SQL,
        _ASM,
        _CSS,
        _HTML,
        _COMPONENT,
        _PO,
        GENERIC,
    )
}
"""Every syntax by name."""


def _string_prefix(text: str, i: int) -> str:
    """The identifier characters just before the quote at ``i`` (``rb`` in ``rb"x"``)."""
    j = i
    while j > 0 and text[j - 1].isalnum():
        j -= 1
    return text[j:i]


# After these (or at the start of a line) a slash starts a regular expression,
# not a division: an operator or an opening bracket comes before an operand.
_BEFORE_REGEX = frozenset("(,=:[!&|?{};+-*%<>~^")
_REGEX_KEYWORDS = ("return", "typeof", "case", "do", "else", "in", "of", "void", "yield")


def _regex_literal_end(text: str, i: int) -> int | None:
    """End of the JavaScript regular expression literal starting at ``i``, or None.

    A heuristic on the previous token (a full parser would know whether an
    operand or an operator is expected); the literal must close on its line.

    >>> t = 'x = /"[/]/g; // c'
    >>> t[4:_regex_literal_end(t, 4)]
    '/"[/]/g'
    >>> _regex_literal_end("a / b / c", 2) is None
    True
    """
    if text.startswith(("//", "/*"), i):
        return None
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j >= 0 and text[j] not in "\r\n" and text[j] not in _BEFORE_REGEX:
        word_end = j + 1
        while j >= 0 and (text[j].isalnum() or text[j] in "_$"):
            j -= 1
        if text[j + 1 : word_end] not in _REGEX_KEYWORDS:
            return None
    k = i + 1
    in_class = False
    while k < len(text) and text[k] not in "\r\n":
        c = text[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            k += 1
            while k < len(text) and text[k].isalpha():
                k += 1
            return k
        k += 1
    return None


def _delimited_raw_end(text: str, i: int) -> int | None:
    """End of the C++ raw string whose quote is at ``i``, or None if it is not one.

    The delimiter is at most 16 characters, without spaces, parentheses or
    backslashes; the string ends at the first ``)delimiter"``.

    >>> t = 'R"x(a")" // b)x" // c'
    >>> t[:_delimited_raw_end(t, 1)]
    'R"x(a")" // b)x"'
    """
    open_paren = text.find("(", i + 1, i + 18)
    if open_paren < 0:
        return None
    delimiter = text[i + 1 : open_paren]
    if any(c in delimiter for c in ' ()\\\t\n"'):
        return None
    close = text.find(f'){delimiter}"', open_paren + 1)
    return len(text) if close < 0 else close + len(delimiter) + 2


_LINE_END = re.compile("[" + re.escape("".join(sorted(EDITOR_LINE_ENDS))) + "]")


@lru_cache(maxsize=64)
def _starts_pattern(syntax: Syntax) -> re.Pattern[str]:
    """The characters where a comment, string or regular expression of ``syntax`` may start."""
    firsts = {c[0] for c in syntax.line_comments}
    firsts |= {b[0][0] for b in syntax.block_comments}
    firsts |= set(syntax.quotes)
    if syntax.regex_literals:
        firsts.add("/")
    if not firsts:
        return re.compile(r"(?!)")
    return re.compile("[" + re.escape("".join(sorted(firsts))) + "]")


@lru_cache(maxsize=64)
def _string_stops(delim: str, escapes: bool, single_line: bool) -> re.Pattern[str]:
    """Where a string opened by ``delim`` may end or escape: its quote, a backslash, a line end."""
    chars = {delim[0]}
    if escapes:
        chars.add("\\")
    if single_line:
        chars |= set(EDITOR_LINE_ENDS)
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def lex(text: str, syntax: Syntax) -> list[Span]:
    """The comments and string literals of ``text``, in order, not overlapping.

    >>> [(s.kind, s.start, s.end) for s in lex('x = "a#b"  # c', SYNTAXES["python"])]
    [('string', 4, 9), ('comment', 11, 14)]
    """
    spans: list[Span] = []
    n = len(text)
    starts = _starts_pattern(syntax)
    i = 0
    while i < n:
        # Jump to the next character that can start a comment, string or regex.
        found = starts.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        # Block comments first: Lua's ``--[[`` starts with its line comment ``--``.
        block = next((b for b in syntax.block_comments if text.startswith(b[0], i)), None)
        if block is not None:
            close = text.find(block[1], i + len(block[0]))
            end = n if close < 0 else close + len(block[1])
            closer = 0 if close < 0 else len(block[1])
            spans.append(Span(i, end, "comment", None, len(block[0]), closer))
            i = end
            continue
        comment = next((c for c in syntax.line_comments if text.startswith(c, i)), None)
        if comment is not None and syntax.comment_after_space and i and not text[i - 1].isspace():
            comment = None
        if comment is not None:
            line_end = _LINE_END.search(text, i)
            end = n if line_end is None else line_end.start()
            spans.append(Span(i, end, "comment", None, len(comment), 0))
            i = end
            continue
        if ch == "/" and syntax.regex_literals:
            regex_end = _regex_literal_end(text, i)
            if regex_end is not None:
                spans.append(Span(i, regex_end, "string", None))
                i = regex_end
                continue
        if ch in syntax.quotes:
            prefix = _string_prefix(text, i)
            if syntax.delimited_raw and ch == '"' and prefix.endswith("R"):
                raw_end = _delimited_raw_end(text, i)
                if raw_end is not None:
                    spans.append(Span(i, raw_end, "string", None))
                    i = raw_end
                    continue
            raw = any(p in syntax.raw_prefixes for p in prefix)
            no_escape = raw or any(p in syntax.no_escape_prefixes for p in prefix)
            delim = ch
            if syntax.triple_quotes and text.startswith(ch * 3, i):
                delim = ch * 3
            multiline = len(delim) == 3 or ch in syntax.multiline_quotes
            # Go's backquoted strings: a backslash is just a backslash there.
            verbatim = ch in syntax.multiline_quotes and ch not in syntax.escaping_quotes
            stops = _string_stops(delim, not verbatim, not multiline)
            j = i + len(delim)
            end = n
            while j < n:
                stop = stops.search(text, j)
                if stop is None:
                    break
                j = stop.start()
                if text[j] == "\\" and not verbatim:
                    j += 2
                    continue
                if text.startswith(delim, j):
                    end = j + len(delim)
                    break
                if text[j] in EDITOR_LINE_ENDS and not multiline:
                    end = j
                    break
                j += 1
            escape = None
            if syntax.escape is not None and ch in syntax.escaping_quotes and not no_escape:
                escape = syntax.escape
            spans.append(Span(i, min(end, n), "string", escape))
            i = min(end, n)
            continue
        i += 1
    return spans


_QUOTES = frozenset("\"'`")
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def _hidden(ch: str) -> bool:
    """Characters ``check`` may delete: they do not separate tokens to a reader."""
    cat = unicodedata.category(ch)
    return (
        (cat in ("Cf", "Cc", "Co", "Cn", "Cs") and not ch.isspace())
        or ch in _FILLERS
        or "\ufe00" <= ch <= "\ufe0f"
    )


def _visible_neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and _hidden(text[j]):
        j += step
    return text[j] if 0 <= j < len(text) else ""


def tokens_stay_apart(before: str, after: str) -> bool:
    """Whether ``before`` and ``after`` stay separate tokens once nothing is between them.

    Not when that glues two punctuation characters (``/`` + ``/`` becomes a
    comment, ``*`` + ``/`` ends one) or a letter to a quote (``r`` + ``"``
    becomes a raw string prefix).
    """
    if not before or not after or before.isspace() or after.isspace():
        return True
    if all(unicodedata.category(ch)[0] in "PS" for ch in (before, after)):
        return False
    return not any(
        quote in _QUOTES and (other.isalnum() or other == "_")
        for quote, other in ((before, after), (after, before))
    )


def visible_around(text: str, pos: int) -> tuple[str, str]:
    """The nearest visible characters before ``pos`` and at or after it."""
    return _visible_neighbour(text, pos, -1), _visible_neighbour(text, pos - 1, 1)


def escape_keeps_value(text: str, i: int) -> bool:
    """Whether an escape written in place of ``text[i]`` is read as one: no backslash before it.

    After an odd run of backslashes the first one would escape the escape's
    own backslash.

    >>> escape_keeps_value('"a\\u200b"', 2), escape_keeps_value('"\\\\\u200b"', 2)
    (True, False)
    """
    j = i
    while j > 0 and text[j - 1] == "\\":
        j -= 1
    return (i - j) % 2 == 0
