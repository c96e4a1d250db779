"""What kind of text a file holds: prose, Markdown, or source code in some syntax.

Why :mod:`identify`: it is the library pre-commit uses for a hook's
``types``, so the files ``mixscript`` treats as Python, PHP or shell are the
ones pre-commit hands it as such; a list of our own would drift from it
(PHP, JSON, SQL and scripts known only by their shebang were once missed).
The kind comes from the file name first, then from the first line's
``#!`` interpreter; a project adds extensions of its own with
``[tool.mixscript.extension]`` (``"tpl" = "php"``), as ruff's ``extension``
setting does.

The kind decides two things.  ``check`` applies the source-code rules
(every bidi control reported, fixes that keep the program) to every kind but
prose and Markdown.  ``normalize`` edits only what a reader reads as text:
comments in source code, prose outside code in Markdown and HTML
(:mod:`mixscript.text.regions`).

A language identify names but the lexer of :mod:`mixscript.text.source_code`
does not know is still source code (:data:`GENERIC`): ``check`` reports every
bidi control in it, fixes nothing automatically, and ``normalize`` leaves it
alone.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from identify import identify

from mixscript.text.source_code import GENERIC, SYNTAXES, Syntax

__all__ = ["PROSE", "FileKind", "file_kind", "kind_for_tag", "syntax_for_path"]


@dataclass(frozen=True, slots=True)
class FileKind:
    """A file's kind: ``name`` is ``"prose"``, ``"markdown"`` or ``"code"``.

    ``syntax`` says where comments and strings are (None for prose and
    Markdown); ``tag`` is the identify tag that decided (``"python"``,
    ``"jupyter"``), empty for prose.
    """

    name: str
    syntax: Syntax | None = None
    tag: str = ""

    @property
    def is_code(self) -> bool:
        """Whether the source-code rules apply (HTML, notebooks and JSON included)."""
        return self.name == "code"


PROSE = FileKind("prose")
MARKDOWN = FileKind("markdown", tag="markdown")

# identify tags, in the order they are looked for (more specific first: a
# notebook is also tagged json, a C++ header also c).
_TAGS: tuple[tuple[str, str], ...] = tuple(
    (tag, syntax)
    for syntax, tags in (
        ("json", "jupyter"),
        ("python", "python python3 python2 cython pyi pyz"),
        ("php", "php"),
        ("component", "vue svelte"),
        ("javascript", "javascript jsx ts tsx json5 coffee"),
        (
            "c",
            "c c++ objective-c objective-c++ c# c#script java kotlin scala dart groovy "
            "solidity cuda proto glsl hlsl zig d",
        ),
        ("go", "go"),
        ("rust", "rust"),
        ("swift", "swift"),
        ("perl", "perl"),
        ("ruby", "ruby"),
        ("lua", "lua"),
        ("sql", "sql plpgsql"),
        ("json", "json geojson"),
        ("assembly", "asm"),
        ("css", "css scss less sass"),
        ("html", "html xhtml xml svg xsl"),
        ("po", "pofile"),
        ("yaml/toml", "yaml toml"),
        (
            "shell",
            "shell sh bash zsh ksh fish makefile dockerfile r tcl awk powershell dotenv gitignore",
        ),
    )
    for tag in tags.split()
)
_SYNTAX_BY_TAG = {tag: SYNTAXES[name] for tag, name in _TAGS}
_MARKDOWN_TAGS = frozenset(("markdown", "mdx"))
# Tags that say how a file is stored or written, not which language it is in,
# and text formats that are read as prose.
_NOT_LANGUAGES = frozenset(
    (
        "text",
        "binary",
        "file",
        "executable",
        "non-executable",
        "symlink",
        "directory",
        "socket",
        "header",
        "image",
        "plain-text",
        "rst",
        "asciidoc",
        "csv",
        "tsv",
        "tex",
        "bib",
    )
)
#: Names a configuration may give besides identify's tags.
OWN_KINDS = frozenset(("prose", "text", "markdown", "code"))


def kind_for_tag(tag: str) -> FileKind:
    """The kind identify's ``tag`` (or ``prose``, ``markdown``, ``code``) stands for.

    >>> kind_for_tag("php").syntax.name, kind_for_tag("plain-text").name
    ('php', 'prose')
    >>> kind_for_tag("haskell").syntax.name
    'generic'
    """
    if tag in _MARKDOWN_TAGS:
        return MARKDOWN
    if tag in ("prose", "text") or tag in _NOT_LANGUAGES:
        return PROSE
    if tag == "code":
        return FileKind("code", GENERIC, "code")
    return FileKind("code", _SYNTAX_BY_TAG.get(tag, GENERIC), tag)


def _kind_of_tags(tags: set[str] | frozenset[str]) -> FileKind | None:
    if not tags:  # the usual case (no name, no #! line): nothing to look up
        return None
    for tag, _ in _TAGS:
        if tag in tags:
            return kind_for_tag(tag)
    if tags & _MARKDOWN_TAGS:
        return MARKDOWN
    languages = sorted(tags - _NOT_LANGUAGES)
    if languages:
        return kind_for_tag(languages[0])
    if tags:
        return PROSE
    return None


def _shebang_tags(first_line: str) -> frozenset[str]:
    if not first_line.startswith("#!"):
        return frozenset()
    line = first_line.splitlines()[0] if first_line else ""
    try:
        command = identify.parse_shebang(io.BytesIO(line.encode("utf-8") + b"\n"))
    except (OSError, ValueError):  # pragma: no cover - identify reads a line and splits it
        return frozenset()
    if not command:
        return frozenset()
    return frozenset(identify.tags_from_interpreter(command[0]))


def file_kind(
    name: str | None, first_line: str = "", extensions: Mapping[str, str] | None = None
) -> FileKind:
    """The kind of a file called ``name`` whose text starts with ``first_line``.

    ``extensions`` maps a file extension (without the dot) to an identify tag
    or to ``prose``/``markdown``/``code``; it is looked at first.  A name
    that identify does not know (or no name, as for standard input) falls
    back to the ``#!`` line, then to prose.

    >>> file_kind("src/app.php").syntax.name, file_kind("notes.md").name
    ('php', 'markdown')
    >>> file_kind("deploy", "#!/usr/bin/env bash").syntax.name
    'shell'
    >>> file_kind("page.tpl", extensions={"tpl": "html"}).syntax.name
    'html'
    >>> file_kind(None).name, file_kind("README.txt").name
    ('prose', 'prose')
    """
    if name:
        base = PurePath(name).name
        if extensions:
            suffix = PurePath(base).suffix.lstrip(".")
            chosen = extensions.get(suffix) or extensions.get(suffix.lower())
            if chosen is not None:
                return kind_for_tag(chosen)
        found = _kind_of_tags(identify.tags_from_filename(base))
        if found is not None and found.name != "prose":
            return found
        by_shebang = _kind_of_tags(_shebang_tags(first_line))
        return by_shebang or found or PROSE
    return _kind_of_tags(_shebang_tags(first_line)) or PROSE


def syntax_for_path(path: str | None, first_line: str = "") -> Syntax | None:
    """The source syntax for a file name (and first line); None for prose and Markdown.

    >>> syntax_for_path("src/app.py").name, syntax_for_path("a/b.tsx").name
    ('python', 'javascript')
    >>> syntax_for_path("README.md") is None, syntax_for_path(None) is None
    (True, True)
    """
    return file_kind(path, first_line).syntax
