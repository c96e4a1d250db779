"""Bidi controls that reorder text or stay open: the Trojan Source judgement, made once.

``normalize`` (the ``bidi_controls`` step) removes exactly what ``check``
reports as MS101/MS102, so both call :func:`unbalanced_bidi_controls`.
"""

from __future__ import annotations

import re

from mixscript.text.breaks import LINE_BREAKS, line_break_class
from mixscript.unicode.chars import (
    BIDI_CONTROLS,
    EMBEDDINGS,
    ISOLATES,
    OVERRIDES,
    PDF,
    PDI,
)

__all__ = ["unbalanced_bidi_controls"]

_CONTROL_OR_BREAK = re.compile(
    "[" + line_break_class(BIDI_CONTROLS) + line_break_class(LINE_BREAKS) + "]"
)


def unbalanced_bidi_controls(text: str) -> list[int]:
    """Indexes of bidi controls that override order or are not balanced within their line.

    LRO/RLO are always listed, with the PDF that closes them (they reorder
    characters: the Trojan Source attack).  Embeddings and isolates are
    listed when a line ends with them still open, and a PDF/PDI that closes
    nothing is listed too.  UAX #9 ends every embedding at a paragraph end, so
    balance is judged per line.

    >>> unbalanced_bidi_controls("a\\u2067b\\u2069 c\\u202ad")
    [6]
    >>> unbalanced_bidi_controls("x\\u202eab\\u202c")
    [1, 4]
    """
    bad: list[int] = []
    stack: list[tuple[int, str]] = []
    for m in _CONTROL_OR_BREAK.finditer(text):
        i, ch = m.start(), m.group()
        if ch in LINE_BREAKS:
            bad.extend(pos for pos, _ in stack)
            stack.clear()
        elif ch in OVERRIDES:
            bad.append(i)
            stack.append((i, "override"))
        elif ch in EMBEDDINGS:
            stack.append((i, "embed"))
        elif ch in ISOLATES:
            stack.append((i, "isolate"))
        elif ch == PDF:
            if stack and stack[-1][1] != "isolate":
                if stack.pop()[1] == "override":
                    bad.append(i)  # goes with the override it closes
            else:
                bad.append(i)
        elif ch == PDI:
            # A PDI closes the nearest open isolate and every embedding inside it.
            kinds = [kind for _, kind in stack]
            if "isolate" in kinds:
                while stack and stack[-1][1] != "isolate":
                    bad.append(stack.pop()[0])
                stack.pop()
            else:
                bad.append(i)
    bad.extend(pos for pos, _ in stack)
    return sorted(set(bad))
