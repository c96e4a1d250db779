"""Jupyter notebooks: the source rules applied to each cell's source, positions in the file.

Why not check a notebook as the JSON it is: a cell's code is a JSON string,
so a bidi control in a Python string literal of a cell is, to a JSON lexer,
just a character in a string, and the JSON escape ``\\u202e`` as a fix would
change nothing in the cell (the notebook decodes it back to the control).
So each cell's source is decoded, checked as what it is (code in the
notebook's language, Markdown, or raw text), and the findings are mapped
back to offsets in the file; a fix is written back JSON-encoded, so a
Python escape in a cell becomes ``\\\\u202e`` in the file.  Everything outside
the cells' sources (metadata, outputs) gets the JSON rules.

The strings of the file are matched to the parsed notebook in document
order, which :func:`json.loads` keeps, so no JSON parser of our own is
needed beyond a scanner for string tokens.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace

from mixscript.model import Finding

__all__ = ["notebook_findings"]

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})?|\\.", re.DOTALL)

Check = Callable[[str, str], list[Finding]]


def _strings_in_order(value: object, cell: int | None = None) -> Iterator[int | None]:
    """For every string of a parsed JSON value in document order (keys before their
    values): the index of the cell whose source it is part of, else None."""
    if isinstance(value, str):
        yield cell
    elif isinstance(value, dict):
        for item in value.values():
            yield None  # the key
            yield from _strings_in_order(item, cell)
    elif isinstance(value, list):
        for item in value:
            yield from _strings_in_order(item, cell)


def _notebook_strings(notebook: dict[str, object]) -> Iterator[int | None]:
    """:func:`_strings_in_order` for a notebook, marking the strings of each cell's source."""
    for key, item in notebook.items():
        yield None
        if key != "cells" or not isinstance(item, list):
            yield from _strings_in_order(item)
            continue
        for index, cell in enumerate(item):
            if not isinstance(cell, dict):
                yield from _strings_in_order(cell)
                continue
            for ckey, cvalue in cell.items():
                yield None
                yield from _strings_in_order(cvalue, index if ckey == "source" else None)


def _decode_map(text: str, start: int, end: int) -> tuple[str, list[int], list[int]]:
    """A JSON string token ``text[start:end]`` decoded, with each character's raw start and end."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = start + 1
    stop = end - 1
    while i < stop:
        m = _ESCAPE.match(text, i) if text[i] == "\\" else None
        raw = m.group() if m else text[i]
        decoded = json.loads(f'"{raw}"') if m else raw
        # A surrogate pair is one character; a lone escape that is not a pair
        # may decode to two (one per \\u): each gets the whole escape's span.
        for ch in decoded:
            out.append(ch)
            starts.append(i)
            ends.append(i + len(raw))
        i += len(raw)
    return "".join(out), starts, ends


def _cell_language(notebook: dict[str, object]) -> str:
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        for key, field in (("kernelspec", "language"), ("language_info", "name")):
            entry = metadata.get(key)
            if isinstance(entry, dict) and isinstance(entry.get(field), str):
                return str(entry[field]).lower()
    return "python"


def notebook_findings(text: str, check: Check) -> list[Finding] | None:
    """Findings for a notebook file, or None when ``text`` is not a notebook (then: JSON rules).

    ``check(source, kind)`` checks one cell's source as ``kind`` (an identify
    tag); it is also called on the whole file with ``"json"``.
    """
    try:
        notebook = json.loads(text)
    except ValueError:
        return None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return None
    tokens = [(m.start(), m.end()) for m in _STRING.finditer(text)]
    owners = list(_notebook_strings(notebook))
    if len(owners) != len(tokens):  # duplicate keys or an unusual writer: JSON rules
        return None
    sources: dict[int, list[tuple[int, int]]] = {}
    for owner, token in zip(owners, tokens, strict=True):
        if owner is not None:
            sources.setdefault(owner, []).append(token)
    language = _cell_language(notebook)
    cells = notebook["cells"]
    assert isinstance(cells, list)
    found: list[Finding] = []
    covered: list[tuple[int, int]] = []
    for index, spans in sorted(sources.items()):
        cell = cells[index]
        assert isinstance(cell, dict)
        cell_type = str(cell.get("cell_type"))
        kind = {"code": language, "markdown": "markdown"}.get(cell_type, "prose")
        found += _cell_findings(text, spans, kind, check)
        covered += spans
    covered.sort()
    starts = [a for a, _ in covered]

    def in_a_cell(f: Finding) -> bool:
        k = bisect_right(starts, f.start) - 1
        return k >= 0 and f.end <= covered[k][1]

    found += [f for f in check(text, "json") if not in_a_cell(f)]
    found.sort(key=lambda f: (f.start, f.end, f.code))
    return found


def _cell_findings(
    text: str, spans: list[tuple[int, int]], kind: str, check: Check
) -> list[Finding]:
    decoded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    token_of: list[int] = []
    for k, (a, b) in enumerate(spans):
        piece, s, e = _decode_map(text, a, b)
        decoded.append(piece)
        starts += s
        ends += e
        token_of += [k] * len(piece)
    source = "".join(decoded)
    out = []
    for f in check(source, kind):
        if f.end <= f.start or f.end > len(source):
            continue
        start, end = starts[f.start], ends[f.end - 1]
        fix = f.fix
        if fix is not None:
            same_token = token_of[f.start] == token_of[f.end - 1]
            fix = json.dumps(fix, ensure_ascii=False)[1:-1] if same_token else None
        out.append(replace(f, start=start, end=end, fix=fix))
    return out
