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

import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

from mixscript.text.breaks import EDITOR_LINE_ENDS

__all__ = [
    "Span",
    "Syntax",
    "escape_keeps_value",
    "lex",
    "syntax_for_path",
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
)
_JS = Syntax(
    "javascript",
    ("//",),
    (("/*", "*/"),),
    ('"', "'", "`"),
    multiline_quotes=("`",),
    escape="\\u{cp:04X}",
    escaping_quotes=('"', "'", "`"),
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
_HASH = Syntax(
    "shell",
    ("#",),
    (),
    ('"', "'"),
)
_RUBY = Syntax("ruby", ("#",), (), ('"', "'"), escape="\\u{cp:04X}", escaping_quotes=('"',))
_DATA = Syntax("yaml/toml", ("#",), (), ('"', "'"), escape="\\u{cp:04X}", escaping_quotes=('"',))

_BY_SUFFIX: dict[str, Syntax] = {}
for _syntax, _suffixes in (
    (_PY, "py pyi pyw pyx"),
    (_C, "c h cc cpp cxx hpp hh hxx c++ h++ cs java kt kts scala dart m mm groovy"),
    (_JS, "js mjs cjs jsx ts tsx mts cts"),
    (_GO, "go"),
    (_RUST, "rs"),
    (_SWIFT, "swift"),
    (_HASH, "sh bash zsh ksh fish mk"),
    (_RUBY, "rb"),
    (_DATA, "yaml yml toml"),
):
    for _suffix in _suffixes.split():
        _BY_SUFFIX["." + _suffix] = _syntax


def syntax_for_path(path: str | None) -> Syntax | None:
    """The source syntax for a file name, by extension; None for prose and unknown files.

    >>> syntax_for_path("src/app.py").name, syntax_for_path("a/b.tsx").name
    ('python', 'javascript')
    >>> syntax_for_path("README.md") is None, syntax_for_path(None) is None
    (True, True)
    """
    if not path:
        return None
    name = PurePath(path).name
    if name in ("Makefile", "Dockerfile"):
        return _HASH
    return _BY_SUFFIX.get(PurePath(name).suffix.lower())


def _string_prefix(text: str, i: int) -> str:
    """The identifier characters just before the quote at ``i`` (``rb`` in ``rb"x"``)."""
    j = i
    while j > 0 and text[j - 1].isalnum():
        j -= 1
    return text[j:i]


def lex(text: str, syntax: Syntax) -> list[Span]:
    """The comments and string literals of ``text``, in order, not overlapping.

    >>> [(s.kind, s.start, s.end) for s in lex('x = "a#b"  # c', syntax_for_path("f.py"))]
    [('string', 4, 9), ('comment', 11, 14)]
    """
    spans: list[Span] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        comment = next((c for c in syntax.line_comments if text.startswith(c, i)), None)
        if comment is not None:
            end = i
            while end < n and text[end] not in EDITOR_LINE_ENDS:
                end += 1
            spans.append(Span(i, end, "comment", None))
            i = end
            continue
        block = next((b for b in syntax.block_comments if text.startswith(b[0], i)), None)
        if block is not None:
            close = text.find(block[1], i + len(block[0]))
            end = n if close < 0 else close + len(block[1])
            spans.append(Span(i, end, "comment", None))
            i = end
            continue
        if ch in syntax.quotes:
            prefix = _string_prefix(text, i)
            raw = any(p in syntax.raw_prefixes for p in prefix)
            no_escape = raw or any(p in syntax.no_escape_prefixes for p in prefix)
            delim = ch
            if syntax.triple_quotes and text.startswith(ch * 3, i):
                delim = ch * 3
            multiline = len(delim) == 3 or ch in syntax.multiline_quotes
            # Go's backquoted strings: a backslash is just a backslash there.
            verbatim = ch in syntax.multiline_quotes and ch not in syntax.escaping_quotes
            j = i + len(delim)
            end = n
            while j < n:
                c = text[j]
                if c == "\\" and not verbatim:
                    j += 2
                    continue
                if text.startswith(delim, j):
                    end = j + len(delim)
                    break
                if c in EDITOR_LINE_ENDS and not multiline:
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
